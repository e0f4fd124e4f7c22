// Gureum's console: every view is drawn from Gureum's JSON endpoints, and redrawn when the server says
// (Server-Sent Events) that a service it shows has changed.
'use strict';

const API = '/_gureum/console/api/';
const VIEWS = {
  datacenter: { services: ['ec2', 'autoscaling'], tick: true, draw: drawDataCenter },
  scaling: { services: ['elb', 'autoscaling', 'ec2', 'cloudwatch'], tick: true, draw: drawScaling },
  messaging: { services: ['sqs', 'sns', 'lambda'], tick: true, draw: drawMessaging },
  storage: { services: ['s3'], draw: drawStorage },
  functions: { services: ['lambda', 'logs', 'cloudwatch'], tick: true, draw: el => drawFunctions(el) },
  metrics: { services: ['cloudwatch', 'lambda'], tick: true, draw: el => drawMetrics(el) },
  bill: { services: ['ec2'], tick: true, draw: drawBill },
  requests: { services: null, draw: drawRequests },
  clockview: { services: [], tick: true, draw: drawClock },
};
const state = { view: null, busy: false, again: false, account: '', region: '', selected: null, bucket: null,
  prefix: '', billSamples: [], requests: [], lastRequest: -1, hosts: null, usage: null };

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'color') el.style.background = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Whether what a view would draw is what it shows already: redrawing it would only lose the focus. */
function unchanged(el, ...parts) {
  const key = JSON.stringify(parts);
  if (el.dataset.key === key) return true;
  el.dataset.key = key;
  state.redrawn = true;
  return false;
}

function token() { return sessionStorage.getItem('gureum-admin-token'); }

async function getJson(path) {
  const headers = token() ? { Authorization: 'Bearer ' + token() } : {};
  const r = await fetch(path, { headers, cache: 'no-store' });
  if (r.status === 401 || r.status === 403) document.getElementById('token').hidden = false;
  if (!r.ok) {
    let message = r.status + ' ' + r.statusText;
    try { message = (await r.json()).message || message; } catch (e) { /* not JSON */ }
    throw new Error(path + ': ' + message);
  }
  return r.json();
}

async function post(path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (token()) headers.Authorization = 'Bearer ' + token();
  const r = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body || {}) });
  const answer = await r.json().catch(() => ({}));
  if (!r.ok) {
    if (r.status === 401 || r.status === 403) document.getElementById('token').hidden = false;
    showError(answer.message || (r.status + ' ' + r.statusText));
    return null;
  }
  showError(null);
  refresh();
  return answer;
}

function showError(message) {
  const el = document.getElementById('error');
  el.hidden = !message;
  el.textContent = message || '';
}

function table(headers, rows, caption) {
  return h('table', {}, caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map(t => h('th', { scope: 'col', class: /^(visible|in flight|delayed|keys|size|ebs volumes|total cost|ms)$/i.test(t) ? 'num' : null }, t)))),
    h('tbody', {}, rows));
}

function money(x) { return '$' + (x || 0).toFixed(x < 1 ? 6 : 2); }

/** A colour per account, the same on every view. */
function colour(account) {
  let n = 0;
  for (const ch of String(account)) n = (n * 31 + ch.charCodeAt(0)) >>> 0;
  return 'hsl(' + (n % 360) + ' 70% 72%)';
}

// ---- the views ----

