// Touchpulse live page. One snapshot at a time (from GET api/stream, or composed from the REST API when
// EventSource is unavailable) re-renders every section. Customer-written text is everywhere, so the DOM is built
// with createElement/textContent only: no data is ever parsed as HTML.
'use strict';

const MIN_EVENTS = 20;          // fewer events than this: the rate is noisy, the cell is faded
const POLL_MS = 5000;
const STALE_MS = 12000;         // no update for this long: the "updated" time turns amber
const TYPE_LABELS = {
  BROKEN_PROMISE: ['Broken promise', '#ff7b72'], UNCOORDINATED_CONTACT: ['Uncoordinated contact', '#f0a35e'],
  SURVEY_FATIGUE: ['Survey fatigue', '#c4a0ff'], REPEAT_CONTACT: ['Repeat contact', '#6cb6ff'],
  TONE_DEAF_OUTREACH: ['Tone-deaf outreach', '#ff8fc7'], LOYALTY_PENALTY: ['Loyalty penalty', '#e3d35c'],
};

// ---------- small DOM helpers ----------
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'style') Object.assign(e.style, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids.flat(Infinity)) {
    if (k == null || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}
const $ = id => document.getElementById(id);
function fill(id, ...kids) { $(id).replaceChildren(...kids.flat(Infinity).filter(k => k != null && k !== false)); }
function empty(text) { return el('div', { class: 'empty' }, text); }
function sectionError(snap, name) {
  const e = snap.errors && snap.errors[name];
  return e ? el('div', { class: 'error' }, 'Not available right now: ' + e) : null;
}

// ---------- formatting ----------
const pct = (v, d = 1) => v == null ? '–' : (100 * v).toFixed(d) + '%';
const num = (v, d = 0) => v == null ? '–' : Number(v).toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });
const money = v => v == null ? '–' : '€' + Math.round(v).toLocaleString('en-GB');
function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (isNaN(d)) return String(iso);
  // a bare time for the last 20 hours; older events carry their date so "06:02" never means three days ago
  const recent = Math.abs(Date.now() - d) < 20 * 3600e3;
  return d.toLocaleString('en-GB', recent ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
function ago(iso, nowIso) {
  const t = Date.parse(iso), now = Date.parse(nowIso) || Date.now();
  if (isNaN(t)) return '';
  const s = Math.round((now - t) / 1000);
  if (s < 0 || s > 86400 * 2) return new Date(t).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
  if (s < 60) return s + 's ago';
  if (s < 3600) return Math.round(s / 60) + 'm ago';
  return Math.floor(s / 3600) + 'h ' + Math.round((s % 3600) / 60) + 'm ago';
}
function metricValue(metric, v) {
  if (v == null) return '–';
  if (/rate|share/.test(metric)) return pct(v);
  if (/ms$/.test(metric)) return num(v) + ' ms';
  return num(v, Number.isInteger(v) ? 0 : 1);
}
// enum names (NEGATIVE_VERBATIM) and snake_case (churn_intent) read as words
const label = s => { const t = String(s || '').replace(/_/g, ' '); return t === t.toUpperCase() ? t.toLowerCase() : t; };
function heat(rate) {
  // quiet when healthy, loud when not: muted teal at 0%, amber around 15%, saturated red from 35%
  const x = Math.max(0, Math.min(1, rate / 0.35));
  return `hsl(${Math.round(165 - 165 * x)}, ${28 + 42 * x}%, ${21 + 19 * x}%)`;
}
function terms(list) {
  return el('div', { class: 'chips' }, (list || []).map(t => el('span', { class: 'chip' }, t.term, el('i', {}, t.count))));
}

// ---------- state ----------
let last = null;              // latest snapshot
let lastAt = 0;               // when it arrived (browser clock)
let selectedCell = null;      // 'segment|touchpoint'
const openEvidence = new Set();

// Sections re-render only when their data changed: a list being read, hovered or clicked is not rebuilt under the
// mouse every tick, and scroll positions stay put.
const SECTIONS = [
  [renderHeatmap, s => [s.touchpoints, s.alerts, s.errors.touchpoints]],
  [renderAlerts, s => [s.alerts, s.errors.alerts]],
  [renderCustomers, s => [s.customers, s.errors.customers]],
  [renderIssues, s => [s.journeyIssues, s.errors.journeyIssues]],
  [renderTrends, s => [s.trends, s.errors.trends]],
  [renderIdeas, s => [s.ideas, s.errors.ideas]],
];
const rendered = new Map();

function render(snap) {
  snap.errors = snap.errors || {};
  last = snap;
  lastAt = Date.now();
  renderHeader(snap);
  for (const [fn, key] of SECTIONS) {
    const k = JSON.stringify(key(snap));
    if (rendered.get(fn) !== k) {
      rendered.set(fn, k);
      fn(snap);
    }
  }
}

function renderHeader(snap) {
  const p = snap.pipeline || {};
  const state = $('state');
  state.textContent = p.state || 'UNKNOWN';
  state.style.color = p.ready ? 'var(--ok)' : 'var(--warn)';
  $('updated').textContent = new Date(snap.generatedAt).toLocaleTimeString('en-GB');
  const tps = snap.touchpoints || [];
  const ends = tps.map(h => h.windowEnd).sort();
  const starts = tps.map(h => h.windowStart).sort();
  $('window').textContent = ends.length ? time(starts[starts.length - 1]) + '–' + time(ends[ends.length - 1]) : '–';
  const events = tps.reduce((a, h) => a + h.events, 0), dissat = tps.reduce((a, h) => a + h.dissatisfied, 0);
  $('k-alerts').textContent = (snap.alerts || []).length;
  $('kpi-alerts').classList.toggle('alarm', (snap.alerts || []).length > 0);
  $('k-dissat').textContent = events ? pct(dissat / events) : '–';
  $('k-events').textContent = num(events);
  $('k-risk').textContent = (snap.customers || []).filter(c => c.band === 'high' || c.band === 'critical').length;
  $('k-issues').textContent = (snap.journeyIssues || []).length;
}

// ---------- heatmap ----------
function renderHeatmap(snap) {
  const rows = snap.touchpoints || [];
  const byKey = new Map(rows.map(h => [h.segment + '|' + h.touchpoint, h]));
  const alerting = new Set((snap.alerts || []).map(a => a.segment + '|' + a.touchpoint));
  const segs = [...new Set(rows.map(h => h.segment))].sort();
  const tps = [...new Set(rows.map(h => h.touchpoint))].sort();
  if (!rows.length) {
    fill('heatmap', sectionError(snap, 'touchpoints'),
      empty('No final window yet: the first one closes about a minute of event time after the start.'));
    fill('legend');
    fill('cell-detail', empty('Cell details appear here.'));
    return;
  }
  if (!selectedCell || !byKey.has(selectedCell)) {
    // open on the cell that needs attention most, so the detail panel is never idle
    const worst = rows.filter(h => h.events >= MIN_EVENTS).sort((a, b) => b.dissatisfiedRate - a.dissatisfiedRate)[0] || rows[0];
    selectedCell = worst.segment + '|' + worst.touchpoint;
  }
  const head = el('tr', {}, el('th', {}), tps.map(t => el('th', { scope: 'col' }, t)));
  const body = segs.map(s => el('tr', {}, el('th', { scope: 'row' }, s), tps.map(t => {
    const key = s + '|' + t, h = byKey.get(key);
    if (!h) return el('td', { class: 'none', title: 'no events in the window' });
    const cls = ['cell', h.events < MIN_EVENTS && 'thin', alerting.has(key) && 'alerting', key === selectedCell && 'sel'].filter(Boolean).join(' ');
    return el('td', {
      class: cls, 'data-key': key, style: { background: heat(h.dissatisfiedRate) }, title: tooltip(h, alerting.has(key)),
      onclick: () => { selectedCell = key; renderHeatmap(last); },
    }, el('div', { class: 'r' }, pct(h.dissatisfiedRate, 0)), el('div', { class: 'n' }, num(h.events)));
  })));
  fill('heatmap', sectionError(snap, 'touchpoints'), el('table', { class: 'heat' }, el('thead', {}, head), el('tbody', {}, body)));
  const stops = [0, .07, .14, .21, .28, .35].map(r => heat(r)).join(',');
  fill('legend', el('span', {}, '0%'), el('span', { class: 'bar', style: { background: `linear-gradient(90deg, ${stops})` } }), el('span', {}, '35%+'));
  renderCellDetail(byKey.get(selectedCell), alerting.has(selectedCell), snap);
}

function tooltip(h, alerting) {
  const lines = [`${h.segment} × ${h.touchpoint}`, `${num(h.events)} events, dissatisfied ${pct(h.dissatisfiedRate)}`,
    `errors ${pct(h.errorRate)} · p95 ${h.latencyP95Ms == null ? '–' : num(h.latencyP95Ms) + ' ms'} · zero-result ${pct(h.zeroResultRate)}`];
  if (h.unansweredRate != null) lines.push(`unanswered questions ${pct(h.unansweredRate)}`);
  if ((h.topNegativeTerms || []).length) lines.push('terms: ' + h.topNegativeTerms.slice(0, 5).map(t => t.term).join(', '));
  if (h.events < MIN_EVENTS) lines.push('few events: the rate is noisy');
  if (alerting) lines.push('ALERT FIRING');
  return lines.join('\n');
}

function metric(l, v, bad) {
  return el('div', { class: 'metric' }, el('div', { class: 'l' }, l), el('div', { class: 'v' + (bad ? ' bad' : '') }, v));
}

function renderCellDetail(h, alerting, snap) {
  if (!h) { fill('cell-detail', empty('Click a cell for its window.')); return; }
  const reasons = Object.entries(h.reasonCounts || {}).filter(r => r[1] > 0).sort((a, b) => b[1] - a[1]);
  const verbatims = (h.sampleVerbatims || []).slice(0, 2);
  fill('cell-detail',
    el('h3', {}, h.segment, el('span', { class: 'dim' }, ' × '), h.touchpoint, alerting ? el('span', { class: 'badge sev-critical', style: { marginLeft: '8px' } }, 'alert firing') : null),
    el('div', { class: 'muted' }, `window ${time(h.windowStart)}–${time(h.windowEnd)} · ≈${num(h.distinctCustomers)} customers`),
    el('div', { class: 'metrics' },
      metric('events', num(h.events)),
      metric('dissatisfied', pct(h.dissatisfiedRate), h.dissatisfiedRate >= 0.15),
      // only what this touchpoint measures: web requests, searches, questions, texts, surveys
      h.requests ? [metric('error rate', pct(h.errorRate), h.errorRate >= 0.05),
        metric('latency p95', h.latencyP95Ms == null ? '–' : num(h.latencyP95Ms) + ' ms')] : null,
      h.searches ? metric('zero-result searches', pct(h.zeroResultRate), h.zeroResultRate >= 0.2) : null,
      h.unansweredRate != null ? metric('unanswered questions', pct(h.unansweredRate), h.unansweredRate >= 0.3) : null,
      h.textEvents ? [metric('sentiment', num(h.meanSentiment, 2), h.meanSentiment < -0.2),
        metric('negative texts', pct(h.negativeShare), h.negativeShare >= 0.4)] : null,
      h.csatCount ? metric('CSAT', num(h.csatMean, 1) + ' / 5', h.csatMean < 3) : null,
      h.npsCount ? metric('NPS', num(h.nps), h.nps < 0) : null),
    reasons.length ? [el('div', { class: 'label' }, 'why dissatisfied'),
      el('div', { class: 'chips' }, reasons.map(([k, v]) => el('span', { class: 'chip' }, label(k), el('i', {}, v))))] : null,
    (h.topNegativeTerms || []).length ? [el('div', { class: 'label' }, 'top negative terms'), terms(h.topNegativeTerms.slice(0, 8))] : null,
    verbatims.length ? [el('div', { class: 'label' }, 'customers wrote'), verbatims.map(v => el('blockquote', {}, v))] : null);
}

// ---------- alerts ----------
function renderAlerts(snap) {
  const alerts = snap.alerts || [];
  $('c-alerts').textContent = alerts.length;
  if (!alerts.length) { fill('alerts', sectionError(snap, 'alerts'), empty('No firing alerts. All touchpoints are within their usual range.')); return; }
  fill('alerts', sectionError(snap, 'alerts'), alerts.map(a => {
    const ratio = a.baseline > 0 ? ` (×${(a.observed / a.baseline).toFixed(1)})` : '';
    return el('div', { class: 'item alert', 'data-fingerprint': a.fingerprint },
      el('div', { class: 'row' }, el('span', { class: 'badge sev-' + a.severity }, a.severity),
        el('span', { class: 'where' }, a.segment, el('span', { class: 'dim' }, ' · '), a.touchpoint),
        el('span', { class: 'muted' }, label(a.metric)), el('span', { class: 'right' }, 'started ' + ago(a.startsAt, snap.generatedAt))),
      el('div', { class: 'vs' }, 'observed ', el('b', {}, metricValue(a.metric, a.observed)), ' vs expected ', metricValue(a.metric, a.baseline), ratio,
        el('span', { class: 'dim' }, ` · ${num(a.evidence.dissatisfied)} of ${num(a.evidence.events)} events · ≈${num(a.evidence.distinctCustomers)} customers`)),
      el('div', { class: 'summary' }, a.summary),
      (a.evidence.verbatims || []).slice(0, 2).map(v => el('blockquote', {}, v)),
      (a.evidence.topTerms || []).length ? terms(a.evidence.topTerms.slice(0, 6)) : null);
  }));
}

// ---------- customers ----------
function driverLine(d) {
  return el('span', { class: 'd' }, label(d.name), d.detail ? el('i', {}, ' — ' + d.detail) : null);
}
function riskBar(c) {
  return el('span', { class: 'riskbar' }, el('span', { class: 'bg-' + c.band, style: { width: Math.round(100 * c.risk) + '%' } }));
}
function renderCustomers(snap) {
  const cs = snap.customers || [];
  if (!cs.length) { fill('customers', sectionError(snap, 'customers'), empty('No customer at risk right now.')); return; }
  fill('customers', sectionError(snap, 'customers'), el('table', { class: 'list' },
    el('thead', {}, el('tr', {}, el('th', {}, 'customer'), el('th', {}, 'risk'), el('th', {}, 'why'))),
    el('tbody', {}, cs.map(c => el('tr', { class: 'click customer', 'data-id': c.customerId, onclick: () => openCustomer(c.customerId) },
      el('td', { class: 'who' }, el('div', { class: 'mono' }, c.customerId), el('div', { class: 'dim' }, c.segment), el('div', { class: 'dim' }, c.tier)),
      el('td', { style: { whiteSpace: 'nowrap' } }, riskBar(c), ' ', el('b', { class: 'num band-' + c.band }, pct(c.risk, 0)),
        el('div', { class: 'dim' }, c.band, c.valueAtRisk ? ' · ' + money(c.valueAtRisk) + ' at risk' : '')),
      el('td', { class: 'drivers' }, (c.drivers || []).slice(0, 1).map(driverLine),
        (c.drivers || []).length > 1 ? el('span', { class: 'd dim' }, '+ ' + c.drivers.slice(1, 3).map(d => label(d.name)).join(', ')) : null))))));
}

async function openCustomer(id) {
  const d = $('drawer');
  d.classList.add('open');
  d.replaceChildren(closeButton(), el('div', { class: 'muted' }, 'Loading ' + id + '…'));
  try {
    const res = await fetch('api/customers/' + encodeURIComponent(id));
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || res.status);
    renderCustomer(body);
  } catch (e) {
    d.replaceChildren(closeButton(), el('h3', {}, id), el('div', { class: 'error' }, 'Could not load this customer: ' + e.message));
  }
}
function closeButton() { return el('button', { class: 'link close', title: 'close', onclick: () => $('drawer').classList.remove('open') }, '✕'); }
function kv(list) { return el('table', { class: 'list' }, el('tbody', {}, list.map(([k, v]) => el('tr', {}, el('td', { class: 'muted' }, k), el('td', {}, v))))); }

