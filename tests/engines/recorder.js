// Loaded first in every page the WebDriver suite opens (tests/e2e/serve-dist.mjs `headScript`),
// since WebDriver has no portable console or download events: it records console errors and
// warnings, uncaught errors, Content-Security-Policy violations, the files the widget offers
// for download (their names and bytes) and the messages a page receives (an article hearing
// its widgets' heights) in `window.__minewatchRecord`.
(() => {
  const record = { errors: [], warnings: [], csp: [], downloads: [], messages: [] };
  window.__minewatchRecord = record;
  for (const [level, list] of [['error', record.errors], ['warn', record.warnings]]) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      list.push(args.map(String).join(' '));
      original(...args);
    };
  }
  addEventListener('error', (e) => record.errors.push(`uncaught: ${e.message}`));
  addEventListener('unhandledrejection', (e) => record.errors.push(`unhandled rejection: ${e.reason}`));
  addEventListener('message', (e) => record.messages.push(JSON.stringify(e.data)));
  document.addEventListener('securitypolicyviolation', (e) =>
    record.csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
  const blobs = new Map();
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object) => {
    const url = createObjectURL(object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  // A download link's file is kept for the test instead of being saved (a headless
  // MiniBrowser has nowhere to put it); other clicks go on as usual.
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const blob = this.download && blobs.get(this.href);
    if (!blob) return click.call(this);
    const entry = { name: this.download, type: blob.type, base64: null };
    record.downloads.push(entry);
    blob.arrayBuffer().then((buffer) => {
      let binary = '';
      for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
      entry.base64 = btoa(binary);
    });
  };
})();
