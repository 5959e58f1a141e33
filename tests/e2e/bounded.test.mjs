// Bounded work and nothing lost: hostile or long ranges, IODA's step rule, partial answers, a
// poisoned or full cache, and a table of the ways each API can fail. Every API is answered here
// or by the fixtures (tests/fixtures/); nothing leaves 127.0.0.1.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API_HOSTS, SOURCES, coverNothing, openPage, servedWidget, settledStatuses, watchApis } from './browser.mjs';
import { fakeAnswer, iodaAnswer } from './fake-api.mjs';

// The most requests the widget's opening view may send (src/fetching/plan.rs: IODA's 4 windows
// × 3 signals + 1 events request for a year or more, and one request per other source).
const MOST_OPENING_REQUESTS = 16;
// The hard cap on requests per page load, retries included (src/services/http.rs).
const MAX_REQUESTS_PER_PAGE = 64;

const env = servedWidget();

const CORS = { 'access-control-allow-origin': '*' };
const json = (route, body, status = 200, headers = CORS) =>
  route.fulfill({ status, contentType: 'application/json', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** Answers IODA by its step rule (`fail(url)` true: HTTP 500); other APIs from the fixtures. */
const iodaByRule = (fail = () => false) => async (route, url, source) => {
  if (source !== 'ioda') return route.fallback();
  if (fail(url)) return route.fulfill({ status: 500, headers: CORS, body: 'Internal Server Error' });
  return json(route, iodaAnswer(url));
};

describe('bounded work for any link', () => {
  test('an absurd range is narrowed, sends a handful of requests and settles', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    const seen = await watchApis(page, iodaByRule());
    await page.goto(`${env.origin}/?from=1900-01-01&until=2100-01-01`);
    const s = await settledStatuses(page);
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    console.log(`absurd range: ${seen.length} API requests (${SOURCES.map((x) => `${x} ${seen.filter((r) => r.source === x).length}`).join(', ')})`);
    assert.ok(seen.length <= MOST_OPENING_REQUESTS, `${seen.length} requests`);
    assert.equal(seen.filter((r) => r.source === 'ioda').length, 13, '4 windows × 3 signals + events');
    assert.equal(s.ioda.status, 'live', s.ioda.text);
    assert.match(s.ioda.text, /fetched for the view's last 366 days: the most one page asks for/);
    assert.match(s.ioda.text, /ping-slash24, bgp, merit-nt/);
    // The narrowed dates are said on the folded line, without opening it.
    assert.equal(await page.locator('.chip[data-warning="range"]').innerText(), "dates narrowed to Bitcoin's lifetime");
    assert.equal(await page.locator('.chip[data-warning="connectivity"]').innerText(), 'connectivity for the last 366 days only');
    assert.ok(record.consoleWarnings.some((w) => w.includes('from/until narrowed')), record.consoleWarnings.join('\n'));
    // The view runs from the genesis day to a day after now.
    assert.match(await page.locator('.timeline-chart').getAttribute('aria-label'), /2009-01-03 to \d{4}-\d{2}-\d{2} \(UTC\)/);
    assert.deepEqual(record.consoleErrors, []);
    assert.deepEqual(record.externalRequests, []);
    await context.close();
  });

  test('with every API failing, an absurd range stays within the cap and settles', async () => {
    const { context, page } = await openPage(env.browser);
    const seen = await watchApis(page, (route) => route.fulfill({ status: 500, headers: CORS, body: 'down' }));
    await page.goto(`${env.origin}/?from=1900-01-01&until=2100-01-01`);
    const s = await settledStatuses(page);
    console.log(`absurd range, every API failing: ${seen.length} API requests (retries included)`);
    assert.ok(seen.length <= MAX_REQUESTS_PER_PAGE, `${seen.length} requests`);
    // After IODA's first request fails for good, its others are not sent.
    assert.ok(seen.filter((r) => r.source === 'ioda').length < 13 * 3, 'IODA gave up early');
    for (const source of SOURCES) assert.equal(s[source].status, 'snapshot', `${source}: ${s[source].text}`);
    await context.close();
  });
});

describe('long ranges keep every signal', () => {
  test('a 200-day range, answered at the step IODA picks per window, shows all three signals', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    const seen = await watchApis(page, iodaByRule());
    await page.goto(`${env.origin}/?from=2021-07-01&until=2022-01-17`);
    const s = await settledStatuses(page);
    const ioda = seen.filter((r) => r.source === 'ioda');
    assert.equal(ioda.length, 3 * 3 + 1, 'three equal windows per signal, and the events');
    const steps = new Set(ioda.filter((r) => r.url.includes('/signals/')).map((r) => {
      const q = new URL(r.url).searchParams;
      return Number(q.get('until')) - Number(q.get('from'));
    }));
    assert.equal(steps.size, 1, 'equal windows, so one grid');
    assert.equal(s.ioda.status, 'live', s.ioda.text);
    assert.match(s.ioda.text, /^IODA: live, Kazakhstan: ping-slash24, bgp, merit-nt \(/);
    assert.deepEqual(record.consoleErrors, []);
    await context.close();
  });

  test('a window that fails leaves the rest on screen, and the status says partial', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    // The last bgp window fails.
    await watchApis(page, iodaByRule((url) => url.searchParams.get('datasource') === 'bgp'
      && Number(url.searchParams.get('until')) >= Date.parse('2022-01-17T00:00Z') / 1000));
    await page.goto(`${env.origin}/?from=2021-07-01&until=2022-01-17`);
    const s = await settledStatuses(page);
    assert.equal(s.ioda.status, 'partial', s.ioda.text);
    assert.match(s.ioda.text, /^IODA: live but partial \(\d+ of 10 requests unanswered: HTTP 500\): Kazakhstan: /);
    assert.deepEqual(await page.locator('.chip').allInnerTexts(), ['IODA partial']);
    // The bundled snapshot covers this view's hash rate and shares: only IODA was asked.
    assert.equal(await page.locator('.data-status-line').innerText(), 'Bundled snapshot of 24 Nov 2026 for this view · live data from 1 source');
    assert.deepEqual(record.consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
    await context.close();
  });
});

describe('what one window lacks', () => {
  test('an unusable window is left out, and the status says partial', async () => {
    const { context, page } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    await watchApis(page, async (route, url, source) => {
      if (source === 'ioda' && url.searchParams.get('datasource') === 'merit-nt'
        && Number(url.searchParams.get('until')) >= Date.parse('2022-01-17T00:00Z') / 1000) {
        return json(route, '{"type":"signals","error":null,"data":[[{"entityType"');
      }
      return iodaByRule()(route, url, source);
    });
    await page.goto(`${env.origin}/?from=2021-07-01&until=2022-01-17`);
    const s = await settledStatuses(page);
    assert.equal(s.ioda.status, 'partial', s.ioda.text);
    assert.match(s.ioda.text, /^IODA: live but partial \(1 of 10 answers unusable: the response is not valid JSON: .*\): Kazakhstan: ping-slash24, bgp, merit-nt \(/);
    await context.close();
  });

  test('an unanswered window is filled from an older copy, and the status says so', async () => {
    const { context, page } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    await watchApis(page, iodaByRule());
    await page.goto(`${env.origin}/?from=2021-07-01&until=2022-01-17`);
    assert.equal((await settledStatuses(page)).ioda.status, 'live');
    // Age every copy past IODA's time to live; then the first ping-slash24 window fails.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage).filter((k) => k.startsWith('minewatch:v2:'))) {
        const lines = localStorage.getItem(key).split('\n');
        lines[3] = String(Number(lines[3]) - 3600);
        localStorage.setItem(key, lines.join('\n'));
      }
    });
    await page.unrouteAll();
    await watchApis(page, iodaByRule((url) => url.searchParams.get('datasource') === 'ping-slash24'
      && Number(url.searchParams.get('from')) === Date.parse('2021-07-01T00:00Z') / 1000));
    await page.reload();
    const s = await settledStatuses(page);
    assert.equal(s.ioda.status, 'partial', s.ioda.text);
    assert.match(s.ioda.text, /^IODA: live but partial \([1-9] of 10 from an older copy \(HTTP 500\)\): Kazakhstan: ping-slash24, bgp, merit-nt/);
    await context.close();
  });

  test('after a request fails for good, the source sends no more', async () => {
    const { context, page } = await openPage(env.browser);
    const seen = await watchApis(page, (route, url, source) => (source === 'ioda'
      ? route.fulfill({ status: 404, headers: CORS, body: 'Not Found' })
      : route.fallback()));
    await page.goto(`${env.origin}/?from=2021-07-01&until=2022-01-17`);
    const s = await settledStatuses(page);
    const ioda = seen.filter((r) => r.source === 'ioda').length;
    console.log(`IODA answering 404: ${ioda} of its 10 requests sent`);
    assert.ok(ioda <= 4, `${ioda} requests: at most those already in flight`);
    assert.match(s.ioda.text, /unreachable \(HTTP 404\)/);
    await context.close();
  });
});

