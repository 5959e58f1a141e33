/*
 * minewatch embed script. Put <div data-minewatch="https://your.host/minewatch/"></div> where the
 * widget should go, with its settings as data- attributes (data-region, data-from, data-until,
 * data-event, data-view, data-theme, data-lang, data-mode, data-controls, data-id), and load this
 * script once, anywhere on the page. Each div gets an iframe whose height follows the widget.
 * Including the script twice is harmless. It only acts on height messages from its own iframes.
 */
(function () {
  'use strict';
  if (window.minewatchEmbed) {
    window.minewatchEmbed.scan();
    return;
  }
  var SETTINGS = ['region', 'from', 'until', 'event', 'view', 'theme', 'lang', 'mode', 'controls', 'id'];
  var script = document.currentScript;
  var defaultBase = script && script.src ? script.src.replace(/[^/]*$/, '') : '';
  var frames = [];

  function scan() {
    var divs = document.querySelectorAll('div[data-minewatch]:not([data-minewatch-ready])');
    Array.prototype.forEach.call(divs, function (div) {
      div.setAttribute('data-minewatch-ready', '');
      var src;
      try {
        src = new URL(div.getAttribute('data-minewatch') || defaultBase, document.baseURI);
      } catch (e) {
        src = null;
      }
      if (!src || (src.protocol !== 'https:' && src.protocol !== 'http:')) {
        if (window.console) console.warn('minewatch: data-minewatch must be an http(s) address');
        return;
      }
      SETTINGS.forEach(function (name) {
        var value = div.getAttribute('data-' + name);
        if (value !== null && value !== '') src.searchParams.set(name, value);
      });
      // Each frame needs its own id in the height messages.
      var id = src.searchParams.get('id');
      if (!id || frames.some(function (f) { return f.id === id; })) id = 'minewatch-embed-' + (frames.length + 1);
      src.searchParams.set('id', id);
      var iframe = document.createElement('iframe');
      iframe.src = src.href;
      iframe.title = div.getAttribute('data-title') || 'Bitcoin hash rate and disruptions in mining regions';
      iframe.loading = 'lazy';
      iframe.setAttribute('scrolling', 'no');
      iframe.style.cssText = 'display:block;width:100%;border:0;height:' + (parseInt(div.getAttribute('data-height'), 10) || 600) + 'px';
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
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', scan);
  } else {
    scan();
  }
})();
