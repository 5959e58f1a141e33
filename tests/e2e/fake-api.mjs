// A stand-in for the four public APIs, for the tests that need answers for any window: the
// refresher run as the hosting workflow runs it (over HTTP on 127.0.0.1) and the crowd of
// readers (through the browser's request routing). Each answer has the shape of the real API's;
// the numbers of windows no fixture holds are synthetic and say so where the shape has room.
//
//   fixtures first    tests/fixtures/ (fixtureFor), as the other tests are answered;
//   IODA              any country and window (iodaAnswer);
//   mempool.space     a period (1w … 3y): its days up to today, rising slowly;
//   blockchain.com    timespan=Ndays&start=: those days.
import http from 'node:http';
import { fixtureFor } from './browser.mjs';

const NATIVE_STEP = { 'ping-slash24': 600, bgp: 300, 'merit-nt': 300 };
const NORMAL = { 'ping-slash24': 2400, bgp: 3100, 'merit-nt': 900 };
const IODA_COPYRIGHT = 'This data is Copyright (c) 2021-2024 Georgia Tech Research Corporation. All Rights Reserved.';

/**
 * IODA's answer (an object to send as JSON) as the real API gives it: a signal's step is the
 * finest multiple of its native step that keeps a window under `maxPoints` values, so a shorter
 * window comes back at a finer step. Synthetic values (entityName says so); no outage events.
 */
export function iodaAnswer(url) {
  const q = url.searchParams;
  const [from, until] = [Number(q.get('from')), Number(q.get('until'))];
  if (url.pathname.includes('/outages/events')) {
    return {
      type: 'outages.events', metadata: { requestTime: '2026-11-24T00:00:00+00:00', responseTime: '2026-11-24T00:00:01+00:00' },
      requestParameters: { from: String(from), until: String(until), datasource: null, includeAlerts: false, format: 'codf',
        limit: 500, page: null, relatedTo: null, entityType: 'country', entityCode: q.get('entityCode'), orderBy: null,
        overall: false, ignoreMethods: null, extendWindow: 1209600 },
      error: null, perf: null, data: [], copyright: IODA_COPYRIGHT,
    };
  }
  const datasource = q.get('datasource');
  const maxPoints = Number(q.get('maxPoints'));
  const native = NATIVE_STEP[datasource];
  const step = native * Math.ceil((until - from) / (native * maxPoints));
  const count = Math.ceil((until - from) / step);
  const code = url.pathname.split('/').pop();
  return {
    type: 'signals', metadata: { requestTime: '2026-11-24T00:00:00+00:00', responseTime: '2026-11-24T00:00:01+00:00' },
    requestParameters: { from, until, datasource, sourceParams: null, maxPoints },
    error: null, perf: [{ datasource, backend: 'influxv2', timeUsed: 0.1 }],
    data: [[{ entityType: 'country', entityCode: code, entityName: `${code} (synthetic test signal)`,
      entityFqid: `geo.netacuity.AS.${code}`, datasource, subtype: '', from, until, step, nativeStep: native,
      values: Array.from({ length: count }, (_, i) => Math.round(NORMAL[datasource] * (1 + 0.02 * Math.sin(i / 7)))) }]],
    copyright: IODA_COPYRIGHT,
  };
}

const DAY = 86_400;
const today = () => Math.floor(Date.now() / 1000 / DAY) * DAY;
const PERIOD_DAYS = { '1w': 7, '1m': 30, '3m': 91, '6m': 182, '1y': 365, '2y': 730, '3y': 1095 };
// About 1,000 EH/s, the order of the network's hash rate in 2026; a gentle daily ripple.
const hashRateOn = (t) => 1.0e21 * (1 + 0.02 * Math.sin(t / DAY));

/** The answer the fake API gives for a public URL (a `URL`): its body, or null for none. */
export async function fakeAnswer(url) {
  const q = url.searchParams;
  // blockchain.com's fixture is its whole-history answer; a span of days is answered here.
  const span = url.hostname === 'api.blockchain.info' && /^\d+days$/.test(q.get('timespan') ?? '');
  const fixture = span ? null : await fixtureFor(url);
  if (fixture !== null) return fixture;
  if (url.hostname === 'api.ioda.inetintel.cc.gatech.edu') return JSON.stringify(iodaAnswer(url));
  if (url.hostname === 'mempool.space') {
    const days = PERIOD_DAYS[url.pathname.split('/').pop()];
    if (!days) return null;
    const hashrates = Array.from({ length: days }, (_, i) => today() - (days - i) * DAY)
      .map((timestamp) => ({ timestamp, avgHashrate: hashRateOn(timestamp) }));
    return JSON.stringify({ hashrates, difficulty: [], currentHashrate: 0, currentDifficulty: 0 });
  }
  if (url.hostname === 'api.blockchain.info') {
    const days = Number(q.get('timespan')?.match(/^(\d+)days$/)?.[1]);
    const start = Date.parse(`${q.get('start')}T00:00:00Z`) / 1000;
    if (!days || !Number.isFinite(start)) return null;
    const values = Array.from({ length: days }, (_, i) => start + i * DAY)
      .filter((t) => t < today())
      .map((x) => ({ x, y: hashRateOn(x) / 1e12 }));
    return JSON.stringify({ status: 'ok', name: 'Hash Rate', unit: 'Hash Rate TH/s', period: 'day', description: 'synthetic', values });
  }
  return null;
}

/**
 * The fake API as an HTTP server on 127.0.0.1: GET /<host>/<path>?<query> answers as
 * `https://<host>/<path>?<query>` would. Resolves to { server, origin, asked } (`asked`: every
 * URL requested).
 */
export function startFakeApi() {
  const asked = [];
  const server = http.createServer(async (req, res) => {
    const local = new URL(req.url, 'http://127.0.0.1');
    const [, host, ...rest] = local.pathname.split('/');
    const url = new URL(`https://${host}/${rest.join('/')}${local.search}`);
    asked.push(url.href);
    const body = await fakeAnswer(url);
    res.writeHead(body === null ? 404 : 200, { 'content-type': 'application/json' });
    res.end(body ?? 'no answer for this URL');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, origin: `http://127.0.0.1:${server.address().port}`, asked });
    });
  });
}
