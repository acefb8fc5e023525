// Reads PNG screenshots by decoding them in a blank page of the same
// browser (no PNG library needed); the pixels are counted there and only
// the figures come back.

async function inBlankPage(context, fn, arg) {
  const page = await context.newPage();
  try {
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

// Runs in the browser: the RGBA pixels of base64 PNGs.
const DECODE = `async (b64) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width;
  c.height = img.height;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  return g.getImageData(0, 0, img.width, img.height);
}`;

// How many pixels have each colour: { total, counts: { '#rrggbb': n } }.
export function colourCounts(context, png) {
  return inBlankPage(context, async ([decode, b64]) => {
    const image = await eval(decode)(b64);
    const counts = {};
    const d = image.data;
    for (let i = 0; i < d.length; i += 4) {
      const k = `#${((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]).toString(16).padStart(6, '0')}`;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    return { total: image.width * image.height, counts };
  }, [DECODE, png.toString('base64')]);
}

// The share of pixels that differ between two pictures of the same size.
export function differingShare(context, a, b) {
  return inBlankPage(context, async ([decode, x, y]) => {
    const [p, q] = await Promise.all([eval(decode)(x), eval(decode)(y)]);
    if (p.width !== q.width || p.height !== q.height) throw new Error('pictures differ in size');
    let n = 0;
    for (let i = 0; i < p.data.length; i += 4) {
      if (p.data[i] !== q.data[i] || p.data[i + 1] !== q.data[i + 1] || p.data[i + 2] !== q.data[i + 2]) ++n;
    }
    return n / (p.width * p.height);
  }, [DECODE, a.toString('base64'), b.toString('base64')]);
}
