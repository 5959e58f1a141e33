// The three engines a reader may use, driven through W3C WebDriver (npm selenium-webdriver):
// Chromium (Debian's chromium + chromedriver), Firefox ESR (geckodriver) and WebKitGTK
// (WebKitGTK's WebKitWebDriver + MiniBrowser, which needs a display: run under `xvfb-run -a`).
// playwright-core drives only its own patched Firefox and WebKit builds, which cannot be
// downloaded here; WebDriver drives the stock ones. Every engine sends its requests for the
// public APIs to the fixture proxy (tests/engines/fixture-proxy.mjs) and accepts its
// throw-away certificate; each starts its own driver on a free port and stops it afterwards.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Builder } from 'selenium-webdriver';
import { CHROMIUM_ARGS } from '../e2e/browser.mjs';

/** The engines `make test` runs, or those named in MINEWATCH_ENGINES (comma-separated). */
export const ENGINES = (process.env.MINEWATCH_ENGINES ?? 'chromium,firefox,webkit').split(',').filter(Boolean);

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

/** The first of `candidates` that exists, else the last (a name looked up on PATH). */
const firstExisting = (...candidates) => candidates.find((c) => c && existsSync(c)) ?? candidates.at(-1);

/** How each engine's driver starts and what it is asked for. */
function engineSetup(engine, proxy) {
  const proxyUrl = `http://${proxy}`;
  const manualProxy = { proxyType: 'manual', httpProxy: proxy, sslProxy: proxy };
  switch (engine) {
    case 'chromium':
      return {
        command: firstExisting(process.env.CHROMEDRIVER, '/usr/bin/chromedriver', 'chromedriver'),
        args: (port) => [`--port=${port}`],
        env: {},
        capabilities: {
          browserName: 'chrome',
          acceptInsecureCerts: true,
          proxy: manualProxy,
          'goog:chromeOptions': { binary: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
        },
      };
    case 'firefox':
      return {
        command: firstExisting(process.env.GECKODRIVER, join(homedir(), '.cargo/bin/geckodriver'), 'geckodriver'),
        args: (port) => ['--port', String(port), '--log', 'error'],
        env: {},
        capabilities: {
          browserName: 'firefox',
          acceptInsecureCerts: true,
          proxy: manualProxy,
          'moz:firefoxOptions': {
            binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
            args: ['-headless'],
            // No background traffic of Firefox's own (updates, settings, telemetry, captive portal).
            prefs: {
              'app.update.enabled': false,
              'browser.safebrowsing.downloads.remote.enabled': false,
              'network.captive-portal-service.enabled': false,
              'network.connectivity-service.enabled': false,
              'services.settings.server': 'http://127.0.0.1:9/',
              'toolkit.telemetry.enabled': false,
              'datareporting.policy.dataSubmissionEnabled': false,
            },
          },
        },
      };
    case 'webkit':
      if (!process.env.DISPLAY) throw new Error('WebKit (MiniBrowser) needs a display: run the suite under `xvfb-run -a`');
      return {
        command: firstExisting(process.env.WEBKIT_WEBDRIVER, '/usr/bin/WebKitWebDriver', 'WebKitWebDriver'),
        args: (port) => [`--port=${port}`],
        // WebKitGTK's driver ignores the proxy capability; its network process follows these.
        env: { http_proxy: proxyUrl, https_proxy: proxyUrl, no_proxy: '127.0.0.1,localhost' },
        capabilities: {
          browserName: 'MiniBrowser',
          acceptInsecureCerts: true,
          'webkitgtk:browserOptions': {
            binary: process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
            args: ['--automation'],
          },
        },
      };
    default:
      throw new Error(`unknown engine ${engine} (chromium, firefox or webkit)`);
  }
}

/** Waits until the driver on `port` answers its status endpoint. */
async function driverReady(port, driver) {
  for (let i = 0; i < 200; i += 1) {
    if (driver.exitCode !== null) throw new Error(`the ${driver.spawnfile} driver exited (${driver.exitCode})`);
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/status`);
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the ${driver.spawnfile} driver did not start`);
}

/** Starts `engine`'s driver and a browser session; resolves to `{ driver, quit }`. */
export async function startEngine(engine, proxy) {
  const setup = engineSetup(engine, proxy);
  const port = await freePort();
  const service = spawn(setup.command, setup.args(port), {
    env: { ...process.env, ...setup.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    service.once('spawn', resolve);
    service.once('error', (e) => reject(new Error(`cannot start ${setup.command}: ${e.message}`)));
  });
  try {
    await driverReady(port, service);
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities(setup.capabilities)
      .build();
    return {
      driver,
      quit: async () => {
        await driver.quit().catch(() => {});
        service.kill();
      },
    };
  } catch (e) {
    service.kill();
    throw e;
  }
}
