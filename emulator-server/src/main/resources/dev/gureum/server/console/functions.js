// The functions view: every function of every account, its execution environments, what Lambda published
// to CloudWatch for it, and its newest log stream as it is written.
'use strict';

state.logsOf = null;

function ms(x) { return x === undefined || x === null ? '—' : (x < 10 ? x.toFixed(2) : Math.round(x)) + ' ms'; }

async function drawFunctions(el) {
  const [f, logs] = await Promise.all([getJson(API + 'functions'),
    state.logsOf ? getJson(API + 'function-logs?functionArn=' + encodeURIComponent(state.logsOf)).catch(() => null) : null]);
  const shown = f.functions.map(x => [x.arn, x.state, x.metrics, x.environments.map(e => [e.id, e.state, e.requestId])]);
  if (unchanged(el, shown, logs, state.logsOf)) return;
  const hours = f.windowMinutes / 60;
  el.querySelector('#fn-body').replaceChildren(...(f.functions.length ? f.functions.map(fn => {
    const m = fn.metrics;
    return h('div', { class: 'function', 'data-function': fn.name, 'data-arn': fn.arn },
      h('h3', {}, fn.name, ' ', h('span', { class: 'muted' }, fn.runtime + ' · account ' + fn.accountId + ' · ' + fn.region)),
      m ? h('p', { class: 'counts' },
        h('span', { 'data-metric': 'invocations' }, m.invocations), ' invocations, ',
        h('span', { 'data-metric': 'errors', class: m.errors ? 'status-error' : null }, m.errors), ' errors, ',
        h('span', { 'data-metric': 'throttles' }, m.throttles), ' throttles in the last ' + hours + ' h; duration ',
        h('span', { 'data-metric': 'average' }, ms(m.averageDurationMillis)), ' on average, ',
        h('span', { 'data-metric': 'recent' }, ms(m.recentDurationMillis)), ' in the latest minute')
        : h('p', { class: 'empty-note' }, 'CloudWatch is off: no AWS/Lambda metrics.'),
      h('p', {}, fn.environments.length ? fn.environments.map(env => h('span', { class: 'env ' + env.state, 'data-state': env.state,
        title: env.runtime + ', pid ' + env.pid + ', log stream ' + env.logStream },
      env.state + ' · ' + env.runtime + (env.requestId ? ' · ' + env.requestId : ''))) : 'No execution environment.'),
      h('button', { type: 'button', 'data-logs': fn.name, 'aria-pressed': String(state.logsOf === fn.arn),
        'aria-controls': 'fn-logs', onclick: () => { state.logsOf = state.logsOf === fn.arn ? null : fn.arn; refresh(); } },
      state.logsOf === fn.arn ? 'Hide logs' : 'Logs'));
  }) : [h('p', { class: 'empty-note' }, 'No function.')]));
  const panel = el.querySelector('#fn-logs');
  panel.hidden = !logs;
  if (!logs) return;
  panel.replaceChildren(h('h2', {}, 'Logs of ' + logs.functionArn.split(':')[6]),
    h('p', {}, 'Log group ' + logs.logGroup + (logs.stream ? ', newest stream ' : ''), logs.stream ? h('code', { id: 'fn-stream' }, logs.stream) : ''),
    logs.events.length ? h('ol', { class: 'log-events', 'aria-label': 'Log events, oldest first' }, logs.events.map(e =>
      h('li', {}, h('time', {}, e.timestamp.replace('T', ' ').replace('Z', '')), ' ', h('span', { class: 'message' }, e.message.replace(/\n$/, '')))))
      : h('p', { class: 'empty-note' }, 'No log event yet.'));
}
