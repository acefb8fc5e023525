// Class breaks and colours of the choropleth. Pure functions (no DOM), so
// node's test runner checks them directly.

// Units with no initiative are the gaps the map is about: a warm colour of
// their own, apart from the sequential scale of the covered units.
export const GAP_COLOR = '#f4c7b5';
export const NO_DATA_COLOR = '#d9d9d9';
export const COVERED_COLOR = '#2c7fb8';
export const SEQUENTIAL = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];
// Distance to the nearest initiative: the farther, the darker the warm tone.
export const DISTANCE = ['#fee5d9', '#fcbba1', '#fc9272', '#de2d26', '#a50f15'];

const MAX_CLASSES = SEQUENTIAL.length;

function roundDown(v, digits) {
  const f = 10 ** digits;
  return Math.floor(v * f + 1e-9) / f;
}

// The lower bounds of the classes of the positive values: one class per
// distinct value when there are few of them, else quantile breaks rounded
// down to `digits` decimals (so every value falls in a class).
export function positiveBreaks(values, digits) {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  const distinct = [...new Set(positive.map((v) => roundDown(v, digits)))];
  if (distinct.length <= MAX_CLASSES) return distinct;
  const breaks = [];
  for (let k = 0; k < MAX_CLASSES; ++k) {
    const b = roundDown(positive[Math.floor((k * positive.length) / MAX_CLASSES)], digits);
    if (breaks.length === 0 || b > breaks[breaks.length - 1]) breaks.push(b);
  }
  return breaks;
}

// Distances in km: class 0 the covered units (0 km), then quantile classes
// of the gaps' distances; a unit with no distance (nothing covered) is -1,
// painted as "no data".
function classifyDistance(values) {
  const breaks = positiveBreaks(values.filter((v) => v !== null && v !== undefined), 0);
  const offset = MAX_CLASSES - breaks.length;
  const classes = [{ color: COVERED_COLOR, min: 0, max: 0, kind: 'distance_zero' }];
  breaks.forEach((b, i) => {
    const next = breaks[i + 1];
    classes.push({ color: DISTANCE[Math.min(MAX_CLASSES - 1, offset + i)], min: b, max: next === undefined ? null : next - 1, kind: 'range' });
  });
  const classOf = (v) => {
    if (v === null || v === undefined) return -1;
    if (!(v > 0)) return 0;
    let c = 1;
    for (let i = 0; i < breaks.length; ++i) if (v >= breaks[i]) c = i + 1;
    return c;
  };
  return { classes, classOf };
}

// A classification of the units for a metric ('total', 'per_100k',
// 'covered' or 'nearest_initiative_km'): `classOf(value)` gives a class
// index, `classes` the colour and range of each (index 0 is the gap class,
// or for distances the covered class).
export function classify(values, metric) {
  if (metric === 'nearest_initiative_km') return classifyDistance(values);
  if (metric === 'covered') {
    return {
      classes: [
        { color: GAP_COLOR, min: 0, max: 0, kind: 'gap' },
        { color: COVERED_COLOR, min: 1, max: null, kind: 'covered' },
      ],
      classOf: (v) => (v > 0 ? 1 : 0),
    };
  }
  const digits = metric === 'per_100k' ? 1 : 0;
  const breaks = positiveBreaks(values, digits);
  // One class per distinct value: each class holds exactly its value.
  const exact = new Set(values.filter((v) => v > 0)).size === breaks.length;
  // Spread the classes over the palette so two classes are not two pale tones.
  const offset = MAX_CLASSES - breaks.length;
  const classes = [{ color: GAP_COLOR, min: 0, max: 0, kind: 'gap' }];
  breaks.forEach((b, i) => {
    const next = breaks[i + 1];
    const step = digits ? 10 ** -digits : 1;
    classes.push({
      color: SEQUENTIAL[Math.min(MAX_CLASSES - 1, offset + i)],
      min: b,
      max: exact ? b : next === undefined ? null : roundDown(next - step, digits),
      kind: 'range',
    });
  });
  const classOf = (v) => {
    if (!(v > 0)) return 0;
    let c = 1;
    for (let i = 0; i < breaks.length; ++i) if (v >= breaks[i]) c = i + 1;
    return c;
  };
  return { classes, classOf };
}

// The fill-color paint expression, the same for the page's whole life:
// each unit's colour lives in its feature state (`color`, beside its class
// `cls`), and a unit without state yet is painted as "no data". Setting a
// data-driven paint property again would make MapLibre parse every loaded
// tile once more; a repaint that sets feature states does not.
export const FILL_COLOR = ['to-color', ['coalesce', ['feature-state', 'color'], NO_DATA_COLOR]];

// The colour of class index `cls` among `classes` (no data for none).
export function classColor(classes, cls) {
  return classes[cls]?.color ?? NO_DATA_COLOR;
}
