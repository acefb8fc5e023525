// The filter controls, one <select> per attribute of the coverage API. The
// choices are the values the live data has (/stats/initiatives?by=...), so
// a filter never offers a value that selects nothing. An attribute no
// initiative has (every value unknown) gets no control: a note under the
// filters names it and says why, instead of a greyed-out select.
import { FILTERS, getJson } from './api.js';
import { t } from './i18n.js';

// "A, B y C" / "A, B and C" in the page's language.
const listOf = (names) => new Intl.ListFormat(document.documentElement.lang, { type: 'conjunction' }).format(names);

export class FilterControls {
  constructor(root, clearButton, missingNote, { onChange }) {
    this.root = root;
    this.missingNote = missingNote;
    this.onChange = onChange;
    this.selects = {};
    this.values = {};
    clearButton.addEventListener('click', () => {
      let changed = false;
      for (const s of Object.values(this.selects)) { changed ||= s.value !== ''; s.value = ''; }
      if (changed) this.onChange(this.current());
    });
  }

  async load() {
    const tables = await Promise.all(FILTERS.map((by) => getJson(`/stats/initiatives?by=${by}`)));
    FILTERS.forEach((name, i) => {
      this.values[name] = tables[i].rows.values.filter((v) => v.value !== 'unknown' && v.count > 0);
    });
    this.render();
  }

  // (Re)builds the controls in the current language, keeping the choices.
  render() {
    if (!FILTERS.every((name) => name in this.values)) return;  // not loaded yet
    const chosen = this.current();
    this.selects = {};
    const rows = FILTERS.filter((name) => this.values[name].length > 0).map((name) => {
      const row = document.createElement('div');
      row.className = 'row';
      const label = document.createElement('label');
      label.htmlFor = `filter-${name}`;
      label.textContent = t(`filter.${name}`);
      const select = document.createElement('select');
      select.id = `filter-${name}`;
      select.name = name;
      const any = new Option(t('filters.any'), '');
      select.append(any, ...this.values[name].map((v) => new Option(`${v.label} (${v.count})`, v.value)));
      select.value = chosen[name] ?? '';
      select.addEventListener('change', () => this.onChange(this.current()));
      this.selects[name] = select;
      row.append(label, select);
      return row;
    });
    this.root.replaceChildren(...rows);
    const missing = FILTERS.filter((name) => this.values[name].length === 0).map((name) => t(`filter.${name}`));
    this.missingNote.hidden = missing.length === 0;
    this.missingNote.textContent = missing.length ? t('filters.missing').replace('{names}', listOf(missing)) : '';
  }

  // { area: 'Social', ... } with only the attributes that are set.
  current() {
    const out = {};
    for (const [name, s] of Object.entries(this.selects)) if (s.value) out[name] = s.value;
    return out;
  }

  set(filters) {
    for (const [name, s] of Object.entries(this.selects)) s.value = filters[name] ?? '';
  }
}