function renderCustomer(c) {
  const promises = c.promises || [], dis = c.recentDissatisfaction || [];
  fill('drawer', closeButton(),
    el('h3', { class: 'mono' }, c.customerId),
    el('div', { class: 'muted' }, [c.segment, c.tier].filter(Boolean).join(' · ')),
    el('div', { style: { margin: '10px 0' } }, riskBar(c), ' ', el('b', { class: 'band-' + c.band }, pct(c.risk, 0) + ' ' + c.band),
      c.sentiment != null ? el('span', { class: 'muted' }, ' · sentiment ' + num(c.sentiment, 2)) : null),
    el('div', { class: 'label' }, 'drivers'),
    (c.drivers || []).length ? el('table', { class: 'list' }, el('tbody', {}, c.drivers.map(d => el('tr', {},
      el('td', {}, el('b', {}, label(d.name)), el('div', { class: 'dim' }, d.detail || '')),
      el('td', { class: 'num', style: { whiteSpace: 'nowrap' } }, el('span', { class: 'score' }, el('span', { style: { width: Math.round(100 * (d.contribution / (c.risk || 1))) + '%' } })),
        ' +' + pct(d.contribution, 0)))))) : el('div', { class: 'dim' }, 'none'),
    el('div', { class: 'label' }, 'contacts by channel'),
    el('div', { class: 'chips' }, Object.entries(c.contacts || {}).map(([k, v]) => el('span', { class: 'chip' }, k, el('i', {}, v)))),
    el('div', { class: 'label' }, 'open cases'),
    el('div', { class: 'chips' }, (c.openCases || []).length ? c.openCases.map(x => el('span', { class: 'chip' }, typeof x === 'object' ? JSON.stringify(x) : x)) : el('span', { class: 'dim' }, 'none')),
    el('div', { class: 'label' }, 'promises'),
    promises.length ? kv(promises.map(p => [p.what, `${p.status} · made ${time(p.madeAt)}${p.dueAt ? ' · due ' + time(p.dueAt) : ''}`])) : el('div', { class: 'dim' }, 'none'),
    el('div', { class: 'label' }, 'surveys'),
    c.surveys ? el('div', {}, `${c.surveys.inPeriod} of ${c.surveys.budget} in the period`, c.surveys.last ? ' · last ' + ago(c.surveys.last) : '') : el('div', { class: 'dim' }, '–'),
    el('div', { class: 'label' }, 'recent dissatisfaction'),
    dis.length ? kv(dis.map(x => [time(x.timestamp) + ' ' + x.touchpoint, (x.reasons || []).map(label).join(', ')])) : el('div', { class: 'dim' }, 'none'),
    el('div', { class: 'label' }, 'journey issues'),
    (c.issues || []).length ? kv(c.issues.map(id => {
      // the snapshot usually holds the issue itself: show what happened, not just its id
      const i = ((last && last.journeyIssues) || []).find(x => x.issueId === id);
      return i ? [(TYPE_LABELS[i.type] || [label(i.type)])[0], i.summary] : ['', id];
    })) : el('div', { class: 'dim' }, 'none'));
}

