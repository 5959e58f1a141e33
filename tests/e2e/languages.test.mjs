// The widget in Russian, Kazakh, Chinese and Persian: no English word of the catalogue on the
// page (visible text, aria-labels, titles), the impact's numbers and dates in the language's
// own format, Persian right to left without overlap, lang=auto, and a language file that fails.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { openPage, recordShifts, servedWidget, settledWidget as settled } from './browser.mjs';

const env = servedWidget();
const SHOTS = 'target/e2e';
const PHONE = { isMobile: true, hasTouch: true, deviceScaleFactor: 2, viewport: { width: 360, height: 740 } };

/** Names that stay as they are in every language: sources, signals, units, keys. */
const NAMES = ['IODA', 'CBECI', 'mempool.space', 'blockchain.com', 'Coin Metrics', 'BGP', 'bgp',
  'ping-slash24', 'merit-nt', 'EH/s', 'UTC', 'HTTP', 'minewatch', 'Shift', 'Ctrl', 'Page Up',
  'Page Down', 'Escape', 'Enter', 'iframe', 'API', 'PNG', 'SVG', 'CSV'];

/** The English catalogue's words: each template's text between its values, with the names
 * above taken out, kept where an English word of three letters or more is left. */
async function englishStrings() {
  const templates = Object.values(JSON.parse(await readFile('static/lang/en.json', 'utf8')));
  assert.ok(templates.length > 250, `read ${templates.length} templates`);
  const pieces = new Set();
  for (const template of templates) {
    // Plural forms' words count too: "# sources" → "sources".
    const flat = template.replace(/\{\w+:([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g, (_, forms) =>
      forms.split('|').map((f) => f.split('=')[1] ?? '').join('\u0000'));
    for (let piece of flat.split(/\{[^}]*\}|\u0000|#/)) {
      for (const name of NAMES) piece = piece.split(name).join('\u0000');
      for (const part of piece.split('\u0000')) {
        const words = part.replace(/^[\s,.;:·()–—‹›'-]+|[\s,.;:·()–—‹›'-]+$/g, '');
        if (/[A-Za-z]{3,}/.test(words)) pieces.add(words);
      }
    }
  }
  return [...pieces];
}

/** Words the data bring (event titles, scopes and causes, credits): shown as published. */
async function dataStrings() {
  const strings = [];
  const keep = ['title', 'scope', 'cause', 'finding', 'source', 'licence', 'origin', 'note'];
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (keep.includes(key) && typeof inner === 'string' && inner.length > 0) strings.push(inner);
        else walk(inner);
      }
    }
  };
  for (const file of ['manifest', 'events', 'events-opening', 'hashrate', 'history', 'history-opening', 'shares', 'shares-opening']) {
    walk(JSON.parse(await readFile(`static/data/${file}.json`, 'utf8')));
  }
  // The map's credit is compiled in (src/geo/shapes.rs).
  const shapes = await readFile('src/geo/shapes.rs', 'utf8');
  for (const m of shapes.matchAll(/(?:source|title|licence): "((?:[^"\\]|\\[\s\S])*)"/g)) {
    strings.push(m[1].replace(/\\\n\s*/g, ''));
  }
  return strings.sort((a, b) => b.length - a.length);
}

/** Everything a reader sees or hears: visible text, aria-labels, titles, alt texts. */
function readerText(page) {
  return page.evaluate(() => {
    const root = document.querySelector('.minewatch');
    const said = [root.innerText];
    for (const el of root.querySelectorAll('[aria-label], [title], [alt], [aria-valuetext]')) {
      for (const name of ['aria-label', 'title', 'alt', 'aria-valuetext']) {
        if (el.hasAttribute(name)) said.push(el.getAttribute(name));
      }
    }
    return said.join('\n');
  });
}


/** How the default takeaway's figures read in each language. */
const FORMATS = {
  ru: [/-1,2\s%/, /-13,2\s%/, /янв\. 2022/],
  kk: [/-1,2\s?%/, /-13,2\s?%/, /2022/, /Қазақстан/],
  zh: [/-1\.2%/, /-13\.2%/, /2022年1月/],
  fa: [/۱٫۲٪/, /۱۳٫۲٪/, /۱۴۰۰/, /۲۰۲۲/],
};

