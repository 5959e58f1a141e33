// Trunk post-build hook: minifies wasm-bindgen's JavaScript glue (Trunk's own minifier cannot
// parse it and leaves it whole) with terser, for a smaller first load. The glue is loaded
// without a subresource-integrity hash (`data-integrity="none"` in index.html: the file is
// served from the page's own origin), so rewriting it after Trunk is safe.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') {
  console.log('minify-glue: debug build, glue left as it is');
  process.exit(0);
}

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
// Trunk's outputs carry a content hash (`minewatch-<hash>.js`; `minewatch-bench-<hash>.js` for
// the benchmark page); copied files such as embed.js do not.
const glue = (await readdir(dir)).filter((name) => /-[0-9a-f]{16}\.js$/.test(name));
if (glue.length === 0) console.log(`minify-glue: no wasm-bindgen glue in ${dir}`);
for (const name of glue) {
  const file = join(dir, name);
  const source = await readFile(file, 'utf8');
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  if (!code) throw new Error(`terser produced nothing for ${file}`);
  await writeFile(file, code);
  console.log(`minify-glue: ${name} ${source.length} → ${code.length} bytes`);
}
