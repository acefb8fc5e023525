// The editing mode for regional staff: sign in with a pasted token, then
// create, edit and delete initiatives through the write API, with the
// footprint picked on the map (communes by click, or one point), and each
// record's history. The form's logic is in edit-form.js, the messages in
// edit-errors.js; this file only binds them to the page.
import { getJson, statsUrl } from './api.js';
import { createItem, deleteItem, readHistory, readItem, replaceItem, WriteError } from './edit-api.js';
import { problemMessage } from './edit-errors.js';
import { featureFromForm, FIELDS, formFromFeature, parseCodes, parseDecimal, toggleCode, validateForm } from './edit-form.js';
import { renderHistory } from './edit-history.js';
import { formatNumber, t } from './i18n.js';
import { cleanToken, forgetToken, storedToken, storeToken } from './session.js';
import { choices, statsValues, VOCABULARY_FIELDS } from './vocabulary.js';

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

// Coordinates typed or clicked are kept to 1e-6 degrees (about 10 cm).
const round6 = (v) => Math.round(v * 1e6) / 1e6;

export class Editor {
  // hooks: map (CoverageMap), toggle (the header's button),
  //   showCommunes() (switch the map to communes for picking),
  //   onWrite() (refresh what shows the data), onSessionChange()
  constructor(root, hooks) {
    this.root = root;
    this.hooks = hooks;
    this.$ = (id) => root.querySelector(`#${id}`);
    this.record = null;     // { id, etag, feature } of the record in the form; null for a new one
    this.formOpen = false;
    this.footprint = null;  // the form's footprint (edit-form.js's shape)
    this.keepable = false;  // the record's footprint is one the form cannot draw
    this.vocabulary = null; // Promise of { field: [values in the data] }
    this.busy = false;
    this.history = null;    // the shown history document

    hooks.toggle.addEventListener('click', () => (this.open ? this.close() : this.show()));
    this.$('editor-close').addEventListener('click', () => this.close());
    this.$('editor-signin').addEventListener('submit', (e) => { e.preventDefault(); this.#signIn(); });
    this.$('editor-signout').addEventListener('click', () => this.#signOut());
    this.$('editor-new').addEventListener('click', () => this.create());
    this.$('editor-form').addEventListener('submit', (e) => { e.preventDefault(); this.#save(); });
    this.$('editor-cancel').addEventListener('click', () => this.#closeForm());
    this.$('editor-delete').addEventListener('click', () => this.#confirmDelete(true));
    this.$('editor-delete-no').addEventListener('click', () => this.#confirmDelete(false));
    this.$('editor-delete-yes').addEventListener('click', () => this.#delete());
    this.#syncSession();
  }

  get open() { return !this.root.hidden; }
  get token() { return storedToken(); }
  get signedIn() { return this.token !== null; }
  // Whether map clicks belong to the footprint being edited.
  get picking() { return this.open && this.formOpen && ['codes', 'points'].includes(this.footprint?.kind); }

  show() {
    this.root.hidden = false;
    this.hooks.toggle.setAttribute('aria-expanded', 'true');
    (this.signedIn ? this.$('editor-new') : this.$('editor-token')).focus();
  }

  close() {
    this.#closeForm();
    this.$('editor-history').hidden = true;
    this.root.hidden = true;
    this.hooks.toggle.setAttribute('aria-expanded', 'false');
    this.hooks.toggle.focus();
  }

  // Re-labels what JS built, in the current language (the rest has data-i18n).
  render() {
    if (this.history && !this.$('editor-history').hidden) renderHistory(this.$('editor-history-list'), this.history);
    if (this.formOpen) this.#buildForm(this.#readValues());
  }

  #syncSession() {
    const signedIn = this.signedIn;
    this.$('editor-signin').hidden = signedIn;
    this.$('editor-session').hidden = !signedIn;
    this.root.dataset.session = signedIn ? 'active' : 'none';
  }

  #signIn() {
    const token = cleanToken(this.$('editor-token').value);
    this.$('editor-token').value = '';
    if (token === null) { this.#alert(t('edit.signin.invalid')); return; }
    storeToken(token);
    this.#clearMessages();
    this.#syncSession();
    this.$('editor-new').focus();
    this.hooks.onSessionChange();
  }

  #signOut() {
    forgetToken();
    this.#closeForm();
    this.$('editor-history').hidden = true;
    this.#clearMessages();
    this.#syncSession();
    this.$('editor-token').focus();
    this.hooks.onSessionChange();
  }

  // ---- messages ----

  #clearMessages() {
    this.$('editor-status').textContent = '';
    this.$('editor-alert').replaceChildren();
    this.$('editor-alert').hidden = true;
  }

  #status(text) {
    this.$('editor-alert').hidden = true;
    this.$('editor-status').textContent = text;
  }

  #alert(text, { detail = '', reload = false, list = [] } = {}) {
    const box = this.$('editor-alert');
    const parts = [el('p', { className: 'what', textContent: text })];
    if (list.length) parts.push(el('ul', {}, ...list.map((s) => el('li', { textContent: s }))));
    if (detail) parts.push(el('p', { className: 'detail' }, el('span', { textContent: `${t('edit.problem.detail')}: ` }), el('q', { textContent: detail })));
    if (reload && this.record) {
      const button = el('button', { type: 'button', className: 'button', id: 'editor-reload', textContent: t('edit.reload') });
      button.addEventListener('click', () => this.edit(this.record.id));
      parts.push(button);
    }
    this.$('editor-status').textContent = '';
    box.replaceChildren(...parts);
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
  }

  #problem(e) {
    if (!(e instanceof WriteError)) throw e;
    const m = problemMessage(e.status, e.problem, e.retryAfter);
    let text = t(m.key);
    if (m.retryAfter !== null) text += ` ${t('edit.problem.wait').replace('{s}', formatNumber(m.retryAfter))}`;
    this.root.dataset.problem = String(m.status);
    this.#alert(text, { detail: m.detail, reload: m.reload });
    if (m.reload) this.$('editor-reload')?.focus();
  }

  // ---- opening a record ----

  // A blank form for a new initiative.
  async create() {
    if (!this.signedIn) return;
    this.show();
    this.record = null;
    this.#clearMessages();
    this.$('editor-history').hidden = true;
    await this.#openForm(formFromFeature(null));
  }

  // The form of a stored initiative, with its history.
  async edit(id) {
    this.show();
    this.#clearMessages();
    this.#status(t('edit.loading'));
    try {
      const [item, history] = await Promise.all([readItem(id), readHistory(id)]);
      this.record = { id, etag: item.etag, feature: item.feature };
      this.#showHistory(history);
      await this.#openForm(formFromFeature(item.feature));
      this.#status('');
    } catch (e) {
      this.record = null;
      this.#closeForm();
      this.$('editor-history').hidden = true;
      this.#problem(e);
    }
  }

  // focus: the name field takes it (not after a save, where the keyboard
  // stays on Guardar and the message below it is shown).
  async #openForm({ values, footprint }, { focus = true } = {}) {
    this.formOpen = true;
    this.footprint = footprint;
    this.keepable = footprint.kind === 'keep';
    delete this.root.dataset.problem;
    await this.#loadVocabulary();
    await this.#buildForm(values);
    this.$('editor-form').hidden = false;
    this.root.dataset.form = this.record ? 'edit' : 'new';
    this.root.dataset.id = this.record?.id ?? '';
    this.#confirmDelete(false);
    if (footprint.kind === 'codes') await this.hooks.showCommunes();
    this.#markMap();
    if (focus) this.$('edit-name').focus();
  }

  #closeForm() {
    this.formOpen = false;
    this.footprint = null;
    this.$('editor-form').hidden = true;
    delete this.root.dataset.form;
    this.#markMap();
  }

  #showHistory(doc) {
    this.history = doc;
    renderHistory(this.$('editor-history-list'), doc);
    this.$('editor-history').hidden = false;
    this.root.dataset.versions = String(doc.versions?.length ?? 0);
  }

