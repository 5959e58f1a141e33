// Embedding and static hosting end to end: settings from the URL and from data- attributes, the
// permalink, height messages to a real parent page, embed.js's origins, ids and sandbox, a
// sub-path host, the Content-Security-Policy, the downloads, and the dark theme.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { openPage, servedWidget } from './browser.mjs';
import { serveDirectory } from './serve-dist.mjs';

const env = servedWidget();
const SHOTS = 'target/e2e';

before(async () => {
  await mkdir(SHOTS, { recursive: true });
});

/** Records Content-Security-Policy violations in the page (and its frames). */
async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

function assertClean(record) {
  assert.deepEqual(record.consoleErrors, [], 'console errors');
  assert.deepEqual(record.failedRequests, [], 'failed requests to 127.0.0.1');
  assert.deepEqual(record.externalRequests, [], 'requests to hosts without a fixture');
}

describe('settings and permalinks', () => {
  test('settings from the URL, with a warning for a bad value', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 900, height: 800 } });
    await page.goto(`${env.origin}/?region=US&from=2022-01-01&until=2022-01-10&view=timeline&theme=neon&controls=0&mode=snapshot`);
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    assert.match(await page.locator('.takeaway').innerText(), /United States/);
    assert.match(await page.locator('.timeline-chart').getAttribute('aria-label'), /the United States' connectivity, 2022-01-01 to 2022-01-10 \(UTC\)/);
    assert.equal(await page.locator('.map').count(), 0, 'view=timeline: no map');
    assert.equal(await page.locator('.minewatch').getAttribute('data-controls'), 'false');
    assert.ok(await page.locator('.timeline-toolbar').isHidden(), 'controls=0 hides the toolbar');
    assert.equal(await page.locator('.share').count(), 0);
    // The credits come once every source has settled (after the first chart).
    await page.locator('.attribution li').first().waitFor();
    assert.ok(
      record.consoleWarnings.some((w) => w.includes('ignoring theme="neon"; expected auto, light or dark')),
      record.consoleWarnings.join('\n'),
    );
    assertClean(record);
    await context.close();
  });

  test('the permalink reproduces the view', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 1000 } });
    await page.goto(`${env.origin}/?mode=snapshot`);
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    await page.getByRole('button', { name: 'Kazakhstan, Jan 2022' }).click();
    await page.locator('.impact > summary').click();
    await page.locator('.impact select').selectOption('kz-2022-01-04-mobile');
    await page.getByRole('button', { name: 'Embed / Share' }).click();
    await page.waitForFunction(() => /event=kz-2022-01-04-mobile/.test(document.querySelector('[data-snippet=permalink]').value));
    const link = await page.locator('[data-snippet=permalink]').inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/\?region=KZ&from=2021-12-22&until=2022-01-15&event=kz-2022-01-04-mobile&mode=snapshot$/);
    await page.waitForFunction((l) => location.href === l, link);
    const iframe = await page.locator('[data-snippet=iframe]').inputValue();
    assert.match(iframe, /<iframe id="minewatch-frame-minewatch-[0-9a-f]{8}" src="http:\/\/127\.0\.0\.1:\d+\/\?region=KZ&amp;from=2021-12-22/);
    assert.match(iframe, /loading="lazy"/);
    const script = await page.locator('[data-snippet=script]').inputValue();
    assert.match(script, /^<div data-minewatch="http:\/\/127\.0\.0\.1:\d+\/" data-region="KZ" data-from="2021-12-22" data-until="2022-01-15" data-event="kz-2022-01-04-mobile" data-mode="snapshot"><\/div>\n<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>$/);

    const again = await openPage(env.browser, { viewport: { width: 1100, height: 1000 } });
    await again.page.goto(link);
    await again.page.locator('.timeline-chart[data-drawn]').waitFor();
    await again.page.locator('.impact > summary').click();
    await again.page.locator('.impact-sentence').waitFor();
    assert.match(await again.page.locator('.timeline-chart').getAttribute('aria-label'), /Kazakhstan's connectivity, 2021-12-22 to 2022-01-15 \(UTC\)/);
    assert.match(await again.page.locator('.takeaway').innerText(), /^Mobile internet restricted in Kazakhstan, 5 Jan 2022\./);
    assert.equal(await again.page.locator('.impact select').inputValue(), 'kz-2022-01-04-mobile');
    assertClean(again.record);
    assertClean(record);
    await again.context.close();
    await context.close();
  });
});