// ---------- journey issues ----------
function renderIssues(snap) {
  const issues = snap.journeyIssues || [];
  $('c-issues').textContent = issues.length;
  if (!issues.length) { fill('issues', sectionError(snap, 'journeyIssues'), empty('No journey issues found recently.')); return; }
  fill('issues', sectionError(snap, 'journeyIssues'), issues.map(i => {
    const [name, colour] = TYPE_LABELS[i.type] || [label(i.type), '#8794a5'];
    const ev = i.evidence || [], open = openEvidence.has(i.issueId);
    const toggle = () => { open ? openEvidence.delete(i.issueId) : openEvidence.add(i.issueId); renderIssues(last); };
    return el('div', { class: 'item issue', 'data-id': i.issueId, 'data-type': i.type },
      el('div', { class: 'row' }, el('span', { class: 'badge', style: { background: colour } }, name),
        el('button', { class: 'link mono', onclick: () => openCustomer(i.customerId) }, i.customerId),
        el('span', { class: 'dim' }, [i.segment, i.touchpoint, i.topic].filter(Boolean).join(' · ')),
        el('span', { class: 'right' }, ago(i.detectedAt, snap.generatedAt))),
      el('div', { class: 'summary' }, i.summary),
      i.suggestedAction ? el('div', { class: 'action' }, i.suggestedAction) : null,
      ev.length ? el('button', { class: 'link', onclick: toggle }, (open ? '▾ ' : '▸ ') + ev.length + ' events of evidence') : null,
      open ? el('ul', { class: 'evidence' }, ev.map(e => el('li', {},
        el('span', { class: 'dim mono' }, time(e.timestamp) + ' '), el('span', { class: 'role' }, label(e.role)), ' ',
        el('span', { class: 'muted' }, [e.direction && e.direction.toLowerCase(), e.kind && e.kind.toLowerCase(), e.channel, e.touchpoint].filter(Boolean).join(' ')),
        e.text ? el('div', {}, '“' + e.text + '”') : null))) : null);
  }));
}

