// The functions view: every function of every account, its execution environments, what Lambda published
// to CloudWatch for it, and its newest log stream as it is written.
'use strict';

state.logsOf = null;

function ms(x) { return x === undefined || x === null ? '—' : (x < 10 ? x.toFixed(2) : Math.round(x)) + ' ms'; }

async function drawFunctions(el) {
  const [f, logs] = await Promise.all([getJson(API + 'functions'),
    state.logsOf ? getJson(API + 'function-logs?functionArn=' + encodeURIComponent(state.logsOf)).catch(() => null) : null]);
  const keys = f.functions.map(x => JSON.stringify([x.arn, x.runtime, x.state, x.metrics, state.logsOf === x.arn,
    x.environments.map(e => [e.id, e.state, e.requestId, e.runtime, e.pid, e.logStream])]));
  if (unchanged(el, keys, logs, state.logsOf)) return;
  const hours = f.windowMinutes / 60;
  const body = el.querySelector('#fn-body');
  if (!f.functions.length) {
    body.replaceChildren(h('p', { class: 'empty-note' }, 'No function.'));
  } else {
    // only the functions that changed are drawn anew: with a hundred of them, most stay as they are
    const shown = new Map([...body.children].filter(c => c.dataset.arn).map(c => [c.dataset.arn, c]));
    const nodes = f.functions.map((fn, i) => {
      const old = shown.get(fn.arn);
      if (old && old.dataset.shown === keys[i]) return old;
      const node = drawFunction(fn, hours);
      node.dataset.shown = keys[i];
      if (old) old.replaceWith(node);
      return node;
    });
    nodes.forEach((node, i) => {
      if (body.children[i] !== node) body.insertBefore(node, body.children[i] || null);
    });
    while (body.children.length > nodes.length) body.lastElementChild.remove();
  }
  const panel = el.querySelector('#fn-logs');
  panel.hidden = !logs;
  if (!logs) return;
  panel.replaceChildren(h('h2', {}, 'Logs of ' + logs.functionArn.split(':')[6]),
    h('p', {}, 'Log group ' + logs.logGroup + (logs.stream ? ', newest stream ' : ''), logs.stream ? h('code', { id: 'fn-stream' }, logs.stream) : ''),
    logs.events.length ? h('ol', { class: 'log-events', 'aria-label': 'Log events, oldest first' }, logs.events.map(e =>
      h('li', {}, h('time', {}, e.timestamp.replace('T', ' ').replace('Z', '')), ' ', h('span', { class: 'message' }, e.message.replace(/\n$/, '')))))
      : h('p', { class: 'empty-note' }, 'No log event yet.'));
}

/** One function: its counts, its execution environments and its Logs button. */
function drawFunction(fn, hours) {
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
}
