// An article goes viral: a crowd of readers opens the widget from a host that runs the daily
// refresh. The site is built as the hosting workflow builds it: dist/ copied, then
// `make refresh-site` (the workflow's own step) against the fake API on 127.0.0.1, so its data
// hold IODA's connectivity around every internet disruption of a mining country. Then readers
// open it, a browser context each (a reader's browser: its cache is theirs) and a few page loads
// per context, answered by the fake API through the browser's routing. Every request each
// reader sends is counted, by source and endpoint, with the time between a request and its
// retry. Bounded: a fixed number of loads, each with a time limit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { API_HOSTS, SOURCES, launchChromium, settledStatuses } from './browser.mjs';
import { fakeAnswer, startFakeApi } from './fake-api.mjs';
import { serveDirectory } from './serve-dist.mjs';

const SITE = 'target/crowd/site';
const CONTEXTS = 20;
const LOADS_PER_CONTEXT = { covered: 3, latest: 3, limited: 2 };
const AT_ONCE = 4;
const DAY = 86_400;
const SOURCE_OF_HOST = Object.fromEntries(API_HOSTS.map((h, i) => [h, SOURCES[i]]));
const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After' };

/** The endpoint a request is to: its source and, for IODA, the signal or the events. */
function endpoint(url) {
  const source = SOURCE_OF_HOST[url.hostname];
  if (source !== 'ioda') return source;
  return url.pathname.includes('/outages/') ? 'ioda events' : `ioda ${url.searchParams.get('datasource')}`;
}

const env = {};
before(async () => {
  await rm('target/crowd', { recursive: true, force: true });
  await mkdir('target/crowd', { recursive: true });
  await cp('dist', SITE, { recursive: true });
  env.api = await startFakeApi();
  const at = (host, path = '') => `${env.api.origin}/${host}${path}`;
  // The hosting workflow's step, as it runs it (.github/workflows/pages.yml).
  // (Not blocking: the fake API answers from this process.)
  await promisify(execFile)('make', ['--no-print-directory', 'refresh-site', `SITE=${SITE}`,
    `REFRESH_APIS=--mempool-api ${at('mempool.space', '/api')} --blockchain-api ${at('api.blockchain.info')} `
      + `--ioda-api ${at('api.ioda.inetintel.cc.gatech.edu', '/v2')} --cbeci-api ${at('ccaf.io')}`]);
  env.refreshRequests = env.api.asked.length;
  const { server, origin } = await serveDirectory(SITE);
  Object.assign(env, { server, origin, browser: await launchChromium() });
});
after(async () => {
  await env.browser?.close();
  env.server?.close();
  env.api?.server.close();
});

/**
 * One reader's page load in `context`: opens `query`, waits for the chart and for every source
 * to settle, and returns each API request it sent ({ url, endpoint, at }) and whether the chart
 * was drawn. `answer(route, url)` answers the APIs (the fake API's answers by default).
 */
async function load(context, query, answer) {
  const page = await context.newPage();
  const sent = [];
  for (const host of API_HOSTS) {
    await page.route(`https://${host}/**`, async (route) => {
      const url = new URL(route.request().url());
      sent.push({ url, endpoint: endpoint(url), at: Date.now() });
      if (answer) return answer(route, url);
      const body = await fakeAnswer(url);
      if (body === null) return route.fulfill({ status: 404, headers: CORS, body: 'no answer' });
      return route.fulfill({ status: 200, contentType: 'application/json', headers: CORS, body });
    });
  }
  await page.goto(`${env.origin}/${query}`);
  await page.waitForSelector('.timeline-chart[data-drawn]', { timeout: 60_000 });
  const statuses = await settledStatuses(page);
  const drawn = await page.locator('.timeline-chart[data-drawn]').count();
  await page.close();
  return { sent, drawn: drawn === 1, statuses };
}

/**
 * A crowd: CONTEXTS readers, `perContext` page loads each, AT_ONCE at a time. Returns every
 * load's result with its reader's number.
 */
async function crowd(query, perContext, answer) {
  const contexts = await Promise.all(
    Array.from({ length: CONTEXTS }, () => env.browser.newContext({ viewport: { width: 390, height: 844 } })),
  );
  const jobs = contexts.flatMap((context, reader) => Array.from({ length: perContext }, (_, n) => ({ context, reader, n })));
  const results = [];
  // Each reader's loads one after another (a reload uses its cache); readers side by side.
  const byRound = Array.from({ length: perContext }, (_, n) => jobs.filter((j) => j.n === n));
  for (const round of byRound) {
    for (let i = 0; i < round.length; i += AT_ONCE) {
      const batch = round.slice(i, i + AT_ONCE);
      results.push(...await Promise.all(batch.map(async (j) => ({ ...j, ...await load(j.context, query(j), answer) }))));
    }
  }
  await Promise.all(contexts.map((c) => c.close()));
  return results;
}

/** Requests per reader per endpoint: { endpoint: [count of reader 0, …] }. */
function perReader(results) {
  const out = {};
  for (const r of results) {
    for (const { endpoint: e } of r.sent) {
      out[e] ??= Array(CONTEXTS).fill(0);
      out[e][r.reader] += 1;
    }
  }
  return out;
}

const summary = (counts) => Object.entries(counts)
  .map(([e, c]) => `${e} ${Math.min(...c)}–${Math.max(...c)}`)
  .join(', ') || 'none';

