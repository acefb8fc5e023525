// "Comparar ediciones": the map coloured by the change between two contest
// editions (/coverage?compare=contest:A,B), either by category (newly
// covered, no longer covered, covered in both, in neither) or on a
// diverging scale of the change in count or per 100,000, each with its own
// legend; the unit panel's A and B counts. The pure parts (reading the
// parameter, the classes) are exported for node's test runner.
import { NO_DATA_COLOR } from './classify.js';
import { filterParams, getJson } from './api.js';
import { formatNumber, t } from './i18n.js';

export const COMPARE_METRICS = ['change', 'count_change', 'per_100k_change'];
export const CHANGES = ['newly_covered', 'no_longer_covered', 'covered_in_both', 'covered_in_neither'];
export const CHANGE_COLORS = {
  newly_covered: '#1a9850',
  no_longer_covered: '#d73027',
  covered_in_both: '#4575b4',
  covered_in_neither: '#f4c7b5',
};
// Decrease (red) to increase (blue), the middle tone for no change.
export const DIVERGING = ['#b2182b', '#ef8a62', '#f7f7f7', '#67a9cf', '#2166ac'];
const MAX_TEXT = 200;

// compare=contest:A,B (the server's syntax): { attribute, a, b }, or
// undefined when the text is not one.
export function parseCompare(text) {
  const m = /^(contest|year):([^,]+),([^,]+)$/.exec(String(text));
  if (!m || text.length > MAX_TEXT || /[\u0000-\u001f\u007f]/.test(text) || m[2] === m[3]) return undefined;
  return { attribute: m[1], a: m[2], b: m[3] };
}

export const compareText = (a, b) => `contest:${a},${b}`;

// The URL's kind of the parameter (url-state.js).
export const COMPARE_PARAM = { read: (s) => (parseCompare(s) ? s : undefined), write: String };

// The classes of a comparison's units for a metric: { classes, classOf(unit) },
// each class { color, kind, label data (change | min, max), count }.
export function classifyComparison(units, metric) {
  if (metric === 'change') {
    const classes = CHANGES.map((change) => ({ color: CHANGE_COLORS[change], kind: 'change', change, count: 0 }));
    const classOf = (u) => CHANGES.indexOf(u.change);
    for (const u of units) if (classOf(u) >= 0) classes[classOf(u)].count += 1;
    return { classes, classOf };
  }
  // Five bands symmetric around 0: strong and mild decrease, no change,
  // mild and strong increase (the half of the largest change divides them).
  const values = units.map((u) => u[metric]);
  const half = Math.max(0, ...values.map(Math.abs)) / 2;
  const band = (v) => (v === 0 ? 2 : v < 0 ? (v <= -half ? 0 : 1) : v >= half ? 4 : 3);
  const bands = DIVERGING.map((color, i) => ({ color, kind: 'delta', band: i, min: null, max: null, count: 0 }));
  for (const v of values) {
    const b = bands[band(v)];
    b.count += 1;
    b.min = b.min === null ? v : Math.min(b.min, v);
    b.max = b.max === null ? v : Math.max(b.max, v);
  }
  // Only the bands some unit falls in (a legend without empty rows).
  const classes = bands.filter((b) => b.count > 0);
  const index = new Map(classes.map((c, i) => [c.band, i]));
  return { classes, classOf: (u) => index.get(band(u[metric])) ?? -1 };
}

function signed(v, digits) {
  return `${v > 0 ? '+' : ''}${formatNumber(v, digits)}`;
}

function classLabel(c, digits) {
  if (c.kind === 'change') return t(`compare.change.${c.change}`);
  if (c.min === c.max) return c.min === 0 ? `0 · ${t('compare.no_change')}` : signed(c.min, digits);
  return `${signed(c.min, digits)} – ${signed(c.max, digits)}`;
}

export function renderCompareLegend(list, classes, metric, comparison) {
  const digits = metric === 'per_100k_change' ? 2 : 0;
  const title = document.createElement('li');
  title.className = 'compare-title';
  title.textContent = `${comparison.compare.a} → ${comparison.compare.b}`;
  const items = classes.map((c, i) => {
    const li = document.createElement('li');
    li.dataset.class = String(i);
    if (c.change) li.dataset.change = c.change;
    li.dataset.count = String(c.count);
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = c.color;
    li.append(swatch, document.createTextNode(`${classLabel(c, digits)} (${formatNumber(c.count)})`));
    return li;
  });
  const none = document.createElement('li');
  none.dataset.class = 'none';
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.style.background = NO_DATA_COLOR;
  none.append(swatch, document.createTextNode(t('legend.no_data')));
  list.replaceChildren(title, ...items, none);
}

