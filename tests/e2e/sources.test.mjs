// Live sources end to end: every public API answered from fixtures (live), from the cache,
// and failing in each way a real API fails. The widget must keep rendering, fall back to the
// snapshot, and say what failed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_HOSTS, SOURCES, countCanvasColours, coverNothing, openPage, servedWidget, settledStatuses, watchApis,
} from './browser.mjs';

const MEMPOOL_GREEN = [0x00, 0x9e, 0x73];

const env = servedWidget();

describe('every API answering its fixture', () => {
  test('each source is live and shows the fixture values', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 800 } });
    await coverNothing(context);
    await page.goto(`${env.origin}/`);
    const s = await settledStatuses(page);
    for (const source of SOURCES) assert.equal(s[source].status, 'live', `${source}: ${s[source].text}`);
    assert.equal(s.mempool.text, 'mempool.space: live, 34 daily values from 2021-12-12 to 2022-01-14, latest 193 EH/s.');
    assert.equal(s.blockchain.text, 'blockchain.com: live, 30 daily values from 2022-07-28 to 2022-08-26, latest 248 EH/s.');
    // The fixtures plant a shutdown from 2022-01-05 10:30 UTC: probing at 5% of normal, the
    // telescope at about 7%, BGP nearly unchanged.
    assert.match(
      s.ioda.text,
      /^IODA: live, Kazakhstan: ping-slash24, bgp, merit-nt \(4,896 values from 2021-12-12 to 2022-01-15, \d+ unknown; lowest against its 7-day median: ping-slash24 5% on 2022-01-05, bgp 9\d% on 2022-01-0\d, merit-nt [67]% on 2022-01-05\); 1 outage event \(BGP can stay normal through a shutdown; active probing, ping-slash24, shows it\)\.$/,
    );
    assert.equal(s.cbeci.text, 'CBECI: live, 2 months from 2021-08 to 2022-01; Kazakhstan 13.2% in 2022-01.');
    // With IODA's signals the expected change uses the measured connectivity: over 5–10 Jan
    // the planted shutdown leaves ping-slash24 at about 12% of its baseline (10.5 normal hours,
    // 133.5 hours at 5%), so 13.22% × 0.88 ≈ −11.6%. The detected interval joins the curated
    // event as evidence.
    assert.equal(await page.locator('.data-status-line').innerText(), 'Live data from all 4 sources');
    assert.equal(await page.locator('.chip').count(), 0, 'no warning');
    await page.locator('.impact > summary').click();
    const impact = await page.locator('.impact-sentence').innerText();
    assert.match(impact, /^Expected if miners in Kazakhstan \(13\.2% of the hash rate in Jan 2022, estimate by CBECI\) kept 1[12]% of their connectivity \(IODA ping-slash24\): −11\.[5-7]%\. Observed 5–10 Jan 2022/);
    const evidence = await page.locator('.impact-evidence li').allTextContents();
    assert.ok(
      evidence.some((e) => /^IODA ping-slash24 signal \(minewatch detection\): disrupted from 2022-01-05 10:30 to 2022-01-11 02:30 UTC: lowest [45]% of its 7-day baseline/.test(e)),
      evidence.join('\n'),
    );
    await page.waitForFunction(() => document.querySelector('.timeline-chart canvas')?.width > 300);
    await page.waitForTimeout(200);
    const [green] = (await countCanvasColours(page, [MEMPOOL_GREEN])).counts;
    assert.ok(green > 120, `mempool.space's live line is drawn (1 px wide) (${green} px)`);
    await page.locator('.attribution li').first().waitFor();
    const credits = await page.locator('.attribution li').allInnerTexts();
    for (const name of ['mempool.space', 'IODA']) {
      assert.ok(credits.some((c) => c.startsWith(`${name}, `) && / retrieved \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/.test(c)), credits.join('\n'));
    }
    await page.screenshot({ path: 'target/e2e/widget-live.png' });
    assert.deepEqual(record.consoleErrors, []);
    assert.deepEqual(record.failedRequests, []);
    assert.deepEqual(record.externalRequests, []);

    // A reload within the time to live reads the cache and sends no request to any API.
    const apiRequests = [];
    page.on('request', (r) => API_HOSTS.includes(new URL(r.url()).hostname) && apiRequests.push(r.url()));
    await page.reload();
    const cached = await settledStatuses(page);
    for (const source of SOURCES) {
      assert.equal(cached[source].status, 'cached', `${source}: ${cached[source].text}`);
      assert.match(cached[source].text, /: copy saved \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, /);
    }
    assert.deepEqual(apiRequests, []);
    await context.close();
  });
});

