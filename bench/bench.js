// The benchmark's measurements, run in the page by bench/run.mjs. minewatch's timeline and
// uPlot get the same 166,650 points (a year of 5-minute connectivity values and a hash-rate
// series), at the same size, in the same browser session. Each figure is the median of
// several runs; every drawing is flushed (getImageData) before the clock stops.
'use strict';

const WIDTH = 1000;
const HEIGHT = 440;
const YEAR = 365 * 86400;
const START = Date.UTC(2025, 0, 1) / 1000;
const SIGNAL_STEP = 300;
const SIGNAL_POINTS = YEAR / SIGNAL_STEP; // 105,120
const HASH_POINTS = 61530;

/** A deterministic generator (mulberry32), so every run draws the same series. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The series: connectivity with a daily cycle, noise, three outages and some unknown steps;
 * hash rate rising through the year with Poisson-like noise. */
function series() {
  const next = random(20220105);
  const signalTimes = new Float64Array(SIGNAL_POINTS);
  const signal = new Float64Array(SIGNAL_POINTS);
  const outages = [[40, 2], [180, 5], [300, 0.5]].map(([day, days]) => [START + day * 86400, START + (day + days) * 86400]);
  for (let i = 0; i < SIGNAL_POINTS; i += 1) {
    const t = START + i * SIGNAL_STEP;
    signalTimes[i] = t;
    const hour = (t % 86400) / 3600;
    const down = outages.some(([a, b]) => t >= a && t < b);
    signal[i] = next() < 0.01 ? NaN : (down ? 5 : 100) * (1 + 0.15 * Math.sin((2 * Math.PI * hour) / 24)) * (0.97 + 0.06 * next());
  }
  const hashTimes = new Float64Array(HASH_POINTS);
  const hash = new Float64Array(HASH_POINTS);
  for (let i = 0; i < HASH_POINTS; i += 1) {
    hashTimes[i] = Math.round(START + (i * YEAR) / HASH_POINTS);
    hash[i] = (700 + (200 * i) / HASH_POINTS) * 1e18 * (0.85 + 0.3 * next());
  }
  return { signalTimes, signal, hashTimes, hash };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const microtask = () => new Promise((resolve) => queueMicrotask(resolve));

function flush(canvases) {
  for (const canvas of canvases) canvas.getContext('2d').getImageData(0, 0, 1, 1);
}

function freshBox(height) {
  const stage = document.getElementById('stage');
  stage.replaceChildren();
  const box = document.createElement('div');
  box.style.cssText = `position:relative;width:${WIDTH}px;height:${height}px`;
  stage.append(box);
  return box;
}

/** minewatch: a chart box like the widget's, its canvas, crosshair and tooltip. */
function minewatchBox() {
  const box = freshBox(HEIGHT);
  box.className = 'timeline-chart';
  const canvas = document.createElement('canvas');
  const crosshair = document.createElement('div');
  crosshair.className = 'timeline-crosshair';
  const tooltip = document.createElement('div');
  tooltip.className = 'timeline-tooltip';
  tooltip.setAttribute('role', 'tooltip');
  box.append(canvas, crosshair, tooltip);
  return { canvas, crosshair, tooltip };
}

/** uPlot: the same two plots (hash rate above, connectivity below) at the same total size. */
function uplotCharts(data) {
  const box = freshBox(HEIGHT);
  const common = { width: WIDTH, legend: { show: true }, cursor: { sync: { key: 'bench' } } };
  const top = new uPlot({
    ...common,
    height: Math.round(HEIGHT * 0.6),
    series: [{}, { label: 'hash rate', stroke: '#0072B2', value: (u, v) => (v == null ? '–' : `${(v / 1e18).toFixed(1)} EH/s`) }],
    axes: [{}, { values: (u, vals) => vals.map((v) => (v / 1e18).toFixed(0)) }],
  }, [data.hashTimes, data.hash], box);
  const bottom = new uPlot({
    ...common,
    height: HEIGHT - Math.round(HEIGHT * 0.6),
    series: [{}, { label: 'ping-slash24', stroke: '#CC79A7', spanGaps: false, value: (u, v) => (v == null ? 'unknown' : `${v.toFixed(0)}% of usual`) }],
  }, [data.signalTimes, Array.from(data.signal, (v) => (Number.isFinite(v) ? v : null))], box);
  return { charts: [top, bottom], canvases: [top.ctx.canvas, bottom.ctx.canvas] };
}

async function time(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

window.runBench = async ({ runs = 9, hovers = 300, zooms = 8 } = {}) => {
  const mw = window.wasmBindings;
  const data = series();
  const loaded = mw.load(data.hashTimes, data.hash, START, SIGNAL_STEP, data.signal);
  const cold = { minewatch: [], uplot: [] };
  const hover = { minewatch: [], uplot: [] };
  const zoom = { minewatch: [], uplot: [] };
  for (let run = 0; run < runs; run += 1) {
    // Alternate which goes first, so neither always meets a warmer or colder browser.
    const order = run % 2 ? ['uplot', 'minewatch'] : ['minewatch', 'uplot'];
    for (const who of order) {
      if (who === 'minewatch') {
        const { canvas, crosshair, tooltip } = minewatchBox();
        cold.minewatch.push(await time(async () => {
          mw.render(canvas);
          await microtask();
          flush([canvas]);
        }));
        // The clock ticks in 0.1 ms steps here: time a sweep of hovers and divide.
        const rect = canvas.getBoundingClientRect();
        hover.minewatch.push(await time(() => {
          for (let i = 0; i < hovers; i += 1) mw.hover(70 + ((rect.width - 90) * i) / hovers, crosshair, tooltip);
        }) / hovers);
        for (let i = 0; i < zooms; i += 1) {
          zoom.minewatch.push(await time(async () => {
            mw.zoom(canvas, 1.5);
            await microtask();
            flush([canvas]);
          }));
        }
      } else {
        let made;
        cold.uplot.push(await time(async () => {
          made = uplotCharts(data);
          await microtask();
          flush(made.canvases);
        }));
        const [top] = made.charts;
        hover.uplot.push(await time(() => {
          for (let i = 0; i < hovers; i += 1) top.setCursor({ left: (top.bbox.width / devicePixelRatio) * (i / hovers), top: 20 });
        }) / hovers);
        let [min, max] = [START, START + YEAR];
        for (let i = 0; i < zooms; i += 1) {
          const mid = (min + max) / 2;
          const half = (max - min) / 2 / 1.5;
          [min, max] = [mid - half, mid + half];
          zoom.uplot.push(await time(async () => {
            for (const chart of made.charts) chart.setScale('x', { min, max });
            await microtask();
            flush(made.canvases);
          }));
        }
        for (const chart of made.charts) chart.destroy();
      }
    }
  }
  // The map: decoding and indexing the shapes, the base layer, and an overlay redraw.
  const shapes = await (await fetch('countries.json')).text();
  const mapTimes = { load: [], base: [], overlay: [] };
  let countries = 0;
  for (let run = 0; run < runs; run += 1) {
    mapTimes.load.push(await time(() => { countries = mw.map_load(shapes); }));
    const box = freshBox(Math.round(WIDTH / 2.2));
    const base = document.createElement('canvas');
    const overlay = document.createElement('canvas');
    for (const c of [base, overlay]) {
      c.style.cssText = 'position:absolute;inset:0;width:100%;height:100%';
      box.append(c);
    }
    mapTimes.base.push(await time(async () => { mw.map_base(base); await microtask(); flush([base]); }));
    for (let i = 0; i < 10; i += 1) {
      mapTimes.overlay.push(await time(async () => { mw.map_overlay(overlay, i % 2 === 0); await microtask(); flush([overlay]); }));
    }
  }
  const summary = (xs) => ({ median: median(xs), runs: xs.length });
  return {
    points: loaded,
    hovers,
    size: { width: WIDTH, height: HEIGHT, devicePixelRatio },
    userAgent: navigator.userAgent,
    cold: { minewatch: summary(cold.minewatch), uplot: summary(cold.uplot) },
    hover: { minewatch: summary(hover.minewatch), uplot: summary(hover.uplot) },
    zoom: { minewatch: summary(zoom.minewatch), uplot: summary(zoom.uplot) },
    map: {
      countries,
      load: summary(mapTimes.load),
      base: summary(mapTimes.base),
      overlay: summary(mapTimes.overlay),
      size: { width: WIDTH, height: Math.round(WIDTH / 2.2) },
    },
  };
};