describe('embedding', () => {
  test('an article embeds an iframe and a script embed, and both take their height', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 800, height: 900 } });
    await page.goto(`${env.origin}/embed-example.html`);
    const iframe = page.locator('#minewatch-frame-timeline');
    const scripted = page.locator('div[data-minewatch] iframe');
    assert.equal(await scripted.count(), 1, 'embed.js included twice makes one iframe');
    await iframe.scrollIntoViewIfNeeded();
    await scripted.scrollIntoViewIfNeeded();
    const timeline = page.frameLocator('#minewatch-frame-timeline');
    await timeline.locator('.timeline-chart[data-drawn]').waitFor();
    assert.equal(await timeline.locator('.map').count(), 0);
    const map = page.frameLocator('div[data-minewatch] iframe');
    await map.locator('.map-chart[data-drawn]').waitFor();
    assert.equal(await map.locator('.minewatch').getAttribute('data-theme'), 'dark');
    assert.equal(await map.locator('.timeline').count(), 0);
    // Each iframe ends as tall as its widget (the widget posts its height; the page listens).
    for (const [frame, handle] of [[timeline, iframe], [map, scripted]]) {
      const widget = await frame.locator('.minewatch').evaluate((el) => el.offsetHeight);
      await page.waitForFunction(
        ([el, h]) => Math.abs(el.getBoundingClientRect().height - h) <= 2,
        [await handle.elementHandle(), widget],
      );
    }
    assert.notEqual(Math.round((await iframe.boundingBox()).height), 300, 'resized from its first height');
    await page.screenshot({ path: `${SHOTS}/embed-example.png`, fullPage: true });
    assertClean(record);
    await context.close();
  });
});

