// Headless Debian Chromium through playwright-core, with every request that leaves
// 127.0.0.1 answered from tests/fixtures/ (or refused and recorded), so that the widget
// always calls the real public URLs and the tests never touch the network.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDirectory } from './serve-dist.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Registers hooks that serve dist/ on 127.0.0.1 and launch Chromium for the calling test file;
 * the returned object holds `browser` and `origin` once the hooks have run.
 */
export function servedWidget() {
  const env = {};
  before(async () => {
    const { server, origin } = await serveDirectory('dist');
    Object.assign(env, { server, origin, browser: await launchChromium() });
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/** The fixture file for a public URL: tests/fixtures/<host>/<path>[__<query>].json */
export async function fixtureFor(url) {
  const name = url.pathname.replace(/^\/+/, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'index';
  const query = url.search ? `__${url.search.slice(1).replace(/[^A-Za-z0-9._=-]+/g, '_')}` : '';
  for (const candidate of [`${name}${query}.json`, `${name}.json`]) {
    try {
      return await readFile(join(FIXTURES, url.hostname, candidate));
    } catch {
      // try the next candidate
    }
  }
  return null;
}

/**
 * A new page that records console errors and warnings, page errors, failed loopback requests
 * and requests that left 127.0.0.1. Public hosts get their fixture, or a recorded refusal.
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const record = { consoleErrors: [], consoleWarnings: [], failedRequests: [], externalRequests: [] };
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    async (route) => {
      const url = new URL(route.request().url());
      const body = url.protocol.startsWith('http') ? await fixtureFor(url) : null;
      if (body === null) {
        record.externalRequests.push(url.href);
        await route.abort('blockedbyclient');
      } else {
        await route.fulfill({
          status: 200,
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': '*' },
          body,
        });
      }
    },
  );
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') record.consoleErrors.push(m.text());
    if (m.type() === 'warning') record.consoleWarnings.push(m.text());
  });
  page.on('pageerror', (e) => record.consoleErrors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => record.failedRequests.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).hostname === '127.0.0.1') {
      record.failedRequests.push(`${r.url()} (HTTP ${r.status()})`);
    }
  });
  return { context, page, record };
}

/**
 * Serves `context`'s pages a data manifest that covers nothing, as a host without one would:
 * every live source is then asked even for a view the bundled snapshot covers. For the tests
 * of what the widget does with each source's answers.
 */
export async function coverNothing(context) {
  await context.route(
    (url) => url.hostname === '127.0.0.1' && url.pathname.endsWith('/data/manifest.json'),
    (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format":2,"sources":[]}' }),
  );
}

/** The live sources' ids, and the API host each calls. */
export const SOURCES = ['mempool', 'blockchain', 'ioda', 'cbeci'];
export const API_HOSTS = ['mempool.space', 'api.blockchain.info', 'api.ioda.inetintel.cc.gatech.edu', 'ccaf.io'];
const SOURCE_OF_HOST = Object.fromEntries(API_HOSTS.map((h, i) => [h, SOURCES[i]]));

/** Records every layout shift (as a PerformanceObserver does for CLS) from the first paint. */
export async function recordShifts(context) {
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        window.__shifts.push({
          value: entry.value,
          at: Math.round(entry.startTime),
          moved: entry.sources.map((s) => `${s.node?.className || s.node?.nodeName} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** Waits until every source has settled, the chart is drawn and the credits are shown. */
export async function settledWidget(page) {
  await page.waitForFunction(() => {
    const statuses = [...document.querySelectorAll('[data-source]')];
    return statuses.length === 5 && statuses.every((s) => s.dataset.status !== 'loading')
      && document.querySelector('.timeline-chart[data-drawn]')
      && document.querySelector('.attribution li');
  }, null, { timeout: 30_000 });
}

/** Waits until no live source is loading; each source's `data-status` and sentence. */
export async function settledStatuses(page) {
  await page.waitForFunction(
    (sources) => sources.every((s) => {
      const el = document.querySelector(`[data-source="${s}"]`);
      return el && el.dataset.status !== 'loading';
    }),
    SOURCES,
    { timeout: 90_000 },
  );
  const out = {};
  for (const source of SOURCES) {
    const line = page.locator(`[data-source="${source}"]`);
    out[source] = { status: await line.getAttribute('data-status'), text: (await line.textContent()).trim() };
  }
  return out;
}

/**
 * Records every request to an API host (its URL, source and time), answered by
 * `reply(route, url, source)` when given, else by the fixtures.
 */
export async function watchApis(page, reply) {
  const seen = [];
  for (const host of API_HOSTS) {
    await page.route(`https://${host}/**`, async (route) => {
      const url = new URL(route.request().url());
      seen.push({ url: url.href, source: SOURCE_OF_HOST[url.hostname], at: Date.now() });
      if (reply) await reply(route, url, SOURCE_OF_HOST[url.hostname]);
      else await route.fallback();
    });
  }
  return seen;
}

/**
 * In the page: the timeline chart's x in CSS px from its left edge for a UTC time (ISO 8601),
 * from the range and plot edges the chart publishes in its data attributes.
 */
export function chartXInPage(iso) {
  const el = document.querySelector('.timeline-chart');
  const [start, end] = [Number(el.dataset.start), Number(el.dataset.end)];
  const [left, right] = [Number(el.dataset.plotLeft), Number(el.dataset.plotRight)];
  return left + ((Date.parse(iso) / 1000 - start) / (end - start)) * (right - left);
}

/**
 * In the page: counts the timeline canvas's pixels within a small distance of each colour, and
 * the non-white ones (a plain function, so any driver can run it in a page).
 */
export function canvasColoursInPage(colours) {
  const canvas = document.querySelector('[aria-label^="Timeline"] canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const counts = colours.map(() => 0);
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (r < 250 || g < 250 || b < 250) inked += 1;
    colours.forEach(([cr, cg, cb], k) => {
      if (Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < 40) counts[k] += 1;
    });
  }
  return { counts, inked, width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth };
}

/** Counts canvas pixels within a small distance of each colour, and the non-white ones. */
export function countCanvasColours(page, colours) {
  return page.evaluate(canvasColoursInPage, colours);
}

// The snapshot-focused tests run in snapshot mode, which must send no request off the host.
