// The layers of src/ and the one direction imports may take (README, "Architecture"): a file
// may use its own layer and those listed before it, never one after. Within a layer, files may
// use each other, but no chain of imports may come back to where it started. Test modules
// (from `#[cfg(test)]` on, or a `tests.rs` of their own) may reach anything. `node tools/layers.mjs` prints each import
// against the order, and each circle, and exits 1 if there is any.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The layers, lowest first. */
export const LAYERS = [
  'model', // data types, units, time, JSON, settings, source identity
  'geo', // shapes, projection, hit-testing
  'sources', // one module per public API: URL, parser, units
  'analysis', // statistics, baselines, impacts, detection
  'fetching', // policy: fallbacks, retries, cache rules, status sentences
  'state', // the reducer
  'view', // view models derived from the state
  'text', // every sentence a reader sees
  'render', // plotters drawing, on any backend
  'services', // the browser: fetch, storage, page
  'components', // Yew components
  'app', // the widget
  'snapshot', // the native snapshot tool
  'bin', // executables
];
const ROOTS = { 'main.rs': 'bin', 'lib.rs': 'lib' };

function* rustFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* rustFiles(path);
    else if (entry.name.endsWith('.rs')) yield path;
  }
}

/** `src/render/timeline.rs` → ['render', 'timeline']; `src/render/mod.rs` → ['render']. */
function modulePath(file, src) {
  const parts = relative(src, file).replace(/\.rs$/, '').split('/');
  if (parts.at(-1) === 'mod') parts.pop();
  return parts;
}

/** The layer of a module path (`lib` for the crate root, which may declare every layer). */
function layerOf(path) {
  if (path.length === 1 && ROOTS[`${path[0]}.rs`]) return ROOTS[`${path[0]}.rs`];
  return path[0];
}

/** The file a `crate::a::b::c` path names: its longest prefix that is a module of src/. */
function resolve(segments, src) {
  for (let n = segments.length; n > 0; n -= 1) {
    const base = join(src, ...segments.slice(0, n));
    if (existsSync(`${base}.rs`) || existsSync(join(base, 'mod.rs'))) return segments.slice(0, n);
  }
  return null;
}

/** Every module path a file's code (tests and comments left out) refers to. */
function references(text, self, src) {
  // A module of tests in a file of its own (`mod tests;`) is test code throughout.
  if (self.at(-1) === 'tests') return new Set();
  const code = text.split(/^\s*#\[cfg\(test\)\]/m)[0]
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n');
  const out = new Set();
  // Paths from the crate root, and relative ones (`super::x`) turned into them.
  for (const m of code.matchAll(/\b(crate|super)((?:::\w+)+)/g)) {
    let base = m[1] === 'crate' ? [] : self.slice(0, -1);
    let rest = m[2].split('::').filter(Boolean);
    while (rest[0] === 'super') {
      base = base.slice(0, -1);
      rest = rest.slice(1);
    }
    const target = resolve([...base, ...rest], src);
    if (target && target.join('::') !== self.join('::')) out.add(target.join('::'));
  }
  // `use` groups from the crate root: `use crate::{a::b, c};`.
  for (const m of code.matchAll(/use crate::\{([^}]*)\}/g)) {
    for (const item of m[1].split(',')) {
      const target = resolve(item.trim().split('::').filter(Boolean), src);
      if (target) out.add(target.join('::'));
    }
  }
  return out;
}

/** Imports against the order, and circles of imports. */
export function check(src = 'src') {
  const graph = new Map();
  for (const file of rustFiles(src)) {
    const self = modulePath(file, src);
    graph.set(self.join('::'), [...references(readFileSync(file, 'utf8'), self, src)]);
  }
  const rank = (module) => {
    const layer = layerOf(module.split('::'));
    return layer === 'lib' ? LAYERS.length : LAYERS.indexOf(layer);
  };
  const against = [];
  for (const [from, targets] of graph) {
    if (rank(from) < 0) against.push(`${from}: not in any layer (tools/layers.mjs)`);
    for (const to of targets) {
      if (rank(to) > rank(from)) {
        against.push(`${from} (${layerOf(from.split('::'))}) uses ${to} (${layerOf(to.split('::'))}), a layer above it`);
      }
    }
  }
  // Circles: a depth-first walk that meets a module still on its path.
  const circles = [];
  const state = new Map();
  const walk = (node, path) => {
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') circles.push([...path.slice(path.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) walk(next, [...path, next]);
    }
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) walk(node, [node]);
  return { modules: graph.size, against, circles };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { modules, against, circles } = check(process.argv[2] ?? 'src');
  for (const line of against) console.log(`against the layers: ${line}`);
  for (const line of circles) console.log(`import circle: ${line}`);
  console.log(`layers: ${modules} modules in ${LAYERS.length} layers (${LAYERS.join(' → ')}); `
    + `${against.length} imports against the order, ${circles.length} circles`);
  process.exit(against.length + circles.length > 0 ? 1 : 0);
}