describe('a country chosen on the map', () => {
  test('stops the fetching for the country before it', async () => {
    const { context, page } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    // A year or more: 13 requests per country, each answered after 400 ms.
    const seen = await watchApis(page, async (route, url, source) => {
      if (source === 'ioda') await new Promise((resolve) => { setTimeout(resolve, 400); });
      return iodaByRule()(route, url, source);
    });
    await page.goto(`${env.origin}/?from=2021-01-01&until=2022-02-05`);
    const map = page.locator('.map-chart');
    await page.locator('.map-chart[data-drawn]').waitFor();
    await map.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /^IODA: live, United States/.test(document.querySelector('[data-source="ioda"]').textContent), null, { timeout: 60_000 });
    const of = (code) => seen.filter((r) => r.source === 'ioda' && (r.url.includes(`/country/${code}?`) || r.url.includes(`entityCode=${code}&`))).length;
    console.log(`a country chosen while the first loads: Kazakhstan ${of('KZ')} of 13 requests sent, the United States ${of('US')}`);
    assert.ok(of('KZ') < 13, `${of('KZ')} requests for Kazakhstan`);
    assert.equal(of('US'), 13);
    await context.close();
  });
});

describe('a cache that stays small and honest', () => {
  test('planted, foreign, stale-format and future entries are not trusted', async () => {
    const { context, page, record } = await openPage(env.browser);
    await coverNothing(context);
    await page.goto(`${env.origin}/`);
    await settledStatuses(page);
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('minewatch:')));
    assert.ok(keys.includes('minewatch:v2-index:/'), keys.join('\n'));
    assert.ok(keys.filter((k) => k.startsWith('minewatch:v2:/:https://')).length >= 4, 'one namespace, keyed by URL');
    // Poison every entry a different way: another source's answer, a time in the future,
    // an old format, a body that is not the API's.
    await page.evaluate(() => {
      const entries = Object.keys(localStorage).filter((k) => k.startsWith('minewatch:v2:/:'));
      entries.forEach((key, i) => {
        const lines = localStorage.getItem(key).split('\n');
        if (i % 4 === 0) lines[1] = lines[1] === 'ioda' ? 'mempool' : 'ioda';
        if (i % 4 === 1) lines[3] = String(Math.floor(Date.now() / 1000) + 86400);
        if (i % 4 === 2) lines[0] = 'minewatch-cache 1';
        if (i % 4 === 3) lines.splice(4, lines.length - 4, '{"planted":true}');
        localStorage.setItem(key, lines.join('\n'));
      });
      localStorage.setItem('minewatch:v2:/:https://planted.example/', 'minewatch-cache 2\nmempool\nx\n1\n{}');
    });
    const apiRequests = [];
    page.on('request', (r) => API_HOSTS.includes(new URL(r.url()).hostname) && apiRequests.push(r.url()));
    await page.reload();
    const s = await settledStatuses(page);
    for (const source of SOURCES) assert.equal(s[source].status, 'live', `${source}: ${s[source].text}`);
    assert.ok(apiRequests.length >= 4, 'fetched again');
    assert.equal(await page.evaluate(() => localStorage.getItem('minewatch:v2:/:https://planted.example/')), null, 'the stray is gone');
    assert.deepEqual(record.consoleErrors, []);
    await context.close();
  });

  test('a full storage: the widget goes on live and says so once', async () => {
    const { context, page, record } = await openPage(env.browser);
    await coverNothing(context);
    await context.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (String(key).startsWith('minewatch:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    await page.goto(`${env.origin}/`);
    const s = await settledStatuses(page);
    for (const source of SOURCES) assert.equal(s[source].status, 'live', `${source}: ${s[source].text}`);
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    const full = record.consoleWarnings.filter((w) => w.includes("the browser's storage is full"));
    assert.equal(full.length, 1, record.consoleWarnings.join('\n'));
    assert.deepEqual(record.consoleErrors, []);
    await context.close();
  });
});

