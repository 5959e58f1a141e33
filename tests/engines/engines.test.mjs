// What a reader does, in each engine a reader may use: Chromium, Firefox ESR and WebKitGTK
// (Safari's engine), driven through WebDriver (tests/engines/webdriver.mjs). The release build
// in dist/ is served on 127.0.0.1 with a recorder loaded first (tests/engines/recorder.js:
// console errors, CSP violations, downloads); the public APIs are answered from the fixtures
// through a proxy. Screenshots go to target/e2e/<engine>/. The deeper Chromium suite
// (tests/e2e/) covers the faults, budgets and layouts; this one checks that the engines agree.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { By, Key } from 'selenium-webdriver';
import { Pointer } from 'selenium-webdriver/lib/input.js';
import { canvasColoursInPage, chartXInPage, SOURCES } from '../e2e/browser.mjs';
import { serveDirectory } from '../e2e/serve-dist.mjs';
import { startFixtureProxy } from './fixture-proxy.mjs';
import { ENGINES, startEngine } from './webdriver.mjs';

const MEAN_BLUE = [0x00, 0x72, 0xb2];
const DAILY_SKY_BLUE = [0x56, 0xb4, 0xe9];
const RECORDER = { path: '/__minewatch-test-recorder.js', body: await readFile(new URL('./recorder.js', import.meta.url)) };
// A page holding the widget in a frame of the size in its address (`#360x740/path`): how a
// viewport narrower than the engine's smallest window is made (Firefox keeps windows at least
// 500 px wide), as when an article is read on a phone.
const FRAME_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>frame</title>
<body style="margin:0"><iframe id="frame" title="minewatch" style="border:0;display:block"></iframe>
<script>
  const [, w, h, src] = location.hash.match(/^#(\\d+)x(\\d+)(\\/.*)$/);
  Object.assign(document.getElementById('frame'), { width: w, height: h, src });
</script>`;

for (const engine of ENGINES) {
  describe(engine, () => {
    const SHOTS = `target/e2e/${engine}`;
    let served;
    let proxy;
    let session;
    let driver;
    let frame; // the window's width and height beyond its viewport (MiniBrowser has a toolbar)
    before(async () => {
      await mkdir(SHOTS, { recursive: true });
      served = await serveDirectory('dist', 0, { headScript: RECORDER, pages: { '/__frame.html': FRAME_PAGE } });
      proxy = await startFixtureProxy();
      session = await startEngine(engine, proxy.address);
      driver = session.driver;
      await driver.manage().setTimeouts({ script: 30_000, pageLoad: 60_000 });
      await driver.manage().window().setRect({ width: 1000, height: 800 });
      await driver.get('about:blank');
      const [w, h] = await driver.executeScript('return [innerWidth, innerHeight]');
      frame = { width: 1000 - w, height: 800 - h };
    });
    after(async () => {
      await session?.quit();
      proxy?.close();
      served?.server.close();
    });

    /**
     * Opens `path` in a viewport of `width` × `height` CSS px: the window's, or a frame's of
     * that size when the engine's window cannot be so narrow (the driver then works in it).
     */
    async function open(path, width = 1100, height = 900) {
      await driver.switchTo().defaultContent();
      await driver.manage().window().setRect({ width: width + frame.width, height: height + frame.height });
      const [innerWidth] = await driver.executeScript('return [innerWidth]');
      if (innerWidth === width) {
        await driver.get(`${served.origin}${path}`);
      } else {
        await driver.get(`${served.origin}/__frame.html#${width}x${height}${path}`);
        await driver.switchTo().frame(await driver.findElement(By.id('frame')));
      }
      assert.equal(await driver.executeScript('return innerWidth'), width, `a viewport ${width} px wide`);
    }

    /** Waits for `script` (run in the page with `args`) to return something truthy. */
    function until(what, script, ...args) {
      return driver.wait(async () => driver.executeScript(script, ...args), 20_000, `waiting for ${what}`);
    }

    const drawn = () =>
      until('the chart and the map drawn', () =>
        document.querySelector('.timeline-chart[data-drawn]') && document.querySelector('.map-chart[data-drawn]'));

    /** The recorder's findings: nothing logged as an error, no CSP violation. */
    async function assertClean() {
      const record = await driver.executeScript(() => window.__minewatchRecord);
      assert.ok(record, 'the recorder ran in the page');
      assert.deepEqual(record.errors, [], 'no console error');
      assert.deepEqual(record.csp, [], 'no Content-Security-Policy violation');
      assert.deepEqual(proxy.refused, [], 'no request without a fixture');
    }

    async function screenshot(name) {
      await writeFile(`${SHOTS}/${name}.png`, await driver.takeScreenshot(), 'base64');
    }

    const chartX = (iso) => driver.executeScript(chartXInPage, iso);

    /** An action offset from an element's centre (WebDriver's element origin) to its (x, y). */
    async function fromCentre(element, x, y) {
      const { width, height } = await element.getRect();
      return { origin: element, x: Math.round(x - width / 2), y: Math.round(y - height / 2) };
    }

    /**
     * A finger's tap at (x, y) in `element`. WebKitGTK's driver (2.50) sends WebDriver touch
     * actions as a mouse, so there the tap is the pointer events a touch screen sends,
     * dispatched in the page; the other engines get WebDriver's touch pointer.
     */
    async function tap(element, x, y) {
      if (engine === 'webkit') {
        await driver.executeScript((el, x, y) => {
          const box = el.getBoundingClientRect();
          const init = { pointerId: 7, pointerType: 'touch', isPrimary: true, bubbles: true, cancelable: true, button: 0, clientX: box.left + x, clientY: box.top + y };
          for (const type of ['pointerdown', 'pointerup']) el.dispatchEvent(new PointerEvent(type, { ...init, buttons: type === 'pointerdown' ? 1 : 0 }));
        }, element, x, y);
        return;
      }
      const finger = new Pointer('finger', Pointer.Type.TOUCH);
      await driver
        .actions({ async: true })
        .insert(finger, finger.move({ ...(await fromCentre(element, x, y)), duration: 0 }), finger.press(), finger.release())
        .perform();
    }

    test('the default view: chart and map drawn, sources settled (IODA live), nothing logged', async () => {
      await open('/');
      await drawn();
      await until('every source settled', (sources) =>
        sources.every((s) => document.querySelector(`[data-source="${s}"]`)?.dataset.status !== 'loading'), SOURCES);
      const statuses = await driver.executeScript((sources) =>
        sources.map((s) => document.querySelector(`[data-source="${s}"]`).dataset.status), SOURCES);
      // The bundled snapshot covers this view's hash rate, history and shares: they are not
      // asked; IODA (connectivity, which the snapshot lacks) answers from its fixture.
      assert.deepEqual(statuses, ['covered', 'covered', 'live', 'covered'], 'only IODA asked');
      assert.ok(proxy.seen.some((u) => u.startsWith('https://api.ioda.inetintel.cc.gatech.edu/')), proxy.seen.join('\n'));
      assert.ok(!proxy.seen.some((u) => /mempool\.space|blockchain\.info|ccaf\.io/.test(u)), proxy.seen.join('\n'));
      await until('a canvas at its size', () => document.querySelector('.timeline-chart canvas').width > 300);
      const { counts: [mean, daily], inked } = await driver.executeScript(canvasColoursInPage, [MEAN_BLUE, DAILY_SKY_BLUE]);
      assert.ok(mean > 500, `7-day estimate drawn (${mean} px)`);
      assert.ok(daily > 300, `daily values drawn (${daily} px)`);
      assert.ok(inked > 20_000, `axes, labels and bands drawn (${inked} px)`);
      const overflow = await driver.executeScript(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px)`);
      await screenshot('default');
      await assertClean();
    });

    test('hovering the chart shows the values at the pointer', async () => {
      await open('/?mode=snapshot');
      await drawn();
      const chart = await driver.findElement(By.css('.timeline-chart'));
      const x = await chartX('2022-01-07T12:00:00Z');
      await driver.actions({ async: true }).move(await fromCentre(chart, x, 150)).perform();
      const text = await until('the tooltip', () => document.querySelector('.timeline [role=tooltip]')?.innerText.trim());
      // Within a pixel (1.5 hours at this width): engines round an element's centre, which
      // WebDriver's offsets start from, differently when its width is fractional.
      assert.match(text, /^2022-01-07 1[0-3]:\d\d UTC/, 'the time under the pointer');
      assert.match(text, /Coin Metrics daily estimate: 168\.9 EH\/s/);
      assert.match(text, /Nationwide internet shutdown in Kazakhstan/);
      await screenshot('hover');
      await assertClean();
    });

    test('the keyboard moves the chart\'s cursor and the map\'s country, and both are announced', async () => {
      await open('/?mode=snapshot');
      await drawn();
      const chart = await driver.findElement(By.css('.timeline-chart'));
      await driver.executeScript((el) => el.focus(), chart);
      await chart.sendKeys(Key.HOME);
      let said = await until('the chart\'s announcement', () => document.querySelector('.timeline [aria-live=polite]')?.textContent);
      assert.match(said, /^2021-12-12 00:00 UTC/);
      await chart.sendKeys('+');
      const zoomed = await until('a zoomed range', () => {
        const el = document.querySelector('.timeline-chart');
        return Number(el.dataset.end) - Number(el.dataset.start) < 34 * 86_400 && el.getAttribute('aria-label');
      });
      assert.doesNotMatch(zoomed, /2021-12-12 to 2022-01-15/, 'zoomed in');
      await chart.sendKeys(Key.ESCAPE);
      said = await until('the reset', () => document.querySelector('.timeline [aria-live=polite]').textContent === 'Showing 2021-12-12 to 2022-01-15 (UTC)');
      const regions = await driver.findElements(By.css('.map-toolbar button'));
      for (const button of regions) {
        if ((await button.getText()) === 'Central Asia') await button.click();
      }
      const map = await driver.findElement(By.css('.map-chart'));
      await driver.executeScript((el) => el.focus(), map);
      for (let i = 0; i < 3; i += 1) await map.sendKeys(Key.ARROW_RIGHT);
      said = await until('the map\'s announcement', () => document.querySelector('.map [aria-live=polite]')?.textContent);
      assert.match(said, /^Kazakhstan\. 13\.2%/);
      const tip = await driver.executeScript(() => document.querySelector('.map-chart [role=tooltip]')?.innerText.trim());
      assert.match(tip, /13\.2% of Bitcoin's hash rate in Jan 2022 \(estimate\)/);
      await screenshot('keyboard');
      await assertClean();
    });

    test('dragging across the chart zooms to the brushed days', async () => {
      await open('/?mode=snapshot');
      await drawn();
      // Once everything has arrived (the map, the catalogue, the manifest): a drag made while
      // the page still changes under the pointer is not what this measures.
      await until('every source settled', () => ![...document.querySelectorAll('[data-source]')].some((e) => e.dataset.status === 'loading'));
      const chart = await driver.findElement(By.css('.timeline-chart'));
      const [from, to] = [await chartX('2021-12-20T00:00:00Z'), await chartX('2022-01-10T00:00:00Z')];
      const actions = driver.actions({ async: true });
      await actions
        .move(await fromCentre(chart, from, 150))
        .press()
        .move({ ...(await fromCentre(chart, to, 150)), duration: 300 })
        .release()
        .perform();
      await until('the brushed range', () => document.querySelector('.timeline-chart').dataset.start !== String(Date.UTC(2021, 11, 12) / 1000));
      const [start, end] = await driver.executeScript(() => {
        const el = document.querySelector('.timeline-chart');
        return [Number(el.dataset.start), Number(el.dataset.end)];
      });
      const day = 86_400;
      assert.ok(Math.abs(start - Date.UTC(2021, 11, 20) / 1000) < day, `starts near 20 Dec (${new Date(start * 1000).toISOString()})`);
      assert.ok(Math.abs(end - Date.UTC(2022, 0, 10) / 1000) < day, `ends near 10 Jan (${new Date(end * 1000).toISOString()})`);
      await screenshot('brushed');
      await assertClean();
    });

    test('on a 360 px phone, a tap on the chart shows the values there', async () => {
      await open('/?mode=snapshot', 360, 740);
      await until('the chart drawn', () => document.querySelector('.timeline-chart[data-drawn]'));
      const overflow = await driver.executeScript(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at 360 px (${overflow} px)`);
      const chart = await driver.findElement(By.css('.timeline-chart'));
      await driver.executeScript((el) => el.scrollIntoView({ block: 'center' }), chart);
      const x = await chartX('2022-01-07T12:00:00Z');
      await tap(chart, x, 120);
      const text = await until('the tooltip', () => document.querySelector('.timeline [role=tooltip]')?.innerText.trim());
      assert.match(text, /^2022-01-07 \d\d:\d\d UTC/);
      assert.match(text, /Hash rate −1\.2% \(95% interval −8\.9% to \+7\.0%\); expected −13\.2% at most\.$/);
      await screenshot('phone-tap');
      await assertClean();
    });

    test('PNG, SVG and CSV downloads hold the view, credited', async () => {
      await open('/?mode=snapshot', 1000, 1000);
      await drawn();
      for (const kind of ['png', 'svg', 'csv']) {
        await driver.findElement(By.css(`[data-download=${kind}]`)).click();
      }
      const downloads = await until('three files', () => {
        const files = window.__minewatchRecord.downloads;
        return files.length === 3 && files.every((f) => f.base64) && files;
      });
      const files = Object.fromEntries(downloads.map((f) => [f.name, Buffer.from(f.base64, 'base64')]));
      assert.deepEqual(Object.keys(files).sort(), ['csv', 'png', 'svg'].map((k) => `minewatch-KZ-2021-12-12.${k}`));
      const png = files['minewatch-KZ-2021-12-12.png'];
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
      assert.ok(png.length > 20_000, `a PNG with the chart in it (${png.length} bytes)`);
      const svg = files['minewatch-KZ-2021-12-12.svg'].toString('utf8');
      assert.match(svg, /^<svg /);
      assert.match(svg, /Sources: Coin Metrics/);
      const csv = files['minewatch-KZ-2021-12-12.csv'].toString('utf8').split('\n');
      assert.match(csv[0], /^# minewatch export: 2021-12-12 00:00 to 2022-01-15 00:00 UTC$/);
      assert.equal(csv[3], 'time_utc,series,value,unit,low_95,high_95,source,licence');
      assert.ok(csv.includes('2022-01-05 12:00,Coin Metrics daily estimate,180.988,EH/s,,,Coin Metrics,CC BY-NC 4.0'));
      await assertClean();
    });

    test('an article\'s iframes take the height their widgets post', async () => {
      await open('/embed-example.html', 800, 900);
      const heights = await until('every iframe as tall as its widget', () => {
        const frames = [...document.querySelectorAll('iframe')];
        const pairs = frames.map((f) => [f.getBoundingClientRect().height, f.contentDocument?.querySelector('.minewatch[data-theme]')?.offsetHeight]);
        return frames.length === 2 && pairs.every(([outer, inner]) => inner > 0 && Math.abs(outer - inner) <= 2) && pairs;
      });
      assert.ok(heights.every(([outer]) => Math.round(outer) !== 300), `resized from the first height (${JSON.stringify(heights)})`);
      // The heights arrived as messages, in the shape Datawrapper's and AMP's listeners read.
      const messages = await driver.executeScript(() => window.__minewatchRecord.messages.map((m) => JSON.parse(m)));
      const posted = messages.filter((m) => m?.['datawrapper-height']).flatMap((m) => Object.values(m['datawrapper-height']));
      const widgets = heights.map(([, inner]) => Math.ceil(inner));
      assert.ok(widgets.every((h) => posted.some((p) => Math.abs(p - h) <= 1)), `posted ${posted} for widgets of ${widgets}`);
      assert.ok(messages.some((m) => m?.sentinel === 'amp' && m.type === 'embed-size'), 'the AMP message too');
      await screenshot('embed-example');
      await assertClean();
    });
  });
}
