// Headless Debian Chromium through playwright-core, with every request that leaves
// 127.0.0.1 answered from tests/fixtures/ (or refused and recorded), so that the widget
// always calls the real public URLs and the tests never touch the network.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The fixture file for a public URL: tests/fixtures/<host>/<path>[__<query>].json */
async function fixtureFor(url) {
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
 * A new page that records console errors, page errors, failed loopback requests and
 * requests that left 127.0.0.1. Public hosts get their fixture, or a recorded refusal.
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const record = { consoleErrors: [], failedRequests: [], externalRequests: [] };
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
  page.on('console', (m) => m.type() === 'error' && record.consoleErrors.push(m.text()));
  page.on('pageerror', (e) => record.consoleErrors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => record.failedRequests.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).hostname === '127.0.0.1') {
      record.failedRequests.push(`${r.url()} (HTTP ${r.status()})`);
    }
  });
  return { context, page, record };
}
