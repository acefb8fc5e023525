// The MapLibre map: unit boundaries from our vector tiles (/tiles/{layer}),
// coloured through feature-state from /coverage. The tiles carry only the
// code and the name, so a filter change sets feature states and never
// refetches a tile; units are keyed by their CUT code (promoteId).
import { AttributionControl, Map as MapLibreMap, NavigationControl } from '/map/vendor/maplibre-gl.mjs';
import { LAYER_OF_LEVEL, tileUrl } from './api.js';
import { extendBbox } from './bbox.js';
import { classColor, FILL_COLOR } from './classify.js';

export const LEVELS = ['region', 'province', 'commune'];
// Continental Chile (Arica to Cape Horn), the first view.
export const CHILE_BOUNDS = [[-76.0, -56.0], [-66.0, -17.4]];
// Room kept around Chile when it is fitted: below it the folded attribution
// button, so Cape Horn and Tierra del Fuego are never drawn under a control.
const CHILE_PADDING = { top: 10, right: 10, bottom: 36, left: 10 };
// The oceanic islands, far off the first view: [west, south, east, north].
// Juan Fernández spans Alejandro Selkirk to Santa Clara.
export const ISLANDS = {
  mainland: [CHILE_BOUNDS[0][0], CHILE_BOUNDS[0][1], CHILE_BOUNDS[1][0], CHILE_BOUNDS[1][1]],
  rapa_nui: [-109.47, -27.22, -109.21, -27.04],
  juan_fernandez: [-80.86, -33.83, -78.75, -33.59],
};

const fillId = (level) => `${level}-fill`;
const lineId = (level) => `${level}-line`;
// The editor's marks: communes picked for a footprint (feature-state
// `picked` on the commune tiles) and a placed point.
const PICKED_LAYER = 'commune-picked';
const POINT_SOURCE = 'edit-point';
const PICK_COLOR = '#c2185b';
const noPoint = () => ({ type: 'FeatureCollection', features: [] });

function style(level, division) {
  const sources = {};
  const fills = [];
  const lines = [];
  for (const l of LEVELS) {
    const layer = LAYER_OF_LEVEL[l];
    sources[layer] = {
      type: 'vector',
      tiles: [tileUrl(l, division)],
      minzoom: 0,
      maxzoom: 12,
      promoteId: { [layer]: 'code' },
    };
    fills.push({
      id: fillId(l),
      type: 'fill',
      source: layer,
      'source-layer': layer,
      layout: { visibility: l === level ? 'visible' : 'none' },
      paint: { 'fill-color': FILL_COLOR, 'fill-antialias': false },
    });
    lines.push({
      id: lineId(l),
      type: 'line',
      source: layer,
      'source-layer': layer,
      layout: { visibility: l === level ? 'visible' : 'none', 'line-join': 'round' },
      paint: {
        'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#111111',
          ['boolean', ['feature-state', 'hover'], false], '#333333', 'rgba(255, 255, 255, 0.7)'],
        'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 2.5,
          ['boolean', ['feature-state', 'hover'], false], 1.5, 0.5],
      },
    });
  }
  const picked = {
    id: PICKED_LAYER,
    type: 'fill',
    source: LAYER_OF_LEVEL.commune,
    'source-layer': LAYER_OF_LEVEL.commune,
    layout: { visibility: level === 'commune' ? 'visible' : 'none' },
    paint: {
      'fill-color': PICK_COLOR,
      'fill-opacity': ['case', ['boolean', ['feature-state', 'picked'], false], 0.55, 0],
      'fill-antialias': false,
    },
  };
  return {
    version: 8,
    sources,
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dde8ef' } }, ...fills, picked, ...lines],
  };
}

// "Ir a": buttons that bring the islands (and back the mainland) into view,
// since at the first view Rapa Nui and Juan Fernández are off the map. The
// labels are translated with the page (data-i18n).
class JumpControl {
  constructor(onJump) { this.onJump = onJump; }

