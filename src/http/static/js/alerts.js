// Subgroup alerts for administrators (GET /api/v1/alerts?audience=administrator): which
// group, which metric, where, the one-sentence message, with Acknowledge. Paged by "Show more".
import { api, qs } from './api.js';
import { h, clear, when, alertKind, groupLabel, METRICS } from './dom.js';
import { ackButton, ackText } from './ack.js';

const KINDS = ['GAP_AP_UNDERREPRESENTED', 'GAP_AG_COMPLETION', 'GAP_WIDENING', 'GAP_ZERO_ACCESS'];

function ackCell(a, ctx, statusCell) {
  if (a.status !== 'open') return '';
  return ackButton(a, `${alertKind(a.kind)}, ${groupLabel(a.grouping, a.group)}`, (updated) => {
    statusCell.textContent = ackText(updated, when);
    statusCell.setAttribute('tabindex', '-1');
    statusCell.focus();
    ctx.announce(`Alert acknowledged: ${alertKind(a.kind)}.`);
  });
}

function row(a, ctx) {
  const statusCell = h('td', { 'data-label': 'Status' }, a.status === 'acknowledged' ? ackText(a, when) : a.status);
  const link = a.metric && a.grouping
    ? h('a', { href: `#/gaps${qs({ metric: a.metric, by: a.grouping, school: a.school || '' })}` }, 'chart')
    : '';
  return h('tr', { 'data-alert': String(a.id) },
    h('th', { scope: 'row', 'data-label': 'Kind' }, alertKind(a.kind)),
    h('td', { 'data-label': 'Group' }, a.grouping ? groupLabel(a.grouping, a.group) : '—'),
    h('td', { 'data-label': 'Metric' }, a.metric ? (METRICS[a.metric] || a.metric) : '—', link ? [' (', link, ')'] : ''),
    h('td', { 'data-label': 'School' }, a.school || 'All schools'),
    h('td', { 'data-label': 'Message', class: 'why' }, a.message),
    h('td', { 'data-label': 'Opened' }, when(a.opened)),
    statusCell,
    h('td', { 'data-label': 'Action' }, ackCell(a, ctx, statusCell)));
}

export async function alertsView(main, ctx) {
  const f = { kind: ctx.params.get('kind') || '', status: ctx.params.get('status') || 'open' };
  clear(main);
  main.appendChild(h('h1', { tabindex: '-1' }, 'Subgroup alerts'));
  const body = h('div', { id: 'alerts-body' });
  const reload = async () => {
    history.replaceState(null, '', `#/alerts${qs(f)}`);
    await load(body, f, ctx);
  };
  const sel = (id, label, value, options, key) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, onchange: (e) => { f[key] = e.target.value; reload(); } },
      options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
  main.appendChild(h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
    sel('a-kind', 'Kind', f.kind, [['', 'All kinds'], ...KINDS.map((k) => [k, alertKind(k)])], 'kind'),
    sel('a-status', 'Status', f.status, [['open', 'Open'], ['acknowledged', 'Acknowledged'], ['resolved', 'Resolved'], ['all', 'All']], 'status')));
  main.appendChild(body);
  await load(body, f, ctx);
}

async function load(body, f, ctx) {
  const params = { audience: 'administrator', kind: f.kind, status: f.status, limit: 100 };
  const first = await api(`/api/v1/alerts${qs(params)}`);
  if (ctx.stale()) return;
  clear(body);
  if (!first.alerts.length) {
    body.appendChild(h('p', { class: 'empty' }, 'No subgroup alerts match.'));
    return;
  }
  const tbody = h('tbody', {}, first.alerts.map((a) => row(a, ctx)));
  body.appendChild(h('div', { class: 'tablewrap' }, h('table', { class: 'alertlist responsive' },
    h('caption', { class: 'visually-hidden' }, 'Subgroup alerts'),
    h('thead', {}, h('tr', {}, ['Kind', 'Group', 'Metric', 'School', 'Message', 'Opened', 'Status', ''].map((t) => h('th', { scope: 'col' }, t)))),
    tbody)));
  let cursor = first.next_cursor;
  if (cursor) {
    const more = h('button', { type: 'button', class: 'secondary' }, 'Show more');
    more.addEventListener('click', async () => {
      const page = await api(`/api/v1/alerts${qs({ ...params, cursor })}`);
      page.alerts.forEach((a) => tbody.appendChild(row(a, ctx)));
      cursor = page.next_cursor;
      if (!cursor) more.remove();
    });
    body.appendChild(more);
  }
}
