// The planners' coverage map: wires the controls, the map, the panels and
// the charts to one state (level, division, metric, filters, selected unit,
// view, language), kept in the URL's query (url-state.js) so a view can be
// shared; read before the first request, so a link never flashes the default.
import { extendBbox } from './bbox.js';
import { coverageUrl, filterParams, gapsUrl, getJson, initiativeSheetUrl, nearbyUrl, reportUrl, statsUrl, unitFeatureUrl, unitInitiativesUrl } from './api.js';
import { classify } from './classify.js';
import { CompareControls } from './compare.js';
import { CoverageMap } from './coverage-map.js';
import { renderBarChart } from './charts.js';
import { Editor } from './editor.js';
import { csvHref, download, visibleUnitsGeoJson } from './export.js';
import { FilterControls } from './filters.js';
import { ShareControls } from './share.js';
import { mapUrl, roundedView, stateFromLocation, writeUrl } from './url-state.js';
import { currentLanguage, formatNumber, loadLanguage, t, translateDocument } from './i18n.js';
import { renderLegend } from './legend.js';
import { UnitPanel } from './panel.js';
import { SearchBox } from './search.js';
import { renderSummary } from './summary.js';

const $ = (id) => document.getElementById(id);
const CHARTS = [
  { by: 'region_recorded', figure: 'chart-region', title: 'charts.region' },
  { by: 'award', figure: 'chart-award', title: 'charts.award' },
  { by: 'stage', figure: 'chart-stage', title: 'charts.stage' },
];

function metricValue(unit, metric) {
  if (metric === 'per_100k') return unit.per_100k;
  if (metric === 'nearest_initiative_km') return unit.nearest_initiative_km;
  return unit.total;
}

class App {
  constructor() {
    this.state = stateFromLocation();
    this.coverage = null;
    this.comparison = null;  // /coverage?compare= while editions are compared
    this.units = new Map();
    this.generation = 0;
    this.stats = {};
    this.mapEl = $('map');
  }

  async start() {
    const { state } = this;
    this.#mark('territorio:script-start');
    if (state.embed) this.#embedLink();
    // The map starts (its worker and tiles load) while the coverage and the
    // strings are fetched.
    const firstCoverage = this.#firstCoverage();
    const strings = loadLanguage(state.lang);
    this.map = new CoverageMap(this.mapEl, {
      level: state.level,
      division: state.division,
      view: state.center ? { center: state.center, zoom: state.zoom } : null,
      handlers: { onHover: (code, point) => this.#hover(code, point), onClick: (code, lonLat) => this.#click(code, lonLat) },
    });
    // For browser tests and the console: the MapLibre map, to wait on its
    // rendering (`idle`, `loaded()`) and to project places.
    window.map = this.map.map;
    this.#mark('territorio:map-created');
    this.map.map.once('idle', () => this.#mark('territorio:first-idle'));
    this.map.styleReady.then(() => this.#mark('territorio:style-load'));
    await strings;
    translateDocument();
    this.#syncControls();
    this.map.setAttribution(t('attribution'));
    this.editor = new Editor($('editor'), {
      map: this.map,
      toggle: $('edit-toggle'),
      showCommunes: () => this.showCommunes(),
      onWrite: () => this.refresh(),
      onSessionChange: () => this.panel.open && this.openUnit(this.panel.code),
    });
    this.panel = new UnitPanel($('panel'), {
      onClose: () => this.closeUnit(),
      onEdit: (id) => this.editor.edit(id),
      canEdit: () => this.editor.signedIn,
      onOpenUnit: (unit) => this.flyToUnit(unit),
    });
    this.filters = new FilterControls($('filters'), $('clear-filters'), $('filters-missing'), {
      onChange: (filters) => { this.state.filters = filters; this.update(); },
    });
    this.compare = new CompareControls($('compare'), {
      state: () => this.state,
      onChange: (what) => (what === 'metric' ? this.repaint() : this.update()),
    });
    this.search = new SearchBox($('search'), $('search-results'), {
      division: () => this.state.division,
      onSelect: (r) => this.flyToUnit(r),
      onInitiative: (r) => window.open(initiativeSheetUrl(r.id), '_blank', 'noopener'),
    });
    this.share = new ShareControls($('share'), { view: () => ({ state: this.state, bbox: this.map.viewBbox() }) });
    this.#bindControls();
    this.#followView();
    await this.map.styleReady;
    // The coverage first: a filter the server refused is gone from the state
    // before the charts ask with it.
    await this.update(await firstCoverage);
    if (state.unit !== null) {
      if (this.units.has(state.unit)) await this.openUnit(state.unit);
      else this.closeUnit();  // a unit the level does not have: the link's mistake, ignored
    }
    // The filter choices are not needed for the first picture: fetched after it.
    await Promise.all([this.filters.load(), this.compare.load()]);
    this.filters.set(state.filters);
    // A link's filter value the controls do not offer is not kept hidden.
    const shown = this.filters.current();
    if (JSON.stringify(shown) !== JSON.stringify(filterParams(state.filters))) {
      this.state.filters = shown;
      await this.update();
    }
  }

  // ?embed=1 (embed.js hid the chrome): a small "Ver en territorio" link to
  // the full map at the same state, in a new tab.
  #embedLink() {
    const link = document.createElement('a');
    link.id = 'embed-open';
    link.className = 'embed-open';
    link.target = '_blank';
    link.rel = 'noopener';
    link.dataset.i18n = 'embed.open';
    link.textContent = 'Ver en territorio';
    link.href = mapUrl(this.state, { embed: false });
    document.querySelector('.map-wrap').append(link);
    window.addEventListener('territorio:url', (e) => { link.href = mapUrl(e.detail.state, { embed: false }); });
  }

  // The first coverage of a link: a filter value the server does not know
  // (a mistyped or old link) is dropped, not shown as an error.
  async #firstCoverage() {
    for (;;) {
      try {
        return await getJson(coverageUrl(this.state));
      } catch (e) {
        const name = e.problem?.parameter;
        if (e.status !== 400 || !(name in this.state.filters)) throw e;
        delete this.state.filters[name];
      }
    }
  }

  // The view goes into the URL once it moves from the first one (so a link
  // to the default view fits Chile to the screen that opens it).
  #followView() {
    const m = this.map.map;
    const key = () => JSON.stringify(roundedView(m.getCenter().toArray(), m.getZoom()));
    const first = key();
    m.on('moveend', () => {
      const view = roundedView(m.getCenter().toArray(), m.getZoom());
      if (this.state.center === null && key() === first) return;
      this.state.center = view.center;
      this.state.zoom = view.zoom;
      writeUrl(this.state);
    });
  }