  onAdd() {
    const group = document.createElement('div');
    group.className = 'maplibregl-ctrl maplibregl-ctrl-group jump';
    group.id = 'jump';
    group.setAttribute('role', 'group');
    const title = document.createElement('span');
    title.className = 'jump-title';
    title.id = 'jump-title';
    title.dataset.i18n = 'jump.title';
    title.textContent = 'Ir a';
    group.setAttribute('aria-labelledby', title.id);
    group.append(title);
    for (const [place, text] of [['mainland', 'Chile continental'], ['rapa_nui', 'Rapa Nui'], ['juan_fernandez', 'Juan Fernández']]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.place = place;
      b.dataset.i18n = `jump.${place}`;
      b.textContent = text;
      b.addEventListener('click', () => this.onJump(place));
      group.append(b);
    }
    this.container = group;
    return group;
  }

  onRemove() { this.container.remove(); }
}

export class CoverageMap {
  // handlers: onHover(code | null, point), onClick(code, lngLat)
  // view: { center: [lon, lat], zoom } to start at (a shared link's), else
  // all of continental Chile.
  // The first level's tiles load with the style, while the coverage is fetched.
  constructor(container, { level, division, view = null, handlers }) {
    this.level = level;
    this.division = division;
    this.hovered = null;
    this.selected = null;
    this.picked = new Set();
    this.map = new MapLibreMap({
      container,
      style: style(level, division),
      ...(view ? { center: view.center, zoom: view.zoom } : { bounds: CHILE_BOUNDS, fitBoundsOptions: { padding: CHILE_PADDING } }),
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 14,
      fadeDuration: 0,  // no labels to fade: frames stop as soon as the tiles are drawn
      renderWorldCopies: false,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new JumpControl((place) => this.jumpTo(place)), 'top-left');
    this.attribution = null;
    // Feature states can be set once the style is parsed (MapLibre's
    // `style.load`), before any tile has arrived.
    this.styleReady = new Promise((resolve) => this.map.once('style.load', resolve));
    this.handlers = handlers;
    for (const level of LEVELS) this.#bindEvents(level);
  }

  // Unfolded, the sources would hide the south of Chile (two lines across
  // the map's bottom at 1366 px, more on a phone): fold them as a drag
  // would; a click on (i) shows them.
  #foldAttribution() {
    this.map.getContainer().querySelector('.maplibregl-compact-show .maplibregl-ctrl-attrib-button')?.click();
  }

