// The CloudWatch view: a metric charted over a period (chosen from what ListMetrics lists), the alarms with
// their state, and the dashboards stored with PutDashboard. Charts are SVG drawn here, each with a text
// alternative: a caption that sums it up and a table of its data points.
'use strict';

state.metric = '';

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}

function num(v) { return Math.abs(v) >= 1000 || Number.isInteger(v) ? String(Math.round(v * 100) / 100) : v.toPrecision(4); }
function hhmm(iso) { return iso.slice(11, 16); }

/** The query string of one metric's statistic. */
function metricQuery(m, stat, period, minutes) {
  return 'accountId=' + encodeURIComponent(m.accountId) + '&region=' + encodeURIComponent(m.region)
    + '&namespace=' + encodeURIComponent(m.namespace) + '&metric=' + encodeURIComponent(m.name)
    + m.dimensions.map(d => '&dimension=' + encodeURIComponent(d.name + '=' + d.value)).join('')
    + '&stat=' + stat + '&period=' + period + '&minutes=' + minutes;
}

function describe(m) {
  return m.namespace + ' ' + m.name + (m.dimensions.length ? ' (' + m.dimensions.map(d => d.name + '=' + d.value).join(', ') + ')' : '');
}

/**
 * A chart of series ({label, data, yAxis, color}), each data an answer of metric-data, as a figure: the SVG (an
 * image whose name is the caption), the caption with each series' latest, lowest and highest value, and the data
 * points as a table. Options of a dashboard's widget: stacked (areas summed), yAxis ({left, right}: {min, max,
 * label}) and annotations ({horizontal: [{value, label, color, fill}, or a band of two]}).
 */
