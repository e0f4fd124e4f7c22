// The dashboards of the CloudWatch view, drawn from their PutDashboard bodies: metric widgets (their metrics
// and metric-math expressions read by the server as GetMetricData reads them) in the view the body names,
// alarm widgets with their alarms' states, and text widgets. Each drawing has a text alternative: a caption
// that says what it shows and a table of its values.
'use strict';

function enc(x) { return encodeURIComponent(x); }

/** A dashboard's minutes to show, for its heading: from the range the server read, else its body's start. */
function dashboardMinutes(data, body) {
  const w = data.widgets[0];
  if (w) return Math.round((Date.parse(w.end) - Date.parse(w.start)) / 60000);
  const m = /^-P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(body.start || '');
  return (m ? (+(m[1] || 0)) * 1440 + (+(m[2] || 0)) * 60 + (+(m[3] || 0)) : 0) || 180;
}

async function dashboardData(d, alarms) {
  const data = await getJson(API + 'dashboard-data?accountId=' + enc(d.accountId) + '&name=' + enc(d.name))
    .catch(e => ({ widgets: [], error: e.message }));
  const byIndex = new Map(data.widgets.map(w => [w.index, w]));
  const minutes = dashboardMinutes(data, d.body);
  const widgets = (d.body.widgets || []).map((w, i) => {
    const props = w.properties || {};
    const id = 'cw-' + d.name.replace(/\W/g, '-') + '-' + i;
    const box = (cls, ...children) => h('div', { class: 'widget ' + cls, 'data-widget': w.type, 'data-view': w.type === 'metric' ? props.view || 'timeSeries' : null }, ...children);
    if (w.type === 'text') {
      return { key: ['text', props.markdown], node: box('text-widget', h('div', { class: 'markdown' }, props.markdown || '')) };
    }
    if (w.type === 'alarm') {
      const shown = alarmRows(props, alarms);
      return { key: ['alarm', props, shown], node: box('alarm-widget', alarmWidget(props, shown, id)) };
    }
    if (w.type !== 'metric') {
      const why = w.type === 'log' ? ': Gureum\'s CloudWatch Logs has no Logs Insights queries (StartQuery) to draw it.'
        : ': the console draws metric, alarm and text widgets only.';
      return { key: ['other', w.type, props.title], node: box('placeholder', h('p', {}, 'A "' + w.type + '" widget'
        + (props.title ? ' (' + props.title + ')' : '') + why)) };
    }
    const wd = byIndex.get(i);
    // the range moves every second: redrawn when its minutes do, or the data
    const shown = wd ? { ...wd, start: hhmm(wd.start), end: hhmm(wd.end) } : null;
    return { key: ['metric', props, shown], node: box('metric-widget', metricWidget(props, wd, id, data.error)) };
  });
  return { key: [d.accountId, d.name, d.lastModified, widgets.map(w => w.key)],
    node: h('section', { class: 'dashboard', 'data-dashboard': d.name, 'aria-label': 'Dashboard ' + d.name },
      h('h3', {}, d.name, ' ', h('span', { class: 'muted' }, 'account ' + d.accountId + ' · last '
        + (minutes >= 60 ? Math.round(minutes / 6) / 10 + ' h' : minutes + ' min'))),
      h('div', { class: 'widgets' }, widgets.map(w => w.node))) };
}

/** A metric widget's drawing in its view: a chart over time (lines or stacked areas), a bar or pie chart, a gauge, or numbers. */
function metricWidget(props, wd, id, error) {
  const view = props.view || 'timeSeries';
  const title = props.title || (wd && wd.series.length ? wd.series.map(s => s.label).join(', ') : 'metric widget');
  if (!wd) return h('p', { class: 'status-error' }, title + ': ' + (error || 'no data'));
  if (wd.error) return h('p', { class: 'status-error', 'data-error': 'true' }, title + ': ' + wd.error);
  const series = wd.series;
  const notes = wd.messages.length ? h('p', { class: 'empty-note' }, wd.messages.join('; ')) : null;
  if (!series.length) return [h('p', { class: 'empty-note' }, title + ': no metric to draw.'), notes];
  let figure;
  if (view === 'singleValue') figure = singleValues(title, series, id, wd, props);
  else if (view === 'gauge') figure = gauges(title, series, id, wd, props);
  else if (view === 'bar') figure = barChart(title, series, id, wd, props);
  else if (view === 'pie') figure = pieChart(title, series, id, wd, props);
  else {
    figure = metricChart(title, series.map(s => ({ label: s.label, yAxis: s.yAxis, color: s.color,
      data: { start: wd.start, end: wd.end, stat: s.stat, period: s.period, datapoints: s.datapoints } })), id,
    { stacked: props.stacked === true, yAxis: props.yAxis, annotations: props.annotations });
  }
  return [figure, notes];
}

