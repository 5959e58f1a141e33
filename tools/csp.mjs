// Trunk post-build hook: declares a strict Content-Security-Policy in the built index.html as a
// <meta> tag (static hosts such as GitHub Pages cannot set headers). The page's inline scripts
// (Trunk's loader and the skeleton's settings) are allowed by their SHA-256 hashes, computed
// here from the built file; connect-src names
// exactly the API hosts the build talks to (the MINEWATCH_*_API overrides, else the defaults).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// `trunk serve` (a debug build) adds its live-reload script after this hook has run, so only
// release builds get the policy.
if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') {
  console.log('csp: debug build, no policy (live reload needs an inline script)');
  process.exit(0);
}

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const file = join(dir, 'index.html');
let html = await readFile(file, 'utf8');

const apis = {
  MINEWATCH_MEMPOOL_API: 'https://mempool.space/api',
  MINEWATCH_BLOCKCHAIN_API: 'https://api.blockchain.info',
  MINEWATCH_IODA_API: 'https://api.ioda.inetintel.cc.gatech.edu/v2',
  MINEWATCH_CBECI_API: 'https://ccaf.io',
};
const hosts = [...new Set(Object.entries(apis).map(([name, fallback]) => new URL(process.env[name] || fallback).origin))];

const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const sha256 = (code) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
const hashes = inline.map(sha256);
// The stylesheet is inlined (no round trip before the first paint): allowed by its hash too.
const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));

const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  `connect-src 'self' ${hosts.join(' ')}`,
  `style-src 'self' ${styles.join(' ')}`.trim(),
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
html = html.replace(/(<meta charset="?utf-8"?\s*\/?>)/i, `$1\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
if (!html.includes('Content-Security-Policy')) throw new Error(`no <meta charset> in ${file} to put the CSP after`);
await writeFile(file, html);
console.log(`csp: ${hashes.length} inline script(s) and ${styles.length} style(s) hashed; connect-src ${hosts.join(' ')}`);
