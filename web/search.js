// The search box on the gazetteer (/territories?q=) and on the initiatives
// (/initiatives?q=: names, institutions, descriptions, the report's
// remarks): accent- and case-insensitive, aliases included. Territories
// come first, then initiatives with their one-line description; choosing a
// territory hands it to onSelect, an initiative to onInitiative.
import { getJson, initiativeSearchUrl, searchUrl } from './api.js';
import { t } from './i18n.js';

export class SearchBox {
  constructor(input, list, { division, onSelect, onInitiative }) {
    this.input = input;
    this.list = list;
    this.division = division;
    this.onSelect = onSelect;
    this.onInitiative = onInitiative;
    this.results = [];
    this.active = -1;
    this.pending = null;
    this.timer = 0;
    input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.#search(), 120);
    });
    input.addEventListener('keydown', (e) => this.#key(e));
    // Closes a moment after the box loses focus (so a click on a result
    // lands first), unless focus came back meanwhile: a list shown for text
    // the user is still typing must stay open.
    input.addEventListener('blur', () => setTimeout(() => {
      if (document.activeElement !== this.input) this.#close();
    }, 150));
  }

  async #search() {
    const q = this.input.value.trim();
    this.pending?.abort();
    if (q.length < 2) return this.#close();
    this.pending = new AbortController();
    try {
      const { signal } = this.pending;
      // An initiative search refused (a text of stop words only, too many
      // words) leaves the territories alone.
      const [places, initiatives] = await Promise.all([
        getJson(searchUrl(q, this.division()), signal),
        getJson(initiativeSearchUrl(q), signal).catch((e) => {
          if (e.name === 'AbortError') throw e;
          return { initiatives: [] };
        }),
      ]);
      this.#show([...places.results.map((r) => ({ kind: 'unit', ...r })),
        ...initiatives.initiatives.map((r) => ({ kind: 'initiative', ...r }))]);
    } catch (e) {
      if (e.name !== 'AbortError') throw e;
    }
  }

  #show(results) {
    this.results = results;
    this.active = results.length ? 0 : -1;
    const items = results.map((r, i) => {
      const li = document.createElement('li');
      li.role = 'option';
      const name = document.createElement('strong');
      name.textContent = r.name;
      const where = document.createElement('span');
      if (r.kind === 'initiative') {
        li.className = 'initiative';
        li.dataset.id = r.id;
        where.textContent = [t('search.initiative'), r.description ?? r.institution ?? ''].filter(Boolean).join(' · ');
      } else {
        li.dataset.code = r.code;
        li.dataset.level = r.level;
        where.textContent = [t(`level.${r.level}`), ...r.parents.map((p) => p.name)].join(' · ');
      }
      li.append(name, where);
      li.addEventListener('mousedown', (e) => { e.preventDefault(); this.#choose(i); });
      return li;
    });
    if (!items.length) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = t('search.none');
      items.push(li);
    }
    this.list.replaceChildren(...items);
    this.list.hidden = false;
    this.#highlight();
  }

  #highlight() {
    [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
  }

  #key(e) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.results.length) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.results.length) % this.results.length;
      this.#highlight();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.active >= 0) this.#choose(this.active);
    } else if (e.key === 'Escape') {
      this.#close();
    }
  }

  #choose(i) {
    const r = this.results[i];
    this.#close();
    this.input.value = r.name;
    if (r.kind === 'initiative') this.onInitiative(r);
    else this.onSelect(r);
  }

  #close() {
    this.list.hidden = true;
    this.results = [];
    this.active = -1;
  }
}