export function compareUrl(state) {
  const q = new URLSearchParams({ level: state.level, division: state.division, compare: state.compare });
  // The server refuses the contest filter with a comparison of contests.
  const { contest: _ignored, ...filters } = filterParams(state.filters);
  for (const [k, v] of Object.entries(filters)) q.set(k, v);
  return `/coverage?${q}`;
}

// The control: a switch, editions A and B among the data's contests and the
// metric. With fewer than two editions it is disabled with a note.
export class CompareControls {
  // state(): the app's state (compare, compare_metric); onChange(what):
  // 'compare' when the editions change, 'metric' when only the colours do.
  constructor(root, { state, onChange }) {
    this.root = root;
    this.state = state;
    this.onChange = onChange;
    this.contests = [];
  }

  async load() {
    const table = await getJson('/stats/initiatives?by=contest');
    this.contests = table.rows.values.filter((v) => v.value !== 'unknown' && v.value !== '' && v.count > 0).map((v) => v.value);
    this.render();
  }

  render() {
    const s = this.state();
    const parsed = s.compare ? parseCompare(s.compare) : null;
    const enough = this.contests.length >= 2;
    const on = document.createElement('input');
    on.type = 'checkbox';
    on.id = 'compare-on';
    on.checked = Boolean(parsed);
    on.disabled = !enough;
    const onLabel = document.createElement('label');
    onLabel.className = 'row';
    onLabel.append(on, document.createTextNode(` ${t('compare.on')}`));
    const note = document.createElement('p');
    note.id = 'compare-note';
    note.className = 'hint';
    note.hidden = enough;
    note.textContent = t('compare.one_edition');
    const select = (id, label, values, labelOf, value) => {
      const row = document.createElement('div');
      row.className = 'row';
      const l = document.createElement('label');
      l.htmlFor = id;
      l.textContent = t(label);
      const sel = document.createElement('select');
      sel.id = id;
      sel.append(...values.map((v) => new Option(labelOf(v), v)));
      if (value) sel.value = value;
      sel.disabled = !on.checked;
      row.append(l, sel);
      return [row, sel];
    };
    const [rowA, a] = select('compare-a', 'compare.a', this.contests, (v) => v, parsed?.a ?? this.contests[0]);
    const [rowB, b] = select('compare-b', 'compare.b', this.contests, (v) => v, parsed?.b ?? this.contests[1]);
    const [rowM, metric] = select('compare-metric', 'compare.metric', COMPARE_METRICS, (m) => t(`compare.metric.${m}`), s.compare_metric);
    const apply = () => {
      const text = on.checked && a.value !== b.value ? compareText(a.value, b.value) : null;
      for (const sel of [a, b, metric]) sel.disabled = !on.checked;
      if (text === s.compare) return;
      s.compare = text;
      this.onChange('compare');
    };
    on.addEventListener('change', apply);
    a.addEventListener('change', apply);
    b.addEventListener('change', apply);
    metric.addEventListener('change', () => { s.compare_metric = metric.value; this.onChange('metric'); });
    this.root.replaceChildren(onLabel, note, ...(enough ? [rowA, rowB, rowM] : []));
  }

  // The comparison of the state, or null (none asked, or the server refused
  // it: a link's unknown edition is dropped, not shown as an error).
  async fetch(state) {
    if (!state.compare) return null;
    try {
      return await getJson(compareUrl(state));
    } catch (e) {
      if (e.status !== 400) throw e;
      state.compare = null;
      this.render();
      return null;
    }
  }

  // Colours the map and writes the legend for a comparison.
  paint(map, legend, comparison, metric) {
    const { classes, classOf } = classifyComparison(comparison.units, metric);
    map.paint(comparison.units, classOf, classes);
    renderCompareLegend(legend, classes, metric, comparison);
    legend.dataset.metric = `compare:${metric}`;
  }

  // The unit's counts in A and B and the change, in the panel (hidden
  // without a comparison).
  static showUnit(el, comparison, code) {
    const u = comparison?.units.find((x) => x.code === code);
    el.hidden = !u;
    if (!u) { el.textContent = ''; return; }
    const { a, b } = comparison.compare;
    el.dataset.change = u.change;
    el.textContent = `${a}: ${formatNumber(u.count_a)} · ${b}: ${formatNumber(u.count_b)} · ${t('compare.change')} ${signed(u.count_change, 0)}`
      + ` (${signed(u.per_100k_change, 2)} ${t('tooltip.per_100k')}) · ${t(`compare.change.${u.change}`)}`;
  }
}
