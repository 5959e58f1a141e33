// The newsroom embed end to end: the story first on a phone, no sideways scrolling at phone
// widths, nothing moving while the widget and its data arrive, one height message to the
// article, the skeleton in index.html box for box like the widget, and the compact embed.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chartXInPage, openPage, recordShifts, servedWidget, settledWidget as settled } from './browser.mjs';

const env = servedWidget();
const SHOTS = 'target/e2e';
const PHONE = { isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

before(async () => {
  await mkdir(SHOTS, { recursive: true });
});

function assertClean(record) {
  assert.deepEqual(record.consoleErrors, [], 'console errors');
  assert.deepEqual(record.failedRequests, [], 'failed requests to 127.0.0.1');
  assert.deepEqual(record.externalRequests, [], 'requests to hosts without a fixture');
}


/** The CSS box of each selector: [top, bottom, left, right], rounded. */
function boxes(page, selectors) {
  return page.evaluate((selectors) => Object.fromEntries(selectors.map((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return [s, r && r.width > 0 ? [r.top, r.bottom, r.left, r.right].map(Math.round) : null];
  })), selectors);
}

describe('newsroom layout', () => {
  for (const scheme of ['light', 'dark']) {
    test(`on a 360 px phone (${scheme}), title, takeaway and chart fill the first screen`, async () => {
      const { context, page, record } = await openPage(env.browser, { ...PHONE, viewport: { width: 360, height: 640 }, colorScheme: scheme });
      await page.goto(`${env.origin}/?mode=snapshot`);
      await settled(page);
      const b = await boxes(page, ['h1', '.takeaway', '.timeline-chart']);
      assert.ok(b['h1'][0] >= 0 && b['h1'][1] <= b['.takeaway'][0], 'the title, then the takeaway');
      assert.ok(b['.takeaway'][1] <= b['.timeline-chart'][0], 'then the chart');
      assert.ok(b['.timeline-chart'][1] <= 640, `the chart ends within the first 640 px (${b['.timeline-chart'][1]})`);
      assert.match(
        await page.locator('.takeaway').innerText(),
        /^Nationwide internet shutdown in Kazakhstan, 5–10 Jan 2022\. Bitcoin's hash rate changed −1\.2% \(95% interval −8\.9% to \+7\.0%\): less of a drop than the −13\.2% expected if Kazakhstan's miners \(13\.2% of the hash rate in Jan 2022\) had gone offline\.$/,
      );
      // The story is told before the controls: every button comes after the chart.
      const firstButton = await page.locator('.minewatch button').first().boundingBox();
      assert.ok(firstButton.y >= b['.timeline-chart'][1], 'no control above the chart');
      assert.equal(await page.locator('.minewatch').getAttribute('data-theme'), scheme);
      await page.screenshot({ path: `${SHOTS}/phone-360-${scheme}.png` });
      assertClean(record);
      await context.close();
    });
  }

  for (const width of [320, 360, 390, 414]) {
    test(`at ${width} px: no sideways scrolling, no text cut off, touch targets of 24 px or more`, async () => {
      const { context, page, record } = await openPage(env.browser, { ...PHONE, viewport: { width, height: 800 } });
      await page.goto(`${env.origin}/?mode=snapshot`);
      await settled(page);
      await page.locator('.map-chart[data-drawn]').waitFor();
      const found = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const visible = (el) => el.getClientRects().length > 0 && !el.closest('.visually-hidden, details:not([open]) > :not(summary)');
        const wide = [...document.querySelectorAll('.minewatch *')].filter(visible)
          .filter((el) => el.getBoundingClientRect().right > width + 0.5)
          .map((el) => el.className || el.nodeName);
        const cut = [...document.querySelectorAll('.minewatch *')].filter(visible)
          .filter((el) => el.childNodes.length && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
          .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
          .map((el) => el.className || el.nodeName);
        const small = [...document.querySelectorAll('.minewatch button, .minewatch select, .minewatch summary')].filter(visible)
          .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
          .filter(([, r]) => r.width < 24 || r.height < 24)
          .map(([name, r]) => `${name} ${Math.round(r.width)}×${Math.round(r.height)}`);
        return { scroll: document.documentElement.scrollWidth - width, wide, cut, small };
      });
      assert.equal(found.scroll, 0, 'no horizontal scrolling');
      assert.deepEqual(found.wide, [], 'elements wider than the screen');
      assert.deepEqual(found.cut, [], 'text cut off by its box');
      assert.deepEqual(found.small, [], 'touch targets under 24×24 px');
      const canvas = await page.evaluate(() => {
        const c = document.querySelector('.timeline-chart canvas');
        return [c.width, c.clientWidth, c.getBoundingClientRect().right];
      });
      assert.equal(canvas[0], canvas[1] * 2, 'the chart is drawn at the phone\'s pixel ratio');
      assert.ok(canvas[2] <= width, 'the chart fits the screen');
      await page.screenshot({ path: `${SHOTS}/phone-${width}.png`, fullPage: true });
      assertClean(record);
      await context.close();
    });
  }

  test('a tap on the chart shows the values there, on a phone', async () => {
    const { context, page, record } = await openPage(env.browser, { ...PHONE, viewport: { width: 360, height: 740 } });
    await page.goto(`${env.origin}/?mode=snapshot`);
    await settled(page);
    const chart = page.locator('.timeline-chart');
    const x = await page.evaluate(chartXInPage, '2022-01-07T12:00:00Z');
    await chart.tap({ position: { x, y: 120 } });
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    assert.match(await tooltip.innerText(), /^2022-01-07 \d\d:\d\d UTC/);
    assert.match(await tooltip.innerText(), /Coin Metrics daily estimate: \d+\.\d EH\/s/);
    assert.match(await tooltip.innerText(), /Hash rate −1\.2% \(95% interval −8\.9% to \+7\.0%\); expected −13\.2% at most\.$/);
    const [tip, box] = [await tooltip.boundingBox(), await chart.boundingBox()];
    assert.ok(tip.y + tip.height <= box.y + box.height && tip.x >= 0 && tip.x + tip.width <= 360, 'the tooltip stays inside the chart');
    await page.screenshot({ path: `${SHOTS}/phone-tap.png` });
    assertClean(record);
    await context.close();
  });

  test('the compact embed (controls=0): title, takeaway, chart and sources', async () => {
    const { context, page, record } = await openPage(env.browser, { ...PHONE, viewport: { width: 360, height: 640 } });
    await page.goto(`${env.origin}/?mode=snapshot&controls=0`);
    await settled(page);
    for (const part of ['h1', '.takeaway', '.timeline-chart', '.attribution li', '.data-status']) {
      assert.ok(await page.locator(part).first().isVisible(), `${part} shown`);
    }
    for (const part of ['.map', '.timeline-toolbar', '.impact', '.share']) {
      assert.equal(await page.locator(part).count(), 0, `${part} left out`);
    }
    assert.ok((await page.locator('.attribution').boundingBox()).y < 640 + 200, 'sources right under the chart');
    await page.screenshot({ path: `${SHOTS}/phone-compact.png`, fullPage: true });
    assertClean(record);
    await context.close();
  });
});