/** The page's policy refuses style attributes: a colour is set through the element's style object. */
function coloured(el, colour) { el.style.color = colour; return el; }

function colourOf(s, i) { return s.color || 'hsl(' + (i * 137 % 360) + ' 70% 35%)'; }

/** What one value of a series stands for: the latest period's, or the whole range's. */
function valueWords(props, wd) {
  return props.setPeriodToTimeRange ? 'over ' + hhmm(wd.start) + '–' + hhmm(wd.end) + ' UTC' : 'latest value';
}

/** The figure of a widget that shows one value per series: the drawing, its caption, and a table of the values. */
function valueFigure(title, series, id, wd, props, drawing, kind, extra) {
  const captionId = id + '-caption';
  // a drawing is an image named by the caption; numbers shown as text are read in the caption instead
  if (drawing instanceof SVGElement) { drawing.setAttribute('role', 'img'); drawing.setAttribute('aria-labelledby', captionId); }
  const words = series.map(s => s.label + ' ' + (s.value === null ? 'no data' : num(s.value)) + (extra ? extra(s) : ''));
  const caption = h('figcaption', { id: captionId }, title + ' — ' + kind + ', ' + valueWords(props, wd) + ': ' + words.join('; ') + '.');
  const values = h('details', {}, h('summary', {}, 'Values'), table(['Series', 'Value'], series.map(s =>
    h('tr', { 'data-series': s.id }, h('td', {}, s.label), h('td', { class: 'num' }, s.value === null ? '—' : num(s.value))))));
  return h('figure', { class: 'metric-chart', 'data-chart': title }, drawing, caption, values);
}

function singleValues(title, series, id, wd, props) {
  const numbers = h('div', { class: 'single-values', 'aria-hidden': 'true' }, series.map((s, i) =>
    h('div', { class: 'single-value' }, coloured(h('span', { class: 'value', 'data-value': s.id },
      s.value === null ? '—' : num(s.value)), colourOf(s, i)), h('span', { class: 'muted' }, s.label))));
  return valueFigure(title, series, id, wd, props, numbers, 'single values');
}

/** One gauge per series, from the left axis' min to its max (0 to 100 when the body gives none). */
function gauges(title, series, id, wd, props) {
  const axis = (props.yAxis && props.yAxis.left) || {};
  const min = typeof axis.min === 'number' ? axis.min : 0, max = typeof axis.max === 'number' ? axis.max : 100;
  const width = 220 * series.length;
  const drawing = svg('svg', { viewBox: '0 0 ' + width + ' 140', class: 'gauge' });
  series.forEach((s, i) => {
    const cx = 110 + i * 220, cy = 115, r = 90;
    const share = s.value === null ? 0 : Math.min(1, Math.max(0, (s.value - min) / (max - min || 1)));
    const at = f => [cx - r * Math.cos(Math.PI * f), cy - r * Math.sin(Math.PI * f)];
    const [ex, ey] = at(share);
    drawing.append(svg('path', { d: 'M' + (cx - r) + ',' + cy + ' A' + r + ',' + r + ' 0 0 1 ' + (cx + r) + ',' + cy, fill: 'none', stroke: '#e3e3e3', 'stroke-width': 18 }));
    if (share > 0) drawing.append(svg('path', { d: 'M' + (cx - r) + ',' + cy + ' A' + r + ',' + r + ' 0 0 1 ' + ex + ',' + ey, fill: 'none', stroke: colourOf(s, i), 'stroke-width': 18, 'data-gauge': s.id }));
    drawing.append(svg('text', { x: cx, y: cy - 10, 'font-size': 26, 'text-anchor': 'middle' }, s.value === null ? '—' : num(s.value)),
      svg('text', { x: cx - r, y: cy + 20, 'font-size': 12, 'text-anchor': 'middle' }, num(min)),
      svg('text', { x: cx + r, y: cy + 20, 'font-size': 12, 'text-anchor': 'middle' }, num(max)),
      svg('text', { x: cx, y: cy + 20, 'font-size': 12, 'text-anchor': 'middle' }, s.label));
  });
  return valueFigure(title, series, id, wd, props, drawing, 'gauge from ' + num(min) + ' to ' + num(max));
}