describe('a crowd of readers on a host that refreshes its data', () => {
  test('the refresh step of the workflow ran against the fake API and holds connectivity', async () => {
    const manifest = JSON.parse(await readFile(`${SITE}/data/manifest.json`, 'utf8'));
    const windows = manifest.sources.filter((s) => s.stands_for === 'ioda');
    console.log(`refresh: ${env.refreshRequests} requests to the fake API, ${windows.length} windows of connectivity`);
    assert.ok(windows.length > 20, `${windows.length} windows`);
    assert.ok(windows.some((w) => w.regions[0] === 'KZ' && w.covers[0] <= Date.parse('2021-12-12') / 1000));
  });

  test('(a) a covered historical view: no API request at all', async () => {
    // The seed story, and Iran's November 2019 shutdown opened by a link.
    const queries = ['', '?event=ir-2019-11-internet-shutdown'];
    const results = await crowd(({ reader }) => queries[reader % 2], LOADS_PER_CONTEXT.covered);
    const counts = perReader(results);
    console.log(`(a) covered view: ${results.length} page loads by ${CONTEXTS} readers; requests per reader: ${summary(counts)} (before the manifest: 7 per load, IODA's 4 included)`);
    assert.ok(results.every((r) => r.drawn));
    assert.deepEqual(counts, {});
    for (const r of results) {
      for (const source of SOURCES) assert.equal(r.statuses[source].status, 'covered', r.statuses[source].text);
    }
  });

  test('(b) the last 7 days: at most one request per endpoint per reader, for the days the snapshot lacks', async () => {
    const today = Math.floor(Date.now() / 1000 / DAY) * DAY;
    const [from, until] = [today - 6 * DAY, today + DAY];
    const iso = (t) => new Date(t * 1000).toISOString().slice(0, 10);
    const results = await crowd(() => `?from=${iso(from)}&until=${iso(until)}`, LOADS_PER_CONTEXT.latest);
    const counts = perReader(results);
    console.log(`(b) last 7 days: ${results.length} page loads by ${CONTEXTS} readers; requests per reader (all loads, cache TTL not reached): ${summary(counts)}`);
    assert.ok(results.every((r) => r.drawn));
    assert.deepEqual(Object.keys(counts).sort(),
      ['blockchain', 'cbeci', 'ioda bgp', 'ioda events', 'ioda merit-nt', 'ioda ping-slash24', 'mempool']);
    for (const [e, c] of Object.entries(counts)) assert.ok(c.every((n) => n === 1), `${e}: ${c}`);
    // Each for the uncovered window only: the view's days, by the smallest endpoint.
    for (const { url, endpoint: e } of results.flatMap((r) => r.sent)) {
      const q = url.searchParams;
      if (e === 'mempool') assert.match(url.pathname, /\/hashrate\/1w$/);
      if (e === 'blockchain') {
        assert.equal(q.get('start'), iso(from));
        assert.ok(Number(q.get('timespan').match(/^(\d+)days$/)?.[1]) <= 8, q.get('timespan'));
      }
      if (e.startsWith('ioda')) assert.deepEqual([Number(q.get('from')), Number(q.get('until'))], [from, until]);
    }
    // Later loads of the same reader read the cache: the first load asked everything.
    assert.ok(results.filter((r) => r.n > 0).every((r) => r.sent.length === 0));
  });

  for (const [name, headers] of [['with Retry-After: 1', { 'Retry-After': '1' }], ['without Retry-After', {}]]) {
    test(`(c) the last 7 days while every API answers 429 ${name}: bounded retries, jittered, the chart drawn`, async () => {
      const today = Math.floor(Date.now() / 1000 / DAY) * DAY;
      const iso = (t) => new Date(t * 1000).toISOString().slice(0, 10);
      const tooMany = (route) => route.fulfill({ status: 429, headers: { ...CORS, ...headers }, body: 'Too Many Requests' });
      const results = await crowd(() => `?from=${iso(today - 6 * DAY)}&until=${iso(today + DAY)}`, LOADS_PER_CONTEXT.limited, tooMany);
      const perLoad = results.map((r) => {
        const byUrl = new Map();
        for (const s of r.sent) byUrl.set(s.url.href, [...(byUrl.get(s.url.href) ?? []), s]);
        const tries = [...byUrl.values()];
        return { ...r, attempts: tries.map((a) => a.length), gaps: tries.flatMap((a) => a.slice(1).map((s, i) => s.at - a[i].at)) };
      });
      const attempts = perLoad.flatMap((r) => r.attempts);
      const gaps = perLoad.flatMap((r) => r.gaps).sort((a, b) => a - b);
      const spread = Math.max(...gaps) - Math.min(...gaps);
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length);
      console.log(`(c) 429 ${name}: ${results.length} page loads; requests per load ${Math.min(...perLoad.map((r) => r.sent.length))}–${Math.max(...perLoad.map((r) => r.sent.length))}, attempts per URL ≤ ${Math.max(...attempts)}; retry gaps ${gaps.length}: min ${gaps[0]} ms, median ${gaps[gaps.length >> 1]} ms, max ${gaps[gaps.length - 1]} ms, sd ${sd.toFixed(0)} ms`);
      assert.ok(results.every((r) => r.drawn), 'every reader draws the chart');
      // The retry policy's bound (src/fetching/retry.rs): 3 attempts per URL.
      assert.ok(attempts.every((a) => a <= 3), `attempts ${attempts}`);
      assert.ok(perLoad.every((r) => r.sent.length <= 7 * 3), 'at most 3 attempts for each of the 7 requests');
      // No synchronized storm: the retries spread out.
      assert.ok(gaps.length >= results.length, `${gaps.length} retries`);
      assert.ok(sd > 50 && spread > 200, `retry gaps sd ${sd} ms, spread ${spread} ms`);
      if (headers['Retry-After']) assert.ok(gaps.every((g) => g >= 950), 'each retry waits for Retry-After');
      for (const r of results) {
        for (const source of SOURCES) {
          assert.match(r.statuses[source].text, /HTTP 429, rate-limited/, r.statuses[source].text);
        }
      }
    });
  }
});