async function drawDataCenter(el) {
  // the bill is only shown in an instance's details
  const [hosts, usage] = await Promise.all([getJson('/_gureum/ec2/hosts'),
    state.selected ? getJson('/_gureum/ec2/usage') : Promise.resolve(null)]);
  state.hosts = hosts; state.usage = usage;
  if (unchanged(el, hosts, state.account, state.region, document.getElementById('dc-empty').checked)) {
    if (state.selected) showInstance(state.selected);
    return;
  }
  const accounts = new Set(), regions = new Set();
  for (const host of hosts.hosts) {
    regions.add(host.region);
    for (const vm of host.instances) accounts.add(vm.accountId);
    if (host.ownerAccountId) accounts.add(host.ownerAccountId);
  }
  fillSelect('dc-account', accounts, state.account);
  fillSelect('dc-region', regions, state.region);
  const legend = document.getElementById('dc-legend');
  legend.replaceChildren(...[...accounts].sort().map(a =>
    h('span', { class: 'swatch' }, h('i', { color: colour(a), 'aria-hidden': 'true', 'data-account': a }), 'account ' + a)));
  const showEmpty = document.getElementById('dc-empty').checked;
  const byRegion = new Map();
  let shown = 0, emptyHosts = 0;
  for (const host of hosts.hosts) {
    if (state.region && host.region !== state.region) continue;
    const vms = host.instances.filter(vm => !state.account || vm.accountId === state.account);
    const dedicated = host.tenancy === 'host' || !!host.ownerAccountId;
    if (!vms.length && !(dedicated && (!state.account || host.ownerAccountId === state.account))) {
      emptyHosts++;
      if (!showEmpty) continue;
    }
    if (!byRegion.has(host.region)) byRegion.set(host.region, new Map());
    const zones = byRegion.get(host.region);
    if (!zones.has(host.availabilityZone)) zones.set(host.availabilityZone, []);
    zones.get(host.availabilityZone).push(rack(host, vms, dedicated));
    shown++;
  }
  const out = [];
  for (const [region, zones] of [...byRegion].sort()) {
    out.push(h('div', { class: 'region' }, h('h2', {}, region),
      [...zones].sort().map(([zone, racks]) => h('div', { class: 'zone', role: 'group', 'aria-label': zone },
        h('h3', {}, zone), racks))));
  }
  if (!shown) out.push(h('p', { class: 'empty-note' }, 'No instance runs' + (state.account ? ' in account ' + state.account : '') + '.'));
  out.push(h('p', { class: 'empty-note' }, hosts.hosts.length + ' hosts in the data center, ' + emptyHosts + ' without instances'
    + (showEmpty ? '' : ' (hidden)') + '.'));
  el.querySelector('#dc-body').replaceChildren(...out);
  if (state.selected) showInstance(state.selected);
}

function fillSelect(id, values, current) {
  const select = document.getElementById(id);
  const wanted = ['', ...[...values].sort()];
  if ([...select.options].map(o => o.value).join() === wanted.join()) return;
  select.replaceChildren(...wanted.map(v => h('option', { value: v, selected: v === current }, v || 'all')));
}

function rack(host, vms, dedicated) {
  const usedPct = Math.round(100 * host.usedVcpus / host.vcpus);
  const label = 'Host ' + host.id + ', ' + host.instanceFamily + ' family, ' + host.usedVcpus + ' of ' + host.vcpus
    + ' vCPUs used' + (dedicated ? ', dedicated host' + (host.ownerAccountId ? ' of account ' + host.ownerAccountId : '') : '');
  const bar = h('div', { class: 'bar', role: 'img', 'aria-label': usedPct + '% of vCPUs used' }, h('span'));
  bar.firstChild.style.width = usedPct + '%';
  return h('div', { class: 'rack' + (dedicated ? ' dedicated' : ''), 'data-host': host.id, title: label },
    h('span', { class: 'head' }, host.id, h('br'), host.instanceFamily + ' · ' + host.usedVcpus + '/' + host.vcpus + ' vCPU · '
      + Math.round(host.usedMemoryMiB / 1024) + '/' + Math.round(host.memoryMiB / 1024) + ' GiB' + (dedicated ? ' · dedicated' : '')),
    bar,
    h('div', { class: 'slots' }, vms.map(vm => h('button', {
      type: 'button', class: 'vm' + (vm.lifecycle === 'spot' ? ' spot' : '') + (state.selected === vm.instanceId ? ' selected' : ''),
      color: colour(vm.accountId), 'data-instance': vm.instanceId, 'data-account': vm.accountId,
      'aria-label': vm.instanceId + ', ' + vm.instanceType + ', account ' + vm.accountId + (vm.lifecycle === 'spot' ? ', Spot' : ''),
      title: vm.instanceId + ' (' + vm.instanceType + ', account ' + vm.accountId + ')',
      onclick: () => showInstance(vm.instanceId),
    }, vm.lifecycle === 'spot' ? 'S' : vm.vcpus))));
}

