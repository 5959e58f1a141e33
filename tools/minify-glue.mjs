// Trunk post-build hook: shrinks wasm-bindgen's JavaScript glue and the WebAssembly it loads,
// for a smaller first load.
// 1. The glue's imports (`__wbg_append_24889ba5c72546c0` and 200 more, each written twice:
//    in the wasm's import section and as a key of the glue's import object) get short names,
//    the same in both files. Their hex suffixes alone cost about 5 KB gzip.
// 2. The glue is minified with terser (Trunk's own minifier cannot parse it and leaves it whole).
// Both files are loaded without a subresource-integrity hash (`data-integrity="none"` in
// index.html: they are served from the page's own origin), so rewriting them after Trunk is safe.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minify } from 'terser';

/** Reads an unsigned LEB128 at `at`: `[value, next offset]`. */
function readUleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('wasm: LEB128 runs past the end');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function uleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** The offset just past an import's description (function, table, memory, global or tag). */
function skipImportDescription(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = readUleb(bytes, p);
    if (flags & 1) [, p] = readUleb(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: // function: type index
      return readUleb(bytes, at)[1];
    case 1: // table: reference type, limits
      return limits(at + 1);
    case 2: // memory: limits
      return limits(at);
    case 3: // global: value type, mutability
      return at + 2;
    case 4: // tag: attribute, type index
      return readUleb(bytes, at + 1)[1];
    default:
      throw new Error(`wasm: unknown import kind ${kind}`);
  }
}

/** A short, distinct JavaScript identifier for the n-th import: a, b, …, Z, aa, ab, … */
export function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

/**
 * Renames the imports of `module` in a wasm binary: `{ wasm, renames }`, where renames maps
 * each old field name to its new one.
 */
export function renameImports(wasm, module) {
  const bytes = new Uint8Array(wasm);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const renames = new Map();
  let at = 8; // magic and version
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readUleb(bytes, at + 1);
    const end = body + size;
    if (id !== 2) {
      at = end;
      continue;
    }
    const out = [];
    let [count, p] = readUleb(bytes, body);
    out.push(...uleb(count));
    while (count-- > 0) {
      const name = () => {
        const [length, start] = readUleb(bytes, p);
        p = start + length;
        return decoder.decode(bytes.subarray(start, p));
      };
      const importModule = name();
      let field = name();
      if (importModule === module) {
        if (!renames.has(field)) renames.set(field, shortName(renames.size));
        field = renames.get(field);
      }
      for (const text of [importModule, field]) {
        const encoded = encoder.encode(text);
        out.push(...uleb(encoded.length), ...encoded);
      }
      const descriptionStart = p;
      p = skipImportDescription(bytes, p);
      out.push(...bytes.subarray(descriptionStart, p));
    }
    if (p !== end) throw new Error('wasm: import section not read to its end');
    const section = Uint8Array.from([2, ...uleb(out.length), ...out]);
    const rewritten = new Uint8Array(at + section.length + bytes.length - end);
    rewritten.set(bytes.subarray(0, at), 0);
    rewritten.set(section, at);
    rewritten.set(bytes.subarray(end), at + section.length);
    return { wasm: rewritten, renames };
  }
  return { wasm: bytes, renames };
}

/** Renames the glue's import-object keys as `renames` says; every one must be found. */
export function renameGlueKeys(glue, renames) {
  let out = glue;
  for (const [from, to] of renames) {
    const key = new RegExp(`(?<![\\w$])${from}(?=\\s*:)`, 'g');
    const found = out.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`glue: import ${from} appears ${found} times as a key, not once`);
    out = out.replace(key, to);
  }
  return out;
}

async function main() {
  if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') {
    console.log('minify-glue: debug build, glue left as it is');
    return;
  }
  const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
  const glue = (await readdir(dir)).filter(isGlueName);
  // A release build always has a glue: finding none means the name changed, and the budget
  // would silently lose what this saves.
  if (glue.length === 0) throw new Error(`minify-glue: no wasm-bindgen glue in ${dir}`);
  for (const name of glue) await minifyGlueFile(join(dir, name));
}

/** Minifies one glue (`<name>.js`) and shortens the import names of its `<name>_bg.wasm`. */
export async function minifyGlueFile(file) {
  const wasmFile = file.replace(/\.js$/, '_bg.wasm');
  let source = await readFile(file, 'utf8');
  const before = source.length;
  // The glue names its import module after the wasm-bindgen output, `./<crate>_bg.js`.
  const module = source.match(/"(\.\/[\w-]+_bg\.js)"\s*:/)?.[1];
  if (!module) throw new Error(`glue: no import module in ${file}`);
  const wasm = await readFile(wasmFile);
  const renamed = renameImports(wasm, module);
  source = renameGlueKeys(source, renamed.renames);
  await writeFile(wasmFile, renamed.wasm);
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  if (!code) throw new Error(`terser produced nothing for ${file}`);
  await writeFile(file, code);
  console.log(
    `minify-glue: ${file} ${before} → ${code.length} bytes; ${renamed.renames.size} imports renamed, ` +
      `wasm ${wasm.length} → ${renamed.wasm.length} bytes`,
  );
}

/**
 * Whether a file of the build is wasm-bindgen's glue: Trunk's outputs carry a content hash
 * (`minewatch-<hash>.js`; `minewatch-bench-<hash>.js` for the benchmark page), written without
 * leading zeros (16 hex digits, sometimes fewer); copied files such as embed.js carry none.
 */
export function isGlueName(name) {
  return /-[0-9a-f]{10,16}\.js$/.test(name);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