describe('nothing moves while the widget loads', () => {
  const cases = [
    ['desktop, bundled snapshot', { viewport: { width: 1350, height: 940 } }, '?mode=snapshot'],
    ['phone, bundled snapshot', { ...PHONE, viewport: { width: 412, height: 823 } }, '?mode=snapshot'],
    ['desktop, live sources', { viewport: { width: 1350, height: 940 } }, ''],
    ['phone, live sources', { ...PHONE, viewport: { width: 412, height: 823 } }, ''],
    ['small tablet, live sources', { viewport: { width: 480, height: 900 } }, ''],
    ['wide, map beside the chart, live sources', { viewport: { width: 900, height: 900 } }, ''],
  ];
  for (const [name, options, query] of cases) {
    test(`no layout shift: ${name}`, async () => {
      const { context, page, record } = await openPage(env.browser, options);
      await recordShifts(context);
      await page.goto(`${env.origin}/${query}`);
      await settled(page);
      await page.locator('.map-chart[data-drawn]').waitFor();
      await page.waitForTimeout(300);
      const shifts = await page.evaluate(() => window.__shifts);
      assert.deepEqual(shifts, [], 'layout shifts');
      assertClean(record);
      await context.close();
    });
  }

  test('the first chart drawn is the one that stays: the rest of the bundle redraws nothing', async () => {
    // The opening brings the history's points around the default view, so the first chart is
    // whole; the whole history and the catalogue, arriving after it, change nothing in view.
    for (const viewport of [{ width: 360, height: 740 }, { width: 1350, height: 940 }]) {
      const { context, page, record } = await openPage(env.browser, { viewport });
      await context.addInitScript(() => {
        new MutationObserver((_, observer) => {
          const chart = document.querySelector('.timeline-chart[data-drawn] canvas');
          if (chart) {
            window.__firstChart = chart.toDataURL();
            observer.disconnect();
          }
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      await page.goto(`${env.origin}/?mode=snapshot`);
      await settled(page);
      await page.locator('.map-chart[data-drawn]').waitFor();
      await page.waitForTimeout(300);
      const { first, last, credits } = await page.evaluate(() => ({
        first: window.__firstChart,
        last: document.querySelector('.timeline-chart canvas').toDataURL(),
        credits: document.querySelector('.attribution').textContent,
      }));
      assert.ok(first, 'the first drawing was caught');
      assert.ok(first === last, `at ${viewport.width} px the chart on screen is not the first one drawn`);
      assert.match(credits, /blockchain\.com/, 'the history drawn is credited');
      assertClean(record);
      await context.close();
    }
  });

  test('a panel a reader unfolds before the widget starts stays unfolded in the widget', async () => {
    // On a slow phone the skeleton stands for a second or more, and its panels open to a tap:
    // the widget that takes its place opens them as the reader left them.
    const { context, page, record } = await openPage(env.browser, { ...PHONE, viewport: { width: 360, height: 740 } });
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/*_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${env.origin}/?mode=snapshot`, { waitUntil: 'domcontentloaded' });
    for (const panel of ['disruption-browser', 'impact', 'data-status']) {
      await page.locator(`[data-skeleton] details.${panel} > summary`).tap();
      const opened = page.locator(`[data-skeleton] details.${panel}[open]`);
      await opened.waitFor({ state: 'attached' });
      // The line itself says the data are loading; the panels below it say so once opened.
      if (panel !== 'data-status') assert.match(await opened.innerText(), /Loading data…$/, `${panel}, while the widget loads`);
    }
    release();
    await settled(page);
    assert.equal(await page.locator('[data-skeleton]').count(), 0, 'the widget replaced the skeleton');
    for (const panel of ['disruption-browser', 'impact', 'data-status']) {
      assert.equal(await page.locator(`details.${panel}[open]`).count(), 1, `${panel} unfolded`);
    }
    await page.locator('.impact-sentence').waitFor();
    await page.locator('.disruption-title').first().waitFor();
    assert.equal(await page.locator('.source-status').first().isVisible(), true, 'the sources\' lines');
    assertClean(record);
    await context.close();
  });

  test('the title and takeaway are painted before the widget is fetched', async () => {
    // The stylesheet is in the page (no round trip before the first paint), and the
    // WebAssembly and its glue are requested only after that paint, so a slow network spends
    // nothing on them until the reader has the story.
    const { context, page, record } = await openPage(env.browser, { ...PHONE, viewport: { width: 360, height: 740 } });
    await page.goto(`${env.origin}/?mode=snapshot`);
    await settled(page);
    const timing = await page.evaluate(() => ({
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      widget: performance.getEntriesByType('resource')
        .filter((r) => /minewatch-[0-9a-f]+(_bg\.wasm|\.js)$/.test(r.name))
        .map((r) => r.startTime),
      stylesheets: document.querySelectorAll('link[rel=stylesheet]').length,
      inlineStyles: document.querySelectorAll('head style').length,
    }));
    assert.equal(timing.stylesheets, 0, 'no stylesheet to fetch');
    assert.equal(timing.inlineStyles, 1, 'the stylesheet is inline');
    assert.ok(timing.firstPaint > 0, 'the page was painted');
    assert.equal(timing.widget.length, 2, 'the glue and the WebAssembly were fetched');
    for (const start of timing.widget) assert.ok(start >= timing.firstPaint, `widget requested at ${start} ms, before the first paint at ${timing.firstPaint} ms`);
    assertClean(record);
    await context.close();
  });

  test('the takeaway fits the lines it reserves, from 320 to 1350 px', async () => {
    // Live sources give the longer wording (connectivity measured); the box must not grow.
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1350, height: 900 } });
    await page.goto(`${env.origin}/`);
    await settled(page);
    const overflowing = [];
    for (const width of [320, 340, 360, 414, 480, 560, 640, 700, 768, 899, 900, 1000, 1350]) {
      await page.setViewportSize({ width, height: 900 });
      const [height, reserved, chars] = await page.evaluate(() => {
        const t = document.querySelector('.takeaway');
        return [t.getBoundingClientRect().height, parseFloat(getComputedStyle(t).minHeight), t.textContent.length];
      });
      if (height > reserved + 0.5) overflowing.push(`${width} px: ${chars} characters need ${height} px, ${reserved} reserved`);
    }
    assert.deepEqual(overflowing, []);
    assertClean(record);
    await context.close();
  });

  for (const width of [360, 1100]) {
    test(`the skeleton in index.html has the widget's boxes (${width} px)`, async () => {
      const parts = ['h1', '.takeaway', '.timeline-chart', '.timeline-toolbar', '.timeline-signals', '.map-toolbar', '.map-chart', '.map-legend', '.disruptions', '.impact', '.data-status', '.share'];
      const measured = [];
      const told = [];
      for (const blockWasm of [true, false]) {
        const { context, page } = await openPage(env.browser, { viewport: { width, height: 900 } });
        if (blockWasm) await page.route('**/*.wasm', (route) => route.abort());
        await page.goto(`${env.origin}/?mode=snapshot`);
        if (blockWasm) await page.locator('[data-skeleton] .timeline-chart').waitFor();
        else await settled(page);
        assert.equal(await page.locator('[data-skeleton]').count(), blockWasm ? 1 : 0);
        measured.push(await boxes(page, parts));
        told.push(await page.locator('.takeaway').innerText());
        await context.close();
      }
      assert.deepEqual(measured[0], measured[1], 'skeleton and widget');
      // The story before the WebAssembly: the skeleton's takeaway is the widget's own sentence.
      assert.match(told[0], /^Nationwide internet shutdown in Kazakhstan, 5–10 Jan 2022\. Bitcoin's hash rate changed −1\.2%/);
      assert.equal(told[0], told[1], 'skeleton and widget tell the same story');
    });
  }

  test('a page set to another view, or to live data only, waits for its own takeaway', async () => {
    for (const query of ['?region=US&mode=snapshot', '?from=2021-02-01&until=2021-03-01', '?mode=live']) {
      const { context, page } = await openPage(env.browser, { viewport: { width: 800, height: 900 } });
      await page.route('**/*.wasm', (route) => route.abort());
      await page.goto(`${env.origin}/${query}`);
      await page.locator('[data-skeleton] .timeline-chart').waitFor();
      assert.equal(await page.locator('.takeaway').innerText(), 'Loading the data…', query);
      await context.close();
    }
  });

  test('an article hears the widget\'s height once', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 800, height: 900 } });
    await page.setContent(`<!doctype html><p>Article text.</p>
      <script>
        window.__heights = [];
        addEventListener('message', (e) => {
          const h = e.data && e.data['datawrapper-height'];
          if (h) window.__heights.push(h.story);
        });
      </script>
      <iframe id="frame" src="${env.origin}/?mode=snapshot&id=story" style="width:100%;height:600px;border:0"></iframe>`);
    const frame = page.frameLocator('#frame');
    await frame.locator('.attribution li').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    const heights = await page.evaluate(() => window.__heights);
    const widget = await frame.locator('.minewatch').evaluate((el) => el.offsetHeight);
    assert.deepEqual(heights, [widget], 'one height message, the final height');
    assertClean(record);
    await context.close();
  });
});