describe('copying', () => {
  test('a refused clipboard says so instead of "Copied"', async () => {
    const { context, page } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
      });
    });
    await page.goto(`${env.origin}/?mode=snapshot`);
    await page.getByRole('button', { name: 'Embed / Share' }).click();
    const copy = page.locator('.share-snippet button').first();
    await copy.click();
    await page.waitForFunction(() => document.querySelector('.share-snippet button').textContent !== 'Copy');
    assert.equal(await copy.innerText(), 'Copy failed: select the text');
    await context.close();
  });

  test('an allowed clipboard gets the snippet, and the button says "Copied"', async () => {
    const { context, page } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
    await page.goto(`${env.origin}/?mode=snapshot`);
    await page.getByRole('button', { name: 'Embed / Share' }).click();
    const copy = page.locator('.share-snippet button').first();
    await copy.click();
    await page.waitForFunction(() => document.querySelector('.share-snippet button').textContent !== 'Copy');
    assert.equal(await copy.innerText(), 'Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.locator('[data-snippet=permalink]').inputValue());
    await context.close();
  });
});

// Each way an API can fail, for every source at once: the rest renders, the status says what
// happened, no page error, and the requests stay bounded.
const TWENTY_MB = Buffer.alloc(20 * 1024 * 1024, 0x20);
const VALUE_FAULTS = {
  mempool: { hashrates: [{ timestamp: 1639267200, avgHashrate: -5 }], difficulty: [] },
  blockchain: { status: 'ok', name: 'Hash Rate', unit: 'Hash Rate TH/s', period: 'day', description: '', values: [{ x: 1658966400, y: null }] },
  ioda: { type: 'signals', error: null, data: [[{ entityType: 'country', entityCode: 'KZ', datasource: 'bgp', from: 1639267200, until: 1639270800, step: 1800, nativeStep: 300, values: [3100, -1] }]] },
  cbeci: { data: [{ x: 1640995200000, y: 'NaN', name: 'Kazakhstan', code: 'KZ' }] },
};
// Out of order, with an exact repeat: read as if sorted (the repeat dropped).
const SHUFFLED = {
  mempool: { hashrates: [{ timestamp: 1639353600, avgHashrate: 1.7e20 }, { timestamp: 1639267200, avgHashrate: 1.6e20 }, { timestamp: 1639353600, avgHashrate: 1.7e20 }], difficulty: [] },
  blockchain: { status: 'ok', name: 'Hash Rate', unit: 'Hash Rate TH/s', period: 'day', description: '', values: [{ x: 1659052800, y: 2e8 }, { x: 1658966400, y: 1.9e8 }, { x: 1659052800, y: 2e8 }] },
};
const FAULTS = [
  ['404', (r) => r.fulfill({ status: 404, headers: CORS, body: 'Not Found' }), { all: /unreachable \(HTTP 404\)/ }],
  ['500', (r) => r.fulfill({ status: 500, headers: CORS, body: 'Internal Server Error' }), { all: /unreachable \(HTTP 500\)/ }],
  ['429 with Retry-After', (r) => r.fulfill({ status: 429, headers: { ...CORS, 'Retry-After': '1', 'Access-Control-Expose-Headers': 'Retry-After' }, body: 'slow down' }),
    { all: /unreachable \(HTTP 429, rate-limited\)/ }],
  ['429 without Retry-After', (r) => r.fulfill({ status: 429, headers: CORS, body: 'Too Many Requests' }), { all: /unreachable \(HTTP 429, rate-limited\)/ }],
  ['a network error', (r) => r.abort('failed'), { all: /unreachable \(network error/ }],
  ['a timeout', () => new Promise(() => {}), { all: /unreachable \(timeout after 10 s\)/ }],
  ['a CORS refusal (another origin allowed)', (r) => r.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': 'https://elsewhere.example' }, body: '{}' }), { all: /unreachable \(network error/ }],
  ['malformed JSON', (r) => json(r, '{"a": [1, 2'), { all: /unreachable \(unusable answer: the response is not valid JSON/ }],
  ['the wrong schema', (r) => json(r, { data: { unexpected: true }, values: 'none' }), { all: /unreachable \(unusable answer: the response has an unexpected shape/ }],
  ['an empty body', (r) => json(r, ''), { all: /unreachable \(unusable answer: the response is not valid JSON/ }],
  // IODA's outage events still answer: its signals are left out, and it says so.
  ['NaN, negative or null values', (r, url, source) => json(r, source === 'ioda' && url.pathname.includes('outages') ? iodaAnswer(url) : VALUE_FAULTS[source]),
    { mempool: /unreachable \(unusable answer: /, blockchain: /unreachable \(unusable answer: /, cbeci: /unreachable \(unusable answer: /,
      ioda: /^IODA: live but partial \(3 of 4 answers unusable: the response has an unexpected shape: bgp value -1 is not a count\): Kazakhstan: no connectivity series/ }],
  ['out-of-order and repeated timestamps', (r, url, source) => (SHUFFLED[source] ? json(r, SHUFFLED[source]) : r.fallback()),
    { mempool: /^mempool\.space: live, 2 daily values from 2021-12-12 to 2021-12-13/, blockchain: /^blockchain\.com: live, 2 daily values from 2022-07-28 to 2022-07-29/, ioda: /^IODA: live/, cbeci: /^CBECI: live/ }],
  ['a 20 MB body', (r) => r.fulfill({ status: 200, contentType: 'application/json', headers: CORS, body: TWENTY_MB }), { all: /unreachable \(the response is too large \(20,971,520 bytes or more\)\)/ }],
];

describe('the fault matrix: every source × every fault', () => {
  for (const [name, reply, expected] of FAULTS) {
    test(`${name}`, async () => {
      const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
      await coverNothing(context);
      const seen = await watchApis(page, reply);
      await page.goto(`${env.origin}/`);
      const s = await settledStatuses(page);
      for (const source of SOURCES) {
        const want = expected[source] ?? expected.all;
        assert.match(s[source].text, want, `${source}: ${s[source].text}`);
        if (expected.all) assert.equal(s[source].status, 'snapshot', `${source}: ${s[source].text}`);
      }
      await page.locator('.timeline-chart[data-drawn]').waitFor();
      assert.ok(seen.length <= MAX_REQUESTS_PER_PAGE, `${seen.length} requests`);
      assert.deepEqual(record.consoleErrors.filter((e) => !/Failed to load resource|CORS|Access-Control/.test(e)), []);
      assert.ok(!record.consoleErrors.some((e) => e.startsWith('page error')), record.consoleErrors.join('\n'));
      await context.close();
    });
  }
});

describe('a view the bundled snapshot covers spares the public APIs', () => {
  /** Requests per source, as `watchApis` recorded them. */
  const perSource = (seen) => Object.fromEntries(SOURCES.map((s) => [s, seen.filter((r) => r.source === s).length]));

  test('the opening view asks IODA only; moving to days the snapshot lacks asks the rest', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    // mempool.space answers any period (the fake API's days up to today).
    const byRule = iodaByRule();
    const seen = await watchApis(page, async (route, url, source) => (
      source === 'mempool' ? json(route, await fakeAnswer(url)) : byRule(route, url, source)));
    await page.goto(`${env.origin}/`);
    const s = await settledStatuses(page);
    for (const source of ['mempool', 'blockchain', 'cbeci']) {
      assert.equal(s[source].status, 'covered', `${source}: ${s[source].text}`);
      assert.match(s[source].text, /: not asked — the bundled snapshot covers this view: /);
    }
    assert.equal(s.ioda.status, 'live', s.ioda.text);
    const opening = perSource(seen);
    console.log('opening view (Kazakhstan, Jan 2022), requests per source:', opening);
    assert.deepEqual(opening, { mempool: 0, blockchain: 0, ioda: 4, cbeci: 0 }, 'three signals and the events, in one window');
    assert.equal(await page.locator('.data-status-line').innerText(), 'Bundled snapshot of 24 Nov 2026 for this view · live data from 1 source');
    assert.deepEqual(await page.locator('.chip').allInnerTexts(), [], 'not asking is no failure');

    // Winter Storm Fern (Jan 2026): past the bundled daily chain data (29 Dec 2025) and CBECI's
    // months (Jan 2022), within blockchain.com's history (17 Feb 2026).
    await page.locator('.disruption-browser > summary').click();
    await page.locator('.disruption-filters select[name="kind"]').selectOption('weather');
    await page.locator('.disruption-list button[data-event="us-2026-01-winter-storm-fern"]').click();
    await page.waitForFunction(() => document.querySelector('[data-source="mempool"]').dataset.status === 'live', undefined, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-source="cbeci"]').dataset.status === 'live', undefined, { timeout: 30_000 });
    const moved = perSource(seen);
    console.log('after opening Winter Storm Fern, requests per source:', moved);
    assert.equal(moved.mempool, 1);
    // The smallest endpoint that holds the days from the view's start (Jan 2026) to today.
    const fern = seen.find((r) => r.source === 'mempool').url;
    assert.match(fern, /\/v1\/mining\/hashrate\/1y$/, fern);
    assert.equal(moved.cbeci, 1);
    assert.equal(moved.blockchain, 0, 'the history covers Jan 2026');
    assert.equal((await settledStatuses(page)).blockchain.status, 'covered');
    assert.deepEqual(record.externalRequests, []);
    assert.deepEqual(record.consoleErrors, []);
    await context.close();
  });

  test('live mode keeps its meaning: every source is asked', async () => {
    const { context, page } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    const seen = await watchApis(page, iodaByRule());
    await page.goto(`${env.origin}/?mode=live`);
    const s = await settledStatuses(page);
    for (const source of SOURCES) assert.equal(s[source].status, 'live', `${source}: ${s[source].text}`);
    assert.deepEqual(perSource(seen), { mempool: 1, blockchain: 1, ioda: 4, cbeci: 1 });
    await context.close();
  });

  test('without a usable manifest, nothing counts as covered', async () => {
    const { context, page } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    await context.route((url) => url.pathname.endsWith('/data/manifest.json'), (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html>' }));
    const seen = await watchApis(page, iodaByRule());
    await page.goto(`${env.origin}/`);
    const s = await settledStatuses(page);
    for (const source of SOURCES) assert.equal(s[source].status, 'live', `${source}: ${s[source].text}`);
    assert.deepEqual(perSource(seen), { mempool: 1, blockchain: 1, ioda: 4, cbeci: 1 });
    await context.close();
  });
});
