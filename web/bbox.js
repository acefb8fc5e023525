// Bounding boxes [west, south, east, north] of GeoJSON coordinates, for
// flying to a unit found by the search box.

// The box grown to hold every position of the (nested) coordinate arrays;
// box may be null for an empty start.
export function extendBbox(box, coordinates) {
  if (typeof coordinates[0] === 'number') {
    const [x, y] = coordinates;
    return box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
  }
  for (const c of coordinates) box = extendBbox(box, c);
  return box;
}