async function showInstance(instanceId) {
  if (!state.usage || state.selected !== instanceId) state.usage = await getJson('/_gureum/ec2/usage').catch(() => null);
  state.selected = instanceId;
  const panel = document.getElementById('dc-details');
  let host = null, vm = null;
  for (const x of state.hosts ? state.hosts.hosts : []) {
    const found = x.instances.find(i => i.instanceId === instanceId);
    if (found) { host = x; vm = found; break; }
  }
  let bill = null;
  for (const a of state.usage ? state.usage.accounts : []) {
    bill = a.instances.find(i => i.instanceId === instanceId) || bill;
  }
  if (!vm && !bill) { panel.hidden = true; state.selected = null; return; }
  const eni = vm ? vm.networkInterfaces : [];
  const rows = [
    ['Instance', instanceId], ['State', bill ? bill.state : 'running'],
    ['Type', vm ? vm.instanceType + ' (' + vm.vcpus + ' vCPUs, ' + vm.memoryMiB / 1024 + ' GiB)' : bill.instanceType],
    ['Account', vm ? vm.accountId : ''], ['Host', host ? host.id + ' in ' + host.availabilityZone : '—'],
    ['Pricing', bill ? bill.purchaseOption + (bill.tenancy && bill.tenancy !== 'default' ? ', ' + bill.tenancy + ' tenancy' : '') : (vm.lifecycle)],
    ['Price', bill ? money(bill.ratePerHour) + ' per hour' : '—'], ['Cost so far', bill ? money(bill.cost) : '—'],
    ['Private IPs', eni.map(e => e.privateIpAddress).join(', ') || '—'],
    ['Public IP', eni.map(e => e.publicIp).filter(x => x).join(', ') || '—'],
    ['Interfaces', eni.map(e => e.networkInterfaceId + ' (' + e.subnetId + ')').join(', ') || '—'],
    ['Volumes', vm ? vm.volumes.map(v => v.volumeId + ' ' + v.volumeType + ' ' + v.sizeGiB + ' GiB').join(', ') || '—' : '—'],
    ['History', bill ? bill.periods.map(p => p.purchaseOption + ' from ' + p.start + (p.end ? ' to ' + p.end : '')).join('; ') : '—'],
  ];
  if (unchanged(panel, rows) && !panel.hidden) return;
  panel.replaceChildren(h('h2', {}, 'Instance ' + instanceId),
    h('dl', {}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('div', { class: 'buttons' },
      vm ? h('button', { type: 'button', id: 'terminate', onclick: () => {
        if (confirm('Terminate ' + instanceId + '?')) post(API + 'terminate-instance',
          { accountId: vm.accountId, region: host.region, instanceId });
      } }, 'Terminate') : null,
      h('button', { type: 'button', onclick: closeDetails }, 'Close')));
  panel.hidden = false;
  document.querySelectorAll('.vm.selected').forEach(b => b.classList.remove('selected'));
  const button = document.querySelector('.vm[data-instance="' + instanceId + '"]');
  if (button) button.classList.add('selected');
}

function closeDetails() {
  const panel = document.getElementById('dc-details');
  panel.hidden = true;
  delete panel.dataset.key;
  const button = document.querySelector('.vm[data-instance="' + state.selected + '"]');
  state.selected = null;
  if (button) { button.classList.remove('selected'); button.focus(); }
}

async function drawScaling(el) {
  const [elb, asg] = await Promise.all([getJson('/_gureum/elb').catch(() => ({ loadBalancers: [] })),
    getJson(API + 'scaling')]);
  if (unchanged(el, elb, asg)) return;
  el.querySelector('#sc-groups').replaceChildren(...(asg.groups.length ? asg.groups.map(g =>
    h('div', { class: 'fanout', 'data-group': g.name },
      h('h3', {}, g.name + ' (account ' + g.accountId + ', ' + g.region + ')'),
      h('p', {}, 'Desired ', h('strong', { 'data-size': 'desired' }, g.desiredCapacity), ', minimum ',
        h('span', { 'data-size': 'min' }, g.minSize), ', maximum ', h('span', { 'data-size': 'max' }, g.maxSize),
        '; ', h('span', { 'data-size': 'instances' }, g.instances), ' instances', g.status ? ' (' + g.status + ')' : ''),
      g.policies.length ? h('p', {}, 'Policies: ', g.policies.map(p => p.name + ' (' + p.type
        + (p.alarms.length ? ', alarms ' + p.alarms.join(', ') : '') + ')').join('; ')) : null,
      g.activities.length ? table(['Started', 'Status', 'Alarm', 'Description', 'Cause'], g.activities.map(a =>
        h('tr', { 'data-activity': a.id }, h('td', {}, a.startTime), h('td', {}, a.statusCode),
          h('td', { 'data-alarm': a.alarm || '' }, a.alarm || ''), h('td', {}, a.description), h('td', {}, a.cause))),
      'Activities of ' + g.name) : h('p', { class: 'empty-note' }, 'No activity.')))
    : [h('p', { class: 'empty-note' }, 'No Auto Scaling group.')]));
  const rows = (elb.loadBalancers || []).map(lb => h('tr', {},
    h('td', {}, lb.name), h('td', {}, lb.account), h('td', {}, lb.region), h('td', {}, lb.type), h('td', {}, lb.state),
    h('td', {}, (lb.listeners || []).map(l => l.protocol + ':' + l.port).join(', ')), h('td', {}, lb.dnsName)));
  el.querySelector('#sc-body').replaceChildren(rows.length
    ? table(['Name', 'Account', 'Region', 'Type', 'State', 'Listeners', 'DNS name'], rows)
    : h('p', { class: 'empty-note' }, 'No load balancer.'));
}

async function drawMessaging(el) {
  const asked = state.peek;
  const [m, peek] = await Promise.all([getJson(API + 'messaging'), asked
    ? getJson(API + 'queue-messages?queueArn=' + encodeURIComponent(asked)).catch(() => null) : null]);
  // a queue gone ends its peek; a peek chosen while this drawing fetched stays for the next
  if (!peek && state.peek === asked) state.peek = null;
  if (unchanged(el, m, peek)) return;
  drawPeek(el.querySelector('#ms-peek'), peek);
  const queueRows = m.queues.map(q => h('tr', { 'data-queue': q.name },
    h('td', {}, q.name), h('td', {}, q.accountId), h('td', {}, q.region),
    h('td', { class: 'num', 'data-count': 'visible' }, q.visible), h('td', { class: 'num' }, q.inFlight),
    h('td', { class: 'num' }, q.delayed),
    h('td', {}, q.deadLetterTargetArn ? q.deadLetterTargetArn.split(':').pop() + ' after ' + q.maxReceiveCount + ' receives' : ''),
    h('td', {}, h('button', { type: 'button', 'aria-label': 'Peek at ' + q.name, 'data-peek': q.name,
      'aria-pressed': state.peek === q.arn ? 'true' : 'false', onclick: () => {
        state.peek = state.peek === q.arn ? null : q.arn; refresh();
      } }, 'Peek'), ' ', h('button', { type: 'button', 'aria-label': 'Purge ' + q.name, onclick: () => {
      if (confirm('Delete every message of ' + q.name + '?')) post(API + 'purge-queue', { queueArn: q.arn });
    } }, 'Purge'))));
  el.querySelector('#ms-queues').replaceChildren(queueRows.length
    ? table(['Queue', 'Account', 'Region', 'Visible', 'In flight', 'Delayed', 'Dead-letter queue', ''], queueRows)
    : h('p', { class: 'empty-note' }, 'No queue.'));
  el.querySelector('#ms-topics').replaceChildren(...(m.topics.length ? m.topics.map(t => h('div', { class: 'fanout' },
    h('h3', {}, t.name + ' (account ' + t.accountId + ', ' + t.region + ')'),
    t.subscriptions.length ? h('ul', { 'aria-label': 'Subscriptions of ' + t.name }, t.subscriptions.map(s =>
      h('li', {}, s.protocol + ' ', h('code', {}, s.endpoint), s.confirmed ? '' : ' (pending confirmation)')))
      : h('p', { class: 'empty-note' }, 'No subscription.')))
    : [h('p', { class: 'empty-note' }, 'No topic.')]));
  el.querySelector('#ms-outbox').replaceChildren(m.outbox.length
    ? table(['Time', 'Protocol', 'To', 'Subject', 'Message'], m.outbox.slice().reverse().map(o => h('tr', {},
      h('td', {}, o.timestamp), h('td', {}, o.protocol), h('td', {}, o.endpoint), h('td', {}, o.subject || ''),
      h('td', {}, String(o.message || '').slice(0, 200)))))
    : h('p', { class: 'empty-note' }, 'Nothing sent by email, SMS or push.'));
}

/** A queue's newest messages, as a peek reads them: receiving none of them. */
function drawPeek(el, peek) {
  if (!peek) { el.replaceChildren(); return; }
  el.replaceChildren(h('h3', {}, 'Newest messages of ' + peek.name + ' (read without receiving them)'),
    peek.messages.length ? table(['Sent', 'Message id', 'Standing', 'Receives', 'Body'], peek.messages.map(x =>
      h('tr', { 'data-message': x.messageId }, h('td', {}, x.sent), h('td', {}, h('code', {}, x.messageId)),
        h('td', { 'data-standing': x.standing }, x.standing), h('td', { class: 'num' }, x.receiveCount),
        h('td', { class: 'body' }, String(x.body).slice(0, 500)))))
      : h('p', { class: 'empty-note' }, 'No message.'));
}

async function drawStorage(el) {
  const path = el.querySelector('#st-path');
  const body = el.querySelector('#st-body');
  if (!state.bucket) {
    const s = await getJson(API + 'storage');
    if (unchanged(el, s)) return;
    path.replaceChildren(h('strong', {}, 'Buckets'));
    body.replaceChildren(s.buckets.length ? table(['Bucket', 'Account', 'Region', 'Keys', 'Created'],
      s.buckets.map(b => h('tr', {}, h('td', {}, h('a', { href: '#', 'data-bucket': b.name, onclick: e => {
        e.preventDefault(); state.bucket = b.name; state.prefix = ''; refresh();
      } }, b.name)), h('td', {}, b.accountId), h('td', {}, b.region), h('td', { class: 'num' }, b.keys), h('td', {}, b.created))))
      : h('p', { class: 'empty-note' }, 'No bucket.'));
    return;
  }
  const s = await getJson(API + 'storage?bucket=' + encodeURIComponent(state.bucket) + '&prefix=' + encodeURIComponent(state.prefix));
  if (unchanged(el, s)) return;
  const crumbs = [h('a', { href: '#', onclick: e => { e.preventDefault(); state.bucket = null; refresh(); } }, 'Buckets'), ' / ',
    h('a', { href: '#', onclick: e => { e.preventDefault(); state.prefix = ''; refresh(); } }, s.bucket)];
  let acc = '';
  for (const part of s.prefix.split('/').filter(x => x)) {
    acc += part + '/';
    const p = acc;
    crumbs.push(' / ', h('a', { href: '#', onclick: e => { e.preventDefault(); state.prefix = p; refresh(); } }, part));
  }
  path.replaceChildren(...crumbs);
  const rows = s.prefixes.map(p => h('tr', {}, h('td', {}, h('a', { href: '#', 'data-prefix': p, onclick: e => {
    e.preventDefault(); state.prefix = p; refresh();
  } }, p.slice(s.prefix.length))), h('td', {}, 'folder'), h('td'), h('td')))
    .concat(s.objects.map(o => h('tr', { 'data-key': o.key }, h('td', {}, o.key.slice(s.prefix.length)),
      h('td', {}, o.contentType || ''), h('td', { class: 'num' }, o.size), h('td', {}, o.lastModified),
      h('td', {}, h('a', { href: objectUrl(s, o.key), download: o.key.slice(o.key.lastIndexOf('/') + 1), 'data-download': o.key,
        onclick: e => download(e, o.key.slice(o.key.lastIndexOf('/') + 1)) }, 'Download'),
        ' ', h('button', { type: 'button', 'data-delete': o.key, onclick: () => deleteObject(s, o.key) }, 'Delete')))));
  const upload = h('form', { class: 'upload', onsubmit: e => { e.preventDefault(); uploadObjects(s, e.target); } },
    h('label', {}, 'Upload to ' + (s.prefix || '/') + ' ', h('input', { type: 'file', id: 'st-file', multiple: true })),
    ' ', h('button', { type: 'submit', id: 'st-upload' }, 'Upload'));
  body.replaceChildren(upload, rows.length ? table(['Name', 'Type', 'Size', 'Last modified', 'Actions'], rows)
    : h('p', { class: 'empty-note' }, 'No object under this prefix.'),
  ...(s.truncated ? [h('p', { class: 'empty-note' }, 'Only the first 1000 keys are listed.')] : []));
}

/** An object's bytes, from the console's endpoint that reads them as the bucket's owner. */
function objectUrl(bucket, key) {
  return API + 'object?bucket=' + encodeURIComponent(bucket.bucket) + '&key=' + encodeURIComponent(key);
}

/** Under verified signatures a link cannot send the admin token: the bytes are fetched with it and saved. */
async function download(e, name) {
  if (!token()) return;
  e.preventDefault();
  const r = await fetch(e.currentTarget.href, { headers: { Authorization: 'Bearer ' + token() }, cache: 'no-store' });
  if (!r.ok) { showError((await r.json().catch(() => ({}))).message || r.status + ' ' + r.statusText); return; }
  const url = URL.createObjectURL(await r.blob());
  h('a', { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function deleteObject(bucket, key) {
  if (!confirm('Delete ' + key + ' from ' + bucket.bucket + '?')) return;
  await post(API + 'delete-object', { bucket: bucket.bucket, key });
}

async function uploadObjects(bucket, form) {
  for (const file of form.querySelector('input[type=file]').files) {
    const headers = { 'Content-Type': 'application/octet-stream' };
    if (token()) headers.Authorization = 'Bearer ' + token();
    const r = await fetch(API + 'upload?bucket=' + encodeURIComponent(bucket.bucket) + '&key='
      + encodeURIComponent(bucket.prefix + file.name) + '&contentType=' + encodeURIComponent(file.type || 'application/octet-stream'),
    { method: 'POST', headers, body: file });
    if (!r.ok) {
      if (r.status === 401 || r.status === 403) document.getElementById('token').hidden = false;
      showError('Upload of ' + file.name + ': ' + ((await r.json().catch(() => ({}))).message || r.status + ' ' + r.statusText));
      break;
    }
    showError(null);
  }
  form.reset();
  refresh();
}

async function drawBill(el) {
  const usage = await getJson('/_gureum/ec2/usage');
  const sample = { at: usage.asOf, accounts: {} };
  for (const a of usage.accounts) sample.accounts[a.accountId] = a.totalCost;
  state.billSamples.push(sample);
  state.redrawn = true;
  if (state.billSamples.length > 600) state.billSamples.shift();
  chart(document.getElementById('bill-chart'), state.billSamples);
  const rows = [];
  for (const a of usage.accounts) {
    const byOption = {};
    for (const i of a.instances) byOption[i.purchaseOption] = (byOption[i.purchaseOption] || 0) + i.cost;
    for (const d of a.dedicatedHosts) byOption['dedicated host'] = (byOption['dedicated host'] || 0) + d.cost;
    rows.push(h('tr', { 'data-account': a.accountId }, h('td', {}, h('span', { class: 'swatch' },
      h('i', { color: colour(a.accountId), 'aria-hidden': 'true' }), a.accountId)),
    h('td', {}, 'EC2'), h('td', {}, Object.entries(byOption).map(([k, v]) => k + ' ' + money(v)).join(', ') || '—'),
    h('td', { class: 'num' }, money(a.volumeCost)), h('td', { class: 'num', 'data-total': a.totalCost }, money(a.totalCost))));
  }
  el.querySelector('#bill-body').replaceChildren(h('p', {}, 'As of ' + usage.asOf + ' (server clock), in ' + usage.currency + '.'),
    rows.length ? table(['Account', 'Service', 'Instances and hosts by pricing model', 'EBS volumes', 'Total cost'], rows)
      : h('p', { class: 'empty-note' }, 'Nothing billed yet.'));
}

function chart(svg, samples) {
  const accounts = [...new Set(samples.flatMap(s => Object.keys(s.accounts)))];
  const max = Math.max(1e-9, ...samples.flatMap(s => Object.values(s.accounts)));
  const x = i => samples.length < 2 ? 0 : 40 + i * 750 / (samples.length - 1);
  const y = v => 240 - v / max * 220;
  const ns = 'http://www.w3.org/2000/svg';
  const el = (tag, attrs) => { const e = document.createElementNS(ns, tag); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; };
  const children = [el('line', { x1: 40, y1: 240, x2: 790, y2: 240, stroke: '#888' })];
  const label = el('text', { x: 2, y: 20, 'font-size': 14 });
  label.textContent = money(max);
  children.push(label);
  for (const a of accounts) {
    const points = samples.map((s, i) => x(i) + ',' + y(s.accounts[a] || 0)).join(' ');
    const line = el('polyline', { points, fill: 'none', stroke: colour(a).replace('72%', '40%'), 'stroke-width': 3 });
    const title = el('title', {});
    title.textContent = 'account ' + a + ': ' + money(samples[samples.length - 1].accounts[a] || 0);
    line.append(title);
    children.push(line);
  }
  svg.replaceChildren(...children);
  document.getElementById('bill-caption').textContent = 'Cost per account since this page was opened: ' + accounts.map(a =>
    a + ' ' + money(samples[samples.length - 1].accounts[a] || 0)).join(', ');
}

async function loadRequests() {
  const r = await getJson(API + 'requests?after=' + state.lastRequest);
  state.requests = state.requests.concat(r.requests).slice(-2000);
  state.lastRequest = r.last;
}

async function drawRequests(el) {
  const filter = document.getElementById('rq-filter').value.trim().toLowerCase();
  const errorsOnly = document.getElementById('rq-errors').checked;
  if (unchanged(el, filter, errorsOnly, state.lastRequest)) return;
  const rows = [];
  for (let i = state.requests.length - 1; i >= 0 && rows.length < 300; i--) {
    const r = state.requests[i];
    if (errorsOnly && r.status < 400) continue;
    const text = [r.service, r.operation, r.accountId, r.region, r.status, r.path].join(' ').toLowerCase();
    if (filter && !text.includes(filter)) continue;
    rows.push(h('tr', {}, h('td', {}, r.time.replace('T', ' ').replace('Z', '')), h('td', {}, r.service || '—'),
      h('td', {}, r.operation || r.method + ' ' + r.path), h('td', {}, r.accountId || 'anonymous'), h('td', {}, r.region || ''),
      h('td', { class: r.status >= 400 ? 'status-error' : null }, r.status), h('td', { class: 'num' }, r.durationMillis.toFixed(1))));
  }
  el.querySelector('#rq-body').replaceChildren(rows.length ? table(['Time', 'Service', 'Operation', 'Account', 'Region', 'Status', 'ms'], rows)
    : h('p', { class: 'empty-note' }, 'No request answered since this page was opened.'));
}

async function drawClock(el) {
  const c = await getJson('/_gureum/clock');
  if (unchanged(el, c)) return;
  el.querySelector('#ck-reading').replaceChildren(h('dt', {}, 'Server time'), h('dd', { id: 'ck-time' }, c.time),
    h('dt', {}, 'Ahead of real time'), h('dd', {}, c.offsetSeconds + ' s'), h('dt', {}, 'Speed'), h('dd', {}, '×' + c.speed));
}

async function drawHeaderClock() {
  const c = await getJson('/_gureum/clock');
  document.getElementById('clock').textContent = c.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')
    + (c.realTime ? '' : ' (×' + c.speed + ')');
}

// ---- refreshing ----

async function refresh() {
  if (state.busy) { state.again = true; return; }
  state.busy = true;
  try {
    do {
      state.again = false;
      // the view chosen now: another tab chosen meanwhile is drawn the next time round
      const name = state.view;
      await loadRequests().catch(() => {});
      await VIEWS[name].draw(document.getElementById(name));
      showError(null);
      if (state.redrawn) document.body.dataset.drawn = String(Date.now());
      state.redrawn = false;
      if (!document.body.dataset.firstDrawn) document.body.dataset.firstDrawn = String(Math.round(performance.now()));
    } while (state.again);
  } catch (e) {
    showError(e.message);
  } finally {
    state.busy = false;
  }
  // a view chosen while a drawing failed
  if (state.again) refresh();
}

function select(view) {
  state.view = view;
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.dataset.view === view;
    tab.setAttribute('aria-selected', on);
    tab.tabIndex = on ? 0 : -1;
    document.getElementById(tab.dataset.view).hidden = !on;
  }
  if (location.hash !== '#' + view) history.replaceState(null, '', '#' + view);
  refresh();
}

function connect() {
  const live = document.getElementById('live');
  const events = new EventSource(API + 'events');
  events.addEventListener('hello', () => { live.textContent = 'live'; live.classList.add('on'); refresh(); });
  events.addEventListener('change', e => {
    const changed = JSON.parse(e.data).services;
    const wanted = VIEWS[state.view].services;
    if (wanted === null || changed.includes('*') || changed.some(s => wanted.includes(s))) refresh();
    else loadRequests().catch(() => {});
  });
  events.addEventListener('tick', () => {
    drawHeaderClock().catch(() => {});
    if (VIEWS[state.view].tick) refresh();
  });
  events.onerror = () => { live.textContent = 'reconnecting…'; live.classList.remove('on'); };
  state.events = events;
}

document.addEventListener('DOMContentLoaded', () => {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab.dataset.view));
    tab.addEventListener('keydown', e => {
      const move = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (move) { const t = tabs[(i + move + tabs.length) % tabs.length]; t.focus(); select(t.dataset.view); }
    });
  });
  document.getElementById('dc-account').addEventListener('change', e => { state.account = e.target.value; refresh(); });
  document.getElementById('dc-region').addEventListener('change', e => { state.region = e.target.value; refresh(); });
  document.getElementById('dc-empty').addEventListener('change', refresh);
  document.getElementById('rq-filter').addEventListener('input', refresh);
  document.getElementById('rq-errors').addEventListener('change', refresh);
  document.getElementById('reset').addEventListener('click', () => {
    if (confirm('Delete every resource of every service?')) post('/_gureum/reset', {});
  });
  document.getElementById('token-save').addEventListener('click', () => {
    sessionStorage.setItem('gureum-admin-token', document.getElementById('token-input').value);
    document.getElementById('token').hidden = true;
    refresh();
  });
  for (const b of document.querySelectorAll('[data-advance]')) {
    b.addEventListener('click', () => post('/_gureum/clock', { advance: b.dataset.advance }).then(drawHeaderClock));
  }
  for (const b of document.querySelectorAll('[data-speed]')) {
    b.addEventListener('click', () => post('/_gureum/clock', { speed: Number(b.dataset.speed) }).then(drawHeaderClock));
  }
  document.querySelector('[data-realtime]').addEventListener('click', () => post('/_gureum/clock', { realTime: true }).then(drawHeaderClock));
  document.addEventListener('keydown', e => { if (e.key === 'Escape' && state.selected) closeDetails(); });
  window.addEventListener('hashchange', () => {
    const view = location.hash.slice(1);
    if (VIEWS[view] && view !== state.view) select(view);
  });
  const first = location.hash.slice(1);
  select(VIEWS[first] ? first : 'datacenter');
  drawHeaderClock().catch(() => {});
  connect();
  // a browser opens few connections to one server: a page it keeps for the back button must not hold one
  window.addEventListener('pagehide', () => state.events.close());
  window.addEventListener('pageshow', e => { if (e.persisted && state.events.readyState === EventSource.CLOSED) connect(); });
  // and Firefox reports a stream that leaving the page cuts as an error ("The connection to ... was interrupted
  // while the page was loading"): it is closed before, and opened again should the page stay
  window.addEventListener('beforeunload', () => {
    state.events.close();
    setTimeout(() => { if (state.events.readyState === EventSource.CLOSED) connect(); }, 1000);
  });
});
