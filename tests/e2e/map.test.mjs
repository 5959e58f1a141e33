// The map end to end, with every API answered from its fixture: Kazakhstan marked disrupted
// in January 2022, the timeline's cursor driving the map's colours, and a country chosen on
// the map driving the timeline and the URL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chartXInPage, openPage, servedWidget } from './browser.mjs';

const env = servedWidget();
// Map colours (src/render/map.rs).
const DISRUPTED = [0x6b, 0x1f, 0x5c];
const NORMAL = [0x86, 0xbc, 0xe4];

/** Pixels of the map's overlay canvas close to each colour. */
async function overlayColours(page, colours) {
  return page.evaluate((colours) => {
    const canvas = document.querySelector('.map-overlay');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const counts = colours.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      colours.forEach(([r, g, b], k) => {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30 && data[i + 3] > 200) counts[k] += 1;
      });
    }
    return counts;
  }, colours);
}

async function hoverTimelineAt(page, isoTime) {
  const chart = page.locator('.timeline-chart');
  const x = await page.evaluate(chartXInPage, isoTime);
  await chart.hover({ position: { x, y: 120 } });
}

async function liveWidget(query = '') {
  const opened = await openPage(env.browser, { viewport: { width: 1100, height: 1000 } });
  await opened.page.goto(`${env.origin}/${query}`);
  await opened.page.waitForFunction(() => document.querySelector('[data-source="ioda"]')?.dataset.status === 'live', null, { timeout: 30_000 });
  await opened.page.locator('.map-chart[data-drawn]').waitFor();
  await opened.page.locator('.timeline-chart[data-drawn]').waitFor();
  return opened;
}

describe('map', () => {
  test('January 2022: Kazakhstan disrupted with its share, following the timeline cursor', async () => {
    const { context, page, record } = await liveWidget();
    const map = page.locator('.map-chart');
    assert.match(await map.getAttribute('aria-label'), /^Map of Bitcoin mining countries: share of the hash rate in Jan 2022 and connectivity at 2022-01-08 0\d:\d\d UTC/);
    // With no cursor, the map shows the middle of the selected event: the shutdown.
    await page.waitForFunction(() => document.querySelector('.map-overlay').width > 0);
    let [disrupted, normal] = await overlayColours(page, [DISRUPTED, NORMAL]);
    assert.ok(disrupted > 300, `Kazakhstan drawn disrupted (${disrupted} px)`);
    await mkdir('target/e2e', { recursive: true });
    await page.locator('.map').screenshot({ path: 'target/e2e/map-jan-2022.png' });

    // The timeline's cursor before the shutdown: normal; inside it: disrupted.
    await hoverTimelineAt(page, '2021-12-20T12:00:00Z');
    await page.waitForFunction(() => /connectivity at 2021-12-20/.test(document.querySelector('.map-chart').getAttribute('aria-label')));
    [disrupted, normal] = await overlayColours(page, [DISRUPTED, NORMAL]);
    assert.ok(normal > 300 && disrupted < 20, `normal before (${normal} / ${disrupted} px)`);
    await hoverTimelineAt(page, '2022-01-07T12:00:00Z');
    await page.waitForFunction(() => /connectivity at 2022-01-07/.test(document.querySelector('.map-chart').getAttribute('aria-label')));
    [disrupted] = await overlayColours(page, [DISRUPTED]);
    assert.ok(disrupted > 300, `disrupted during (${disrupted} px)`);

    // Hovering Kazakhstan on the map explains it.
    await page.locator('.map-toolbar').getByRole('button', { name: 'Central Asia' }).click();
    await map.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const tooltip = page.locator('.map-chart [role=tooltip]');
    const text = await tooltip.innerText();
    assert.match(text, /^Kazakhstan\n/, text);
    assert.match(text, /13\.2% of Bitcoin's hash rate in Jan 2022 \(estimate\)/);
    // The pointer left the timeline, so the map is back at the middle of the shutdown.
    assert.match(text, /Connectivity at 2022-01-08 0\d:\d\d UTC: disrupted \(ping-slash24 at \d% of usual\)/);
    assert.match(text, /Now: Nationwide internet shutdown in Kazakhstan/);
    assert.match(await page.locator('.map [aria-live=polite]').innerText(), /^Kazakhstan\. 13\.2%/);
    await page.locator('.map').screenshot({ path: 'target/e2e/map-central-asia.png' });
    assert.deepEqual(record.consoleErrors, []);
    assert.deepEqual(record.externalRequests, []);
    await context.close();
  });

  test('choosing a country on the map refocuses the timeline and the link', async () => {
    const { context, page, record } = await liveWidget();
    const map = page.locator('.map-chart');
    await map.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await map.getAttribute('data-hovered'), 'United States');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /the United States' connectivity/.test(document.querySelector('.timeline-chart').getAttribute('aria-label')));
    assert.match(await page.locator('.takeaway').innerText(), /United States/);
    // The URL is written once the view rests.
    await page.waitForFunction(() => /region=US/.test(location.search));
    await page.waitForFunction(() => /^IODA: live, United States/.test(document.querySelector('[data-source="ioda"]').textContent));
    assert.match(await page.locator('.timeline-chart').getAttribute('aria-label'), /the United States' connectivity/);
    assert.deepEqual(record.consoleErrors, []);
    assert.deepEqual(record.externalRequests, []);
    // The link opens on the chosen country.
    const again = await openPage(env.browser, {});
    await again.page.goto(page.url());
    await again.page.waitForFunction(() => /the United States' connectivity/.test(document.querySelector('.timeline-chart')?.getAttribute('aria-label') ?? ''));
    await again.context.close();
    await context.close();
  });
});
