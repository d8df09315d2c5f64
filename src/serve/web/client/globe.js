/* global d3, document, window, fetch */
/**
 * The globe: an orthographic projection (d3-geo) of the countries in SVG, shaded by coverage
 * (data-coverage="CC:n,…"), turned by dragging or the arrow keys; a click on a country (or Enter
 * for the country facing the reader) opens its page. Pages list the same countries as links, so
 * nothing depends on this script.
 */
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var SIZE = 500;

  function parseCoverage(s) {
    var m = new Map();
    (s || '').split(',').forEach(function (kv) {
      var p = kv.split(':');
      if (p.length === 2 && /^[A-Z]{2}$/.test(p[0])) m.set(p[0], Number(p[1]) || 0);
    });
    return m;
  }

  function level(n, max) {
    if (!n) return 0;
    if (max <= 1) return 4;
    return Math.max(1, Math.min(5, Math.ceil((Math.log(n + 1) / Math.log(max + 1)) * 5)));
  }

  function el(name, attrs) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    return e;
  }

  function startRotation(world, coverage) {
    var covered = world.features.filter(function (f) {
      return coverage.get(f.id);
    });
    if (!covered.length) return [-10, -25];
    var x = 0,
      y = 0,
      z = 0;
    covered.forEach(function (f) {
      var c = d3.geoCentroid(f),
        w = coverage.get(f.id);
      var lon = (c[0] * Math.PI) / 180,
        lat = (c[1] * Math.PI) / 180;
      x += w * Math.cos(lat) * Math.cos(lon);
      y += w * Math.cos(lat) * Math.sin(lon);
      z += w * Math.sin(lat);
    });
    var lon0 = (Math.atan2(y, x) * 180) / Math.PI,
      lat0 = (Math.atan2(z, Math.hypot(x, y)) * 180) / Math.PI;
    return [-lon0, Math.max(-60, Math.min(60, -lat0))];
  }

  function build(box, world) {
    var coverage = parseCoverage(box.getAttribute('data-coverage'));
    var unit = box.getAttribute('data-unit') || 'article';
    var max = 0;
    coverage.forEach(function (n) {
      if (n > max) max = n;
    });
    var projection = d3
      .geoOrthographic()
      .scale(SIZE / 2 - 4)
      .translate([SIZE / 2, SIZE / 2])
      .clipAngle(90)
      .rotate(startRotation(world, coverage));
    var path = d3.geoPath(projection);
    // the drawing is hidden from assistive technology: the page lists the same countries as links
    var svg = el('svg', { viewBox: '0 0 ' + SIZE + ' ' + SIZE, 'aria-hidden': 'true', focusable: 'false' });
    svg.appendChild(el('circle', { cx: SIZE / 2, cy: SIZE / 2, r: SIZE / 2 - 4, class: 'sea' }));
    var shapes = world.features.map(function (f) {
      var n = f.id ? coverage.get(f.id) || 0 : 0;
      var p = el('path', { class: 'land c' + level(n, max), 'data-cc': f.id || '', 'data-count': String(n) });
      var t = el('title');
      t.textContent = f.properties.name + ': ' + (n ? n + ' ' + unit + (n > 1 ? 's' : '') : 'no coverage');
      p.appendChild(t);
      if (!f.id) {
        svg.appendChild(p);
        return { f: f, p: p };
      }
      var a = el('a', { href: '/countries/' + f.id.toLowerCase(), tabindex: '-1' });
      a.appendChild(p);
      svg.appendChild(a);
      return { f: f, p: p };
    });
    function draw() {
      shapes.forEach(function (s) {
        s.p.setAttribute('d', path(s.f) || '');
      });
    }
    var help = document.createElement('p');
    help.className = 'globe-help';
    help.setAttribute('aria-live', 'polite');
    function facing() {
      var center = projection.invert([SIZE / 2, SIZE / 2]);
      return (
        world.features.find(function (f) {
          return f.id && d3.geoContains(f, center);
        }) || null
      );
    }
    function announce() {
      var f = facing();
      help.textContent = f
        ? 'Facing ' + f.properties.name + ': press Enter to open its page.'
        : 'Facing the sea. Arrow keys turn the globe.';
      help.setAttribute('data-cc', f ? f.id : '');
    }
    function turn(dl, dp) {
      var r = projection.rotate();
      projection.rotate([r[0] + dl, Math.max(-85, Math.min(85, r[1] + dp)), r[2]]);
      draw();
    }
    var drag = null,
      moved = false;
    svg.addEventListener('pointerdown', function (e) {
      drag = [e.clientX, e.clientY];
      moved = false;
    });
    window.addEventListener('pointerup', function () {
      drag = null;
    });
    svg.addEventListener('pointermove', function (e) {
      if (!drag) return;
      var k = 180 / (svg.getBoundingClientRect().width || SIZE);
      var dx = e.clientX - drag[0],
        dy = e.clientY - drag[1];
      if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
      drag = [e.clientX, e.clientY];
      if (moved) turn(dx * k, -dy * k);
    });
    svg.addEventListener(
      'click',
      function (e) {
        if (moved) {
          e.preventDefault();
          moved = false;
        }
      },
      true,
    );
    box.tabIndex = 0;
    box.setAttribute('role', 'group');
    box.setAttribute(
      'aria-label',
      (box.getAttribute('data-label') || 'Globe') + '. Arrow keys turn the globe; Enter opens the country in the middle.',
    );
    box.addEventListener('keydown', function (e) {
      var step = e.shiftKey ? 30 : 10;
      var keys = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (keys[e.key]) {
        e.preventDefault();
        turn(keys[e.key][0], keys[e.key][1]);
        announce();
        return;
      }
      if (e.key === 'Enter') {
        var hit = facing();
        if (hit) window.location.href = '/countries/' + hit.id.toLowerCase();
      }
    });
    box.appendChild(svg);
    box.parentNode.insertBefore(help, box.nextSibling);
    box.addEventListener('focus', announce);
    draw();
    box.setAttribute('data-ready', '1');
  }

  function init() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll('.globe'));
    if (!boxes.length || typeof d3 === 'undefined') return;
    fetch('/static/world.json')
      .then(function (r) {
        return r.json();
      })
      .then(function (world) {
        boxes.forEach(function (b) {
          build(b, world);
        });
      });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