// ---------- trends and ideas ----------
function renderTrends(snap) {
  const ts = (snap.trends || []).filter(t => t.trending !== false);
  if (!ts.length) { fill('trends', sectionError(snap, 'trends'), empty('No term is trending: searches and texts look as usual.')); return; }
  fill('trends', sectionError(snap, 'trends'), el('table', { class: 'list' },
    el('thead', {}, el('tr', {}, el('th', {}, 'term'), el('th', {}, 'where'), el('th', {}, 'now vs usual'), el('th', {}, 'surprise'))),
    el('tbody', {}, ts.map(t => el('tr', { class: 'trend' },
      el('td', {}, el('b', {}, t.term)), el('td', { class: 'muted' }, t.segment + ' · ' + t.touchpoint),
      el('td', { class: 'num' }, num(t.count), el('span', { class: 'dim' }, ' vs ' + num(t.baseline, 1) + ' · ×' + num(t.lift, 1))),
      el('td', {}, el('span', { class: 'score' }, el('span', { style: { width: Math.round(100 * t.score) + '%' } }))))))));
}

function renderIdeas(snap) {
  const ideas = snap.ideas || [];
  if (!ideas.length) { fill('ideas', sectionError(snap, 'ideas'), empty('No ideas collected yet.')); return; }
  fill('ideas', sectionError(snap, 'ideas'), ideas.map(i => el('div', { class: 'item idea' },
    el('div', { class: 'row' }, el('b', {}, i.theme),
      el('span', { class: 'right' }, `${num(i.mentions)} mentions · ${num(i.customers)} customers`)),
    (i.examples || []).length ? el('blockquote', {}, i.examples[0]) : null)));
}

