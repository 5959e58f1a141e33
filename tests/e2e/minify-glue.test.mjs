// The build's import renaming (tools/minify-glue.mjs): a wasm module and its glue keep working
// with short import names, and a glue that does not match its wasm fails the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isGlueName, renameGlueKeys, renameImports, shortName } from '../../tools/minify-glue.mjs';

const name = (text) => {
  const bytes = new TextEncoder().encode(text);
  return [bytes.length, ...bytes];
};
const section = (id, body) => [id, body.length, ...body];

// A module importing a function from the glue's module, one from another module and a memory,
// and exporting `run`, which calls the glue's function.
const GLUE_MODULE = './x_bg.js';
const LONG = '__wbg_log_0123456789abcdef';
const wasm = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 0, 0]),
  ...section(2, [
    3,
    ...name(GLUE_MODULE), ...name(LONG), 0, 0,
    ...name('env'), ...name('keep'), 0, 0,
    ...name('other'), ...name('mem'), 2, 1, 1, 2,
  ]),
  ...section(3, [1, 0]),
  ...section(7, [1, ...name('run'), 0, 2]),
  ...section(10, [1, 4, 0, 0x10, 0, 0x0b]),
]);

test('imports of the glue module get short names, the others keep theirs, and the module runs', async () => {
  const { wasm: renamed, renames } = renameImports(wasm, GLUE_MODULE);
  assert.deepEqual([...renames], [[LONG, 'a']]);
  const module = new WebAssembly.Module(renamed);
  assert.deepEqual(
    WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`),
    [`${GLUE_MODULE}.a`, 'env.keep', 'other.mem'],
  );
  let calls = 0;
  const glue = `const imports = { __proto__: null, ${LONG}: function() { calls++; } };`;
  const keys = renameGlueKeys(glue, renames);
  assert.equal(keys, 'const imports = { __proto__: null, a: function() { calls++; } };');
  const instance = new WebAssembly.Instance(module, {
    [GLUE_MODULE]: { a: () => calls++ },
    env: { keep: () => {} },
    other: { mem: new WebAssembly.Memory({ initial: 1, maximum: 2 }) },
  });
  instance.exports.run();
  assert.equal(calls, 1);
});

test('a glue without the key its wasm imports fails the build', () => {
  const { renames } = renameImports(wasm, GLUE_MODULE);
  assert.throws(() => renameGlueKeys('const imports = { other: 1 };', renames), /appears 0 times/);
});

test('short names are distinct identifiers', () => {
  const names = Array.from({ length: 3000 }, (_, i) => shortName(i));
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.every((n) => /^[A-Za-z]+$/.test(n)));
  assert.deepEqual([shortName(0), shortName(51), shortName(52)], ['a', 'Z', 'aa']);
});

test('the glue is found whatever the length of its hash, and a build without one fails', async () => {
  assert.ok(isGlueName('minewatch-34bbb9683bd600f7.js'));
  assert.ok(isGlueName('minewatch-762deeab7b75d6.js'), 'a hash with its leading zeros left out');
  assert.ok(isGlueName('minewatch-bench-0a1b2c3d4e5f6071.js'));
  assert.ok(!isGlueName('embed.js'));
  const dir = await mkdtemp(join(tmpdir(), 'glue-'));
  try {
    await assert.rejects(
      promisify(execFile)('node', ['tools/minify-glue.mjs'], { env: { ...process.env, TRUNK_PROFILE: 'release', TRUNK_STAGING_DIR: dir } }),
      /no wasm-bindgen glue/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
