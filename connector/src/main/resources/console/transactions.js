// Transactions: GET /admin/transactions with the filters, one transaction with its steps, replay one or all
// failed, and the link of a ticket to its work order.
(function () {
  'use strict';
  var C = window.Console;
  var esc = C.esc;
  var UNFINISHED = ['pending', 'processing'];

  function status(s) { return '<span class="status-' + esc(s) + '">' + esc(s) + '</span>'; }
  function direction(d) { return d === 'cw-fn' ? 'CW → FN' : d === 'fn-cw' ? 'FN → CW' : esc(d); }
  function when(t) { return t ? esc(t.replace('T', ' ').replace(/\.\d+Z$/, 'Z')) : ''; }

  function actions(t) {
    var h = C.opButton('admin-transaction', 'Details', 'transaction', '#detail', { id: t.id }, 'details-' + t.id);
    if (UNFINISHED.indexOf(t.status) < 0) {
      h += ' ' + C.opButton('admin-replay', t.status === 'failed' ? 'Replay' : 'Run again', 'replayed', '#detail',
        { id: t.id }, 'replay-' + t.id);
    }
    return h;
  }

  C.views.transactions = function (d) {
    var rows = d.transactions || [];
    return '<p>' + esc(d.count) + ' transaction' + (d.count === 1 ? '' : 's') + (d.count >= d.filter.limit
      ? ' (the newest ' + esc(d.filter.limit) + ')' : '') + '.</p>'
      + C.table('Transactions', [
        ['Id', function (t) { return esc(t.id); }],
        ['Received', function (t) { return when(t.receivedAt); }],
        ['Direction', function (t) { return direction(t.direction); }],
        ['Event type', function (t) { return esc(t.event); }],
        ['Ticket', function (t) { return esc(t.ticket); }],
        ['Work order', function (t) { return esc(t.workOrder); }],
        ['Status', function (t) { return status(t.status); }],
        ['Attempts', function (t) { return esc(t.attempts); }],
        ['Failed at', function (t) { return t.error ? '<code>' + esc(t.step) + '</code>: ' + esc(t.error) : ''; }],
        ['', actions]
      ], rows, 'No transaction matches these filters.');
  };

  /** One transaction; while it is unfinished the view asks again each second. */
  C.views.transaction = function (t) {
    var unfinished = UNFINISHED.indexOf(t.status) >= 0;
    if (!unfinished && C.replayed === t.id) {
      // a replay from this page has finished: the list shows its new status
      C.replayed = null;
      C.afterSwap.push(function () { htmx.trigger('#filters', 'submit'); });
    }
    var h = '<div id="transaction-' + esc(t.id) + '" data-status="' + esc(t.status) + '">'
      + '<h3>Transaction ' + esc(t.id) + ': ' + status(t.status) + '</h3>'
      + C.facts([['Direction', direction(t.direction)], ['Event type', esc(t.event)], ['Source', esc(t.source)],
        ['Ticket', esc(t.ticket)], ['Work order', esc(t.workOrder)], ['Attempts', esc(t.attempts)],
        ['Received', when(t.receivedAt)], ['Finished', when(t.finishedAt)], ['Outcome', esc(t.outcome)],
        ['Last error', t.error ? '<code>' + esc(t.step) + '</code>: ' + esc(t.error) : 'none']])
      + '<h3>Steps</h3>' + C.table('Steps', [
        ['At', function (s) { return when(s.at); }],
        ['Step', function (s) { return '<code>' + esc(s.step) + '</code>'; }],
        ['Outcome', function (s) { return status(s.outcome); }],
        ['Detail', function (s) { return esc(s.detail); }]
      ], t.steps || [], 'No step logged yet.');
    h += '<div class="actions">';
    if (!unfinished) {
      h += C.opButton('admin-replay', t.status === 'failed' ? 'Replay' : 'Run again', 'replayed', '#detail',
        { id: t.id }, 'detail-replay-' + t.id);
    }
    if (t.ticket) {
      h += C.opButton('admin-link', 'Link of ticket ' + t.ticket, 'link', '#link', { ticketId: t.ticket });
    }
    h += '</div><div id="link"></div>';
    if (t.payload !== undefined) {
      h += '<details><summary>What was received</summary><pre>' + esc(JSON.stringify(t.payload, null, 2))
        + '</pre></details>';
    }
    if (unfinished) {
      h += '<div data-op="admin-transaction" data-view="transaction" hx-vals=\'' + esc(JSON.stringify({ id: t.id }))
        + '\' hx-trigger="op-ready delay:1s" hx-target="#detail"></div>';
    }
    return h + '</div>';
  };

  C.views.replayed = function (d) {
    C.replayed = d.transaction;
    return '<p class="message ok" role="status">Transaction ' + esc(d.transaction) + ' is queued again.</p>'
      + C.views.transaction(d.now);
  };

  C.views['replayed-all'] = function (d) {
    C.afterSwap.push(function () { htmx.trigger('#filters', 'submit'); });
    return '<p class="message ok">' + esc(d.replayed) + ' failed transaction' + (d.replayed === 1 ? '' : 's')
      + ' queued again' + (d.replayed ? ': ' + esc(d.transactions.join(', ')) : '') + '.</p>';
  };

  C.views.link = function (d) {
    var l = d.link;
    var h = '<h3>Ticket ' + esc(d.ticket) + '</h3>';
    h += l ? C.facts([['Work order', esc(l.workOrderId)], ['State', esc(l.state)], ['Board', esc(l.board)],
      ['Origin', esc(l.origin)], ['Linked', when(l.createdAt)], ['Updated', when(l.updatedAt)]])
      : '<p>No work order link.</p>';
    h += C.table('Copied items', [
      ['Kind', function (i) { return esc(i.kind); }], ['Source id', function (i) { return esc(i.key); }],
      ['State', function (i) { return esc(i.state); }], ['Copy', function (i) { return esc(i.targetId); }]
    ], d.syncedItems, 'Nothing copied yet.');
    return h;
  };
})();
