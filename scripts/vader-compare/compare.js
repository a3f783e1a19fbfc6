// Compares gold labels with VADER (vader-sentiment, run here) and Touchpulse (JSON lines from `touchpulse.jar sentiment`).
// usage: node compare.js EVAL.tsv TOUCHPULSE_OUTPUT.jsonl [touchpulse_seconds]
'use strict';
const fs = require('fs');
const vader = require('vader-sentiment');

const [tsvPath, ourPath, ourSeconds] = process.argv.slice(2);
const rows = fs.readFileSync(tsvPath, 'utf8').split('\n').slice(1).filter(l => l.trim())
  .map(l => { const [label, category, ...rest] = l.split('\t'); return { label, category, text: rest.join('\t') }; });
const ours = fs.readFileSync(ourPath, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l).label);
if (ours.length !== rows.length) throw new Error(`touchpulse output has ${ours.length} lines, eval set ${rows.length}`);

const label = c => c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
const t0 = process.hrtime.bigint();
const REPEAT = 20;
let vaderLabels;
for (let i = 0; i < REPEAT; i++) {
  vaderLabels = rows.map(r => label(vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound));
}
const vaderSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

function metrics(pred) {
  const classes = ['positive', 'neutral', 'negative'];
  let correct = 0;
  const f1s = classes.map(c => {
    let tp = 0, fp = 0, fn = 0;
    rows.forEach((r, i) => {
      if (pred[i] === c && r.label === c) tp++;
      else if (pred[i] === c) fp++;
      else if (r.label === c) fn++;
    });
    const p = tp / Math.max(1, tp + fp), rc = tp / Math.max(1, tp + fn);
    return p + rc === 0 ? 0 : 2 * p * rc / (p + rc);
  });
  rows.forEach((r, i) => { if (pred[i] === r.label) correct++; });
  const byCategory = {};
  rows.forEach((r, i) => {
    const b = byCategory[r.category] = byCategory[r.category] || { n: 0, ok: 0 };
    b.n++; if (pred[i] === r.label) b.ok++;
  });
  return {
    accuracy: +(correct / rows.length).toFixed(4),
    macro_f1: +(f1s.reduce((a, b) => a + b, 0) / 3).toFixed(4),
    accuracy_by_category: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, +(v.ok / v.n).toFixed(3)])),
  };
}

const out = {
  texts: rows.length,
  touchpulse: metrics(ours),
  vader: metrics(vaderLabels),
  vader_texts_per_s_one_core: Math.round(rows.length * REPEAT / vaderSeconds),
};
if (ourSeconds) out.touchpulse_seconds_for_cli_run = +ourSeconds;
console.log(JSON.stringify(out, null, 2));
