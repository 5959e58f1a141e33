// End-to-end: the built dist/ served on 127.0.0.1, driven in headless Chromium.
// Run with `make test` (or `node --test tests/e2e/` after `trunk build --release`).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chartXInPage, countCanvasColours, openPage, servedWidget } from './browser.mjs';

const SHOTS = 'target/e2e';
// Okabe–Ito colours the timeline draws with (src/render/timeline.rs).
const MEAN_BLUE = [0x00, 0x72, 0xb2];
const LONG_RANGE_VERMILLION = [0xd5, 0x5e, 0x00];
const DAILY_SKY_BLUE = [0x56, 0xb4, 0xe9];

const env = servedWidget();

before(async () => {
  await mkdir(SHOTS, { recursive: true });
});

async function openWidget(options, setUp) {
  const opened = await openPage(env.browser, options);
  if (setUp) await setUp(opened.page);
  const response = await opened.page.goto(`${env.origin}/?mode=snapshot`);
  assert.equal(response.status(), 200);
  return opened;
}

function assertClean(record) {
  assert.deepEqual(record.consoleErrors, [], 'console errors');
  assert.deepEqual(record.failedRequests, [], 'failed requests to 127.0.0.1');
  assert.deepEqual(record.externalRequests, [], 'requests to hosts without a fixture');
}

