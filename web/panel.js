// The side panel of one unit: its parents, its figures and the initiatives
// related to it (/territories/{code}/initiatives), each with its one-line
// description, how it relates, a link to its printable sheet, and, for a
// signed-in editor, a button that opens it in the editor. A unit with no
// initiative shows what its neighbours did
// (/territories/{code}/nearby-initiatives); a region or province lists its
// communes with no initiative, largest first (/coverage?covered=false).
// Items of both lists open their unit; a neighbour's initiative also shows
// its description and links to its sheet.
import { initiativeSheetUrl } from './api.js';
import { formatNumber, t } from './i18n.js';

function text(tag, className, value) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  e.textContent = value;
  return e;
}

function relationText(item) {
  let s = t(`relation.${item.relation}`);
  if (item.relation === 'on_enclosing' && item.enclosing) s += `: ${item.enclosing.name}`;
  if (item.covers_whole_unit && item.relation === 'in') s += ` (${t('relation.whole')})`;
  return s;
}

// The link to an initiative's printable sheet, in a new tab.
function sheetLink(item) {
  const sheet = text('a', 'sheet', t('panel.sheet'));
  sheet.href = initiativeSheetUrl(item.id);
  sheet.target = '_blank';
  sheet.rel = 'noopener';
  sheet.setAttribute('aria-label', `${t('panel.sheet_label')}: ${item.name}`);
  return sheet;
}

function initiativeItem(item, onEdit) {
  const li = document.createElement('li');
  li.dataset.id = item.id;
  li.dataset.relation = item.relation;
  li.append(text('strong', 'name', item.name));
  if (item.institution) li.append(text('span', 'institution', item.institution));
  if (item.description) li.append(text('span', 'description', item.description));
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.append(text('span', item.award ? 'award' : 'award none', item.award || t('panel.no_award')));
  if (item.stage) meta.append(text('span', 'stage', item.stage));
  if (item.year) meta.append(text('span', 'year', String(item.year)));
  li.append(meta, text('span', 'relation', relationText(item)), sheetLink(item));
  if (onEdit) {
    const edit = text('button', 'link edit', t('edit.edit_item'));
    edit.type = 'button';
    edit.setAttribute('aria-label', `${t('edit.edit_item_label')}: ${item.name}`);
    edit.addEventListener('click', () => onEdit(item.id));
    li.append(edit);
  }
  return li;
}

function nearbyRelation(item) {
  const where = `${t('nearby.in')} ${item.unit.name}`;
  const km = item.distance_km === null ? '' : ` · ${formatNumber(item.distance_km, 1)} ${t('nearby.km')}`;
  return `${t(`nearby.${item.relation}`)}: ${where}${km}`;
}

// One initiative of a neighbour: a button that opens the unit it acts in.
function nearbyItem(item, onOpenUnit) {
  const li = document.createElement('li');
  li.dataset.id = item.id;
  li.dataset.unit = item.unit.code;
  li.dataset.relation = item.relation;
  const open = text('button', 'link name', item.name);
  open.type = 'button';
  open.setAttribute('aria-label', `${t('nearby.go')} ${item.unit.name}: ${item.name}`);
  open.addEventListener('click', () => onOpenUnit(item.unit));
  li.append(open);
  const meta = document.createElement('span');
  meta.className = 'meta';
  if (item.thematic_field) meta.append(text('span', 'thematic', item.thematic_field));
  else if (item.area) meta.append(text('span', 'thematic', item.area));
  meta.append(text('span', item.award ? 'award' : 'award none', item.award || t('panel.no_award')));
  li.append(meta, text('span', 'relation', nearbyRelation(item)));
  if (item.description) li.append(text('span', 'description', item.description));
  li.append(sheetLink(item));
  return li;
}