function barChart(title, series, id, wd, props) {
  const values = series.map(s => s.value || 0);
  const max = Math.max(...values, 0), min = Math.min(...values, 0);
  const drawing = svg('svg', { viewBox: '0 0 800 ' + (30 * series.length + 20), class: 'bars', preserveAspectRatio: 'none' });
  const x = v => 250 + (v - min) / (max - min || 1) * 500;
  series.forEach((s, i) => {
    const from = x(Math.min(0, values[i])), to = x(Math.max(0, values[i]));
    drawing.append(svg('text', { x: 4, y: 30 * i + 30, 'font-size': 14 }, s.label),
      svg('rect', { x: from, y: 30 * i + 14, width: Math.max(1, to - from), height: 22, fill: colourOf(s, i), 'data-bar': s.id }),
      svg('text', { x: to + 4, y: 30 * i + 30, 'font-size': 13 }, s.value === null ? '—' : num(s.value)));
  });
  return valueFigure(title, series, id, wd, props, drawing, 'bar chart');
}

function pieChart(title, series, id, wd, props) {
  const values = series.map(s => Math.max(0, s.value || 0));
  const total = values.reduce((a, b) => a + b, 0);
  const drawing = svg('svg', { viewBox: '0 0 240 240', class: 'pie' });
  let angle = -Math.PI / 2;
  series.forEach((s, i) => {
    if (!values[i]) return;
    const share = values[i] / (total || 1);
    const next = angle + share * 2 * Math.PI;
    const p = a => (120 + 100 * Math.cos(a)) + ',' + (120 + 100 * Math.sin(a));
    drawing.append(share >= 0.9999 ? svg('circle', { cx: 120, cy: 120, r: 100, fill: colourOf(s, i), 'data-slice': s.id })
      : svg('path', { d: 'M120,120 L' + p(angle) + ' A100,100 0 ' + (share > 0.5 ? 1 : 0) + ' 1 ' + p(next) + ' Z', fill: colourOf(s, i), 'data-slice': s.id }));
    angle = next;
  });
  return valueFigure(title, series, id, wd, props, drawing, 'pie chart',
    s => ' (' + (total ? Math.round(Math.max(0, s.value || 0) / total * 1000) / 10 : 0) + '%)');
}

/** The alarms an alarm widget names (by ARN), in its states only, sorted as its sortBy says. */
function alarmRows(props, alarms) {
  const states = props.states && props.states.length ? props.states : null;
  const rows = (props.alarms || []).map(arn => alarms.find(a => a.arn === arn) || { arn, name: String(arn).split(':').pop(), missing: true })
    .filter(a => !states || (!a.missing && states.includes(a.state)));
  const order = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };
  if (props.sortBy === 'stateUpdatedTimestamp') {
    rows.sort((a, b) => (order[a.state] ?? 3) - (order[b.state] ?? 3) || String(b.updated).localeCompare(String(a.updated)));
  } else if (props.sortBy === 'timestamp') {
    rows.sort((a, b) => String(b.updated).localeCompare(String(a.updated)));
  } else {
    rows.sort((a, b) => a.name.localeCompare(b.name));
  }
  return rows.map(a => ({ arn: a.arn, name: a.name, state: a.state, reason: a.reason, updated: a.updated, missing: !!a.missing }));
}

function alarmWidget(props, rows, id) {
  const title = props.title || 'Alarm status';
  const list = rows.length ? table(['Alarm', 'State', 'Reason', 'Updated'], rows.map(a => h('tr', { 'data-alarm-widget': a.name },
    h('td', {}, a.name), h('td', {}, a.missing ? 'no such alarm'
      : h('span', { class: 'state state-' + a.state.toLowerCase(), 'data-state': a.state }, a.state)),
    h('td', {}, a.reason || ''), h('td', {}, a.updated || ''))))
    : h('p', { class: 'empty-note' }, 'No alarm' + (props.states && props.states.length ? ' in ' + props.states.join(' or ') : '') + '.');
  // the heading names the table
  list.setAttribute('aria-labelledby', id + '-title');
  return [h('h4', { id: id + '-title' }, title), list];
}
