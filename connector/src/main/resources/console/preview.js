// Preview: GET /admin/preview/{ticketId}: the body field by field with the mapping entry behind each value, and for
// a linked ticket what an update would change.
(function () {
  'use strict';
  var C = window.Console;
  var esc = C.esc;

  function value(v) {
    var t = C.text(v);
    return t.length > 300 ? '<code>' + esc(t.substring(0, 300)) + '…</code>' : '<code>' + esc(t) + '</code>';
  }

  // which dispatch rule applies, why, and what it changes (mappings.yaml rules)
  function ruleCard(r) {
    var facts = [['Why', esc(r.why)]];
    if (r.checked && r.checked.length) {
      facts.push(['Did not hold before it', esc(r.checked.join('; '))]);
    }
    if (r.applies) {
      var actions = Object.keys(r.statusActions || {}).map(function (k) { return k + ': ' + r.statusActions[k]; });
      facts.push(['Dispatch', r.dispatch ? 'yes' : '<span class="badge bad">no</span> (dispatch: false)']);
      facts.push(['Publish', esc(r.publish)]);
      facts.push(['Routing', esc(r.routing)]);
      facts.push(['Its fields', r.fields.length ? '<code>' + esc(r.fields.join(', ')) + '</code>' : 'none']);
      facts.push(['Status actions', actions.length ? esc(actions.join('; ')) : 'none']);
    }
    return '<section class="card" aria-labelledby="rl-h"><h2 id="rl-h">Dispatch rule</h2>' + C.facts(facts)
      + '</section>';
  }

  C.views.preview = function (d) {
    var h = '<section class="card" aria-labelledby="pv-h"><h2 id="pv-h">Ticket ' + esc(d.ticket) + '</h2>'
      + C.facts([['Board', esc(d.board)], ['Status', esc(d.status)],
        ['Dispatches', (d.dispatches ? '<span class="badge ok">yes</span>' : '<span class="badge bad">no</span>')
          + esc(d.reason)],
        ['Would', d.action === 'update' ? 'update work order ' + esc(d.workOrderId) : 'create a work order'],
        ['Dispatch rule', d.rule && d.rule.applies ? esc(d.rule.label) : 'none']])
      + '</section>';
    if (d.rule) {
      h += ruleCard(d.rule);
    }
    if (d.changes) {
      h += '<section class="card" aria-labelledby="ch-h"><h2 id="ch-h">What an update would change</h2>'
        + C.table('What an update would change', [
          ['Field', function (c) { return '<code>' + esc(c.field) + '</code>'; }],
          ['Sent last', function (c) { return value(c.before); }],
          ['Would send', function (c) { return value(c.after); }]
        ], d.changes, 'Nothing: the ticket maps to what Field Nation has already.') + '</section>';
    }
    h += '<section class="card" aria-labelledby="fl-h"><h2 id="fl-h">The work order, field by field</h2>'
      + C.table('Work order fields', [
        ['Field Nation field', function (f) { return '<code>' + esc(f.target) + '</code>'; }],
        ['Value', function (f) { return value(f.value) + (f.defaulted ? ' <em>(default)</em>' : ''); }],
        ['Source', function (f) { return f.source ? '<code>' + esc(f.source) + '</code>' : ''; }],
        ['Action', function (f) {
          return esc(f.action) + (f.line ? ' <span class="notes">(mappings.yaml line ' + esc(f.line) + ')</span>'
            : '');
        }]
      ], d.fields || [], 'The mapping produced no fields.') + '</section>';
    h += '<details class="card"><summary>The request body, as it would be sent</summary><pre>'
      + esc(JSON.stringify(d.workOrder, null, 2)) + '</pre></details>';
    return h;
  };
})();
