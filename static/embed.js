/*
 * minewatch embed script. Put <div data-minewatch="https://your.host/minewatch/"></div> where the
 * widget should go, with its settings as data- attributes (data-region, data-from, data-until,
 * data-event, data-opening, data-view, data-theme, data-lang, data-mode, data-controls,
 * data-id), and load this script once, anywhere on the page. data-lang="auto" follows the page's
 * <html lang>. Each div gets an iframe whose
 * height follows the widget.
 *
 * - It frames only its own origin (that of this script's src; the page's own origin for an
 *   inline script or when document.currentScript is unavailable, e.g. bundled or eval'ed), plus
 *   the origins listed on the script tag: data-allow-origins="https://a.example https://b.example".
 *   A div pointing elsewhere gets no iframe, a console warning and data-minewatch-refused.
 * - An id that the widget would reject (not 1-64 of A-Z a-z 0-9 - _), or one already used on the
 *   page, is replaced by minewatch-embed-N, so that each frame's height messages match it.
 * - Each iframe is sandboxed with what the widget needs: scripts, its own origin (localStorage
 *   cache), downloads, and links that open in a new tab; allow="clipboard-write" for the share
 *   panel's copy buttons.
 * - The page's own elements cannot stand in for the script or the document's methods (an
 *   <img name="currentScript"> in a comment, say): they are read through the DOM's prototypes.
 * - Including the script twice is harmless (a second copy only adds its origins). It only acts
 *   on height messages from its own iframes.
 */
(function () {
  'use strict';
  var SETTINGS = ['region', 'from', 'until', 'event', 'opening', 'view', 'theme', 'lang', 'mode', 'controls', 'id'];
  var ID = /^[A-Za-z0-9_-]{1,64}$/;
  var SANDBOX = 'allow-scripts allow-same-origin allow-downloads allow-popups allow-popups-to-escape-sandbox';

  function warn(message) {
    if (window.console) console.warn('minewatch: ' + message);
  }

  // The document's own properties and methods, never an element named like one ("DOM
  // clobbering": a page that keeps user HTML may hold <img name="currentScript" src=…>).
  function own(proto, name) {
    var d = Object.getOwnPropertyDescriptor(proto, name);
    return d && (d.get ? d.get.call(document) : d.value);
  }
  var querySelectorAll = own(Document.prototype, 'querySelectorAll');
  var createElement = own(Document.prototype, 'createElement');
  var readyState = function () { return own(Document.prototype, 'readyState'); };
  var baseURI = function () { return own(Node.prototype, 'baseURI'); };

  // The origins this copy of the script may frame.
  var script = own(Document.prototype, 'currentScript');
  if (!(script instanceof HTMLScriptElement)) script = null;
  var home = script && script.src ? script.src : location.href;
  var origins = [new URL(home).origin];
  var list = script && script.getAttribute('data-allow-origins');
  (list || '').split(/\s+/).forEach(function (entry) {
    if (!entry) return;
    try {
      var url = new URL(entry);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
      origins.push(url.origin);
    } catch (e) {
      warn('data-allow-origins: ignoring "' + entry + '"; expected origins such as https://example.org');
    }
  });

  var prior = window.minewatchEmbed;
  if (prior && typeof prior.scan === 'function') {
    prior.scan(origins);
    return;
  }

  var defaultBase = script && script.src ? script.src.replace(/[^/]*$/, '') : '';
  var allowed = [];
  var frames = [];
  var generated = 0;

  function taken(id) {
    return frames.some(function (f) { return f.id === id; });
  }

  function scan(more) {
    (more || []).forEach(function (o) {
      if (allowed.indexOf(o) < 0) allowed.push(o);
    });
    if (readyState() === 'loading') return; // scanned again at DOMContentLoaded
    var divs = querySelectorAll.call(document, 'div[data-minewatch]:not([data-minewatch-ready])');
    Array.prototype.forEach.call(divs, function (div) {
      var src;
      try {
        src = new URL(div.getAttribute('data-minewatch') || defaultBase, baseURI());
      } catch (e) {
        src = null;
      }
      if (!src || (src.protocol !== 'https:' && src.protocol !== 'http:')) {
        div.setAttribute('data-minewatch-ready', '');
        warn('data-minewatch must be an http(s) address');
        return;
      }
      // Left unmarked as ready: another copy of this script may allow the origin later.
      if (allowed.indexOf(src.origin) < 0) {
        if (!div.hasAttribute('data-minewatch-refused')) {
          div.setAttribute('data-minewatch-refused', src.origin);
          warn('refusing to frame ' + src.origin + '; embed.js frames only ' + allowed.join(' ') +
            '. To allow it, add it to data-allow-origins="..." on the embed.js script tag.');
        }
        return;
      }
      div.removeAttribute('data-minewatch-refused');
      div.setAttribute('data-minewatch-ready', '');
      SETTINGS.forEach(function (name) {
        var value = div.getAttribute('data-' + name);
        if (value !== null && value !== '') src.searchParams.set(name, value);
      });
      // lang=auto in an article: the article's own language (its <html lang>), which the
      // widget maps to one it speaks (English otherwise); without one, the reader's.
      var pageLang = document.documentElement.getAttribute('lang');
      if ((src.searchParams.get('lang') || '').trim().toLowerCase() === 'auto' && pageLang) {
        src.searchParams.set('lang', pageLang.split(/[-_]/)[0].toLowerCase());
      }
      // Each frame needs its own valid id in the height messages.
      var id = src.searchParams.get('id');
      if (id && !ID.test(id)) warn('ignoring id "' + id + '"; expected up to 64 letters, digits, - or _');
      if (!id || !ID.test(id) || taken(id)) {
        do {
          id = 'minewatch-embed-' + (++generated);
        } while (taken(id));
      }
      src.searchParams.set('id', id);
      var iframe = createElement.call(document, 'iframe');
      iframe.setAttribute('sandbox', SANDBOX);
      iframe.setAttribute('allow', 'clipboard-write');
      iframe.src = src.href;
      iframe.title = div.getAttribute('data-title') || 'Bitcoin hash rate and disruptions in mining regions';
      iframe.loading = 'lazy';
      iframe.setAttribute('scrolling', 'no');
      var height = parseInt(div.getAttribute('data-height'), 10);
      if (!(height > 0 && height < 20000)) height = 600;
      iframe.style.cssText = 'display:block;width:100%;border:0;height:' + height + 'px';
      div.appendChild(iframe);
      frames.push({ iframe: iframe, id: id });
    });
  }

  window.addEventListener('message', function (event) {
    frames.forEach(function (frame) {
      if (event.source !== frame.iframe.contentWindow) return;
      var heights = event.data && event.data['datawrapper-height'];
      var height = heights && heights[frame.id];
      if (typeof height === 'number' && height > 0 && height < 20000) {
        frame.iframe.style.height = Math.ceil(height) + 'px';
      }
    });
  });

  window.minewatchEmbed = { scan: scan };
  document.addEventListener('DOMContentLoaded', function () { scan(); });
  scan(origins);
})();