// An article on its own site (another 127.0.0.1 port, so another origin): serves the pages that
// the tests put in `articles`. A real loopback server, since Chromium keeps a page that a test
// answers itself from loading scripts off other loopback ports.
const articles = new Map();
async function serveArticles() {
  const server = createServer((request, response) => {
    const body = articles.get(new URL(request.url, 'http://127.0.0.1').pathname);
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Waits until the iframe is as tall as the widget inside it, once its timeline is drawn. */
async function followsHeight(page, selector) {
  const iframe = page.locator(selector);
  await iframe.scrollIntoViewIfNeeded();
  const frame = page.frameLocator(selector);
  await frame.locator('.timeline-chart[data-drawn]').waitFor();
  // The widget's height is read again each time: it may still grow once (the credits) after
  // the chart is drawn, and the iframe then follows that height, not the first one.
  const deadline = Date.now() + 30_000;
  let widget;
  for (;;) {
    widget = await frame.locator('.minewatch').evaluate((el) => el.offsetHeight);
    const height = await iframe.evaluate((el) => el.getBoundingClientRect().height);
    if (Math.abs(height - widget) <= 2) break;
    assert.ok(Date.now() < deadline, `the iframe is ${height} px tall, the widget ${widget} px`);
    await page.waitForTimeout(100);
  }
  return widget;
}

const SANDBOX = 'allow-scripts allow-same-origin allow-downloads allow-popups allow-popups-to-escape-sandbox';
const SMALL = 'data-view="timeline" data-controls="0" data-mode="snapshot" data-height="250"';

describe('embed.js: origins, ids and sandbox', () => {
  // The same dist/ on another port (another widget host), and the article's own site.
  const other = {};
  const site = {};
  before(async () => {
    Object.assign(other, await serveDirectory('dist'));
    Object.assign(site, await serveArticles());
  });
  after(() => {
    other.server?.close();
    site.server?.close();
  });

  /** Opens a new article page with `body` on the article's site. */
  async function parentPage(body, contextOptions = {}) {
    const path = `/article-${articles.size + 1}.html`;
    articles.set(path, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>embed.js test</title>
      <link rel="icon" href="data:,"></head><body>${body}</body></html>`);
    const opened = await openPage(env.browser, { viewport: { width: 900, height: 1400 }, ...contextOptions });
    await opened.page.goto(`${site.origin}${path}`);
    return opened;
  }

  test('frames only the origin it was loaded from, and refuses others with a warning', async () => {
    const { context, page, record } = await parentPage(`
      <div id="home" data-minewatch="${other.origin}/" ${SMALL} data-id="home"></div>
      <div id="evil" data-minewatch="https://evil.example/minewatch/"></div>
      <div id="widget" data-minewatch="${env.origin}/"></div>
      <div id="page" data-minewatch="./"></div>
      <script src="${other.origin}/embed.js" async></script>`);
    await page.locator('#home iframe').waitFor({ state: 'attached' });
    await page.locator('#page[data-minewatch-refused]').waitFor({ state: 'attached' });
    assert.match(await page.locator('#home iframe').getAttribute('src'), new RegExp(`^${other.origin}/\\?view=timeline&`));
    assert.notEqual(await followsHeight(page, '#home iframe'), 250);
    const refused = [['#evil', 'https://evil.example'], ['#widget', env.origin], ['#page', site.origin]];
    for (const [div, origin] of refused) {
      assert.equal(await page.locator(`${div} iframe`).count(), 0, `no iframe for ${origin}`);
      assert.equal(await page.locator(div).getAttribute('data-minewatch-refused'), origin);
      assert.ok(
        record.consoleWarnings.some((w) => w.startsWith(`minewatch: refusing to frame ${origin};`) && w.includes('data-allow-origins')),
        record.consoleWarnings.join('\n'),
      );
    }
    assertClean(record);
    await context.close();
  });

  test('data-lang="auto" speaks the article\'s language', async () => {
    const { context, page } = await parentPage(`
      <script>document.documentElement.lang = 'ru-RU';</script>
      <div id="auto" data-minewatch="${env.origin}/" ${SMALL} data-lang="auto"></div>
      <script src="${env.origin}/embed.js" async></script>`);
    await page.locator('#auto iframe').waitFor({ state: 'attached' });
    assert.equal(new URL(await page.locator('#auto iframe').getAttribute('src')).searchParams.get('lang'), 'ru');
    const frame = page.frameLocator('#auto iframe');
    await frame.locator('.minewatch[lang="ru"] .timeline-chart[data-drawn]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.match(await frame.locator('h1').innerText(), /Хешрейт/);
    await context.close();
  });

  test('an element named like the script or the document\'s methods changes nothing', async () => {
    // DOM clobbering: user HTML kept by the page names an element "currentScript", pointing
    // at an attacker's origin with an allow-list of its own.
    const { context, page, record } = await parentPage(`
      <img name="currentScript" src="https://evil.example/x.js" data-allow-origins="https://evil.example" alt="">
      <form name="querySelectorAll"></form><img name="baseURI" alt="">
      <div id="evil" data-minewatch="https://evil.example/minewatch/"></div>
      <div id="home" data-minewatch="${other.origin}/" ${SMALL}></div>
      <script src="${other.origin}/embed.js" async></script>`);
    await page.locator('#evil[data-minewatch-refused]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('#evil iframe').count(), 0, 'no frame for the planted origin');
    await followsHeight(page, '#home iframe');
    // The planted image itself is refused by the test's network (the only error).
    assert.deepEqual(record.consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT')), []);
    assert.deepEqual(record.externalRequests.filter((u) => u !== 'https://evil.example/x.js'), []);
    await context.close();
  });

  test('data-allow-origins admits the listed origins, and only those', async () => {
    const { context, page, record } = await parentPage(`
      <div id="listed" data-minewatch="${other.origin}/" ${SMALL}></div>
      <div id="evil" data-minewatch="https://evil.example/"></div>
      <script src="${env.origin}/embed.js" data-allow-origins="${other.origin}/  https://b.example not-an-origin" async></script>`);
    await page.locator('#evil[data-minewatch-refused]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('#evil iframe').count(), 0);
    assert.equal(await page.locator('#listed').getAttribute('data-minewatch-refused'), null);
    const frame = page.frameLocator('#listed iframe');
    await followsHeight(page, '#listed iframe');
    assert.equal(await frame.locator('.minewatch').evaluate(() => location.origin), other.origin);
    assert.ok(record.consoleWarnings.some((w) => w.includes('ignoring "not-an-origin"')), record.consoleWarnings.join('\n'));
    assertClean(record);
    await context.close();
  });

  test('two copies from two origins each frame their own', async () => {
    const { context, page, record } = await parentPage(`
      <div id="a" data-minewatch="${env.origin}/" ${SMALL}></div>
      <div id="b" data-minewatch="${other.origin}/" ${SMALL}></div>
      <script src="${env.origin}/embed.js" async></script>
      <script src="${other.origin}/embed.js" async></script>`);
    for (const [div, origin] of [['#a', env.origin], ['#b', other.origin]]) {
      await page.locator(`${div} iframe`).waitFor({ state: 'attached' });
      assert.ok((await page.locator(`${div} iframe`).getAttribute('src')).startsWith(`${origin}/?`));
      assert.equal(await page.locator(div).getAttribute('data-minewatch-refused'), null);
    }
    const ids = await page.locator('div[data-minewatch] iframe').evaluateAll((fs) => fs.map((f) => new URL(f.src).searchParams.get('id')));
    assert.deepEqual(ids.sort(), ['minewatch-embed-1', 'minewatch-embed-2']);
    await followsHeight(page, '#a iframe');
    await followsHeight(page, '#b iframe');
    assertClean(record);
    await context.close();
  });

  test('an id the widget would refuse is replaced, and the frame still resizes', async () => {
    const long = 'x'.repeat(65);
    const { context, page, record } = await parentPage(`
      <div id="spaced" data-minewatch="${env.origin}/" ${SMALL} data-id="x y&lt;"></div>
      <div id="long" data-minewatch="${env.origin}/" ${SMALL} data-id="${long}"></div>
      <script src="${env.origin}/embed.js" async></script>`);
    await page.locator('#long iframe').waitFor({ state: 'attached' });
    for (const [div, id, bad] of [['#spaced', 'minewatch-embed-1', 'x y<'], ['#long', 'minewatch-embed-2', long]]) {
      const src = new URL(await page.locator(`${div} iframe`).getAttribute('src'));
      assert.equal(src.searchParams.get('id'), id);
      assert.notEqual(await followsHeight(page, `${div} iframe`), 250);
      assert.ok(record.consoleWarnings.includes(`minewatch: ignoring id "${bad}"; expected up to 64 letters, digits, - or _`), record.consoleWarnings.join('\n'));
    }
    assert.ok(!record.consoleWarnings.some((w) => w.includes('ignoring id=')), 'the widget itself warns of no id');
    assertClean(record);
    await context.close();
  });

  test('the iframe is sandboxed, and the widget inside still draws, resizes, caches and downloads', async () => {
    const { context, page, record } = await parentPage(
      `<div id="w" data-minewatch="${env.origin}/" data-view="timeline" data-mode="snapshot" data-height="250"></div>
       <script src="${env.origin}/embed.js" async></script>`,
      { acceptDownloads: true },
    );
    const iframe = page.locator('#w iframe');
    await iframe.waitFor({ state: 'attached' });
    assert.equal(await iframe.getAttribute('sandbox'), SANDBOX);
    assert.equal(await iframe.getAttribute('allow'), 'clipboard-write');
    await followsHeight(page, '#w iframe');
    const frame = page.frameLocator('#w iframe');
    assert.equal(await frame.locator('.minewatch').evaluate(() => location.origin), env.origin, 'its own origin');
    assert.equal(await frame.locator('.minewatch').evaluate(() => { localStorage.setItem('probe', '1'); return localStorage.getItem('probe'); }), '1');
    const [download] = await Promise.all([page.waitForEvent('download'), frame.locator('[data-download=csv]').click()]);
    assert.equal(download.suggestedFilename(), 'minewatch-KZ-2021-12-12.csv');
    assertClean(record);
    await context.close();
  });
});

describe('hosting', () => {
  test('the built page declares a strict CSP and the widget breaks none of it', async () => {
    const html = await readFile('dist/index.html', 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta tag');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(csp, /script-src[^;]*'unsafe-(inline|eval)'/);
    assert.match(csp, /connect-src 'self' https:\/\/mempool\.space https:\/\/api\.blockchain\.info https:\/\/api\.ioda\.inetintel\.cc\.gatech\.edu https:\/\/ccaf\.io(;|$)/);
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 1000 } });
    await watchCsp(context);
    await page.goto(`${env.origin}/`);
    await page.waitForFunction(() => document.querySelector('[data-source="ioda"]')?.dataset.status === 'live', null, { timeout: 30_000 });
    await page.locator('.map-chart[data-drawn]').waitFor();
    await page.locator('.timeline-chart').hover({ position: { x: 500, y: 120 } });
    await page.getByRole('button', { name: 'Embed / Share' }).click();
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assertClean(record);
    await context.close();
  });

  test('a build for a sub-path works from a host that only serves files', async () => {
    const { server, origin } = await serveDirectory('target/subpath');
    try {
      const { context, page, record } = await openPage(env.browser, { viewport: { width: 1000, height: 900 } });
      await page.goto(`${origin}/graphics/minewatch/?mode=snapshot`);
      await page.locator('[data-source="snapshot"][data-status="snapshot"]').waitFor({ state: 'attached' });
      await page.locator('.map-chart[data-drawn]').waitFor();
      await page.locator('.timeline-chart[data-drawn]').waitFor();
      assertClean(record);
      await context.close();
    } finally {
      server.close();
    }
  });
});

describe('downloads and theme', () => {
  test('PNG, SVG and CSV of the current view, each credited', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1000, height: 1000 }, acceptDownloads: true });
    await page.goto(`${env.origin}/?mode=snapshot`);
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    await page.locator('.map-chart[data-drawn]').waitFor();
    const width = await page.locator('.minewatch').evaluate((el) => el.clientWidth);
    const files = {};
    for (const kind of ['png', 'svg', 'csv']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-download=${kind}]`).click()]);
      assert.equal(download.suggestedFilename(), `minewatch-KZ-2021-12-12.${kind}`);
      const path = `${SHOTS}/download.${kind}`;
      await download.saveAs(path);
      files[kind] = await readFile(path);
    }
    const png = files.png;
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    assert.ok(png.readUInt32BE(16) >= 2 * width, `PNG at twice the CSS width or more (${png.readUInt32BE(16)} for ${width})`);
    assert.ok((await stat(`${SHOTS}/download.png`)).size > 20_000);
    const svg = files.svg.toString('utf8');
    assert.match(svg, /^<svg /);
    assert.match(svg, /Bitcoin hash rate and disruptions in mining regions/);
    assert.match(svg, /Sources: Coin Metrics/);
    assert.match(svg, /Hash rate \(EH\/s\)/);
    const csv = files.csv.toString('utf8').split('\n');
    assert.match(csv[0], /^# minewatch export: 2021-12-12 00:00 to 2022-01-15 00:00 UTC$/);
    assert.match(csv[1], /^# Sources: Coin Metrics/);
    assert.match(csv[2], /^# Nationwide internet shutdown in Kazakhstan: Expected if miners in Kazakhstan .* Observed 5–10 Jan 2022 against 22 Dec 2021 – 4 Jan 2022: −1\.2% \(95% interval −8\.9% to \+7\.0%\)/);
    assert.equal(csv[3], 'time_utc,series,value,unit,low_95,high_95,source,licence');
    assert.ok(csv.some((l) => l === '2022-01-05 12:00,Coin Metrics daily estimate,180.988,EH/s,,,Coin Metrics,CC BY-NC 4.0'), csv.slice(0, 8).join('\n'));
    assertClean(record);
    await context.close();
  });

  test('the dark theme', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 1000 } });
    await page.goto(`${env.origin}/?theme=dark&mode=snapshot`);
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    await page.locator('.map-chart[data-drawn]').waitFor();
    assert.equal(await page.locator('.minewatch').getAttribute('data-theme'), 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(13, 17, 23)');
    const dark = await page.evaluate(() => {
      const canvas = document.querySelector('.timeline-chart canvas');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] === 0x0d && data[i + 1] === 0x11 && data[i + 2] === 0x17) n += 1;
      return n / (data.length / 4);
    });
    assert.ok(dark > 0.5, `the timeline is drawn on the dark background (${dark})`);
    await page.locator('.minewatch').screenshot({ path: `${SHOTS}/dark.png` });
    assertClean(record);
    await context.close();
  });
});


