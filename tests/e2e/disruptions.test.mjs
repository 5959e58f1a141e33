// Disruptions since 2019 offline: a 2021 event opens with `mode=snapshot` and no network, its
// year of daily chain data loads on demand, and its impact panel gives the interval; a link's
// `event=` alone opens a disruption on its range and country; the disruptions list is walked
// with the keyboard; a regional disruption's place is marked on the map.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { openPage, servedWidget } from './browser.mjs';

const SHOTS = 'target/e2e';
const env = servedWidget();

before(async () => {
  await mkdir(SHOTS, { recursive: true });
});

describe('a disruption of 2021, offline', () => {
  test("China's crackdown: its year loads, and the impact panel measures it", async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const query = 'mode=snapshot&region=CN&from=2021-05-01&until=2021-07-15&event=cn-2021-05-mining-crackdown';
    const response = await page.goto(`${env.origin}/?${query}`);
    assert.equal(response.status(), 200);

    await page.locator('.timeline-chart[data-drawn]').waitFor();
    await page.locator('.impact > summary').click();
    const sentence = page.locator('.impact-sentence');
    await page.waitForFunction(
      () => /Observed 21 May – 30 Jun 2021 against 7–20 May 2021/.test(document.querySelector('.impact-sentence')?.textContent),
      undefined,
      { timeout: 20_000 },
    );
    const text = await sentence.innerText();
    console.log(text);
    assert.match(text, /^Expected if miners in China \(44\.0% of the hash rate in May 2021, estimate by Cambridge Centre for Alternative Finance, CBECI mining map\) had all stopped: −44\.0% \(a bound/);
    assert.match(text, /Observed 21 May – 30 Jun 2021 against 7–20 May 2021: −23\.0% \(95% interval −26\.9% to −18\.9%\)\. The data show a network-wide drop, smaller than expected\.$/);
    assert.equal(await page.locator('.impact select').inputValue(), 'cn-2021-05-mining-crackdown');
    const evidence = page.locator('.impact-evidence li');
    assert.ok((await evidence.count()) >= 5, 'the crackdown cites its sources');

    // Only the year the view shows was fetched; nothing left 127.0.0.1.
    const years = requested.filter((p) => /\/data\/chain-\d{4}\.json$/.test(p));
    assert.deepEqual(years, ['/data/chain-2021.json']);
    assert.deepEqual(record.externalRequests, [], 'no request left 127.0.0.1');
    assert.deepEqual(record.failedRequests, []);
    assert.deepEqual(record.consoleErrors, []);
    const status = await page.locator('[data-source="snapshot"]').getAttribute('data-status');
    assert.equal(status, 'snapshot');
    assert.match(await page.locator('[data-source="snapshot"]').textContent(), /daily data for 2021/);
    await page.locator('.minewatch').screenshot({ path: `${SHOTS}/china-crackdown-2021.png` });
    await context.close();
  });
});

/** The disruptions list's state: position line, the focused item and the takeaway. */
function listState(page) {
  return page.evaluate(() => ({
    position: document.querySelector('.disruption-position')?.textContent,
    focused: document.activeElement?.dataset?.event ?? null,
    current: document.querySelector('.disruption-list [aria-current="true"]')?.dataset.event ?? null,
    takeaway: document.querySelector('.takeaway')?.textContent,
  }));
}

/** Pixels of the map's overlay within a small distance of the highlight blue, #0072B2. */
function highlightPixels(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('.map-overlay');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const close = Math.abs(data[i] - 0x00) + Math.abs(data[i + 1] - 0x72) + Math.abs(data[i + 2] - 0xb2) < 40;
      if (close && data[i + 3] > 200) n += 1;
    }
    return n;
  });
}