function metricChart(title, series, id, options) {
  const o = options || {};
  const first = series[0].data;
  const t0 = Date.parse(first.start), t1 = Date.parse(first.end);
  const x = t => 50 + (Date.parse(t) - t0) / Math.max(1, t1 - t0) * 700;
  // stacked: each series drawn on the sum of those before it
  const drawn = series.map(s => ({ ...s, points: s.data.datapoints.map(p => ({ timestamp: p.timestamp, value: p.value, top: p.value })) }));
  if (o.stacked) {
    const sums = {};
    for (const s of drawn) for (const p of s.points) { p.base = sums[p.timestamp] || 0; p.top = p.base + p.value; sums[p.timestamp] = p.top; }
  }
  const annotations = horizontalAnnotations(o.annotations);
  const axis = side => {
    const given = (o.yAxis && o.yAxis[side]) || {};
    const values = drawn.filter(s => (s.yAxis || 'left') === side).flatMap(s => s.points.flatMap(p => [p.top, p.base || 0]))
      .concat(annotations.filter(a => (a.yAxis || 'left') === side).flatMap(a => a.values));
    const min = typeof given.min === 'number' ? given.min : Math.min(...values, 0);
    const max = typeof given.max === 'number' ? given.max : Math.max(...values, 0);
    return { min, max, label: given.label, y: v => 200 - (Math.min(Math.max(v, min), max) - min) / (max - min || 1) * 180 };
  };
  const left = axis('left'), right = axis('right');
  const hasRight = drawn.some(s => s.yAxis === 'right');
  const yOf = side => side === 'right' ? right.y : left.y;
  const captionId = id + '-caption';
  const chart = svg('svg', { viewBox: '0 0 800 230', role: 'img', 'aria-labelledby': captionId, class: 'chart', preserveAspectRatio: 'none' });
  chart.append(svg('line', { x1: 50, y1: 200, x2: 750, y2: 200, stroke: '#888' }), svg('line', { x1: 50, y1: 20, x2: 50, y2: 200, stroke: '#888' }),
    svg('text', { x: 2, y: 24, 'font-size': 13 }, num(left.max)), svg('text', { x: 2, y: 200, 'font-size': 13 }, num(left.min)),
    svg('text', { x: 50, y: 222, 'font-size': 13 }, hhmm(first.start)), svg('text', { x: 710, y: 222, 'font-size': 13 }, hhmm(first.end)));
  if (hasRight) {
    chart.append(svg('line', { x1: 750, y1: 20, x2: 750, y2: 200, stroke: '#888' }),
      svg('text', { x: 755, y: 24, 'font-size': 13 }, num(right.max)), svg('text', { x: 755, y: 200, 'font-size': 13 }, num(right.min)));
  }
  for (const a of annotations) {
    const y = yOf(a.yAxis);
    const colour = a.color || '#b00020';
    if (a.values.length === 2) {
      const top = Math.min(y(a.values[0]), y(a.values[1]));
      chart.append(svg('rect', { x: 50, y: top, width: 700, height: Math.abs(y(a.values[0]) - y(a.values[1])), fill: colour, 'fill-opacity': 0.12, 'data-annotation': a.label }));
    } else if (a.fill === 'above' || a.fill === 'below') {
      const at = y(a.values[0]);
      chart.append(svg('rect', { x: 50, y: a.fill === 'above' ? 20 : at, width: 700, height: a.fill === 'above' ? at - 20 : 200 - at, fill: colour, 'fill-opacity': 0.12 }));
    }
    for (const v of a.values) {
      chart.append(svg('line', { x1: 50, y1: y(v), x2: 750, y2: y(v), stroke: colour, 'stroke-dasharray': '6 4', 'stroke-width': 2, 'data-annotation': a.label }),
        svg('text', { x: 54, y: y(v) - 4, 'font-size': 12, fill: colour }, a.label ? a.label + ' (' + num(v) + ')' : num(v)));
    }
  }
  const sentences = [];
  drawn.forEach((s, i) => {
    const pts = s.points;
    const colourOf = s.color || 'hsl(' + (i * 137 % 360) + ' 70% 35%)';
    const y = yOf(s.yAxis);
    if (pts.length) {
      if (o.stacked) {
        const area = pts.map(p => x(p.timestamp) + ',' + y(p.top)).concat(pts.slice().reverse().map(p => x(p.timestamp) + ',' + y(p.base))).join(' ');
        chart.append(svg('polygon', { points: area, fill: colourOf, 'fill-opacity': 0.35, stroke: 'none' }));
      }
      const line = svg('polyline', { points: pts.map(p => x(p.timestamp) + ',' + y(p.top)).join(' '), fill: 'none', stroke: colourOf, 'stroke-width': 3 });
      line.append(svg('title', {}, s.label));
      chart.append(line);
      for (const p of pts) chart.append(svg('circle', { cx: x(p.timestamp), cy: y(p.top), r: 3, fill: colourOf }));
      const values = pts.map(p => p.value);
      sentences.push(s.label + (s.yAxis === 'right' ? ' (right axis)' : '') + ': latest ' + num(values[values.length - 1]) + ' at '
        + hhmm(pts[pts.length - 1].timestamp) + ', lowest ' + num(Math.min(...values)) + ', highest ' + num(Math.max(...values))
        + ' (' + pts.length + ' periods)');
    } else {
      sentences.push(s.label + ': no data');
    }
  });
  const unit = first.unit && first.unit !== 'None' ? ', ' + first.unit : '';
  const how = first.stat ? first.stat + ' per ' + first.period + ' s' + unit + ', ' : '';
  const axes = [['left', left], ['right', right]].filter(([side, a]) => a.label && (side === 'left' || hasRight))
    .map(([side, a]) => side + ' axis: ' + a.label);
  const caption = h('figcaption', { id: captionId }, title + ' — ' + (o.stacked ? 'stacked, ' : '') + how
    + hhmm(first.start) + '–' + hhmm(first.end) + ' UTC. ' + sentences.join('; ') + '.'
    + (axes.length ? ' ' + axes.join('; ') + '.' : '')
    + (annotations.length ? ' Lines: ' + annotations.map(a => (a.label || 'annotation') + ' at ' + a.values.map(num).join(' to ')).join('; ') + '.' : ''));
  const points = h('details', {}, h('summary', {}, 'Data points'), table(['Series', 'Period start', 'Value'],
    series.flatMap(s => s.data.datapoints.map(p => h('tr', {}, h('td', {}, s.label), h('td', {}, p.timestamp), h('td', { class: 'num' }, num(p.value)))))));
  return h('figure', { class: 'metric-chart', 'data-chart': title }, chart, caption, points);
}

