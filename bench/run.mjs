// Runs the timeline benchmark (bench/index.html, built into target/bench-dist by `make bench`)
// in headless Chromium and prints the medians: minewatch's timeline against uPlot on the same
// 166,650 points, canvas size and browser session, and the gzip size each ships.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, openPage, settledStatuses } from '../tests/e2e/browser.mjs';
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
  await widgetHover(browser);
} finally {
  await browser.close();
  server.close();
}

/**
 * In the page: sweeps `count` mouse moves across the timeline of the built widget and times
 * each through the real path (the pointer handler, the app's state, Yew's render of every
 * component, the crosshair and tooltip, the map's overlay redraw at the new time): from the
 * event to the end of the work it queued, and to the next frame. Medians and 95th percentiles.
 */
async function hoverSweepInPage(count) {
  const chart = document.querySelector('.timeline-chart');
  const rect = chart.getBoundingClientRect();
  const left = Number(chart.dataset.plotLeft);
  const right = Number(chart.dataset.plotRight);
  const channel = new MessageChannel();
  const afterQueuedWork = () => new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const work = [];
  const frame = [];
  let moved = 0;
  let lastLeft = null;
  for (let i = 0; i < count; i += 1) {
    const x = rect.left + left + ((right - left) * (i + 0.5)) / count;
    const t0 = performance.now();
    chart.dispatchEvent(new PointerEvent('pointermove', {
      clientX: x, clientY: rect.top + 60, pointerId: 1, pointerType: 'mouse', bubbles: true, isPrimary: true,
    }));
    await afterQueuedWork();
    work.push(performance.now() - t0);
    await nextFrame();
    frame.push(performance.now() - t0);
    const crosshair = document.querySelector('.timeline-crosshair')?.style.left ?? null;
    if (crosshair !== lastLeft) moved += 1;
    lastLeft = crosshair;
  }
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const at = (xs, q) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  return {
    moved,
    work: { median: at(work, 0.5), p95: at(work, 0.95) },
    frame: { median: at(frame, 0.5), p95: at(frame, 0.95) },
  };
}

/**
 * The widget itself (dist/, as `make build` made it), its default view and a view of every
 * year, at 1000 px wide: hover through Yew, as a reader's mouse drives it.
 */
async function widgetHover(browser) {
  const { server: site, origin: siteOrigin } = await serveDirectory('dist');
  try {
    const { context, page, record } = await openPage(browser, { viewport: { width: 1000, height: 900 } });
    const count = 120;
    console.log(`hover through the widget (dist/, App and every component, map overlay included), ` +
      `${count} mouse moves across the chart, 1000 px wide:`);
    console.log(`${''.padEnd(28)}${'to work done'.padStart(22)}${'to next frame'.padStart(22)}`);
    for (const [name, query] of [['default view (Jan 2022)', ''], ['every year (2009–2026)', '?from=2009-01-03&until=2026-11-30']]) {
      await page.goto(`${siteOrigin}/${query}`);
      await settledStatuses(page);
      await page.waitForSelector('.timeline-chart[data-drawn]');
      await page.waitForSelector('.map-chart[data-drawn]');
      await page.waitForTimeout(300);
      const r = await page.evaluate(hoverSweepInPage, count);
      if (r.moved < count * 0.9) throw new Error(`the crosshair moved on only ${r.moved} of ${count} moves`);
      const cell = (m) => `${m.median.toFixed(2)} ms (p95 ${m.p95.toFixed(2)})`.padStart(22);
      console.log(`  ${name.padEnd(26)}${cell(r.work)}${cell(r.frame)}`);
    }
    // Requests to hosts without a fixture are refused (and logged); anything else is an error.
    const errors = record.consoleErrors.filter((e) => !e.startsWith('Failed to load resource'));
    if (errors.length) throw new Error(errors.join('\n'));
    await context.close();
  } finally {
    site.close();
  }
}
