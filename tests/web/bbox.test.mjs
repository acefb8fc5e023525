// Bounding boxes for the search box's fly-to (web/bbox.js): pure functions.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { extendBbox } from '../../web/bbox.js';

test('a point gives a box of no size', () => {
  assert.deepEqual(extendBbox(null, [-70.6, -33.4]), [-70.6, -33.4, -70.6, -33.4]);
});

test('a multipolygon with a hole gives the box of every position', () => {
  const coordinates = [
    [[[-71, -34], [-70, -34], [-70, -33], [-71, -33], [-71, -34]],
     [[-70.8, -33.8], [-70.2, -33.8], [-70.2, -33.2], [-70.8, -33.8]]],
    [[[-72.5, -36], [-72, -36], [-72, -35.5], [-72.5, -36]]],
  ];
  assert.deepEqual(extendBbox(null, coordinates), [-72.5, -36, -70, -33]);
});

test('an existing box grows and never shrinks', () => {
  assert.deepEqual(extendBbox([-71, -34, -70, -33], [[-70.5, -33.5], [-69, -33.2]]), [-71, -34, -69, -33]);
  assert.deepEqual(extendBbox([-71, -34, -70, -33], []), [-71, -34, -70, -33]);
});