  #bindEvents(level) {
    const layer = fillId(level);
    this.map.on('mousemove', layer, (e) => {
      const code = e.features[0]?.properties?.code;
      if (code === undefined) return;
      this.#setHover(code);
      this.map.getCanvas().style.cursor = 'pointer';
      this.handlers.onHover(code, e.point);
    });
    this.map.on('mouseleave', layer, () => {
      this.#setHover(null);
      this.map.getCanvas().style.cursor = '';
      this.handlers.onHover(null);
    });
    this.map.on('click', layer, (e) => {
      const code = e.features[0]?.properties?.code;
      if (code !== undefined) this.handlers.onClick(code, [e.lngLat.lng, e.lngLat.lat]);
    });
  }

  #source() { return LAYER_OF_LEVEL[this.level]; }

  #state(code, state) {
    this.map.setFeatureState({ source: this.#source(), sourceLayer: this.#source(), id: code }, state);
  }

  #setHover(code) {
    if (this.hovered === code) return;
    if (this.hovered !== null) this.#state(this.hovered, { hover: false });
    this.hovered = code;
    if (code !== null) this.#state(code, { hover: true });
  }

  // Shows one level in one division (the tiles of the other levels are not loaded).
  show(level, division) {
    this.hovered = null;
    this.selected = null;
    if (division !== this.division) {
      this.division = division;
      for (const l of LEVELS) this.map.getSource(LAYER_OF_LEVEL[l]).setTiles([tileUrl(l, division)]);
    }
    this.level = level;
    for (const l of LEVELS) {
      const v = l === level ? 'visible' : 'none';
      this.map.setLayoutProperty(fillId(l), 'visibility', v);
      this.map.setLayoutProperty(lineId(l), 'visibility', v);
    }
    this.map.setLayoutProperty(PICKED_LAYER, 'visibility', level === 'commune' ? 'visible' : 'none');
  }

  // Colours the units: `units` from /coverage, `classOf(unit)` a class index,
  // `classes` the legend's classes.
  paint(units, classOf, classes) {
    const source = this.#source();
    this.map.removeFeatureState({ source, sourceLayer: source });
    for (const u of units) {
      const cls = classOf(u);
      this.#state(u.code, { cls, color: classColor(classes, cls) });
    }
    if (this.selected !== null) this.#state(this.selected, { selected: true });
    if (this.level === 'commune') for (const c of this.picked) this.#state(c, { picked: true });
  }

  select(code) {
    if (this.selected !== null) this.#state(this.selected, { selected: false });
    this.selected = code;
    if (code !== null) this.#state(code, { selected: true });
  }

  // Marks the communes of a footprint being edited (codes of other levels
  // are not drawn).
  setPicked(codes) {
    const source = LAYER_OF_LEVEL.commune;
    const state = (id, picked) => this.map.setFeatureState({ source, sourceLayer: source, id }, { picked });
    for (const c of this.picked) if (!codes.includes(c)) state(c, false);
    this.picked = new Set(codes.filter((c) => c.length === 5));
    for (const c of this.picked) state(c, true);
  }

  // Shows the point of a footprint being edited ([lon, lat]), or none. Its
  // source and layer (on top) are added at the first point: a GeoJSON source
  // in the first style would be cut into tiles by the worker that parses the
  // boundaries, and hold back the map's first picture.
  setEditPoint(lonLat) {
    const data = lonLat ? { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: lonLat } } : noPoint();
    const source = this.map.getSource(POINT_SOURCE);
    if (source) {
      source.setData(data);
      return;
    }
    if (!lonLat) return;
    this.map.addSource(POINT_SOURCE, { type: 'geojson', data });
    this.map.addLayer({
      id: POINT_SOURCE,
      type: 'circle',
      source: POINT_SOURCE,
      paint: { 'circle-radius': 7, 'circle-color': PICK_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    });
  }

  // Fits one of ISLANDS (or the mainland) into the view.
  jumpTo(place) {
    const [w, s, e, n] = ISLANDS[place];
    const padding = place === 'mainland' ? CHILE_PADDING : 40;
    this.map.fitBounds([[w, s], [e, n]], { padding, maxZoom: 10, duration: 0 });
  }

  fitTo(bbox) {
    this.map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: 40, maxZoom: 10, duration: 800 });
  }

  // [west, south, east, north] of the view.
  viewBbox() {
    const b = this.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }

  // The codes of the units drawn in the view now.
  visibleCodes() {
    const codes = new Set();
    for (const f of this.map.queryRenderedFeatures({ layers: [fillId(this.level)] })) codes.add(f.properties.code);
    return codes;
  }

  // The bounding box of a unit of the shown level from the tiles loaded now
  // (null when none of its tiles is loaded).
  loadedBbox(code) {
    const source = this.#source();
    let box = null;
    for (const f of this.map.querySourceFeatures(source, { sourceLayer: source, filter: ['==', ['get', 'code'], code] }))
      box = extendBbox(box, f.geometry.coordinates);
    return box;
  }

  // The data sources in the page's language, folded behind an (i) button
  // at every width.
  setAttribution(text) {
    if (this.attribution) this.map.removeControl(this.attribution);
    this.attribution = new AttributionControl({ compact: true, customAttribution: text });
    this.map.addControl(this.attribution, 'bottom-right');
    if (this.map.loaded()) this.#foldAttribution();
    else this.map.once('load', () => this.#foldAttribution());
  }

  // Resolves at the next `idle` (all tiles loaded, nothing left to draw).
  idle() {
    return new Promise((resolve) => {
      if (this.map.loaded() && !this.map.isMoving()) {
        this.map.once('idle', resolve);
        this.map.triggerRepaint();
      } else this.map.once('idle', resolve);
    });
  }
}
