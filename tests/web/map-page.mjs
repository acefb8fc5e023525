// What the map's Chromium tests wait on: the page marks #map with
// data-state="idle" and a data-generation that grows with every picture.
export async function waitIdle(page, after = 0) {
  await page.waitForFunction((g) => {
    const m = document.getElementById('map');
    return m.dataset.state === 'idle' && Number(m.dataset.generation) > g;
  }, after, { timeout: 30000 });
}

export const generation = (page) => page.evaluate(() => Number(document.getElementById('map').dataset.generation || 0));

// Runs an action that redraws the map and waits for the new picture.
export async function change(page, action) {
  const g = await generation(page);
  await action();
  await waitIdle(page, g);
}

export async function jumpTo(page, lon, lat, zoom) {
  await page.evaluate(([x, y, z]) => new Promise((resolve) => {
    const m = window.map;
    m.once('idle', resolve);
    m.jumpTo({ center: [x, y], zoom: z });
  }), [lon, lat, zoom]);
}

// Waits until MapLibre (the page's window.map) has drawn everything it has
// to: its next `idle`, after a repaint if it is already still.
export async function mapRendered(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const m = window.map;
    m.once('idle', resolve);
    if (m.loaded() && !m.isMoving()) m.triggerRepaint();
  }));
}
