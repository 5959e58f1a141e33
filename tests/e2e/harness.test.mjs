// The test harness itself: requests to public hosts get fixtures, and anything else is
// refused and recorded, so no test can reach the network by accident.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, servedWidget } from './browser.mjs';

const env = servedWidget();

test('a public API URL is answered from its fixture, with CORS allowed', async () => {
  const { context, page, record } = await openPage(env.browser);
  await page.goto(`${env.origin}/`);
  const answer = await page.evaluate(async () => {
    const url = 'https://api.blockchain.info/charts/hash-rate?timespan=30days&sampled=false&format=json&cors=true';
    const response = await fetch(url);
    const body = await response.json();
    return { status: response.status, unit: body.unit, points: body.values.length, first: body.values[0] };
  });
  assert.deepEqual(answer, {
    status: 200,
    unit: 'Hash Rate TH/s',
    points: 30,
    first: { x: 1658966400, y: 194101307.8186414 },
  });
  assert.deepEqual(record.externalRequests, []);
  await context.close();
});

test('a request to a host without a fixture is refused and recorded', async () => {
  const { context, page, record } = await openPage(env.browser);
  // The widget's own page would not even send it (its Content-Security-Policy names only the
  // API hosts), so ask from the example article, which has no policy.
  await page.goto(`${env.origin}/embed-example.html`);
  const outcome = await page.evaluate(() =>
    fetch('https://example.com/anything').then(
      () => 'answered',
      () => 'refused',
    ),
  );
  assert.equal(outcome, 'refused');
  assert.deepEqual(record.externalRequests, ['https://example.com/anything']);
  await context.close();
});