/** The visible horizontal annotations of a widget: each a line ({values: [v]}) or a band of two ({values: [a, b]}). */
function horizontalAnnotations(annotations) {
  const out = [];
  for (const a of (annotations && annotations.horizontal) || []) {
    const pair = Array.isArray(a) ? a : [a];
    if (pair.some(x => !x || typeof x.value !== 'number' || x.visible === false)) continue;
    out.push({ values: pair.map(x => x.value), label: pair[0].label, color: pair[0].color, fill: pair[0].fill, yAxis: pair[0].yAxis });
  }
  return out;
}

async function drawMetrics(el) {
  const [list, alarms, dashboards] = await Promise.all([getJson(API + 'metrics'), getJson(API + 'alarms'), getJson(API + 'dashboards')]);
  const select = el.querySelector('#cw-metric');
  const keys = list.metrics.map(m => JSON.stringify(m));
  if (select.dataset.key !== JSON.stringify(keys)) {
    select.dataset.key = JSON.stringify(keys);
    select.replaceChildren(h('option', { value: '' }, list.metrics.length ? 'choose a metric' : 'no metric yet'),
      ...list.metrics.map((m, i) => h('option', { value: keys[i], selected: keys[i] === state.metric },
        m.accountId + ' ' + m.region + ' · ' + describe(m))));
  }
  const stat = el.querySelector('#cw-stat').value, minutes = +el.querySelector('#cw-window').value;
  // at most 1,440 periods, as GetMetricStatistics answers
  let period = +el.querySelector('#cw-period').value;
  while (minutes * 60 / period > 1440) period *= 2;
  const m = state.metric && keys.includes(state.metric) ? JSON.parse(state.metric) : null;
  const data = m ? await getJson(API + 'metric-data?' + metricQuery(m, stat, period, minutes)) : null;
  const boards = await Promise.all(dashboards.dashboards.map(d => dashboardData(d, alarms.alarms)));
  if (unchanged(el, data, alarms, boards.map(b => b.key), state.metric, stat, period, minutes)) return;
  el.querySelector('#cw-chart').replaceChildren(data ? metricChart(describe(m) + ' in ' + m.accountId + ' ' + m.region,
    [{ label: m.name, data }], 'cw-main') : h('p', { class: 'empty-note' }, 'Choose a metric to chart it.'));
  el.querySelector('#cw-alarms').replaceChildren(alarms.alarms.length ? table(['Alarm', 'State', 'Account', 'Region', 'Metric', 'Condition', 'Reason', 'Updated'],
    alarms.alarms.map(a => h('tr', { 'data-alarm': a.name }, h('td', {}, a.name),
      h('td', {}, h('span', { class: 'state state-' + a.state.toLowerCase(), 'data-state': a.state }, a.state)),
      h('td', {}, a.accountId), h('td', {}, a.region), h('td', {}, a.metric ? a.namespace + ' ' + a.metric : a.type),
      h('td', {}, a.comparison ? a.statistic + ' ' + a.comparison + ' ' + a.threshold : ''), h('td', {}, a.reason), h('td', {}, a.updated))))
    : h('p', { class: 'empty-note' }, 'No alarm.'));
  el.querySelector('#cw-dashboards').replaceChildren(...(boards.length ? boards.map(b => b.node)
    : [h('p', { class: 'empty-note' }, 'No dashboard (PutDashboard stores one).')]));
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('cw-metric').addEventListener('change', e => { state.metric = e.target.value; refresh(); });
  for (const id of ['cw-stat', 'cw-period', 'cw-window']) document.getElementById(id).addEventListener('change', () => refresh());
});