// ---------- transport: SSE first, REST polling as the fallback ----------
function setConn(mode, text) {
  $('conn').dataset.mode = mode;
  $('conn-text').textContent = text;
  $('conn-dot').className = 'dot ' + ({ live: 'ok', polling: 'warn', offline: 'bad' }[mode] || '');
}

let pollTimer = null;
async function getJson(path) {
  const res = await fetch(path);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
  return body;
}
async function pollOnce() {
  const parts = {
    touchpoints: 'api/touchpoints', alerts: 'api/alerts?status=firing', trends: 'api/trends',
    customers: 'api/customers?limit=15', journeyIssues: 'api/journey-issues?limit=20', ideas: 'api/ideas?limit=10',
  };
  const names = Object.keys(parts);
  const [ready, ...got] = await Promise.allSettled([fetch('health/ready').then(r => r.json()),
    ...names.map(n => getJson(parts[n]))]);
  const snap = { generatedAt: new Date().toISOString(), errors: {} };
  snap.pipeline = ready.status === 'fulfilled' ? { state: ready.value.streams, ready: ready.value.status === 'UP' } : { state: 'UNREACHABLE', ready: false };
  names.forEach((n, k) => {
    if (got[k].status === 'fulfilled') snap[n] = got[k].value;
    else { snap[n] = []; snap.errors[n] = got[k].reason.message; }
  });
  if (got.every(g => g.status === 'rejected') && ready.status === 'rejected') throw new Error('server unreachable');
  render(snap);
}
function startPolling(why) {
  if (pollTimer) return;
  setConn('polling', 'polling' + (why ? ' (' + why + ')' : ''));
  const tick = () => pollOnce().then(() => setConn('polling', 'polling' + (why ? ' (' + why + ')' : '')), () => setConn('offline', 'offline'));
  tick();
  pollTimer = setInterval(tick, POLL_MS);
}
function stopPolling() { clearInterval(pollTimer); pollTimer = null; }

function connect() {
  if (new URLSearchParams(location.search).get('transport') === 'poll' || !('EventSource' in window)) {
    startPolling('no stream');
    return;
  }
  const es = new EventSource('api/stream');
  let fallback = null;
  es.addEventListener('snapshot', e => {
    clearTimeout(fallback); fallback = null;
    stopPolling();
    setConn('live', 'live');
    render(JSON.parse(e.data));
  });
  es.onerror = () => {
    // EventSource retries by itself; if no snapshot comes soon, poll the REST API meanwhile
    setConn('offline', 'reconnecting');
    if (!fallback && !pollTimer) fallback = setTimeout(() => startPolling('stream down'), 6000);
  };
}

setInterval(() => $('updated').classList.toggle('stale', lastAt > 0 && Date.now() - lastAt > STALE_MS), 1000);
document.addEventListener('keydown', e => { if (e.key === 'Escape') $('drawer').classList.remove('open'); });
fill('alerts', empty('Waiting for the first snapshot…'));
connect();
