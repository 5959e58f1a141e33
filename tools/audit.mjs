// What a reader gets: serves a build directory (dist/ unless given) on 127.0.0.1 like a CDN
// (gzip, cache-control), runs Lighthouse in headless Chromium as a phone (its default: Moto G
// Power viewport, simulated slow 4G and 4× CPU slowdown) and as a desktop (--preset=desktop),
// and prints scores, the paint/shift/blocking figures, transfer bytes and the failed
// accessibility and best-practice audits; then the byte budgets of tests/budgets.mjs.
// The page is opened with ?mode=snapshot, so it uses the bundled data and asks nothing of the
// network; Chromium runs without background networking and cannot resolve any host name.
// It reports and does not gate (`node tests/budgets.mjs` does): it exits 1 only when Lighthouse
// fails or the page asked for something off 127.0.0.1. Full reports: target/audit/.
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { serveDirectory } from '../tests/e2e/serve-dist.mjs';
import { measureBudgets, printBudgets } from '../tests/budgets.mjs';

const root = process.argv[2] ?? 'dist';
const REPORTS = 'target/audit';
const LIGHTHOUSE = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'lighthouse', 'cli', 'index.js');
const CHROME_FLAGS = [...CHROMIUM_ARGS, '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/** Runs Lighthouse once; resolves to its result (LHR), also written as JSON and HTML. */
async function lighthouse(url, form) {
  const out = join(REPORTS, form);
  await promisify(execFile)(process.execPath, [
    LIGHTHOUSE, url,
    '--chrome-path=/usr/bin/chromium',
    ...CHROME_FLAGS.map((f) => `--chrome-flags=${f}`),
    `--only-categories=${CATEGORIES.join(',')}`,
    ...(form === 'desktop' ? ['--preset=desktop'] : []),
    '--output=json', '--output=html', `--output-path=${out}`, '--quiet',
  ], { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' } });
  const lhr = JSON.parse(await readFile(`${out}.report.json`, 'utf8'));
  if (lhr.runtimeError) throw new Error(`Lighthouse (${form}): ${lhr.runtimeError.message}`);
  return lhr;
}

await mkdir(REPORTS, { recursive: true });
const { server, origin } = await serveDirectory(root, 0, { cdn: true });
const url = `${origin}/?mode=snapshot`;
const runs = {};
try {
  for (const form of ['mobile', 'desktop']) runs[form] = await lighthouse(url, form);
} finally {
  server.close();
}

const { mobile, desktop } = runs;
const forms = Object.keys(runs);
const s = mobile.configSettings.throttling;
console.log(`Lighthouse ${mobile.lighthouseVersion}, headless Chromium ${/Chrome\/([\d.]+)/.exec(mobile.environment.hostUserAgent)?.[1]}, ` +
  `${root}/ served on 127.0.0.1 with gzip -9 and CDN cache-control`);
const offHost = forms.flatMap((f) => runs[f].audits['network-requests'].details.items
  .filter((i) => !/^(data:|http:\/\/127\.0\.0\.1[:/])/.test(i.url)).map((i) => `${f}: ${i.url}`));
console.log(`page ${url} (bundled snapshot): ` +
  (offHost.length ? `${offHost.length} REQUESTS OFF 127.0.0.1: ${offHost.join(', ')}` : 'no request off 127.0.0.1') +
  '; Chromium background networking off, host names unresolvable');
if (offHost.length) process.exitCode = 1;
console.log(`mobile: ${mobile.configSettings.screenEmulation.width}×${mobile.configSettings.screenEmulation.height} ` +
  `at ${mobile.configSettings.screenEmulation.deviceScaleFactor}x, simulated ${s.rttMs} ms RTT, ` +
  `${(s.throughputKbps / 1024).toFixed(1)} Mbit/s, ${s.cpuSlowdownMultiplier}× CPU; ` +
  `desktop: ${desktop.configSettings.screenEmulation.width}×${desktop.configSettings.screenEmulation.height}, ` +
  `${desktop.configSettings.throttling.rttMs} ms RTT, ${desktop.configSettings.throttling.cpuSlowdownMultiplier}× CPU ` +
  `(CPU benchmark index ${Math.round(mobile.environment.benchmarkIndex)})`);

const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const ROWS = [
  ...CATEGORIES.map((c) => [c, (r) => String(Math.round(r.categories[c].score * 100))]),
  ['FCP', (r) => ms(r.audits['first-contentful-paint'].numericValue)],
  ['LCP', (r) => ms(r.audits['largest-contentful-paint'].numericValue)],
  ['CLS', (r) => r.audits['cumulative-layout-shift'].numericValue.toFixed(3)],
  ['TBT', (r) => ms(r.audits['total-blocking-time'].numericValue)],
  ['Speed Index', (r) => ms(r.audits['speed-index'].numericValue)],
  ['transfer', (r) => `${(r.audits['total-byte-weight'].numericValue / 1024).toFixed(1)} KB`],
  ['requests', (r) => String(r.audits['network-requests'].details.items.length)],
];
console.log();
console.log(`${''.padEnd(16)}${forms.map((f) => f.padStart(10)).join('')}`);
for (const [name, value] of ROWS) console.log(`${name.padEnd(16)}${forms.map((f) => value(runs[f]).padStart(10)).join('')}`);

// What the figures are made of: the LCP element and the largest layout shift.
const node = (item) => (item?.node ?? item)?.selector ?? '?';
for (const form of forms) {
  const r = runs[form];
  const lcp = r.audits['lcp-breakdown-insight'].details?.items?.find((i) => i.type === 'node');
  const shift = r.audits['layout-shifts'].details?.items?.[0];
  console.log(`${form}: LCP element ${lcp ? `${node(lcp)} ("${lcp.nodeLabel.slice(0, 40)}")` : 'not reported'}` +
    (shift ? `; largest layout shift ${shift.score.toFixed(3)} on ${node(shift)}` : '; no layout shift'));
}

// Failed audits of the two categories, once per audit, with the forms they failed in.
const failed = new Map();
for (const form of forms) {
  for (const category of ['accessibility', 'best-practices']) {
    for (const ref of runs[form].categories[category].auditRefs) {
      const a = runs[form].audits[ref.id];
      if (a.scoreDisplayMode !== 'error' && (a.score === null || a.score >= 1)) continue;
      const items = a.details?.items ?? [];
      const first = items[0] && (items[0].node?.selector ?? items[0].scriptUrl ?? items[0].url ?? items[0].description);
      const reason = a.scoreDisplayMode === 'error' ? `could not run: ${a.errorMessage}` :
        `${a.title}${items.length ? ` (${items.length}: ${String(first).replace(origin, '')}${items.length > 1 ? ', …' : ''})` : ''}`;
      const key = `${category} ${ref.id}`;
      const entry = failed.get(key) ?? { category, id: ref.id, weight: ref.weight, reason, forms: [] };
      entry.forms.push(form);
      failed.set(key, entry);
    }
  }
}
console.log();
console.log(`failed accessibility / best-practices audits: ${failed.size || 'none'}`);
for (const f of failed.values()) {
  console.log(`  ${f.category} ${f.id} [${f.forms.join(', ')}${f.weight ? '' : ', weight 0'}]: ${f.reason}`);
}
console.log(`full reports: ${forms.map((f) => `${REPORTS}/${f}.report.html`).join(', ')}`);

console.log();
printBudgets(root, await measureBudgets(root));
