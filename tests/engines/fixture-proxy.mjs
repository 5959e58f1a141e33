// The public APIs, answered from tests/fixtures/ for browsers driven through WebDriver, which
// cannot intercept requests as playwright does: the browser is told to use this HTTP proxy
// (the WebDriver `proxy` capability) and to accept its certificate (`acceptInsecureCerts`).
// HTTPS requests arrive as CONNECT tunnels, are decrypted with a throw-away self-signed
// certificate for the API hosts (made with openssl for this run) and answered with the same
// fixture as in the Chromium suite; an unknown URL is refused and recorded.
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_HOSTS, fixtureFor } from '../e2e/browser.mjs';

/** A self-signed certificate for the API hosts: `{ key, cert }` (PEM). */
function throwAwayCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'minewatch-proxy-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', '/CN=minewatch test fixtures',
    '-addext', `subjectAltName=${API_HOSTS.map((h) => `DNS:${h}`).join(',')}`,
    '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/**
 * Starts the proxy on 127.0.0.1; resolves to `{ address, seen, refused, close }`: `address` is
 * `host:port` for the proxy capability, `seen` every API URL asked for, `refused` those
 * without a fixture (closed without an answer, as a network failure would be). Requests to
 * other hosts (the browser's own) are refused unrecorded.
 */
export async function startFixtureProxy() {
  const seen = [];
  const refused = [];
  const answer = async (request, response) => {
    const url = new URL(request.url, `https://${request.headers.host}`);
    seen.push(url.href);
    const body = API_HOSTS.includes(url.hostname) ? await fixtureFor(url) : null;
    if (body === null) {
      refused.push(url.href);
      request.socket.destroy();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end(body);
  };
  const tls = createHttpsServer(throwAwayCertificate(), answer);
  // Plain HTTP through the proxy is only ever the browser's own traffic (every engine reaches
  // 127.0.0.1 directly, and the widget's APIs are HTTPS): refused.
  const proxy = createServer((_, response) => response.writeHead(502).end());
  proxy.on('connect', (request, socket) => {
    const [host] = request.url.split(':');
    if (!API_HOSTS.includes(host)) {
      // The browser's own traffic (updates, sign-in, time): never the widget's, whose CSP
      // allows only the API hosts.
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tls.emit('connection', socket);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address();
  return {
    address: `127.0.0.1:${port}`,
    seen,
    refused,
    close: () => {
      proxy.close();
      tls.close();
    },
  };
}