describe('finding and moving between disruptions', () => {
  test("a link's event= alone opens the disruption on its range and country", async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    await page.goto(`${env.origin}/?mode=snapshot&event=cn-2021-05-mining-crackdown`);
    await page.waitForFunction(() => /^China orders an end to Bitcoin mining/.test(document.querySelector('.takeaway')?.textContent));
    await page.waitForFunction(() => /fell 23\.0% \(95% interval −26\.9% to −18\.9%\)/.test(document.querySelector('.takeaway')?.textContent), undefined, { timeout: 20_000 });
    const takeaway = await page.locator('.takeaway').textContent();
    console.log(takeaway);
    // What else happened in those weeks is named: Iran's ban (another country's policy).
    assert.match(takeaway, /Also in these weeks: Iran bans crypto mining for the summer \(Iran\)\.$/);
    const chart = page.locator('.timeline-chart');
    const day = (iso) => String(Date.parse(iso) / 1000);
    // The two weeks before it and a day (its baseline), its days, and a week after.
    assert.equal(await chart.getAttribute('data-start'), day('2021-05-06'));
    assert.equal(await chart.getAttribute('data-end'), day('2021-07-08'));
    assert.equal(await page.locator('.map-toolbar button[aria-pressed="true"]').textContent(), 'China');
    // The map shows the month at the middle of the disruption, which CBECI published.
    assert.equal(await page.locator('.map-month select option:checked').textContent(), 'Jun 2021');
    assert.deepEqual(record.externalRequests, []);
    assert.deepEqual(record.consoleErrors, []);
    await context.close();
  });

  test('the list is walked with the keyboard, filtered, sorted, and opens what is chosen', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true });
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${env.origin}/?mode=snapshot`);
    await page.locator('.timeline-chart[data-drawn]').waitFor({ state: 'attached' });
    // The opening view's events first, the whole catalogue after the first chart.
    await page.waitForFunction(() => /^Disruption \d+ of 170$/.test(document.querySelector('.disruption-position')?.textContent));

    // Unfold the list from the keyboard: every year of chain data loads for the observed changes.
    await page.locator('.disruption-browser > summary').focus();
    await page.keyboard.press('Enter');
    await page.locator('.disruption-list').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.disruption-list button').length === 170);
    assert.equal((await listState(page)).current, 'kz-2022-01-05-shutdown', 'the disruption on screen is marked');

    // Policies or bans only: five, oldest first.
    await page.locator('.disruption-filters select').first().selectOption('policy');
    await page.waitForFunction(() => document.querySelectorAll('.disruption-list button').length === 5);
    const ids = await page.locator('.disruption-list button').evaluateAll((b) => b.map((x) => x.dataset.event));
    assert.deepEqual(ids, [
      'cn-2021-05-mining-crackdown', 'ir-2021-05-mining-ban', 'cn-2021-06-sichuan-shutdown-order',
      'ru-2025-01-irkutsk-seasonal-mining-ban', 'cn-2025-12-xinjiang-mining-shutdowns',
    ]);
    assert.equal((await listState(page)).position, '5 disruptions', 'the one on screen is not a policy');

    // The list is one Tab stop: Tab from the sort menu lands on its first entry.
    await page.locator('.disruption-filters select').nth(3).focus();
    await page.keyboard.press('Tab');
    assert.equal((await listState(page)).focused, 'cn-2021-05-mining-crackdown');
    const stops = await page.locator('.disruption-list button[tabindex="0"]').count();
    assert.equal(stops, 1);
    // Arrow keys, End and Home walk the list.
    const walk = [];
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp', 'End', 'ArrowDown', 'Home']) {
      await page.keyboard.press(key);
      walk.push((await listState(page)).focused);
    }
    assert.deepEqual(walk, [
      'ir-2021-05-mining-ban', 'cn-2021-06-sichuan-shutdown-order', 'ir-2021-05-mining-ban',
      'cn-2025-12-xinjiang-mining-shutdowns', 'cn-2025-12-xinjiang-mining-shutdowns', 'cn-2021-05-mining-crackdown',
    ]);
    // Enter opens it: the takeaway, the position and the marked item follow.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /^Iran bans crypto mining for the summer, 26 May – 22 Sep 2021\. Bitcoin's hash rate fell/.test(document.querySelector('.takeaway')?.textContent), undefined, { timeout: 20_000 });
    // The list re-renders after the takeaway (a child component's turn comes next).
    await page.waitForFunction(() => document.querySelector('.disruption-position')?.textContent === 'Disruption 2 of 5');
    let state = await listState(page);
    assert.equal(state.current, 'ir-2021-05-mining-ban');
    assert.match(state.takeaway, /Also in these weeks: China orders an end to Bitcoin mining \(China\)/);
    // Every item of a covered year shows its observed change once the years have loaded.
    await page.waitForFunction(() => /hash rate/.test(document.querySelector('.disruption-list [aria-current="true"] .disruption-line')?.textContent));
    const line = await page.locator('.disruption-list [aria-current="true"] .disruption-line').textContent();
    assert.equal(line, 'Policy or ban · Iran · 26 May – 22 Sep 2021 · hash rate −22.6% (95% interval −26.3% to −18.7%)');
    const years = requested.filter((p) => /\/data\/chain-\d{4}\.json$/.test(p)).sort();
    assert.deepEqual(years, [2019, 2020, 2021, 2022, 2023, 2024, 2025].map((y) => `/data/chain-${y}.json`));

    // Next, from the keyboard: the next policy, in Sichuan.
    await page.getByRole('button', { name: /^Next disruption: Sichuan orders/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /^Sichuan orders power cut to crypto mining projects/.test(document.querySelector('.takeaway')?.textContent));
    await page.waitForFunction(() => document.querySelector('.disruption-position')?.textContent === 'Disruption 3 of 5');
    // Sorted by observed impact: the largest measured drop first.
    await page.locator('.disruption-filters select').nth(3).selectOption('impact');
    const first = await page.locator('.disruption-list button').first().getAttribute('data-event');
    assert.equal(first, 'cn-2021-05-mining-crackdown', 'China −23.0% before Iran −22.6%');
    // Touch targets stay at least 24 px tall; nothing scrolls sideways.
    const sizes = await page.locator('.disruption-step button, .disruption-list button').evaluateAll((b) => b.map((x) => x.getBoundingClientRect().height));
    assert.ok(sizes.every((h) => h >= 24), JSON.stringify(sizes));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
    await page.locator('.disruptions').screenshot({ path: `${SHOTS}/disruptions-list-360.png` });
    assert.deepEqual(record.externalRequests, []);
    assert.deepEqual(record.consoleErrors, []);
    await context.close();
  });

  test("a regional disruption's place is marked on the map; a country-wide one has none", async () => {
    const { context, page } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    const pixels = {};
    for (const id of ['us-2021-02-winter-storm-uri', 'us-2022-12-winter-storm-elliott']) {
      await page.goto(`${env.origin}/?mode=snapshot&event=${id}`);
      await page.waitForFunction(() => document.querySelector('.map-toolbar button[aria-pressed="true"]')?.textContent === 'United States');
      await page.locator('.map-chart[data-drawn]').waitFor({ state: 'attached' });
      await page.waitForTimeout(300);
      pixels[id] = await highlightPixels(page);
    }
    console.log(pixels);
    // Both outline the United States in the highlight blue; Texas's diamond adds its area.
    assert.ok(pixels['us-2021-02-winter-storm-uri'] > pixels['us-2022-12-winter-storm-elliott'] + 50, JSON.stringify(pixels));
    // Elliott (Dec 2022) is after CBECI's last month: the map says which month it shows.
    assert.equal(await page.locator('.map-month select option:checked').textContent(), 'Jan 2022 (nearest published)');
    await page.locator('.map').screenshot({ path: `${SHOTS}/map-texas-place.png` });
    await context.close();
  });
});
