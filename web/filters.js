// The filter controls, one <select> per attribute of the coverage API. The
// choices are the values the live data has (/stats/initiatives?by=...), so
// a filter never offers a value that selects nothing.
import { FILTERS, getJson } from './api.js';
import { t } from './i18n.js';

export class FilterControls {
  constructor(root, clearButton, { onChange }) {
    this.root = root;
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
    const chosen = this.current();
    const rows = FILTERS.map((name) => {
      const row = document.createElement('div');
      row.className = 'row';
      const label = document.createElement('label');
      label.htmlFor = `filter-${name}`;
      label.textContent = t(`filter.${name}`);
      const select = document.createElement('select');
      select.id = `filter-${name}`;
      select.name = name;
      const any = new Option(this.values[name].length ? t('filters.any') : `${t('filters.any')} (${t('filters.no_values')})`, '');
      select.append(any, ...this.values[name].map((v) => new Option(`${v.label} (${v.count})`, v.value)));
      select.disabled = this.values[name].length === 0;
      select.value = chosen[name] ?? '';
      select.addEventListener('change', () => this.onChange(this.current()));
      this.selects[name] = select;
      row.append(label, select);
      return row;
    });
    this.root.replaceChildren(...rows);
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