  // The values the data already has, fetched once per write (a write may add one).
  #loadVocabulary() {
    this.vocabulary ??= Promise.all(VOCABULARY_FIELDS.map((by) => getJson(statsUrl(by, { division: '2018', filters: {} }))))
      .then((tables) => Object.fromEntries(VOCABULARY_FIELDS.map((f, i) => [f, statsValues(tables[i])])))
      .catch(() => ({}));  // the seed's categories still serve
    return this.vocabulary;
  }

  // ---- the form ----

  async #buildForm(values) {
    const vocabulary = await this.vocabulary;
    const rows = FIELDS.map((f) => this.#field(f, values[f.name] ?? '', vocabulary?.[f.name] ?? []));
    this.$('editor-form-title').textContent = this.record ? t('edit.form.edit') : t('edit.form.new');
    this.$('editor-form-id').textContent = this.record ? `${t('edit.form.id')}: ${this.record.id}` : '';
    this.$('editor-fields').replaceChildren(...rows);
    this.#buildFootprint();
  }

  #field(f, value, dataValues) {
    const id = `edit-${f.name}`;
    const label = el('label', { htmlFor: id, textContent: t(`edit.field.${f.name}`) });
    if (f.required) label.append(' ', el('abbr', { title: t('edit.form.required'), textContent: '*' }));
    let input;
    if (f.kind === 'vocabulary') {
      input = el('select', {}, new Option(t('edit.choice.none'), ''), ...choices(f.name, dataValues, value).map((v) => new Option(v, v)));
    } else if (f.kind === 'boolean') {
      input = el('select', {}, new Option(t('edit.choice.none'), ''), new Option(t('edit.choice.yes'), 'true'), new Option(t('edit.choice.no'), 'false'));
    } else if (f.kind === 'year') {
      input = el('input', { type: 'text', inputMode: 'numeric', maxLength: 4, autocomplete: 'off' });
    } else {
      input = el('input', { type: 'text', maxLength: f.maxLength, autocomplete: 'off', spellcheck: true });
      if (f.required) input.required = true;
    }
    input.id = id;
    input.name = f.name;
    input.value = value;
    return el('div', { className: 'row' }, label, input);
  }

  #buildFootprint() {
    const fp = this.footprint;
    const box = this.$('editor-footprint');
    const radios = this.keepable ? ['codes', 'points', 'keep'] : ['codes', 'points'];
    const group = el('div', { className: 'choices', role: 'radiogroup' }, ...radios.map((kind) => {
      const input = el('input', { type: 'radio', name: 'footprint', value: kind, checked: fp.kind === kind, id: `edit-footprint-${kind}` });
      input.addEventListener('change', () => this.#setKind(kind));
      let text = t(`edit.footprint.${kind}`);
      if (kind === 'keep') text += ` (${t(`edit.footprint.kind.${fp.original}`)})`;
      return el('label', { htmlFor: input.id }, input, ` ${text}`);
    }));
    const parts = [el('legend', { textContent: t('edit.footprint.title') }), group];
    if (fp.kind === 'codes') {
      const codes = el('input', { type: 'text', id: 'edit-codes', autocomplete: 'off', spellcheck: false, value: fp.codes.join('; ') });
      codes.setAttribute('aria-describedby', 'edit-codes-hint edit-codes-count');
      codes.addEventListener('change', () => this.#setCodes(parseCodes(codes.value)));
      parts.push(
        el('label', { htmlFor: 'edit-codes', textContent: t('edit.footprint.codes_label') }), codes,
        el('p', { className: 'hint', id: 'edit-codes-hint', textContent: t('edit.footprint.codes_hint') }),
        el('p', { className: 'count', id: 'edit-codes-count', role: 'status' }),
      );
    } else if (fp.kind === 'points') {
      const coord = (name, i) => {
        const input = el('input', { type: 'text', inputMode: 'decimal', id: `edit-${name}`, autocomplete: 'off', value: fp.point ? String(fp.point[i]) : '' });
        input.addEventListener('change', () => this.#setPointFromInputs());
        return el('div', { className: 'row' }, el('label', { htmlFor: input.id, textContent: t(`edit.footprint.${name}`) }), input);
      };
      parts.push(coord('lon', 0), coord('lat', 1), el('p', { className: 'hint', textContent: t('edit.footprint.point_hint') }));
    }
    box.replaceChildren(...parts);
    this.#showCount();
  }

  async #setKind(kind) {
    this.footprint.kind = kind;
    this.#buildFootprint();
    if (kind === 'codes') await this.hooks.showCommunes();
    this.#markMap();
    this.$(`edit-footprint-${kind}`).focus();
  }

  #setCodes(codes) {
    this.footprint.codes = codes;
    const input = this.$('edit-codes');
    if (input) input.value = codes.join('; ');
    this.#showCount();
    this.#markMap();
  }

  #setPointFromInputs() {
    const lon = parseDecimal(this.$('edit-lon').value);
    const lat = parseDecimal(this.$('edit-lat').value);
    this.footprint.point = lon === null && lat === null ? null : [lon, lat];
    this.#markMap();
  }

  #showCount() {
    const count = this.$('edit-codes-count');
    if (count) count.textContent = `${t('edit.footprint.selected')}: ${formatNumber(this.footprint.codes.length)}`;
  }

  // The footprint on the map: picked communes, or the point.
  #markMap() {
    const fp = this.formOpen ? this.footprint : null;
    this.hooks.map.setPicked(fp?.kind === 'codes' ? fp.codes : []);
    const point = fp?.kind === 'points' && fp.point?.every(Number.isFinite) ? fp.point : null;
    this.hooks.map.setEditPoint(point);
  }

  // A map click while picking: a commune toggles in or out, a point moves.
  pick(code, lonLat) {
    if (this.footprint.kind === 'codes') {
      this.#setCodes(toggleCode(this.footprint.codes, code));
    } else {
      this.footprint.point = [round6(lonLat[0]), round6(lonLat[1])];
      this.$('edit-lon').value = String(this.footprint.point[0]);
      this.$('edit-lat').value = String(this.footprint.point[1]);
      this.#markMap();
    }
  }

  #readValues() {
    const values = {};
    for (const f of FIELDS) values[f.name] = this.$(`edit-${f.name}`)?.value ?? '';
    return values;
  }

  // ---- writes ----

  async #save() {
    if (this.busy) return;
    if (this.footprint.kind === 'codes') this.#setCodes(parseCodes(this.$('edit-codes').value));
    if (this.footprint.kind === 'points') this.#setPointFromInputs();
    const form = { values: this.#readValues(), footprint: this.footprint };
    for (const input of this.$('editor-form').querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    const errors = validateForm(form);
    if (errors.length) {
      for (const e of errors) this.$(e.field === 'footprint' ? 'editor-footprint' : `edit-${e.field}`)?.setAttribute('aria-invalid', 'true');
      this.#alert(t('edit.error.title'), { list: errors.map((e) => t(e.key)) });
      const first = errors[0].field === 'footprint' ? this.$('editor-footprint').querySelector('input') : this.$(`edit-${errors[0].field}`);
      first?.focus();
      return;
    }
    const before = this.record?.feature ?? null;
    const feature = featureFromForm(form, before);
    if (before && JSON.stringify(feature) === JSON.stringify(featureFromForm(formFromFeature(before), before))) {
      this.#status(t('edit.done.unchanged'));
      return;
    }
    const saved = await this.#write(async () => {
      const stored = before
        ? await replaceItem(this.token, this.record.id, this.record.etag, feature)
        : await createItem(this.token, feature);
      const id = String(stored.feature.properties?.id ?? stored.feature.id);
      this.record = { id, etag: stored.etag, feature: stored.feature };
      this.#showHistory(await readHistory(id));
      await this.#openForm(formFromFeature(stored.feature), { focus: false });
      this.#status(`${before ? t('edit.done.saved') : t('edit.done.created')} (${id})`);
    });
    if (saved) {
      this.$('editor-save').focus();
      this.$('editor-status').scrollIntoView({ block: 'nearest' });
    }
  }

  #confirmDelete(asking) {
    this.$('editor-confirm').hidden = !asking;
    this.$('editor-delete').hidden = asking || !this.record;
    if (asking) this.$('editor-delete-no').focus();
  }

  async #delete() {
    const { id, etag } = this.record;
    await this.#write(async () => {
      await deleteItem(this.token, id, etag);
      this.#closeForm();
      this.#showHistory(await readHistory(id));
      this.record = null;
      this.#status(`${t('edit.done.deleted')} (${id})`);
      this.$('editor-new').focus();
    });
  }

  // Runs one write with the buttons off; on success the page's data is
  // refreshed, on failure the problem is explained. True when it wrote.
  async #write(work) {
    this.busy = true;
    this.root.setAttribute('aria-busy', 'true');
    for (const b of this.$('editor-form').querySelectorAll('button')) b.disabled = true;
    this.#clearMessages();
    delete this.root.dataset.problem;
    this.#status(t('edit.saving'));
    let wrote = false;
    try {
      await work();
      wrote = true;
    } catch (e) {
      this.#problem(e);
    } finally {
      this.busy = false;
      this.root.removeAttribute('aria-busy');
      for (const b of this.$('editor-form').querySelectorAll('button')) b.disabled = false;
    }
    if (wrote) {
      this.vocabulary = null;
      await this.hooks.onWrite();
      // Counted once the page shows the new data (the tests wait on it).
      this.root.dataset.writes = String(Number(this.root.dataset.writes ?? 0) + 1);
    }
    return wrote;
  }
}
