// Activity: GET /admin/activity: per hour over the last day, transactions received by outcome, the queue depth and
// the p95 end-to-end latency, as uPlot charts with the same numbers in a table.
(function () {
  'use strict';
  var C = window.Console;
  var esc = C.esc;
  var COLOURS = { done: '#116329', failed: '#a40e26', 'nothing to do': '#4a5561', 'in progress': '#0a4fa8' };

  function chart(id, title, x, series) {
    var el = document.getElementById(id);
    if (!el || typeof uPlot === 'undefined') { return; }
    var width = Math.max(200, el.clientWidth);
    var opts = {
      title: title, width: width, height: 200,
      scales: { x: { time: true } },
      series: [{}].concat(series.map(function (s) {
        return { label: s.label, stroke: s.colour, width: 2, points: { show: true, size: 5 }, spanGaps: false };
      })),
      axes: [{}, { size: 50 }]
    };
    el.textContent = '';
    new uPlot(opts, [x].concat(series.map(function (s) { return s.values; })), el);
  }

  C.views.activity = function (d) {
    var hours = d.hours || [];
    var x = hours.map(function (h) { return Date.parse(h.start) / 1000; });
    var total = 0;
    hours.forEach(function (h) { d.outcomes.forEach(function (o) { total += h.received[o]; }); });
    var last = hours.length ? hours[hours.length - 1] : null;
    C.afterSwap.push(function () {
      chart('chart-outcomes', 'Transactions received per hour', x, d.outcomes.map(function (o) {
        return { label: o, colour: COLOURS[o] || '#000', values: hours.map(function (h) { return h.received[o]; }) };
      }));
      chart('chart-queue', 'Queue depth (received, not finished)', x, [{ label: 'queue depth', colour: '#0a4fa8',
        values: hours.map(function (h) { return h.queueDepth; }) }]);
      chart('chart-latency', 'p95 end-to-end latency (seconds)', x, [{ label: 'p95 latency (s)', colour: '#7a3e00',
        values: hours.map(function (h) { return h.p95LatencyMs === null ? null : h.p95LatencyMs / 1000; }) }]);
    });
    var summary = 'In the last 24 hours ' + total + ' transactions were received; ' + d.queueDepthNow
      + ' are waiting or being worked now' + (last && last.p95LatencyMs !== null
        ? '; p95 end-to-end latency this hour ' + (last.p95LatencyMs / 1000).toFixed(1) + ' s' : '') + '.';
    return '<p id="activity-summary">' + esc(summary) + '</p><div class="charts">'
      + '<figure class="card"><div class="chart" id="chart-outcomes" role="img" aria-label="'
      + esc('Transactions received per hour by outcome over the last 24 hours; the numbers are in the table below')
      + '"></div></figure>'
      + '<figure class="card"><div class="chart" id="chart-queue" role="img" aria-label="'
      + esc('Queue depth at the end of each hour; now ' + d.queueDepthNow) + '"></div></figure>'
      + '<figure class="card"><div class="chart" id="chart-latency" role="img" aria-label="'
      + esc('95th percentile of the time from receiving to finishing, per hour') + '"></div></figure></div>'
      + '<details class="card"><summary>The numbers, hour by hour</summary>'
      + C.table('Activity by hour', [['Hour (UTC)', function (h) { return esc(h.start.substring(0, 16)); }]]
        .concat(d.outcomes.map(function (o) { return [o, function (h) { return esc(h.received[o]); }]; }))
        .concat([['Queue depth', function (h) { return esc(h.queueDepth); }],
          ['p95 latency (s)', function (h) {
            return h.p95LatencyMs === null ? '–' : esc((h.p95LatencyMs / 1000).toFixed(1));
          }]]), hours, 'No hours.') + '</details>';
  };
})();
