// The console's shared script, loaded by every page after htmx.
//
// - Reads the session (who, the CSRF token) and the admin API's OpenAPI document, then turns every element with
//   data-op="<operationId>" into an htmx request to that operation's method and path (path parameters such as
//   {ticketId} are filled from the request's parameters: a form field or hx-vals), and sends it the event
//   "op-ready" (hx-trigger="op-ready" loads at once, "op-ready delay:1s" a second later).
// - Sends the CSRF token with every request; a 401 sends the browser to the login page.
// - Renders the API's JSON answers into HTML through the "admin-json" htmx extension: the element's data-view names
//   a view in Console.views (each page's script adds its own). Every value is escaped; no answer text is ever
//   treated as markup.
(function () {
  'use strict';
  var Console = window.Console = { views: {}, ops: {}, csrf: null, csrfHeader: 'X-CSRF-Token', afterSwap: [] };

  function esc(v) {
    if (v === null || v === undefined) { return ''; }
    return String(v).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  Console.esc = esc;

  /** A JSON value as text: strings as they are, the rest as JSON. */
  Console.text = function (v) {
    if (v === null || v === undefined) { return ''; }
    return typeof v === 'string' ? v : JSON.stringify(v);
  };

  /** A table that turns into labelled cards on narrow screens. columns: [[label, function(row) -> html]]. */
  Console.table = function (caption, columns, rows, empty) {
    if (!rows || rows.length === 0) { return '<p>' + esc(empty || 'Nothing to show.') + '</p>'; }
    var h = '<table class="stack"><caption class="visually-hidden">' + esc(caption) + '</caption><thead><tr>';
    columns.forEach(function (c) { h += '<th scope="col">' + esc(c[0]) + '</th>'; });
    h += '</tr></thead><tbody>';
    rows.forEach(function (r) {
      h += '<tr>';
      columns.forEach(function (c) { h += '<td data-label="' + esc(c[0]) + '">' + c[1](r) + '</td>'; });
      h += '</tr>';
    });
    return h + '</tbody></table>';
  };

  /** Facts as a definition list: [[term, html]]. */
  Console.facts = function (pairs) {
    var h = '<dl class="facts">';
    pairs.forEach(function (p) { h += '<dt>' + esc(p[0]) + '</dt><dd>' + p[1] + '</dd>'; });
    return h + '</dl>';
  };

  /** Any JSON value, for parts of an answer no view knows: nested lists of names and values. */
  Console.generic = function (v) {
    if (v === null || typeof v !== 'object') { return esc(Console.text(v)); }
    if (Array.isArray(v)) {
      return '<ul>' + v.map(function (x) { return '<li>' + Console.generic(x) + '</li>'; }).join('') + '</ul>';
    }
    return Console.facts(Object.keys(v).map(function (k) { return [k, Console.generic(v[k])]; }));
  };

  /** An API error answer ({status, error, detail}) as an alert. */
  Console.error = function (data, status) {
    var title = (data && data.error) || ('HTTP ' + status);
    return '<div class="message error" role="alert"><strong>' + esc(title) + '</strong>'
      + (data && data.detail ? ': ' + esc(data.detail) : '') + '</div>';
  };

  /** A button that calls an admin operation: op, label, the view of its answer, where it goes, hx-vals. */
  Console.opButton = function (op, label, view, target, vals, id) {
    return '<button type="button" class="secondary" data-op="' + esc(op) + '" data-view="' + esc(view) + '"'
      + ' hx-target="' + esc(target) + '"' + (vals ? " hx-vals='" + esc(JSON.stringify(vals)) + "'" : '')
      + (id ? ' id="' + esc(id) + '"' : '') + '>' + esc(label) + '</button>';
  };

  function toLogin() {
    window.location.href = '/console/login?next=' + encodeURIComponent(window.location.pathname);
  }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 401) { toLogin(); throw new Error('no session'); }
      return r.json();
    });
  }

  /** Binds data-op elements under root to their operations. */
  function bind(root) {
    var els = root.querySelectorAll ? Array.prototype.slice.call(root.querySelectorAll('[data-op]')) : [];
    if (root.matches && root.matches('[data-op]')) { els.push(root); }
    els.forEach(function (el) {
      if (el.hasAttribute('data-bound')) { return; }
      var op = Console.ops[el.getAttribute('data-op')];
      el.setAttribute('data-bound', '');
      if (!op) {
        el.setAttribute('aria-disabled', 'true');
        el.setAttribute('title', 'this connector\'s admin API has no operation ' + el.getAttribute('data-op'));
        return;
      }
      el.setAttribute('hx-' + op.method, op.path);
      htmx.process(el);
      // what should load at once says hx-trigger="op-ready": now that it knows where to go
      // (not bubbling: a button inside a loaded part must not make that part load again)
      el.dispatchEvent(new CustomEvent('op-ready', { bubbles: false }));
    });
  }

  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers[Console.csrfHeader] = Console.csrf;
    var params = e.detail.parameters;
    var get = function (k) { return params.get ? params.get(k) : params[k]; };
    var drop = function (k) { if (params.delete) { params.delete(k); } else { delete params[k]; } };
    e.detail.path = e.detail.path.replace(/\{([^}]+)\}/g, function (m, name) {
      var v = get(name);
      drop(name);
      return encodeURIComponent(v === undefined || v === null ? '' : v);
    });
    // datetime-local fields have no zone: send them as instants in the browser's zone
    ['since', 'until'].forEach(function (k) {
      var v = get(k);
      if (v && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(v)) {
        if (params.set) { params.set(k, new Date(v).toISOString()); } else { params[k] = new Date(v).toISOString(); }
      }
    });
    // empty filter fields are no filter
    var keys = params.keys ? Array.from(params.keys()) : Object.keys(params);
    keys.forEach(function (k) { if (get(k) === '') { drop(k); } });
  });

  document.addEventListener('htmx:beforeSwap', function (e) {
    if (e.detail.xhr.status === 401) { e.detail.shouldSwap = false; toLogin(); }
  });

  // new content (a swap) may hold data-op elements; before the operations are known, start() binds everything
  document.addEventListener('htmx:load', function (e) { if (Console.ready) { bind(e.detail.elt); } });

  document.addEventListener('htmx:afterSettle', function () {
    var todo = Console.afterSwap;
    Console.afterSwap = [];
    todo.forEach(function (f) { f(); });
  });

  document.addEventListener('htmx:sendError', function (e) {
    var t = e.detail.target;
    if (t) { t.innerHTML = Console.error({ error: 'no answer', detail: 'the connector did not answer' }, 0); }
  });

  htmx.defineExtension('admin-json', {
    transformResponse: function (text, xhr, elt) {
      var view = elt && elt.getAttribute && elt.getAttribute('data-view');
      if (!view) { return text; }
      var data;
      try { data = JSON.parse(text); } catch (err) { return '<pre>' + esc(text) + '</pre>'; }
      if (xhr.status >= 400) { return Console.error(data, xhr.status); }
      var render = Console.views[view];
      return render ? render(data, elt) : Console.generic(data);
    }
  });

  function start() {
    Promise.all([getJson('/console/session'), getJson('/admin/openapi.json')]).then(function (r) {
      var session = r[0];
      var doc = r[1];
      Console.csrf = session.csrfToken;
      Console.csrfHeader = session.csrfHeader || Console.csrfHeader;
      var who = document.getElementById('who');
      if (who) { who.textContent = 'Logged in as ' + session.user; }
      var base = '/admin';
      if (doc.servers && doc.servers[0] && doc.servers[0].url) {
        base = new URL(doc.servers[0].url, window.location.origin).pathname.replace(/\/$/, '');
      }
      Object.keys(doc.paths || {}).forEach(function (path) {
        Object.keys(doc.paths[path]).forEach(function (method) {
          var op = doc.paths[path][method];
          if (op && op.operationId) { Console.ops[op.operationId] = { method: method, path: base + path }; }
        });
      });
      Console.ready = true;
      bind(document.body);
      document.body.setAttribute('data-ready', '');
    }).catch(function (err) {
      var main = document.getElementById('main');
      if (main && err.message !== 'no session') {
        main.insertAdjacentHTML('afterbegin', Console.error({ error: 'the console could not start',
          detail: err.message }, 0));
      }
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