// One commune with no initiative: its name (opens it) and its figures.
function gapItem(unit, onOpenUnit) {
  const li = document.createElement('li');
  li.dataset.code = unit.code;
  const open = text('button', 'link name', unit.name);
  open.type = 'button';
  open.addEventListener('click', () => onOpenUnit(unit));
  const parts = [`${t('tooltip.population')} ${formatNumber(unit.population)}`];
  if (unit.nearest_initiative_km !== null && unit.nearest_initiative_km !== undefined)
    parts.push(t('gaps.nearest').replace('{km}', formatNumber(unit.nearest_initiative_km, 1)));
  li.append(open, text('span', 'figures', parts.join(' · ')));
  return li;
}

export class UnitPanel {
  // onEdit(id) opens a record in the editor, offered while canEdit() holds;
  // onOpenUnit({code, level}) opens another unit.
  constructor(root, { onClose, onEdit, canEdit, onOpenUnit }) {
    this.root = root;
    this.parents = root.querySelector('#panel-parents');
    this.title = root.querySelector('#panel-title');
    this.figures = root.querySelector('#panel-figures');
    this.list = root.querySelector('#panel-initiatives');
    this.report = root.querySelector('#panel-report');
    this.nearby = root.querySelector('#panel-nearby');
    this.nearbyList = root.querySelector('#panel-nearby-list');
    this.gaps = root.querySelector('#panel-gaps');
    this.gapsList = root.querySelector('#panel-gaps-list');
    this.onOpenUnit = onOpenUnit;
    root.querySelector('#panel-close').addEventListener('click', () => onClose());
    this.code = null;
    this.onEdit = onEdit;
    this.canEdit = canEdit;
  }

  get open() { return !this.root.hidden; }

  // data: JSON of /territories/{code}/initiatives; unit: the /coverage entry;
  // reportHref: the unit's report (PDF) with the page's division and filter.
  show(data, unit, reportHref) {
    this.code = data.unit.code;
    this.root.hidden = false;
    this.root.dataset.code = data.unit.code;
    this.parents.textContent = data.unit.parents.map((p) => p.name).reverse().join(' › ');
    this.title.textContent = `${data.unit.name} (${t(`level.${data.unit.level}`)} ${data.unit.code})`;
    const n = data.counts.total;
    const parts = [`${formatNumber(n)} ${n === 1 ? t('panel.initiative') : t('panel.initiatives')}`];
    if (unit) {
      parts.push(`${t('tooltip.population')} ${formatNumber(unit.population)}`);
      parts.push(`${formatNumber(unit.per_100k, 2)} ${t('tooltip.per_100k')}`);
    }
    this.figures.textContent = parts.join(' · ');
    this.report.href = reportHref;
    if (data.initiatives.length === 0) this.list.replaceChildren(text('li', 'empty', t('panel.none')));
    else {
      const onEdit = this.canEdit() ? this.onEdit : null;
      this.list.replaceChildren(...data.initiatives.map((item) => initiativeItem(item, onEdit)));
    }
    this.showNearby(null);
    this.showGaps(null);
  }

  // nearby: JSON of /territories/{code}/nearby-initiatives, or null to hide.
  showNearby(nearby) {
    this.nearby.hidden = nearby === null;
    if (nearby === null) { this.nearbyList.replaceChildren(); return; }
    if (nearby.initiatives.length === 0) this.nearbyList.replaceChildren(text('li', 'empty', t('nearby.none')));
    else this.nearbyList.replaceChildren(...nearby.initiatives.map((item) => nearbyItem(item, this.onOpenUnit)));
  }

  // gaps: JSON of /coverage?level=commune&within=..&covered=false&sort=-population, or null to hide.
  showGaps(gaps) {
    this.gaps.hidden = gaps === null;
    if (gaps === null) { this.gapsList.replaceChildren(); return; }
    if (gaps.units.length === 0) this.gapsList.replaceChildren(text('li', 'empty', t('gaps.none')));
    else this.gapsList.replaceChildren(...gaps.units.map((u) => gapItem(u, this.onOpenUnit)));
  }

  hide() {
    this.code = null;
    this.root.hidden = true;
  }
}
