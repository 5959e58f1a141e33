// tools/layers.mjs, the check `make lint` runs: it passes on src/, and fails on a copy of src/
// with one import against the order, and on one with a circle inside a layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../tools/layers.mjs';

test('src/ keeps to its layers, with no circle', () => {
  const { modules, against, circles } = check('src');
  assert.ok(modules > 50, `${modules} modules`);
  assert.deepEqual(against, []);
  assert.deepEqual(circles, []);
});

test('an import against the order, or a circle, fails the check', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'layers-'));
  try {
    await cp('src', dir, { recursive: true });
    // The model (the lowest layer) reaching for the state.
    const units = join(dir, 'model', 'units.rs');
    await writeFile(units, `use crate::state::AppState;\n${await readFile(units, 'utf8')}`);
    // The legend and the timeline's drawing using each other.
    const series = join(dir, 'render', 'series.rs');
    await writeFile(series, `use super::legend::draw_legend;\n${await readFile(series, 'utf8')}`);
    const { against, circles } = check(dir);
    assert.deepEqual(against, ['model::units (model) uses state (state), a layer above it']);
    assert.ok(circles.some((c) => c.includes('render::series') && c.includes('render::legend')), circles.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
