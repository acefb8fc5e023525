// The legend: one swatch per class with its range, and the "no data" swatch.
import { NO_DATA_COLOR } from './classify.js';
import { formatNumber, t } from './i18n.js';

function rangeLabel(c, digits, unit) {
  if (c.kind === 'gap') return `0 · ${t('legend.gap')}`;
  if (c.kind === 'covered') return t('legend.covered');
  if (c.kind === 'distance_zero') return t('legend.distance_zero');
  const min = formatNumber(c.min, digits);
  if (c.max === null) return `≥ ${min}${unit}`;
  if (c.max <= c.min) return `${min}${unit}`;
  return `${min} – ${formatNumber(c.max, digits)}${unit}`;
}

export function renderLegend(list, classes, metric) {
  const digits = metric === 'per_100k' ? 1 : 0;
  const unit = metric === 'nearest_initiative_km' ? ' km' : '';
  const items = classes.map((c, i) => ({ color: c.color, label: rangeLabel(c, digits, unit), cls: i }));
  items.push({ color: NO_DATA_COLOR, label: t('legend.no_data'), cls: 'none' });
  list.replaceChildren(...items.map(({ color, label, cls }) => {
    const li = document.createElement('li');
    li.dataset.class = cls;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = color;
    li.append(swatch, document.createTextNode(label));
    return li;
  }));
}
