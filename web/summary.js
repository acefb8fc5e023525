// The coverage summary: units covered, population covered, the gaps.
import { formatNumber, formatPercent, t } from './i18n.js';

function entry(term, value, note) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  if (note) {
    const small = document.createElement('small');
    small.textContent = ` ${note}`;
    dd.append(small);
  }
  return [dt, dd];
}

export function renderSummary(dl, gapList, coverage) {
  const s = coverage.summary;
  const share = s.units ? s.units_covered / s.units : 0;
  dl.replaceChildren(
    ...entry(t('summary.units_covered'), `${formatNumber(s.units_covered)} ${t('summary.of')} ${formatNumber(s.units)}`,
      `(${formatPercent(share)})`),
    ...entry(t('summary.population_covered'), formatNumber(s.population_covered),
      `(${formatPercent(s.population_covered_share_of_chile)} ${t('summary.share_of_chile')})`),
    ...entry(t('summary.initiatives'), formatNumber(s.initiatives)),
  );
  gapList.textContent = s.gaps.map((g) => g.name).join(', ');
  gapList.parentElement.querySelector('summary').textContent = `${t('summary.gaps')} (${formatNumber(s.gaps.length)})`;
}