describe('widget with the bundled snapshot', () => {
  test('loads, reports the snapshot and draws the timeline (desktop)', async () => {
    const { context, page, record } = await openWidget({ viewport: { width: 1100, height: 700 } });
    const status = page.locator('[data-source="snapshot"]');
    await status.and(page.locator('[data-status="snapshot"]')).waitFor({ state: 'attached' });
    // The opening view's events come first; the sentence counts the whole catalogue once it
    // has followed the first chart.
    assert.match(
      await status.textContent(),
      /^Bundled snapshot: daily data 2021-12-12 to 2022-01-14, (29 months of shares, )?\d+ events( \(more loading\))?, retrieved \d{4}-\d{2}-\d{2}\.$/,
    );
    await page.waitForFunction(() => !/more loading/.test(document.querySelector('[data-source="snapshot"]').textContent));
    assert.match(
      await status.textContent(),
      /^Bundled snapshot: daily data 2021-12-12 to 2022-01-14, 29 months of shares, 170 events, retrieved \d{4}-\d{2}-\d{2}\.$/,
    );
    for (const source of ['mempool', 'blockchain', 'ioda', 'cbeci']) {
      const line = page.locator(`[data-source="${source}"][data-status="snapshot"]`);
      await line.waitFor({ state: 'attached' });
      assert.match(await line.textContent(), /showing the bundled snapshot/);
    }
    // IODA's sentence counts the whole catalogue, which arrives before the live sources run.
    assert.match(await page.locator('[data-source="ioda"]').textContent(), /showing the bundled snapshot: 170 events, \d+ in Kazakhstan;/);
    assert.equal(await page.locator('.data-status-line').innerText(), 'Offline: bundled snapshot of 24 Nov 2026');

    const chart = page.locator('[aria-label^="Timeline"]');
    await chart.waitFor();
    assert.equal(await chart.getAttribute('tabindex'), '0');
    assert.match(await chart.getAttribute('aria-label'), /2021-12-12 to 2022-01-15 \(UTC\)/);
    await page.waitForFunction(() => document.querySelector('.timeline-chart[data-drawn]') && document.querySelector('.timeline-chart canvas').width > 300);
    // The years of history load after the first chart; the credits show once everything has.
    await page.locator('.attribution li').first().waitFor();
    const pixels = await countCanvasColours(page, [MEAN_BLUE, LONG_RANGE_VERMILLION, DAILY_SKY_BLUE]);
    const [mean, longRange, daily] = pixels.counts;
    assert.ok(mean > 500, `7-day estimate drawn (${mean} px)`);
    assert.ok(longRange > 120, `long-range line drawn (1 px wide) (${longRange} px)`);
    assert.ok(daily > 300, `daily dots drawn (${daily} px)`);
    assert.ok(pixels.inked > 5000, `axes and labels drawn (${pixels.inked} px)`);
    assert.equal(pixels.width, pixels.cssWidth, 'canvas backing store matches its CSS width at DPR 1');

    await page.locator('.minewatch').screenshot({ path: `${SHOTS}/widget.png` });
    assertClean(record);
    await context.close();
  });

  test('Kazakhstan, January 2022: the band, the event and the tooltip at the shutdown', async () => {
    const { context, page, record } = await openWidget({ viewport: { width: 1100, height: 900 } });
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    await page.getByRole('button', { name: 'Kazakhstan, Jan 2022' }).click();
    const chart = page.locator('.timeline-chart');
    await page.waitForFunction(() => document.querySelector('.timeline-chart').dataset.start === String(Date.UTC(2021, 11, 22) / 1000));
    // Point at 7 Jan 2022 12:00 UTC, inside the shutdown.
    const at = await page.evaluate(chartXInPage, '2022-01-07T12:00:00Z');
    await chart.hover({ position: { x: at, y: 150 } });
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    const text = await tooltip.innerText();
    assert.match(text, /^2022-01-07 1[12]:\d\d UTC/, "the time under the pointer (to the pixel)");
    // Coin Metrics, 7 Jan 2022: 168,921,783.1 TH/s.
    assert.match(text, /Coin Metrics daily estimate: 168\.9 EH\/s/);
    assert.match(text, /7-day estimate from blocks found, with 95% interval: 1\d\d\.\d EH\/s \(95% interval 1\d\d\.\d–1\d\d\.\d\)/);
    assert.match(text, /Nationwide internet shutdown in Kazakhstan/);
    assert.match(text, /Country; 5\.7 days/);
    assert.match(text, /Sources: Cloudflare blog \(mirror on gixtools\.net\), RIPE Labs \(Emile Aben\), CoinDesk, CoinGape/);
    assert.match(text, /The data do not show a network-wide drop of that size\./);
    // The event band is shaded (the selected event: slate at 26% over white).
    const [eventBand, band] = (await countCanvasColours(page, [[0xd0, 0xd2, 0xd4], [0xc7, 0xe0, 0xee]])).counts;
    assert.ok(eventBand > 2000, `event band shaded (${eventBand} px)`);
    assert.ok(band > 2000, `95% band shaded (${band} px)`);
    await page.locator('.minewatch').screenshot({ path: `${SHOTS}/kazakhstan-jan-2022.png` });
    assertClean(record);
    await context.close();
  });

  test('explains the impact of the selected disruption, and of another when chosen', async () => {
    const { context, page, record } = await openWidget({ viewport: { width: 1100, height: 900 } });
    const sentence = page.locator('.impact-sentence');
    await page.locator('.takeaway').getByText('Nationwide internet shutdown').waitFor();
    assert.equal(await sentence.count(), 0, 'the figures are folded under the takeaway');
    await page.locator('.impact > summary').click();
    await sentence.waitFor();
    // The longest Kazakh event in view is the shutdown; the snapshot has no connectivity
    // series, so the expected change is the full-outage bound from the Jan 2022 CBECI share.
    assert.equal(
      await page.locator('.impact select').inputValue(),
      'kz-2022-01-05-shutdown',
    );
    const text = await sentence.innerText();
    assert.match(text, /^Expected if miners in Kazakhstan \(13\.2% of the hash rate in Jan 2022, estimate by Cambridge Centre for Alternative Finance, CBECI mining map\) lost all connectivity: −13\.2% \(a bound/);
    assert.match(text, /Observed 5–10 Jan 2022 against 22 Dec 2021 – 4 Jan 2022: −1\.2% \(95% interval −8\.9% to \+7\.0%\)\. The data do not show a network-wide drop of that size\.$/);
    assert.equal(await sentence.getAttribute('data-verdict'), 'NoDropOfExpectedSize');
    assert.match(await page.locator('[data-figure="observed"]').innerText(), /^−1\.2% \(95% interval/);
    const evidence = page.locator('.impact-evidence');
    assert.match(await evidence.locator('summary').innerText(), /Nationwide internet shutdown in Kazakhstan \(curated from public reports\)/);
    assert.ok((await evidence.locator('li').count()) >= 4, 'Cloudflare, RIPE Labs, NetBlocks, CoinDesk');

    await page.locator('.impact select').selectOption('kz-2022-01-04-mobile');
    await page.waitForFunction(() => /Observed 5 Jan 2022 against 22 Dec 2021 – 4 Jan 2022/.test(document.querySelector('.impact-sentence')?.textContent));
    assert.match(await sentence.innerText(), /The change is within the chance variation of block discovery: not a measured drop\.$/);
    await page.locator('.impact').screenshot({ path: `${SHOTS}/impact.png` });
    assertClean(record);
    await context.close();
  });

  test('credits every source with its licence and retrieval date', async () => {
    const { context, page, record } = await openWidget();
    const items = page.locator('.attribution li');
    await page.locator('.map-chart[data-drawn]').waitFor();
    await items.first().waitFor();
    const texts = await items.allInnerTexts();
    assert.equal(texts.length, 4);
    assert.match(texts[0], /^Coin Metrics, .*\(CC BY-NC 4\.0\), retrieved \d{4}-\d{2}-\d{2}$/);
    assert.match(texts[1], /^blockchain\.com, .*retrieved \d{4}-\d{2}-\d{2}$/);
    assert.match(texts[2], /^Cambridge Centre for Alternative Finance, CBECI mining map, .*\(CC BY-NC-SA 4\.0\), retrieved/);
    assert.match(texts[3], /^Natural Earth, Admin 0 country shapes, 1:110m .*\(public domain; world-atlas ISC licence\), retrieved \d{4}-\d{2}-\d{2}$/);
    assert.equal(await items.first().locator('a').getAttribute('href'), 'https://github.com/coinmetrics/data');
    assertClean(record);
    await context.close();
  });

  test('draws crisply on a HiDPI phone', async () => {
    const { context, page, record } = await openWidget({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await page.locator('[data-source="snapshot"][data-status="snapshot"]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.querySelector('.timeline-chart canvas')?.width > 300);
    const pixels = await countCanvasColours(page, [MEAN_BLUE]);
    assert.equal(pixels.width, pixels.cssWidth * 2, 'backing store at devicePixelRatio 2');
    assert.ok(pixels.counts[0] > 500, `mean line drawn (${pixels.counts[0]} px)`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(overflow, 0, 'no horizontal scrolling on a phone');
    await page.screenshot({ path: `${SHOTS}/widget-phone.png`, fullPage: true });
    assertClean(record);
    await context.close();
  });

  test('redraws to the new width when its box is resized', async () => {
    // At 1000 px the map sits beside the chart; at 700 px the chart takes the whole width.
    const { context, page, record } = await openWidget({ viewport: { width: 1000, height: 700 } });
    await page.waitForFunction(() => document.querySelector('.timeline-chart[data-drawn] canvas')?.width > 500);
    const before = await page.evaluate(() => document.querySelector('.timeline-chart canvas').width);
    assert.ok(before < 600, `beside the map (${before} px)`);
    await page.setViewportSize({ width: 700, height: 700 });
    await page.waitForFunction(() => {
      const canvas = document.querySelector('.timeline-chart canvas');
      return canvas.width === canvas.clientWidth && canvas.width > 600;
    });
    const pixels = await countCanvasColours(page, [MEAN_BLUE]);
    assert.ok(pixels.counts[0] > 300, `mean line redrawn (${pixels.counts[0]} px)`);
    assertClean(record);
    await context.close();
  });
});

describe('widget when the snapshot is missing or broken', () => {
  for (const [name, reply, expected] of [
    ['missing (404)', { status: 404, body: 'not found' }, /could not be loaded: hash rate \(HTTP 404 for data\/hashrate\.json\)/],
    ['HTML instead of JSON', { status: 200, body: '<!doctype html><p>oops</p>' }, /could not be loaded: hash rate \(the snapshot is not valid/],
    ['implausible values', null, /could not be loaded: hash rate \(.*implausible value/],
  ]) {
    test(`says so when the snapshot is ${name}`, async () => {
      const { context, page, record } = await openWidget({}, async (page) => {
        await page.route('**/data/hashrate.json', async (route) => {
          if (reply) return route.fulfill(reply);
          const real = await (await route.fetch()).json();
          real.daily.days[3][2] = 1e40;
          return route.fulfill({ json: real });
        });
      });
      const status = page.locator('[data-source="snapshot"][data-status="failed"]');
      await status.waitFor({ state: 'attached' });
      assert.match(await status.textContent(), expected);
      const chip = page.locator('.chip[data-warning="snapshot"]');
      assert.ok(await chip.isVisible(), 'the failure shows without opening the details');
      assert.equal(await chip.innerText(), 'Bundled data failed');
      await page.screenshot({ path: `${SHOTS}/snapshot-${name.replace(/\W+/g, '-')}.png` });
      assert.deepEqual(
        record.consoleErrors.filter((e) => !/status of 404/.test(e)),
        [],
        'no console error besides the 404 itself',
      );
      assert.equal(await page.locator('h1').count(), 1, 'the widget is still there');
      await context.close();
    });
  }
});
