// Waiting for approval: GET /admin/approvals (the drafts dispatch rules hold, with what a lead decides on), and each
// draft's Publish (POST /admin/approvals/{workOrderId}/publish) and Cancel (POST /admin/approvals/{workOrderId}/cancel).
(function () {
  'use strict';
  var C = window.Console;
  var esc = C.esc;

  function money(v) { return typeof v === 'number' ? '$' + v.toFixed(2) : ''; }

  function pay(p) {
    if (!p || !p.base) { return 'none given'; }
    var b = p.base;
    var units = b.units !== undefined && b.units !== null && p.type !== 'fixed' ? ' × ' + esc(b.units) : '';
    var extra = p.additional && typeof p.additional.amount === 'number'
      ? ', then ' + money(p.additional.amount) + ' × ' + esc(p.additional.units) : '';
    return esc(p.type || '') + ' ' + money(b.amount) + units + extra;
  }

  function utc(t) { return t && t.utc ? esc(t.utc) + ' UTC' : ''; }

  function schedule(w) {
    if (!w || !w.start) { return 'none'; }
    return w.mode === 'between' || (w.end && w.end.utc) ? 'between ' + utc(w.start) + ' and ' + utc(w.end)
      : 'at ' + utc(w.start);
  }

  function button(op, label, wo, id, confirm) {
    return '<button type="button"' + (op.indexOf('cancel') >= 0 ? ' class="secondary"' : '') + ' data-op="' + esc(op)
      + '" data-view="approval-done" hx-target="#approvals-result" hx-vals=\''
      + esc(JSON.stringify({ workOrderId: wo })) + '\' id="' + esc(id) + '" hx-confirm="' + esc(confirm) + '">'
      + esc(label) + '</button>';
  }

  function draft(d) {
    var wo = d.workOrderId;
    return '<article class="card draft" id="draft-' + esc(wo) + '" aria-labelledby="draft-title-' + esc(wo) + '">'
      + '<h3 id="draft-title-' + esc(wo) + '">Work order #' + esc(wo) + ': ' + esc(d.summary) + '</h3>'
      + C.facts([['Ticket', '#' + esc(d.ticket)], ['Company', esc(d.company)], ['Board', esc(d.board)],
        ['Pay', pay(d.pay)], ['Most held in escrow', d.escrow === null ? 'no amount' : money(d.escrow)],
        ['Schedule', schedule(d.schedule)], ['Routing plan', esc(d.routing)], ['Rule', esc(d.rule)],
        ['Waiting since', esc((d.since || '').replace('T', ' ').replace(/\.\d+Z$/, 'Z'))]])
      + '<div class="actions">'
      + button('admin-approval-publish', 'Publish', wo, 'publish-' + wo, 'Publish work order #' + wo + ': '
        + d.routing + '. Field Nation holds up to ' + (d.escrow === null ? 'its pay' : money(d.escrow))
        + ' in escrow.') + ' '
      + button('admin-approval-cancel', 'Cancel', wo, 'cancel-' + wo, 'Cancel draft work order #' + wo
        + ' in Field Nation? It is never published.')
      + '</div></article>';
  }

  C.views.approvals = function (d) {
    var drafts = d.drafts || [];
    return '<p>' + esc(d.count) + ' waiting.</p>'
      + (drafts.length ? drafts.map(draft).join('') : '<p>No draft waits for approval.</p>');
  };

  C.views['approval-done'] = function (d) {
    C.afterSwap.push(function () { htmx.trigger('#approvals', 'refresh'); });
    return '<p class="message ok" role="status">Work order #' + esc(d.workOrderId) + ' ' + esc(d.status) + '.</p>';
  };
})();
