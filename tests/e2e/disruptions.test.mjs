// Disruptions since 2019 offline: a 2021 event opens with `mode=snapshot` and no network, its
// year of daily chain data loads on demand, and its impact panel gives the interval.
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
