// Builds the widget in every language other than English beside Trunk's English build, and
// makes the page load the one it speaks. Each language's catalogue is compiled in (build.rs,
// MINEWATCH_LANG), so an English reader downloads no other language and no lookup of messages.
//
// A Trunk post_build hook (release builds only; `trunk serve` stays English): for each of ru,
// kk, zh and fa it runs cargo, wasm-bindgen, wasm-opt (the flags of index.html's rust link) and
// the glue minifier, keeps the result under target/languages/<inputs' hash>/ (so the sub-path
// build reuses it), and copies it to lang/<code>/minewatch-<hash>{.js,_bg.wasm}. It then
// rewrites index.html's loader: the first script of the page sets window.minewatchBuild, and
// once the skeleton is painted the page preloads and starts that language's widget (English
// when it fails to load). Last,
// it runs tools/csp.mjs on the page it rewrote (Trunk runs a stage's hooks side by side).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minifyGlueFile } from './minify-glue.mjs';

const LANGUAGES = ['ru', 'kk', 'zh', 'fa'];
const WASM_OPT = ['-Oz', '--low-memory-unused', '--zero-filled-memory', '--converge'];

/** Every file under `dir`, sorted. */
async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out.sort();
}

/** A hash of what a language's widget is built from. */
async function inputsHash(root) {
  const hash = createHash('sha256');
  const inputs = ['Cargo.toml', 'Cargo.lock', 'build.rs'].map((f) => join(root, f));
  inputs.push(...(await files(join(root, 'src'))), ...(await files(join(root, 'static/lang'))));
  for (const file of inputs) hash.update(relative(root, file)).update(await readFile(file));
  return hash.digest('hex').slice(0, 16);
}

/** Builds `lang`'s widget into `out` (minewatch.js, minewatch_bg.wasm). */
async function build(root, lang, out) {
  const env = { ...process.env, MINEWATCH_LANG: lang };
  const run = (command, args) => execFileSync(command, args, { cwd: root, env, stdio: 'inherit' });
  run('cargo', ['build', '--release', '--locked', '--offline', '--target', 'wasm32-unknown-unknown', '--bin', 'minewatch']);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const wasm = join(root, 'target/wasm32-unknown-unknown/release/minewatch.wasm');
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'minewatch', wasm]);
  const bg = join(out, 'minewatch_bg.wasm');
  run('wasm-opt', [...WASM_OPT, bg, '-o', bg]);
  await minifyGlueFile(join(out, 'minewatch.js'));
}

/** Rewrites the loader Trunk wrote into `html`, for the builds in `builds` (code → path prefix). */
export function rewriteLoader(html, builds) {
  const loader = html.match(/<script type="?module"?>\s*import init, \* as bindings from '([^']+)';\s*const wasm = await init\(\{ module_or_path: '([^']+)' \}\);[\s\S]*?<\/script>/);
  if (!loader) throw new Error('languages: no Trunk loader in index.html');
  const [, js, wasm] = loader;
  const english = JSON.stringify([js, wasm]);
  const table = JSON.stringify(builds);
  const start = `<script type="module">const builds = ${table};
const chosen = builds[window.minewatchBuild];
await window.minewatchPainted;
const load = async ([js, wasm]) => {
  const bindings = await import(js);
  return [bindings, await bindings.default({ module_or_path: wasm })];
};
let bindings, wasm;
try {
  [bindings, wasm] = await load(chosen ? [chosen + '.js', chosen + '_bg.wasm'] : ${english});
} catch (error) {
  if (!chosen) throw error;
  console.warn('minewatch: the ' + window.minewatchBuild + ' widget did not load (' + error + '); English instead');
  [bindings, wasm] = await load(${english});
}
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));</script>`;
  // Trunk preloads the English widget; the page preloads the one it speaks instead, once the
  // skeleton (title and takeaway) is on screen, so that a slow network carries the story
  // first. A page that paints nothing yet (a hidden tab, an iframe out of view) or a browser
  // that does not report paints starts it after 300 ms.
  const preload = `<script>window.minewatchPainted = new Promise(function (painted) {
  var later = function () { setTimeout(painted); };
  try {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName('first-contentful-paint').length) later();
    }).observe({ type: 'paint', buffered: true });
  } catch (error) {
    requestAnimationFrame(later);
  }
  setTimeout(painted, 300);
});
window.minewatchPainted.then(function () {
  var builds = ${table}, english = ${english};
  var chosen = builds[window.minewatchBuild];
  [['modulepreload', chosen ? chosen + '.js' : english[0]], ['preload', chosen ? chosen + '_bg.wasm' : english[1]]].forEach(function (p) {
    var link = document.createElement('link');
    link.rel = p[0];
    link.href = p[1];
    link.crossOrigin = 'anonymous';
    if (p[0] === 'preload') { link.as = 'fetch'; link.type = 'application/wasm'; }
    document.head.appendChild(link);
  });
});</script>`;
  const links = [
    new RegExp(`<link[^>]*href="?${js.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"?[^>]*>`),
    new RegExp(`<link[^>]*href="?${wasm.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"?[^>]*>`),
  ];
  let out = html.replace(loader[0], start);
  for (const link of links) {
    if (!link.test(out)) throw new Error(`languages: no preload link ${link} in index.html`);
    out = out.replace(link, '');
  }
  return out.replace(start, `${preload}${start}`);
}

async function main() {
  if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') {
    console.log('languages: debug build, English only (`make build` builds every language), no CSP');
    return;
  }
  const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
  const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
  const key = await inputsHash(root);
  const file = join(dir, 'index.html');
  const html = await readFile(file, 'utf8');
  const english = html.match(/import init, \* as bindings from '([^']*?)minewatch-[0-9a-f]+\.js'/);
  if (!english) {
    // Another page built with this Trunk.toml (the benchmark's): no languages, but its CSP.
    console.log('languages: not the widget\'s page, skipped');
    execFileSync('node', [join(root, 'tools/csp.mjs'), dir], { stdio: 'inherit' });
    return;
  }
  const base = english[1];
  const builds = {};
  for (const lang of LANGUAGES) {
    const cached = join(root, 'target/languages', key, lang);
    if (!existsSync(join(cached, 'minewatch_bg.wasm'))) await build(root, lang, cached);
    const wasm = await readFile(join(cached, 'minewatch_bg.wasm'));
    const name = `minewatch-${createHash('sha256').update(wasm).digest('hex').slice(0, 16)}`;
    const out = join(dir, 'lang', lang);
    await mkdir(out, { recursive: true });
    await copyFile(join(cached, 'minewatch.js'), join(out, `${name}.js`));
    await copyFile(join(cached, 'minewatch_bg.wasm'), join(out, `${name}_bg.wasm`));
    builds[lang] = `${base}lang/${lang}/${name}`;
    console.log(`languages: ${lang} → lang/${lang}/${name} (${wasm.length} bytes)`);
  }
  await writeFile(file, rewriteLoader(html, builds));
  execFileSync('node', [join(root, 'tools/csp.mjs'), dir], { stdio: 'inherit' });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
