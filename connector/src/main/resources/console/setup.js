// Setup: the stages of GET /admin/setup, each check green or red with its fix, and the actions the admin API has
// for them (Refresh Fields, register the callback, register the webhook).
(function () {
  'use strict';
  var C = window.Console;
  var esc = C.esc;
  /** Buttons under a stage, by stage id: [operationId, label]. */
  var ACTIONS = {
    Fields: [['admin-fields-refresh', 'Refresh Fields', 'action']],
    Mappings: [['admin-fields-refresh', 'Refresh Fields', 'action']],
    Callback: [['admin-callbacks-register', 'Register callback', 'action']],
    Webhook: [['admin-webhooks-register', 'Register webhook', 'action']],
    'Round trip': [['admin-roundtrip-start', 'Run the round trip', 'roundtrip']]
  };

  function check(c) {
    var ok = c.ok === true;
    return '<li class="check ' + (ok ? 'ok' : 'bad') + '"><span class="mark" aria-hidden="true">' + (ok ? '✓' : '✗')
      + '</span><span class="visually-hidden">' + (ok ? 'Passed: ' : 'Failed: ') + '</span><strong>'
      + esc(c.name) + '</strong>: ' + esc(c.detail)
      + (!ok && c.fix ? '<p class="fix"><strong>Fix:</strong> ' + esc(c.fix) + '</p>' : '') + '</li>';
  }

  C.views.setup = function (data) {
    var stages = data.stages || [];
    var bad = stages.filter(function (s) { return !s.ok; }).length;
    var h = '<p class="message ' + (bad ? 'error' : 'ok') + '" id="setup-summary">'
      + (bad ? esc(bad) + ' of ' + esc(stages.length) + ' stages need attention'
        : 'All ' + esc(stages.length) + ' stages pass') + ' (checked '
      + esc(data.checkedAt ? new Date(data.checkedAt).toLocaleString() : 'now') + ').</p>';
    h += '<ol class="stages">';
    stages.forEach(function (s, i) {
      var sid = 'stage-' + esc(s.id).toLowerCase().replace(/[^a-z0-9]+/g, '-');
      h += '<li class="stage ' + (s.ok ? 'ok' : 'bad') + '" id="' + sid + '" aria-labelledby="' + sid + '-h">'
        + '<h2 id="' + sid + '-h"><span class="badge">' + (s.ok ? '✓ OK' : '✗ Needs attention') + '</span>'
        + esc((i + 1) + '. ' + s.title) + '</h2>';
      var body = '<ul class="checks">' + (s.checks || []).map(check).join('') + '</ul>';
      if (s.notes && s.notes.length) {
        body += '<ul class="notes">' + s.notes.map(function (n) { return '<li>' + esc(n) + '</li>'; }).join('')
          + '</ul>';
      }
      // a passing stage keeps its checks and notes folded, so what needs attention stands out
      var n = (s.checks || []).length;
      h += s.ok ? '<details><summary>' + esc(n) + ' check' + (n === 1 ? '' : 's') + ' pass</summary>' + body
        + '</details>' : body;
      var actions = ACTIONS[s.id] || [];
      if (actions.length) {
        h += '<div class="actions">' + actions.map(function (a) {
          return C.opButton(a[0], a[1], a[2], '#action-result', null, sid + '-' + a[0]);
        }).join('') + '</div>';
      }
      h += '</li>';
    });
    h += '</ol>';
    if (data.settings) {
      h += '<details class="card" id="settings"><summary>Settings in use on this instance</summary>'
        + C.table('Settings in use', [
          ['Setting', function (x) { return '<code>' + esc(x.key) + '</code>'; }],
          ['Value', function (x) {
            return x.secret ? '<em>' + esc(x.value) + '</em> (secret)' : '<code>' + esc(x.value) + '</code>';
          }],
          ['', function (x) { return x.default ? 'default' : ''; }]
        ], data.settings) + '</details>';
    }
    if (data.connectionDetails) {
      h += '<section class="card" aria-labelledby="more-h"><h2 id="more-h">More from the connection check</h2>'
        + C.generic(data.connectionDetails) + '</section>';
    }
    return h;
  };

  /** A round trip as far as it got; while it runs the view asks again each second, then checks the stages again. */
  C.views.roundtrip = function (r) {
    var running = r.state === 'running';
    if (!running) { C.afterSwap.push(function () { htmx.trigger('#stages', 'refresh'); }); }
    var h = '<div class="card" id="round-trip" data-state="' + esc(r.state) + '"><h2>Test ticket round trip: '
      + esc(r.state) + '</h2><ol>' + (r.steps || []).map(function (s) {
        return '<li>' + (s.ok ? '✓ ' : s.state === 'failed' ? '✗ ' : '… ') + '<code>' + esc(s.step) + '</code>: '
          + esc(s.detail || s.state) + (s.fix ? ' <strong>Fix:</strong> ' + esc(s.fix) : '') + '</li>';
      }).join('') + '</ol>' + (r.state === 'failed' && r.detail ? C.error({ error: 'failed', detail: r.detail
        + (r.fix ? ' Fix: ' + r.fix : '') }, 0) : '') + '</div>';
    if (running) {
      h += '<div data-op="admin-roundtrip" data-view="roundtrip" hx-trigger="op-ready delay:1s"'
        + ' hx-target="#action-result"></div>';
    }
    return h;
  };

  /** The answer of an action (refresh, register): what it did, then the checklist again. */
  C.views.action = function (data, elt) {
    C.afterSwap.push(function () { htmx.trigger('#stages', 'refresh'); });
    var label = elt ? elt.textContent : 'Done';
    var parts = [];
    if (data.refreshedAt) {
      parts.push('fields refreshed ' + data.refreshedAt + ((data.mappings && data.mappings.problems
        && data.mappings.problems.length) ? ', ' + data.mappings.problems.length + ' problems in mappings.yaml' : ''));
    }
    if (data.callbacks) {
      parts.push(data.callbacks.map(function (c) { return 'callback ' + (c.id || '') + ' ' + c.status; }).join(', '));
    }
    if (data.webhook) { parts.push('webhook ' + (data.webhook.status || '') + ', ' + (data.webhook.state || '')); }
    return '<p class="message ok">' + esc(label) + ': ' + esc(parts.join('; ') || 'done') + '. Checking again…</p>';
  };
})();