describe('languages', () => {
  let english;
  let data;
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    english = await englishStrings();
    data = await dataStrings();
  });

  for (const lang of ['ru', 'kk', 'zh', 'fa']) {
    test(`lang=${lang}: no English UI string, figures in the language's format`, async () => {
      const { context, page, record } = await openPage(env.browser, PHONE);
      await page.goto(`${env.origin}/?mode=snapshot&lang=${lang}`);
      await settled(page);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.equal(await page.locator('.minewatch').getAttribute('lang'), lang);
      let text = await readerText(page);
      for (const quoted of data) text = text.split(quoted).join(' ');
      // Whole words only: "and" is English, "Standard" is not.
      const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const leaked = english.filter((s) => new RegExp(`(?<![A-Za-z])${escape(s)}(?![A-Za-z])`).test(text));
      const where = leaked.map((s) => text.slice(Math.max(0, text.indexOf(s) - 50), text.indexOf(s) + 50));
      assert.deepEqual(leaked, [], `English on the ${lang} page: ${JSON.stringify(where)}`);
      const takeaway = await page.locator('.takeaway').innerText();
      for (const format of FORMATS[lang]) assert.match(takeaway, format);
      // The retrieval dates in the sources are written as the language writes days.
      const sources = await page.locator('.attribution').innerText();
      assert.doesNotMatch(sources, /\d{4}-\d{2}-\d{2}/, 'a retrieval date left in ISO form');
      if (lang === 'fa') assert.match(sources, /[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}/);
      await page.screenshot({ path: `${SHOTS}/phone-360-${lang}.png` });
      assert.deepEqual(record.consoleErrors, [], 'console errors');
      assert.deepEqual(record.failedRequests, [], 'failed requests to 127.0.0.1');
      await context.close();
    });
  }

  test('lang=ru: IODA\'s verified outages are named and described in Russian', async () => {
    // Their titles, scopes and findings are ours (the catalogue keeps IODA's fields); only
    // place names stay as published.
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1100, height: 900 } });
    await page.goto(`${env.origin}/?mode=snapshot&lang=ru&event=ioda-6a5792ae`);
    await settled(page);
    await page.locator('details.impact > summary').click();
    await page.locator('details.impact-evidence > summary').click();
    const evidence = await page.locator('.impact-evidence').innerText();
    assert.match(evidence, /Сбой интернета: Иран/);
    assert.match(evidence, /Сбой, проверенный вручную по данным IODA \(Регион \(Semnan\)\); причина: не подтверждена\./);
    await page.locator('details.disruption-browser > summary').click();
    // The list is built once the panel's toggle event comes, and grows as every year arrives.
    await page.locator('.disruption-title').nth(100).waitFor();
    const titles = await page.locator('.disruption-title').allInnerTexts();
    assert.ok(titles.length > 100, `${titles.length} disruptions listed`);
    assert.ok(titles.some((t) => t === 'Сбой интернета: Иран'), 'IODA\'s outages in Russian');
    const said = await readerText(page);
    for (const english of ['Internet outage in', 'Manually verified', 'cause status', 'Region (']) {
      assert.ok(!said.includes(english), `"${english}" on the Russian page`);
    }
    assert.deepEqual(record.consoleErrors, [], 'console errors');
    await context.close();
  });

  test('on a 360 px phone and on wide screens, nothing moves while a language loads', async () => {
    // 1100 px puts the map beside the chart; there Persian's right-aligned lines, which mix
    // an English title or a date into the sentence, once counted as moved when rewritten.
    const screens = [['360 px phone', PHONE], ['1100 px', { viewport: { width: 1100, height: 800 } }]];
    for (const [screen, options] of screens) {
      for (const lang of ['ru', 'kk', 'zh', 'fa']) {
        const { context, page } = await openPage(env.browser, options);
        await recordShifts(context);
        await page.goto(`${env.origin}/?mode=snapshot&lang=${lang}`);
        await settled(page);
        await page.locator('.map-chart[data-drawn]').waitFor();
        await page.waitForTimeout(300);
        assert.deepEqual(await page.evaluate(() => window.__shifts), [], `layout shifts in ${lang}, ${screen}`);
        await context.close();
      }
    }
  });

  test('lang=fa lays out right to left, time still left to right, nothing overlapping', async () => {
    const { context, page } = await openPage(env.browser, PHONE);
    await page.goto(`${env.origin}/?mode=snapshot&lang=fa`);
    await settled(page);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    const layout = await page.evaluate(() => {
      const box = (el) => el.getBoundingClientRect();
      const buttons = [...document.querySelectorAll('.timeline-toolbar button')].map(box);
      const root = document.documentElement;
      const h1 = box(document.querySelector('h1'));
      // Boxes that hold words, on the first screens: none may cover another.
      const worded = [...document.querySelectorAll('.minewatch h1, .minewatch .takeaway, .minewatch button, .minewatch .timeline-hint, .minewatch summary')]
        .filter((el) => el.offsetParent !== null && box(el).width > 0)
        .map((el) => ({ what: el.className || el.tagName, r: box(el) }));
      const overlaps = [];
      for (let i = 0; i < worded.length; i++) {
        for (let j = i + 1; j < worded.length; j++) {
          const a = worded[i].r;
          const b = worded[j].r;
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 1 && y > 1) overlaps.push(`${worded[i].what} × ${worded[j].what}`);
        }
      }
      return {
        overflow: root.scrollWidth - root.clientWidth,
        firstButtonRight: buttons[0]?.right,
        secondButtonRight: buttons[1]?.right,
        titleAlignedRight: Math.round(window.innerWidth - h1.right) <= 16,
        canvasDirection: getComputedStyle(document.querySelector('.timeline-chart canvas')).direction,
        overlaps,
      };
    });
    assert.equal(layout.overflow, 0, 'no sideways scrolling');
    assert.ok(layout.firstButtonRight > layout.secondButtonRight, 'the toolbar runs right to left');
    assert.ok(layout.titleAlignedRight, 'the title starts at the right');
    assert.equal(layout.canvasDirection, 'ltr', 'the chart keeps time running left to right');
    assert.deepEqual(layout.overlaps, [], 'no worded box covers another');
    await page.screenshot({ path: `${SHOTS}/phone-360-fa-full.png`, fullPage: true });
    await context.close();
  });

  test('lang=fa: the chart counts in Persian digits, on both axes (its SVG download)', async () => {
    const { context, page, record } = await openPage(env.browser, { viewport: { width: 1000, height: 900 }, acceptDownloads: true });
    await page.goto(`${env.origin}/?mode=snapshot&lang=fa`);
    await settled(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-download=svg]').click()]);
    const path = `${SHOTS}/download-fa.svg`;
    await download.saveAs(path);
    const svg = await readFile(path, 'utf8');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim());
    // The hash-rate axis: labels that are only a number.
    const numbers = texts.filter((t) => /^[0-9۰-۹٫٬.,\s]+$/.test(t));
    assert.ok(numbers.length >= 3, `the hash-rate axis's labels: ${JSON.stringify(texts.slice(0, 30))}`);
    for (const label of numbers) assert.doesNotMatch(label, /[0-9]/, `Latin digits in "${label}"`);
    assert.ok(numbers.every((label) => /[۰-۹]/.test(label)), JSON.stringify(numbers));
    // The dates below the time axis.
    assert.ok(texts.some((t) => /[۰-۹]/.test(t) && /[\u0600-\u06FF]/.test(t.replace(/[۰-۹]/g, ''))), 'a date in Persian');
    assert.deepEqual(record.consoleErrors, [], 'console errors');
    await context.close();
  });

  test('lang=auto follows the reader; a language it does not speak is English with a warning', async () => {
    const { context, page } = await openPage(env.browser, { ...PHONE, locale: 'kk-KZ' });
    await page.goto(`${env.origin}/?mode=snapshot&lang=auto`);
    await settled(page);
    assert.equal(await page.locator('.minewatch').getAttribute('lang'), 'kk');
    await context.close();
    const other = await openPage(env.browser, PHONE);
    await other.page.goto(`${env.origin}/?mode=snapshot&lang=de`);
    await settled(other.page);
    assert.equal(await other.page.locator('.minewatch').getAttribute('lang'), 'en');
    assert.ok(other.record.consoleWarnings.some((w) => w.includes('lang') && w.includes('ru')), other.record.consoleWarnings.join('\n'));
    await other.context.close();
  });

  test('a language whose widget fails to load falls back to English, and says so', async () => {
    const { context, page, record } = await openPage(env.browser, PHONE);
    await page.route('**/lang/ru/*_bg.wasm', (route) => route.fulfill({ status: 503, body: 'down' }));
    await page.goto(`${env.origin}/?mode=snapshot&lang=ru`);
    await settled(page);
    assert.equal(await page.locator('.minewatch').getAttribute('lang'), 'en');
    assert.match(await page.locator('.takeaway').innerText(), /Bitcoin's hash rate changed −1\.2%/);
    assert.ok(record.consoleWarnings.some((w) => /the ru widget did not load/.test(w)), record.consoleWarnings.join('\n'));
    await context.close();
  });

  test('an English reader loads no other language', async () => {
    const { context, page } = await openPage(env.browser, PHONE);
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${env.origin}/?mode=snapshot`);
    await settled(page);
    assert.deepEqual(asked.filter((p) => p.includes('/lang/') || p.endsWith('locale.js')), []);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await context.close();
  });
});
