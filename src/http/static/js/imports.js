// Import history (GET /api/v1/imports) and one import with its files and quarantined rows
// (GET /api/v1/imports/{id}), for administrators and importers.
import { api, qs } from './api.js';
import { h, clear, when } from './dom.js';

const OUTCOME = {
  applied: '✓ applied', applied_with_quarantine: '⚠ applied, rows quarantined', rejected: '✗ rejected',
  failed: '✗ failed', dry_run: 'dry run',
};

function outcome(o) {
  return h('span', { class: `status outcome-${o}` }, OUTCOME[o] || o);
}

function table(caption, cols, rows, cls = '') {
  return h('div', { class: 'tablewrap' }, h('table', { class: `responsive ${cls}` },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows)));
}

function cell(label, value, cls) {
  return h('td', { 'data-label': label, class: cls || null }, value === null || value === undefined ? '—' : value);
}

export async function importsView(main, ctx) {
  const page = await api('/api/v1/imports?limit=100');
  if (ctx.stale()) return;
  clear(main);
  main.appendChild(h('h1', { tabindex: '-1' }, 'Imports'));
  if (!page.imports.length) {
    main.appendChild(h('p', { class: 'empty' }, 'Nothing has been imported yet.'));
    return;
  }
  const rowOf = (i) => h('tr', { class: i.rows_quarantined ? 'has-quarantine' : '' },
    h('th', { scope: 'row', 'data-label': 'Import' }, h('a', { href: `#/imports/${i.import_id}` }, `#${i.import_id}`)),
    cell('Started', when(i.started_at)), cell('From', i.origin), cell('Mode', i.mode), cell('Outcome', outcome(i.outcome)),
    cell('Rows read', String(i.rows_read), 'num'), cell('Applied', String(i.rows_applied), 'num'),
    cell('Quarantined', i.rows_quarantined ? h('strong', {}, String(i.rows_quarantined)) : '0', 'num'),
    cell('Students evaluated', String(i.students_evaluated), 'num'),
    cell('Alerts opened / resolved', `${i.alerts_opened} / ${i.alerts_resolved}`, 'num'),
    cell('Seconds', i.seconds === null ? '—' : Number(i.seconds).toFixed(1), 'num'));
  const tbody = [page.imports.map(rowOf)];
  main.appendChild(table('Import history, newest first',
    ['Import', 'Started', 'From', 'Mode', 'Outcome', 'Rows read', 'Applied', 'Quarantined', 'Students evaluated', 'Alerts opened / resolved', 'Seconds'],
    tbody, 'imports'));
  if (page.next_cursor) main.appendChild(h('p', { class: 'help' }, 'Showing the latest 100 imports.'));
}

function quarantineRows(rows) {
  return rows.map((r) => h('tr', {},
    cell('File', r.file), cell('Line', String(r.line), 'num'), cell('Column', r.column || '—'),
    cell('Value', r.value ? h('code', {}, r.value) : '—'), cell('Kind', r.kind), cell('Reason', r.reason, 'why'),
    cell('Row as received', h('code', { class: 'raw' }, r.raw))));
}

export async function importView(main, id, ctx) {
  const d = await api(`/api/v1/imports/${encodeURIComponent(id)}${qs({ limit: 200 })}`);
  if (ctx.stale()) return;
  clear(main);
  const i = d.import;
  main.appendChild(h('p', { class: 'crumbs' }, h('a', { href: '#/imports' }, '← All imports')));
  main.appendChild(h('h1', { tabindex: '-1' }, `Import #${i.import_id}`));
  const fact = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
  main.appendChild(h('section', { class: 'card' }, h('h2', {}, 'Summary'),
    h('dl', { class: 'facts' },
      fact('Outcome', outcome(i.outcome)), fact('Message', i.message || '—'),
      fact('Started', when(i.started_at)), fact('Finished', when(i.finished_at)),
      fact('From', i.origin), fact('Mode', i.mode),
      fact('Rows', `${i.rows_read} read, ${i.rows_applied} applied, ${i.rows_changed} changed, ${i.rows_removed} removed, ${i.rows_quarantined} quarantined`),
      fact('Students re-evaluated', String(i.students_evaluated)),
      fact('Alerts', `${i.alerts_opened} opened, ${i.alerts_resolved} resolved`))));
  main.appendChild(h('section', { class: 'card' }, h('h2', {}, 'Files'),
    table('Files in this import', ['File', 'Kind', 'Rows read', 'Quarantined', 'SHA-256'],
      d.files.map((f) => h('tr', {}, h('th', { scope: 'row', 'data-label': 'File' }, f.file), cell('Kind', f.kind),
        cell('Rows read', String(f.rows_read), 'num'), cell('Quarantined', String(f.rows_quarantined), 'num'),
        cell('SHA-256', h('code', { class: 'hash' }, (f.sha256 || '').slice(0, 16) + '…')))))));
  const q = h('section', { class: 'card', id: 'quarantine' }, h('h2', {}, `Quarantined rows (${i.rows_quarantined})`));
  if (!d.quarantined.length) {
    q.appendChild(h('p', { class: 'empty' }, 'No row was quarantined.'));
  } else {
    const tbody = h('tbody', {}, quarantineRows(d.quarantined));
    q.appendChild(h('div', { class: 'tablewrap' }, h('table', { class: 'responsive quarantine' },
      h('caption', {}, 'Rows kept out of the database, with the reason'),
      h('thead', {}, h('tr', {}, ['File', 'Line', 'Column', 'Value', 'Kind', 'Reason', 'Row as received'].map((c) => h('th', { scope: 'col' }, c)))),
      tbody)));
    let cursor = d.next_cursor;
    if (cursor) {
      const more = h('button', { type: 'button', class: 'secondary' }, 'Show more rows');
      more.addEventListener('click', async () => {
        const next = await api(`/api/v1/imports/${encodeURIComponent(id)}${qs({ limit: 200, cursor })}`);
        quarantineRows(next.quarantined).forEach((r) => tbody.appendChild(r));
        cursor = next.next_cursor;
        if (!cursor) more.remove();
      });
      q.appendChild(more);
    }
  }
  main.appendChild(q);
}