describe('every API failing', () => {
  const failures = [
    ['404', (route) => route.fulfill({ status: 404, body: 'Not Found' }), /unreachable \(HTTP 404\)/],
    ['500', (route) => route.fulfill({ status: 500, body: 'Internal Server Error' }), /unreachable \(HTTP 500\)/],
    ['a CORS-style network failure', (route) => route.abort('failed'), /unreachable \(network error/],
    ['garbage', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"hashrates": [1, 2' }), /unreachable \(unusable answer: /],
    ['an HTML page', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html><h1>Maintenance</h1></html>' }), /unreachable \(unusable answer: received an HTML page instead of data\)/],
  ];
  for (const [name, reply, expected] of failures) {
    test(`falls back to the snapshot on ${name}, and says so`, async () => {
      const { context, page, record } = await openPage(env.browser);
      await coverNothing(context);
      await watchApis(page, reply);
      await page.goto(`${env.origin}/`);
      const s = await settledStatuses(page);
      for (const source of SOURCES) {
        assert.equal(s[source].status, 'snapshot', `${source}: ${s[source].text}`);
        assert.match(s[source].text, expected, source);
        assert.match(s[source].text, /showing the bundled snapshot: /, source);
      }
      assert.match(s.ioda.text, /no connectivity series in the snapshot/);
      // The folded line says it too, without opening the details: a chip per source.
      assert.equal(await page.locator('.data-status-line').innerText(), 'Offline: bundled snapshot of 24 Nov 2026');
      assert.deepEqual(
        await page.locator('.chip').allInnerTexts(),
        ['mempool.space unreachable', 'blockchain.com unreachable', 'IODA unreachable', 'CBECI unreachable'],
      );
      assert.equal(await page.locator('[data-source="snapshot"]').getAttribute('data-status'), 'snapshot');
      await page.waitForFunction(() => document.querySelector('.timeline-chart canvas')?.width > 300);
      assert.deepEqual(record.consoleErrors.filter((e) => !/Failed to load resource|ERR_FAILED|CORS/.test(e)), []);
      assert.deepEqual(record.externalRequests, []);
      await context.close();
    });
  }

  test('honours Retry-After on 429, then falls back', async () => {
    const { context, page } = await openPage(env.browser);
    await coverNothing(context);
    const seen = await watchApis(page, (route) =>
      // Cross-origin scripts see Retry-After only when the server exposes it (CORS).
      route.fulfill({
        status: 429,
        headers: {
          'Retry-After': '1',
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Expose-Headers': 'Retry-After',
        },
        body: '<html>429 Too Many Requests</html>',
      }),
    );
    await page.goto(`${env.origin}/`);
    const s = await settledStatuses(page);
    for (const source of SOURCES) {
      assert.equal(s[source].status, 'snapshot', source);
      assert.match(s[source].text, /unreachable \(HTTP 429, rate-limited\)/, source);
    }
    const mempool = seen.filter((r) => r.url.startsWith('https://mempool.space/'));
    assert.equal(mempool.length, 3, 'three attempts');
    for (let i = 1; i < mempool.length; i += 1) {
      assert.ok(mempool[i].at - mempool[i - 1].at >= 950, `waited ${mempool[i].at - mempool[i - 1].at} ms ≥ Retry-After`);
    }
    await context.close();
  });

  test('gives up after a timeout and a retry, then falls back', async () => {
    const { context, page } = await openPage(env.browser);
    await coverNothing(context);
    const seen = await watchApis(page, () => new Promise(() => {}));
    await page.goto(`${env.origin}/`);
    const s = await settledStatuses(page);
    for (const source of SOURCES) {
      assert.equal(s[source].status, 'snapshot', source);
      assert.match(s[source].text, /unreachable \(timeout after 10 s\)/, source);
    }
    assert.equal(seen.filter((r) => r.url.startsWith('https://ccaf.io/')).length, 2, 'one retry');
    await context.close();
  });

  test('in live mode, says the source failed instead of falling back', async () => {
    const { context, page } = await openPage(env.browser);
    await coverNothing(context);
    await watchApis(page, (route) => route.fulfill({ status: 503, body: 'busy' }));
    await page.goto(`${env.origin}/?mode=live`);
    const s = await settledStatuses(page);
    for (const source of SOURCES) {
      assert.equal(s[source].status, 'failed', source);
      assert.match(s[source].text, /unreachable \(HTTP 503\); no data from it is shown\./, source);
    }
    assert.deepEqual(
      await page.locator('.chip').allInnerTexts(),
      ['mempool.space failed', 'blockchain.com failed', 'IODA failed', 'CBECI failed'],
    );
    await context.close();
  });

  test('after a live visit, a failing API is replaced by the older cached copy', async () => {
    const { context, page } = await openPage(env.browser);
    await coverNothing(context);
    await page.goto(`${env.origin}/`);
    await settledStatuses(page);
    // Age the cache past every time to live, then make every API fail.
    await page.evaluate(() => {
      // An entry: four header lines (format, source, URL, time stored), then the body.
      for (const key of Object.keys(localStorage).filter((k) => k.startsWith('minewatch:v2:'))) {
        const lines = localStorage.getItem(key).split('\n');
        lines[3] = String(Number(lines[3]) - 3 * 86400);
        localStorage.setItem(key, lines.join('\n'));
      }
    });
    await watchApis(page, (route) => route.fulfill({ status: 502, body: 'Bad Gateway' }));
    await page.reload();
    const s = await settledStatuses(page);
    for (const source of SOURCES) {
      assert.equal(s[source].status, 'cached', `${source}: ${s[source].text}`);
      assert.match(s[source].text, /unreachable \(HTTP 502\) — .*: older copy saved /, source);
    }
    await context.close();
  });
});
