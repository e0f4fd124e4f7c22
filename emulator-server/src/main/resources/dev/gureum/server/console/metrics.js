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
 * A chart of series ({label, data}), each answer of metric-data, as a figure: the SVG (an image whose name is
 * the caption), the caption with each series' latest, lowest and highest value, and the data points as a table.
 */
function metricChart(title, series, id) {
  const all = series.flatMap(s => s.data.datapoints.map(p => p.value));
  const first = series[0].data;
  const t0 = Date.parse(first.start), t1 = Date.parse(first.end);
  const max = Math.max(...all, 0), min = Math.min(...all, 0);
  const x = t => 50 + (Date.parse(t) - t0) / Math.max(1, t1 - t0) * 740;
  const y = v => 200 - (v - min) / (max - min || 1) * 180;
  const captionId = id + '-caption';
  const chart = svg('svg', { viewBox: '0 0 800 230', role: 'img', 'aria-labelledby': captionId, class: 'chart', preserveAspectRatio: 'none' });
  chart.append(svg('line', { x1: 50, y1: 200, x2: 790, y2: 200, stroke: '#888' }), svg('line', { x1: 50, y1: 20, x2: 50, y2: 200, stroke: '#888' }),
    svg('text', { x: 2, y: 24, 'font-size': 13 }, num(max)), svg('text', { x: 2, y: 200, 'font-size': 13 }, num(min)),
    svg('text', { x: 50, y: 222, 'font-size': 13 }, hhmm(first.start)), svg('text', { x: 750, y: 222, 'font-size': 13 }, hhmm(first.end)));
  const sentences = [];
  series.forEach((s, i) => {
    const pts = s.data.datapoints;
    const colourOf = 'hsl(' + (i * 137 % 360) + ' 70% 35%)';
    if (pts.length) {
      const line = svg('polyline', { points: pts.map(p => x(p.timestamp) + ',' + y(p.value)).join(' '), fill: 'none', stroke: colourOf, 'stroke-width': 3 });
      line.append(svg('title', {}, s.label));
      chart.append(line);
      for (const p of pts) chart.append(svg('circle', { cx: x(p.timestamp), cy: y(p.value), r: 3, fill: colourOf }));
      const values = pts.map(p => p.value);
      sentences.push(s.label + ': latest ' + num(values[values.length - 1]) + ' at ' + hhmm(pts[pts.length - 1].timestamp)
        + ', lowest ' + num(Math.min(...values)) + ', highest ' + num(Math.max(...values)) + ' (' + pts.length + ' periods)');
    } else {
      sentences.push(s.label + ': no data');
    }
  });
  const unit = first.unit && first.unit !== 'None' ? ', ' + first.unit : '';
  const caption = h('figcaption', { id: captionId }, title + ' — ' + first.stat + ' per ' + first.period + ' s' + unit + ', '
    + hhmm(first.start) + '–' + hhmm(first.end) + ' UTC. ' + sentences.join('; ') + '.');
  const points = h('details', {}, h('summary', {}, 'Data points'), table(['Series', 'Period start', 'Value'],
    series.flatMap(s => s.data.datapoints.map(p => h('tr', {}, h('td', {}, s.label), h('td', {}, p.timestamp), h('td', { class: 'num' }, num(p.value)))))));
  return h('figure', { class: 'metric-chart', 'data-chart': title }, chart, caption, points);
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
  const boards = await Promise.all(dashboards.dashboards.map(d => dashboardData(d)));
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

/** A dashboard's minutes to show: its body's relative "start" (-PT3H, -P1D...), else 3 hours. */
function dashboardMinutes(body) {
  const m = /^-P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(body.start || '');
  const minutes = m ? (+(m[1] || 0)) * 1440 + (+(m[2] || 0)) * 60 + (+(m[3] || 0)) : 0;
  return Math.min(minutes || 180, 15 * 1440);
}

/** The metrics of a metric widget, "." repeating the row before's value, as the dashboard body's format has it. */
function widgetMetrics(props, accountId) {
  const rows = [];
  let before = [];
  for (const row of props.metrics || []) {
    if (!Array.isArray(row)) continue;
    const last = row[row.length - 1];
    const options = last && typeof last === 'object' && !Array.isArray(last) ? last : {};
    if (options.expression) { rows.push({ expression: options.expression, label: options.label || options.expression }); continue; }
    const parts = row.filter(v => typeof v === 'string').map((v, i) => v === '.' ? before[i] : v);
    before = parts;
    const [namespace, name, ...rest] = parts;
    const dimensions = [];
    for (let i = 0; i + 1 < rest.length; i += 2) dimensions.push({ name: rest[i], value: rest[i + 1] });
    rows.push({ accountId, region: options.region || props.region || 'us-east-1', namespace, name, dimensions,
      stat: options.stat || props.stat || 'Average', period: options.period || props.period || 300, label: options.label || name });
  }
  return rows;
}

async function dashboardData(d) {
  const minutes = dashboardMinutes(d.body);
  const widgets = await Promise.all((d.body.widgets || []).map(async (w, i) => {
    const props = w.properties || {};
    const box = (cls, ...children) => h('div', { class: 'widget ' + cls, 'data-widget': w.type, style: null }, ...children);
    if (w.type === 'text') {
      return { key: ['text', props.markdown], node: box('text-widget', h('div', { class: 'markdown' }, props.markdown || '')) };
    }
    if (w.type !== 'metric') {
      return { key: ['other', w.type], node: box('placeholder', h('p', {}, 'A "' + w.type + '" widget' + (props.title ? ' (' + props.title + ')' : '')
        + ': the console draws metric and text widgets only.')) };
    }
    const metrics = widgetMetrics(props, d.accountId);
    const series = [];
    for (const m of metrics.filter(x => !x.expression && x.namespace && x.name)) {
      let period = Math.max(60, Math.round(m.period / 60) * 60);
      while (minutes * 60 / period > 1440) period *= 2;
      const data = await getJson(API + 'metric-data?' + metricQuery(m, ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']
        .includes(m.stat) ? m.stat : 'Average', period, minutes)).catch(() => null);
      if (data) series.push({ label: m.label, data });
    }
    const title = props.title || metrics.map(m => m.label).join(', ') || 'metric widget';
    const skipped = metrics.filter(x => x.expression).map(x => x.label);
    return { key: ['metric', series.map(s => s.data.datapoints), title],
      node: box('metric-widget', series.length ? metricChart(title, series, 'cw-' + d.name.replace(/\W/g, '-') + '-' + i)
        : h('p', { class: 'empty-note' }, title + ': no metric to draw.'),
      skipped.length ? h('p', { class: 'empty-note' }, 'Metric math not drawn: ' + skipped.join(', ')) : null) };
  }));
  return { key: [d.accountId, d.name, d.lastModified, widgets.map(w => w.key)],
    node: h('section', { class: 'dashboard', 'data-dashboard': d.name, 'aria-label': 'Dashboard ' + d.name },
      h('h3', {}, d.name, ' ', h('span', { class: 'muted' }, 'account ' + d.accountId + ' · last ' + (minutes >= 60 ? minutes / 60 + ' h' : minutes + ' min'))),
      h('div', { class: 'widgets' }, widgets.map(w => w.node))) };
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('cw-metric').addEventListener('change', e => { state.metric = e.target.value; refresh(); });
  for (const id of ['cw-stat', 'cw-period', 'cw-window']) document.getElementById(id).addEventListener('change', () => refresh());
});
