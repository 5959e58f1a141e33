// A static file server for dist/ on 127.0.0.1 (an ephemeral port unless one is given), with the
// content types a static host sends. Used by the end-to-end tests (plain, `no-store`); with
// `{ cdn: true }` it answers like a CDN instead: gzip (level 9) when the client accepts it, and
// long-lived caching for Trunk's hashed file names, as `make audit` measures.
// `node serve-dist.mjs DIR PORT [--cdn]` also runs it by hand.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg']);
// Trunk names its outputs `name-<16 hex digits>.ext`: such a file never changes under its name.
// Trunk writes the hash without leading zeros: 16 hex digits, sometimes fewer.
const HASHED = /-[0-9a-f]{10,16}(_bg)?\.[a-z]+$/;

const acceptsGzip = (header = '') =>
  header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && !(q && Number(q.slice(2)) === 0);
  });

/**
 * Starts serving `root`; resolves to `{ server, origin }`. `cdn: true` adds gzip and caching.
 * `headScript: { path, body }` serves a script at `path` and loads it first in every HTML page
 * (the WebDriver suite's recorder of errors, CSP violations and downloads); `pages` maps more
 * paths to HTML served as they are (test pages beside dist/).
 */
export async function serveDirectory(root, port = 0, { cdn = false, headScript = null, pages = {} } = {}) {
  const base = resolve(root);
  const gzipped = new Map(); // file → { mtimeMs, body }: compress each version once
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    if (headScript && path === headScript.path) {
      response.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' }).end(headScript.body);
      return;
    }
    if (Object.hasOwn(pages, path)) {
      response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(pages[path]);
      return;
    }
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      let body = await readFile(file);
      if (headScript && extname(file) === '.html') {
        const tag = `<script src="${headScript.path}"></script>`;
        body = Buffer.from(body.toString('utf8').replace(/<html[^>]*>/, (html) => html + tag));
      }
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      };
      if (cdn) {
        headers['cache-control'] = HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
        if (COMPRESSIBLE.has(extname(file))) {
          headers.vary = 'accept-encoding';
          if (acceptsGzip(request.headers['accept-encoding'])) {
            let cached = gzipped.get(file);
            if (cached?.mtimeMs !== info.mtimeMs) {
              cached = { mtimeMs: info.mtimeMs, body: gzipSync(body, { level: 9 }) };
              gzipped.set(file, cached);
            }
            body = cached.body;
            headers['content-encoding'] = 'gzip';
          }
        }
      }
      response.writeHead(200, { ...headers, 'content-length': body.length });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cdn = process.argv.includes('--cdn');
  const { origin } = await serveDirectory(dir, Number(port), { cdn });
  console.log(`serving ${dir} at ${origin}/${cdn ? ' (like a CDN: gzip, cache-control)' : ''}`);
}
