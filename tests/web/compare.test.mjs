// web/compare.js's pure parts: reading compare=, and the classes of a
// comparison (the four change categories; five diverging bands of the
// change around an exact class for no change, empty bands left out).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CHANGE_COLORS, DIVERGING, classifyComparison, parseCompare } from '../../web/compare.js';

test('compare= reads contest:A,B and year:A,B, nothing else', () => {
  assert.deepEqual(parseCompare('contest:Primer Concurso,Segundo Concurso'), { attribute: 'contest', a: 'Primer Concurso', b: 'Segundo Concurso' });
  assert.deepEqual(parseCompare('year:2009/2010,2011'), { attribute: 'year', a: '2009/2010', b: '2011' });
  for (const bad of ['', 'contest:A', 'contest:A,A', 'contest:A,B,C', 'stage:A,B', 'contest:,B', `contest:A,${'b'.repeat(200)}`, 'contest:A\u0000,B'])
    assert.equal(parseCompare(bad), undefined, bad);
});

const units = [
  { code: '1', change: 'newly_covered', count_change: 3, per_100k_change: 0.5 },
  { code: '2', change: 'no_longer_covered', count_change: -4, per_100k_change: -1.25 },
  { code: '3', change: 'covered_in_both', count_change: 0, per_100k_change: 0 },
  { code: '4', change: 'covered_in_neither', count_change: 0, per_100k_change: 0 },
  { code: '5', change: 'covered_in_both', count_change: -1, per_100k_change: -0.2 },
];

test('the change category is one class each, in the legend order, with its count', () => {
  const { classes, classOf } = classifyComparison(units, 'change');
  assert.deepEqual(classes.map((c) => [c.change, c.color, c.count]), [
    ['newly_covered', CHANGE_COLORS.newly_covered, 1],
    ['no_longer_covered', CHANGE_COLORS.no_longer_covered, 1],
    ['covered_in_both', CHANGE_COLORS.covered_in_both, 2],
    ['covered_in_neither', CHANGE_COLORS.covered_in_neither, 1],
  ]);
  assert.deepEqual(units.map(classOf), [0, 1, 2, 3, 2]);
});

test('the change in count: bands split at half the largest change, no change apart, empty bands left out', () => {
  // Largest |change| 4: half 2. -4 strong decrease, -1 mild, 0 none, 3 strong increase; no mild increase.
  const { classes, classOf } = classifyComparison(units, 'count_change');
  assert.deepEqual(classes.map((c) => [c.color, c.min, c.max, c.count]), [
    [DIVERGING[0], -4, -4, 1],
    [DIVERGING[1], -1, -1, 1],
    [DIVERGING[2], 0, 0, 2],
    [DIVERGING[4], 3, 3, 1],
  ]);
  assert.deepEqual(units.map(classOf), [3, 0, 2, 2, 1]);
  const same = classifyComparison(units.map((u) => ({ ...u, count_change: 0 })), 'count_change');
  assert.deepEqual(same.classes.map((c) => [c.color, c.count]), [[DIVERGING[2], 5]]);
});
