// Needs attention: GET /admin/attention, an item's action (POST /admin/attention/{id}/act) with what it does in Field
// Nation shown before it is pressed, and Dismiss (POST /admin/attention/{id}/dismiss).
(function () {
  'use strict';
  var C = window.Console;
  var esc = C.esc;
  var KINDS = { 'held-cancel': 'Held cancellation', 'provider-cancelled': 'Provider cancelled',
    'at-risk': 'At risk', 'problem': 'Problem reported', 'waiting-approval': 'Waiting for approval',
    'unassigned': 'Nobody took it', 'unassigned-before-visit': 'Unassigned before the visit' };

  function when(t) { return t ? esc(t.replace('T', ' ').replace(/\.\d+Z$/, 'Z')) : ''; }

  function actionButton(i) {
    // the confirmation repeats what Field Nation will do, shown beside the button before it is pressed
    return '<button type="button" data-op="admin-attention-act" data-view="attention-done" hx-target="#attention-result"'
      + ' hx-vals=\'' + esc(JSON.stringify({ id: i.id })) + '\' id="act-' + esc(i.id) + '"'
      + ' hx-confirm="' + esc((i.actionLabel || 'Do it') + ': ' + (i.preview || '')) + '">'
      + esc(i.actionLabel || i.action) + '</button>';
  }

  function item(i) {
    var h = '<article class="card attention-item" id="item-' + esc(i.id) + '" data-state="' + esc(i.state) + '"'
      + ' aria-labelledby="item-title-' + esc(i.id) + '">'
      + '<h3 id="item-title-' + esc(i.id) + '">' + esc(KINDS[i.kind] || i.kind) + ': ' + esc(i.title) + '</h3>'
      + C.facts([['Ticket', esc(i.ticket)], ['Work order', esc(i.workOrder)], ['State', esc(i.state)],
        ['Since', when(i.createdAt)], ['Detail', esc(i.detail)]]
        .concat(i.resolvedAt ? [['Settled', when(i.resolvedAt) + ' by ' + esc(i.resolvedBy) + ': '
          + esc(i.resolution)]] : []));
    if (i.state === 'open') {
      h += '<div class="actions">';
      if (i.action) {
        h += '<p class="preview" id="preview-' + esc(i.id) + '"><strong>What Field Nation will do:</strong> '
          + esc(i.preview) + '</p>' + actionButton(i) + ' ';
      }
      h += C.opButton('admin-attention-dismiss', 'Dismiss', 'attention-done', '#attention-result', { id: i.id },
        'dismiss-' + i.id) + '</div>';
    }
    return h + '</article>';
  }

  C.views.attention = function (d) {
    var items = d.items || [];
    return '<p>' + esc(d.open) + ' waiting; ' + esc(d.count) + ' shown.</p>'
      + (items.length ? items.map(item).join('') : '<p>Nothing waits for you.</p>');
  };

  C.views['attention-done'] = function (d) {
    C.afterSwap.push(function () { htmx.trigger('#attention-filters', 'refresh'); });
    var i = d.item || {};
    return '<p class="message ok" role="status">' + (d.status === 'dismissed' ? 'Item ' + esc(i.id) + ' dismissed.'
      : esc(i.actionLabel || 'The action') + ' of item ' + esc(i.id) + ' is under way (transaction '
        + esc(d.transaction) + ').') + '</p>';
  };
})();