  #mark(name) {
    performance.mark(name);
    window.territorio ??= {};
    window.territorio[name] = performance.getEntriesByName(name)[0].startTime;
  }

  #syncControls() {
    $('level').value = this.state.level;
    for (const r of document.querySelectorAll('input[name=metric]')) r.checked = r.value === this.state.metric;
    for (const r of document.querySelectorAll('input[name=division]')) r.checked = r.value === this.state.division;
    // The API's HTML pages in the page's language (server: ?lang=, else Accept-Language).
    $('api-link').href = `/?lang=${currentLanguage()}`;
    $('lang').textContent = t('lang.switch');
    $('lang').setAttribute('aria-label', t('lang.switch_label'));
  }

  #bindControls() {
    $('level').addEventListener('change', (e) => { this.state.level = e.target.value; this.closeUnit(); this.update(); });
    for (const r of document.querySelectorAll('input[name=metric]')) {
      r.addEventListener('change', (e) => { this.state.metric = e.target.value; this.repaint(); });
    }
    for (const r of document.querySelectorAll('input[name=division]')) {
      r.addEventListener('change', (e) => { this.state.division = e.target.value; this.closeUnit(); this.update(); });
    }
    $('lang').addEventListener('click', () => this.switchLanguage());
    $('export-geojson').addEventListener('click', () => this.exportGeoJson());
  }

  // Refetches what depends on the level, division or filters and redraws:
  // the map first, the charts once it is drawn (they share the CPU with it).
  async update(coveragePromise) {
    const generation = ++this.generation;
    const { state } = this;
    this.mapEl.dataset.state = 'loading';
    writeUrl(state);
    $('export-csv').href = csvHref(state);
    const comparison = this.compare.fetch(state);
    const coverage = await (coveragePromise ?? getJson(coverageUrl(state)));
    this.comparison = await comparison;
    if (generation !== this.generation) return;
    this.coverage = coverage;
    this.units = new Map(coverage.units.map((u) => [u.code, u]));
    if (this.map.level !== state.level || this.map.division !== state.division) this.map.show(state.level, state.division);
    this.repaint();
    renderSummary($('summary'), $('gap-list'), coverage);
    await this.map.idle();
    if (generation !== this.generation) return;
    if (!window.territorio?.['territorio:painted-idle']) this.#mark('territorio:painted-idle');
    // The charts' figures are asked for once the map is drawn: their answers
    // (three tasks of the main thread) no longer land among its first frames.
    const stats = await Promise.all(CHARTS.map((c) => getJson(statsUrl(c.by, state))));
    if (generation !== this.generation) return;
    CHARTS.forEach((c, i) => { this.stats[c.by] = stats[i]; });
    this.renderCharts();
    if (this.panel.open) await this.openUnit(this.panel.code);
    if (generation !== this.generation) return;
    this.mapEl.dataset.state = 'idle';
    this.mapEl.dataset.generation = String(generation);
  }

  // After a write: the figures (/coverage feature-states, summary, charts,
  // the open panel) and the filter choices come again from the server, which
  // answers from the write's new data generation. The boundary tiles carry
  // only codes and names, which writes never change, so they stay.
  async refresh() {
    await this.update();
    await this.filters.load();
  }

  // The commune level, where the editor picks a footprint's communes.
  async showCommunes() {
    if (this.state.level === 'commune') return;
    this.state.level = 'commune';
    $('level').value = 'commune';
    this.closeUnit();
    await this.update();
  }

  // A click on a unit picks it for the footprint being edited (communes
  // only), else opens its panel.
  #click(code, lonLat) {
    if (this.editor?.picking && (this.editor.footprint.kind === 'points' || this.state.level === 'commune')) this.editor.pick(code, lonLat);
    else this.openUnit(code);
  }

  // Recolours the map and the legend for the current metric.
  repaint() {
    const { metric } = this.state;
    writeUrl(this.state);
    if (this.comparison) {
      this.compare.paint(this.map, $('legend'), this.comparison, this.state.compare_metric);
      this.map.select(this.panel.open ? this.panel.code : null);
      return;
    }
    const values = this.coverage.units.map((u) => metricValue(u, metric));
    const { classes, classOf } = classify(values, metric);
    this.map.paint(this.coverage.units, (u) => classOf(metricValue(u, metric)), classes);
    this.map.select(this.panel.open ? this.panel.code : null);
    renderLegend($('legend'), classes, metric);
    $('legend').dataset.metric = metric;
  }

  renderCharts() {
    for (const c of CHARTS) renderBarChart($(c.figure), t(c.title), this.stats[c.by]);
  }

  #hover(code, point) {
    const tip = $('tooltip');
    const u = code === null ? undefined : this.units.get(code);
    if (!u) { tip.hidden = true; return; }
    const lines = [
      [u.name, 'name'],
      [u.covered ? `${t('tooltip.initiatives')}: ${formatNumber(u.total)}` : t('tooltip.gap'), ''],
      [`${formatNumber(u.per_100k, 2)} ${t('tooltip.per_100k')}`, ''],
      [`${t('tooltip.population')}: ${formatNumber(u.population)}`, ''],
    ];
    tip.replaceChildren(...lines.map(([text, cls]) => {
      const div = document.createElement('div');
      div.textContent = text;
      if (cls) div.className = cls;
      return div;
    }));
    tip.hidden = false;
    const box = this.mapEl.getBoundingClientRect();
    const x = Math.min(point.x + 14, box.width - tip.offsetWidth - 4);
    const y = Math.min(point.y + 14, box.height - tip.offsetHeight - 4);
    tip.style.transform = `translate(${Math.max(0, x)}px, ${Math.max(0, y)}px)`;
  }

  // The panel of a unit; with no initiative, what its neighbours did; for a
  // region or province, its communes with no initiative, largest first.
  async openUnit(code) {
    const { state } = this;
    const level = code.length === 2 ? 'region' : code.length === 3 ? 'province' : 'commune';
    const [data, gaps] = await Promise.all([
      getJson(unitInitiativesUrl(code, state)),
      level === 'commune' ? null : getJson(gapsUrl(code, state)),
    ]);
    const nearby = data.counts.total === 0 ? await getJson(nearbyUrl(code, state)) : null;
    this.panel.show(data, this.units.get(code), reportUrl(code, state));
    this.panel.showNearby(nearby);
    CompareControls.showUnit($('panel-compare'), this.comparison, code);
    if (gaps) this.panel.showGaps(gaps);
    this.map.select(code);
    this.state.unit = code;
    writeUrl(this.state);
  }

  closeUnit() {
    this.panel.hide();
    this.map?.select(null);
    this.state.unit = null;
    if (this.map) writeUrl(this.state);
  }

  // A search result: show its level, fit the map to it, open its panel.
  async flyToUnit(result) {
    if (result.level !== this.state.level) {
      this.state.level = result.level;
      $('level').value = result.level;
      await this.update();
    }
    let bbox = null;
    try {
      const f = await getJson(unitFeatureUrl(result.level, result.code, this.state.division));
      bbox = f.bbox ?? (f.geometry ? extendBbox(null, f.geometry.coordinates) : null);
    } catch {
      bbox = this.map.loadedBbox(result.code);
    }
    if (bbox) this.map.fitTo(bbox);
    await this.openUnit(result.code);
  }

  async exportGeoJson() {
    const { state } = this;
    const collection = await visibleUnitsGeoJson(state, this.map.viewBbox(), this.map.visibleCodes(), this.units);
    download(`coverage_${state.level}_${state.division}_visible.geojson`, JSON.stringify(collection), 'application/geo+json');
  }

  async switchLanguage() {
    this.state.lang = currentLanguage() === 'es' ? 'en' : 'es';
    await loadLanguage(this.state.lang);
    translateDocument();
    this.#syncControls();
    this.filters.render();
    this.compare.render();
    this.editor.render();
    this.map.setAttribution(t('attribution'));
    this.repaint();
    renderSummary($('summary'), $('gap-list'), this.coverage);
    this.renderCharts();
    if (this.panel.open) await this.openUnit(this.panel.code);
  }
}

const app = new App();
window.territorioApp = app;
app.start().catch((e) => {
  const status = $('status');
  status.hidden = false;
  status.textContent = `${t('status.error')}: ${e.message}`;
  document.getElementById('map').dataset.state = 'error';
  throw e;
});
