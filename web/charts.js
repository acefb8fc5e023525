// Horizontal bar charts drawn as SVG (no chart library): one bar per value
// of a /stats/initiatives table, with its count.
import { formatNumber, t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 18;
const LABEL = 150;
const WIDTH = 300;

function el(name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function shorten(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// figure: the <figure> to fill; title: its caption; stats: the JSON of
// /stats/initiatives?by=... (rows.values: value, label, count).
export function renderBarChart(figure, title, stats) {
  const rows = stats.rows.values.map((v) => ({
    label: v.value === 'unknown' ? t('charts.unknown') : v.label,
    count: v.count,
  }));
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = rows.length * ROW + 4;
  const svg = el('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: '100%', role: 'img', 'aria-label': title });
  rows.forEach((r, i) => {
    const y = i * ROW + 2;
    const g = el('g', { class: 'bar' });
    const label = el('text', { x: LABEL - 6, y: y + ROW * 0.68, 'text-anchor': 'end' }, shorten(r.label, 24));
    label.append(el('title', {}, r.label));
    const w = ((WIDTH - LABEL - 34) * r.count) / max;
    g.append(label, el('rect', { x: LABEL, y: y + 3, width: Math.max(w, r.count ? 1 : 0), height: ROW - 6, rx: 2 }),
      el('text', { x: LABEL + w + 4, y: y + ROW * 0.68, class: 'count' }, formatNumber(r.count)));
    svg.append(g);
  });
  const caption = document.createElement('figcaption');
  caption.textContent = `${title} · ${t('charts.total')} ${formatNumber(stats.total)}`;
  figure.replaceChildren(caption, svg);
}
