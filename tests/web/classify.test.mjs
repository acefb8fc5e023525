// The choropleth's classes (web/classify.js): pure functions, no browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { classColor, classify, DISTANCE, FILL_COLOR, GAP_COLOR, NO_DATA_COLOR, positiveBreaks, SEQUENTIAL } from '../../web/classify.js';

test('few distinct counts get one class each', () => {
  assert.deepEqual(positiveBreaks([0, 3, 1, 1, 0, 2], 0), [1, 2, 3]);
  const { classes, classOf } = classify([0, 3, 1, 1, 0, 2], 'total');
  assert.deepEqual(classes.map((c) => [c.min, c.max]), [[0, 0], [1, 1], [2, 2], [3, 3]]);
  assert.deepEqual([0, 1, 2, 3, 7].map(classOf), [0, 1, 2, 3, 3]);
  // Three classes take the darker end of the scale.
  assert.deepEqual(classes.slice(1).map((c) => c.color), SEQUENTIAL.slice(2));
  assert.equal(classes[0].color, GAP_COLOR);
});

test('many distinct values get quantile breaks, rounded down', () => {
  const values = [0, 0, 0.55, 1.26, 2.3, 4.01, 5.5, 7.77, 9.1, 12.45, 20, 31.2];
  assert.deepEqual(positiveBreaks(values, 1), [0.5, 2.3, 5.5, 9.1, 20]);
  const { classes, classOf } = classify(values, 'per_100k');
  assert.deepEqual(classes.map((c) => [c.min, c.max]), [[0, 0], [0.5, 2.2], [2.3, 5.4], [5.5, 9], [9.1, 19.9], [20, null]]);
  assert.deepEqual(values.map(classOf), [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
});

test('no covered unit leaves only the gap class', () => {
  const { classes, classOf } = classify([0, 0, 0], 'total');
  assert.equal(classes.length, 1);
  assert.equal(classOf(0), 0);
});

test('covered or not is two classes', () => {
  const { classes, classOf } = classify([0, 4, 1], 'covered');
  assert.deepEqual(classes.map((c) => c.kind), ['gap', 'covered']);
  assert.deepEqual([0, 4, 1].map(classOf), [0, 1, 1]);
});

test('a class index has its colour, none or an unknown one is grey; the paint expression reads it from the state', () => {
  const { classes } = classify([0, 1, 2], 'total');
  assert.deepEqual([0, 1, 2, -1, 3, undefined].map((c) => classColor(classes, c)),
    [GAP_COLOR, SEQUENTIAL[3], SEQUENTIAL[4], NO_DATA_COLOR, NO_DATA_COLOR, NO_DATA_COLOR]);
  assert.deepEqual(FILL_COLOR, ['to-color', ['coalesce', ['feature-state', 'color'], NO_DATA_COLOR]]);
});

test('distances to the nearest initiative: covered at 0 km, gaps by quantile, none as no data', () => {
  const values = [0, 0, 12.4, 30.1, 55, 80.2, 120, 240.5, 410, null];
  const { classes, classOf } = classify(values, 'nearest_initiative_km');
  assert.equal(classes[0].kind, 'distance_zero');
  assert.equal(classes.length, 6);
  assert.deepEqual(classes.slice(1).map((c) => c.color), DISTANCE);
  assert.deepEqual(values.map(classOf), [0, 0, 1, 2, 3, 3, 4, 5, 5, -1]);
  assert.deepEqual(classes.map((c) => [c.min, c.max]), [[0, 0], [12, 29], [30, 54], [55, 119], [120, 239], [240, null]]);
  assert.equal(classColor(classes, -1), NO_DATA_COLOR);
});
