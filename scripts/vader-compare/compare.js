// Compares gold labels with VADER (vader-sentiment, run here) and Touchpulse (JSON lines from `touchpulse.jar sentiment`),
// on one or more labelled sets: prints a side-by-side table (accuracy, macro-F1, per category), then the numbers as JSON.
// usage: node compare.js NAME=EVAL.tsv,TOUCHPULSE_OUTPUT.jsonl[,touchpulse_seconds] [NAME=...]...
//        node compare.js EVAL.tsv TOUCHPULSE_OUTPUT.jsonl [touchpulse_seconds]      (one set, named after the file)
'use strict';
const fs = require('fs');
const path = require('path');
const vader = require('vader-sentiment');

const args = process.argv.slice(2);
const specs = args.length && args.every(a => a.includes('='))
  ? args.map(a => { const [name, rest] = a.split(/=(.*)/s); const [tsv, ours, secs] = rest.split(','); return { name, tsv, ours, secs }; })
  : [{ name: path.basename(args[0] || '', '.tsv'), tsv: args[0], ours: args[1], secs: args[2] }];
if (!specs.every(s => s.tsv && s.ours)) throw new Error('usage: node compare.js NAME=EVAL.tsv,OURS.jsonl[,seconds] ...');

const CLASSES = ['positive', 'neutral', 'negative'];
const label = c => c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';

function load(spec) {
  const rows = fs.readFileSync(spec.tsv, 'utf8').split('\n').slice(1).filter(l => l.trim())
    .map(l => { const [label, category, ...rest] = l.split('\t'); return { label, category, text: rest.join('\t') }; });
  const ours = fs.readFileSync(spec.ours, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l).label);
  if (ours.length !== rows.length) throw new Error(`${spec.name}: touchpulse output has ${ours.length} lines, eval set ${rows.length}`);
  return { rows, ours };
}

// Accuracy and macro-F1 (over the classes present in gold or predictions, as SentimentEvaluationTest does).
function score(rows, pred, include = () => true) {
  const idx = rows.map((r, i) => i).filter(i => include(rows[i]));
  let correct = 0, sumF1 = 0, classes = 0;
  for (const i of idx) if (pred[i] === rows[i].label) correct++;
  for (const c of CLASSES) {
    let tp = 0, fp = 0, fn = 0;
    for (const i of idx) {
      if (pred[i] === c && rows[i].label === c) tp++;
      else if (pred[i] === c) fp++;
      else if (rows[i].label === c) fn++;
    }
    if (tp + fp + fn === 0) continue;
    const p = tp / Math.max(1, tp + fp), r = tp / Math.max(1, tp + fn);
    sumF1 += p + r === 0 ? 0 : 2 * p * r / (p + r);
    classes++;
  }
  return { n: idx.length, accuracy: +(correct / Math.max(1, idx.length)).toFixed(4), macro_f1: +(sumF1 / Math.max(1, classes)).toFixed(4) };
}

function metrics(rows, pred) {
  const categories = [...new Set(rows.map(r => r.category))];
  const all = score(rows, pred);
  return {
    accuracy: all.accuracy,
    macro_f1: all.macro_f1,
    accuracy_by_category: Object.fromEntries(categories.map(c => [c, +score(rows, pred, r => r.category === c).accuracy.toFixed(3)])),
    macro_f1_by_category: Object.fromEntries(categories.map(c => [c, +score(rows, pred, r => r.category === c).macro_f1.toFixed(3)])),
  };
}

const REPEAT = 20;
const out = { sets: {} };
const lines = [];
let vaderTexts = 0, vaderSeconds = 0;
for (const spec of specs) {
  const { rows, ours } = load(spec);
  const t0 = process.hrtime.bigint();
  let vaderLabels;
  for (let i = 0; i < REPEAT; i++) {
    vaderLabels = rows.map(r => label(vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound));
  }
  vaderSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
  vaderTexts += rows.length * REPEAT;
  const set = { texts: rows.length, touchpulse: metrics(rows, ours), vader: metrics(rows, vaderLabels) };
  if (spec.secs) set.touchpulse_seconds_for_cli_run = +spec.secs;
  out.sets[spec.name] = set;

  const f = x => x.toFixed(3).padStart(7);
  lines.push(`${spec.name} (${rows.length} texts)`);
  lines.push(`  ${'slice'.padEnd(10)} ${'n'.padStart(4)}   ${'touchpulse acc / F1'.padStart(17)}   ${'vader acc / F1'.padStart(17)}`);
  const row = (name, inc) => {
    const a = score(rows, ours, inc), b = score(rows, vaderLabels, inc);
    lines.push(`  ${name.padEnd(10)} ${String(a.n).padStart(4)}   ${f(a.accuracy)} / ${f(a.macro_f1)}   ${f(b.accuracy)} / ${f(b.macro_f1)}`);
  };
  row('ALL', () => true);
  for (const c of Object.keys(set.touchpulse.accuracy_by_category)) row(c, r => r.category === c);
  lines.push('');
}
out.vader_texts_per_s_one_core = Math.round(vaderTexts / vaderSeconds);
console.log(lines.join('\n'));
console.log(JSON.stringify(out, null, 2));
