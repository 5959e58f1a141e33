// Byte budgets for a build directory, gzip level 9 as tests/size-report.mjs, KB = 1024 bytes:
//   wasm + js   the widget's WebAssembly and its JavaScript glue
//               ≤ 180 KB: a target, reported with its gap but not enforced until it is met
//   first load  every file the page requests before its first chart is drawn   ≤ 280 KB
// "First load" is measured, not listed: the page is opened in headless Chromium at a phone's
// viewport with ?mode=snapshot, and every request the page starts before the timeline is first
// marked drawn (`.timeline-chart[data-drawn]`, timed in the page by a MutationObserver against
// the Resource Timing start of each request; the processor slowed 20×, so that only
// what waits for the chart is left out however slow the machine) counts: index.html, css, js, wasm and the data
// files the first view asks for. Sizes come from the files themselves.
// `node tests/budgets.mjs [DIR]` prints a table and exits 1 when an enforced budget is exceeded.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './e2e/browser.mjs';
import { serveDirectory } from './e2e/serve-dist.mjs';

export const BUDGETS = { wasmJs: 180 * 1024, firstLoad: 280 * 1024 };
/** Budgets that fail the check when exceeded (the others are reported). */
export const ENFORCED = { wasmJs: false, firstLoad: true };
// Lighthouse's mobile emulation (Moto G Power): the first view a reader on a phone gets.
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Paths (relative to root) of the files the page requests before the timeline is drawn. */
async function firstLoadFiles(root, query = '?mode=snapshot') {
  const { server, origin } = await serveDirectory(root);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext(PHONE);
    const offHost = [];
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        offHost.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('.timeline-chart[data-drawn]')) {
          window.__drawnAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const page = await context.newPage();
    // A processor 20× slower than this machine's (slower than a slow CI run or a cheap phone):
    // what starts after the first chart must wait for it, not for a lucky timing.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    await page.goto(`${origin}/${query}`);
    await page.locator('.timeline-chart[data-drawn]').waitFor({ state: 'attached', timeout: 60_000 });
    const drawn = await page.evaluate(() => [
      location.href,
      ...performance
        .getEntriesByType('resource')
        .filter((r) => r.startTime <= window.__drawnAt)
        .map((r) => r.name),
    ]);
    if (offHost.length) throw new Error(`requests left 127.0.0.1 in snapshot mode: ${offHost.join(', ')}`);
    const paths = drawn
      .filter((u) => u.startsWith(`${origin}/`))
      .map((u) => decodeURIComponent(new URL(u).pathname).slice(1).replace(/(^|\/)$/, '$1index.html'));
    return [...new Set(paths)];
  } finally {
    await browser.close();
    server.close();
  }
}

/** The languages with a widget of their own (tools/languages.mjs), each with its first load. */
const LANGUAGES = ['ru', 'kk', 'zh', 'fa'];

/** Measures `root`: `{ rows, firstLoad, wasmJs, missing, languages }`, rows sorted by raw size;
 * `languages` gives each other language's first load (its own widget, and locale.js). */
export async function measureBudgets(root) {
  const fetched = new Set(await firstLoadFiles(root));
  const languages = [];
  for (const lang of LANGUAGES) {
    const paths = await firstLoadFiles(root, `?mode=snapshot&lang=${lang}`);
    let size = 0;
    for (const path of paths) size += gzipSync(await readFile(join(root, path)), { level: 9 }).length;
    languages.push({ lang, firstLoad: size });
  }
  const rows = [];
  for await (const path of files(root)) {
    const file = relative(root, path).split('\\').join('/');
    const body = await readFile(path);
    rows.push({ file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, first: fetched.delete(file) });
  }
  rows.sort((a, b) => b.raw - a.raw);
  const sum = (pick) => rows.filter(pick).reduce((t, r) => t + r.gzip, 0);
  return {
    rows,
    wasmJs: sum((r) => /^minewatch-[0-9a-f]+(_bg\.wasm|\.js)$/.test(r.file)),
    firstLoad: sum((r) => r.first),
    missing: [...fetched], // requested but not in the directory (404s)
    languages,
  };
}

/** Prints the table and the verdicts; returns how many budgets are exceeded. */
export function printBudgets(root, { rows, wasmJs, firstLoad, missing, languages = [] }) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const width = Math.max(5, ...rows.map((r) => r.file.length));
  console.log(`byte budgets for ${root}/ (gzip -9, KB = 1024 bytes; first load = requests started before ` +
    `the timeline is drawn, headless Chromium at 412×823, CPU 20× slower, ?mode=snapshot)`);
  console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}  first load`);
  for (const r of rows) {
    console.log(`${r.file.padEnd(width)}  ${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(10)}  ${r.first ? 'yes' : 'no'}`);
  }
  for (const file of missing) console.log(`${file.padEnd(width)}  requested, but not in ${root}/ (404)`);
  let over = 0;
  let failed = 0;
  const budgets = [
    ['wasm + js', wasmJs, BUDGETS.wasmJs, ENFORCED.wasmJs],
    ['first load', firstLoad, BUDGETS.firstLoad, ENFORCED.firstLoad],
    ...languages.map((l) => [`first load (${l.lang})`, l.firstLoad, BUDGETS.firstLoad, ENFORCED.firstLoad]),
  ];
  for (const [name, size, budget, enforced] of budgets) {
    const ok = size <= budget;
    if (!ok) over += 1;
    if (!ok && enforced) failed += 1;
    const verdict = ok
      ? `ok, ${kb(budget - size)} to spare`
      : `OVER by ${kb(size - budget)}${enforced ? '' : ' (a target, not enforced yet)'}`;
    console.log(`${name.padEnd(17)}${kb(size).padStart(10)} gzip  budget ${kb(budget).padStart(8)}  ${verdict}`);
  }
  console.log(`budgets: ${budgets.length - over} within, ${over} over`);
  return failed;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.argv[2] ?? 'dist';
  const failed = printBudgets(root, await measureBudgets(root));
  process.exit(failed ? 1 : 0);
}
