// Runs the timeline benchmark (bench/index.html, built into target/bench-dist by `make bench`)
// in headless Chromium and prints the medians: minewatch's timeline against uPlot on the same
// 166,650 points, canvas size and browser session, and the gzip size each ships.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/e2e/browser.mjs';
import { serveDirectory } from '../tests/e2e/serve-dist.mjs';

const BENCH_DIST = 'target/bench-dist';

async function gzipSize(files) {
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(file), { level: 9 }).length;
  return total / 1024;
}

const widget = (await readdir('dist')).filter((f) => /\.(wasm|js)$/.test(f)).map((f) => join('dist', f));
const sizes = {
  minewatch: await gzipSize(widget),
  uplot: await gzipSize(['node_modules/uplot/dist/uPlot.iife.min.js']),
};

const { server, origin } = await serveDirectory(BENCH_DIST);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.wasmBindings && window.runBench, null, { timeout: 60_000 });
  const r = await page.evaluate(() => window.runBench());
  if (errors.length) throw new Error(errors.join('\n'));
  const row = (name, m, u, unit = 'ms', digits = 2) =>
    `${name.padEnd(20)}${`${m.toFixed(digits)} ${unit}`.padStart(14)}${`${u.toFixed(digits)} ${unit}`.padStart(14)}${(m / u).toFixed(2).padStart(9)}`;
  const chromium = /Chrome\/([\d.]+)/.exec(r.userAgent)?.[1] ?? r.userAgent;
  console.log(`minewatch timeline vs uPlot 1.6.32: ${r.points.toLocaleString('en')} points, ` +
    `${r.size.width}×${r.size.height} CSS px at devicePixelRatio ${r.size.devicePixelRatio}, headless Chromium ${chromium}`);
  console.log(`medians of ${r.cold.minewatch.runs} cold renders, ${r.hover.minewatch.runs} sweeps of ${r.hovers} hover updates, ${r.zoom.minewatch.runs} zoom steps each`);
  console.log(`${''.padEnd(20)}${'minewatch'.padStart(14)}${'uPlot'.padStart(14)}${'ratio'.padStart(9)}`);
  console.log(row('cold render', r.cold.minewatch.median, r.cold.uplot.median));
  console.log(row('hover update', r.hover.minewatch.median, r.hover.uplot.median, 'ms', 3));
  console.log(row('zoom step', r.zoom.minewatch.median, r.zoom.uplot.median));
  console.log(row('wasm+js gzip', sizes.minewatch, sizes.uplot, 'KB', 1));
  console.log('targets: cold render ≤ 0.5 × uPlot, hover ≤ 4 ms, zoom step ≤ 16 ms');
  const shapes = await readFile('static/data/countries.json');
  const m = r.map;
  console.log(`map: ${m.countries} countries (Natural Earth 110m, minewatch's compact projected shapes ` +
    `${(shapes.length / 1024).toFixed(1)} KB raw, ${(gzipSync(shapes, { level: 9 }).length / 1024).toFixed(1)} KB gzip), ` +
    `${m.size.width}×${m.size.height} CSS px; medians of ${m.load.runs} runs (${m.overlay.runs} overlays)`);
  console.log(`  decode and index           ${m.load.median.toFixed(2)} ms`);
  console.log(`  base layer draw            ${m.base.median.toFixed(2)} ms`);
  console.log(`  overlay redraw (cursor)    ${m.overlay.median.toFixed(2)} ms`);
} finally {
  await browser.close();
  server.close();
}
