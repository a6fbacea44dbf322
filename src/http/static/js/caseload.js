// The caseload (counselors) or student list (administrators): the whole scoped list is loaded
// once per session (GET /api/v1/students, every page) so search, sort and filters run in the
// browser — a name typed in the search box never leaves it. The a-g strip comes with each
// listed student (uc.area_status); only a student evaluated before agmon kept it (null until
// the next import) has the strip drawn from their report, fetched a few at a time.
import { api, fetchAll } from './api.js';
import { h, clear, gpa, AREAS } from './dom.js';
import { areaState } from './charts.js';
import { rememberStudent } from './student.js';

const PAGE = 25;
const cache = { students: null, complete: true, scope: '' };
export const areaCache = new Map();  // student id -> {a: 'met' | 'progress' | 'short', ...}
const ui = { q: '', offTrack: false, alerts: false, grade: '', sort: 'id', page: 0 };

const SORTS = {
  id: ['Student ID', (a, b) => cmp(a.student_id, b.student_id)],
  name: ['Last name', (a, b) => cmp(a.last_name, b.last_name) || cmp(a.first_name, b.first_name)],
  grade: ['Grade (high first)', (a, b) => b.grade_level - a.grade_level || cmp(a.student_id, b.student_id)],
  alerts: ['Open alerts (most first)', (a, b) => b.open_alerts - a.open_alerts || cmp(a.student_id, b.student_id)],
  gpa: ['UC GPA (low first)', (a, b) => nz(a.uc.gpa) - nz(b.uc.gpa) || cmp(a.student_id, b.student_id)],
  credits: ['Projected A-G semesters (fewest first)', (a, b) => a.projected_semesters - b.projected_semesters || cmp(a.student_id, b.student_id)],
};

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function nz(x) {
  return x === null || x === undefined ? 99 : x;
}

// Forgets the loaded list and strips (sign-out) and resets the filters.
export function invalidateCaseload() {
  cache.students = null;
  areaCache.clear();
  Object.assign(ui, { q: '', offTrack: false, alerts: false, grade: '', sort: 'id', page: 0 });
}

async function load(ctx) {
  const scope = `${ctx.me.token}|${ctx.me.role}`;
  if (cache.students && cache.scope === scope) return;
  const { items, complete } = await fetchAll('/api/v1/students', {}, 'students', 20000);
  Object.assign(cache, { students: items, complete, scope });
}

function filtered() {
  const q = ui.q.trim().toLowerCase();
  const out = cache.students.filter((st) => {
    if (ui.offTrack && st.on_track) return false;
    if (ui.alerts && !st.open_alerts) return false;
    if (ui.grade && String(st.grade_level) !== ui.grade) return false;
    if (!q) return true;
    if (st.student_id.toLowerCase().startsWith(q)) return true;
    const first = st.first_name.toLowerCase();
    const last = st.last_name.toLowerCase();
    return last.startsWith(q) || first.startsWith(q) || `${first} ${last}`.startsWith(q) || `${last}, ${first}`.startsWith(q);
  });
  return out.sort(SORTS[ui.sort][1]);
}

// The compact a-g strip: one letter per area, met (filled), met once in-progress courses
// pass (hatched), short (outlined). The state is also spelled out for screen readers.
export function agStrip(standing) {
  if (!standing) return h('span', { class: 'agstrip pending' }, h('span', { class: 'visually-hidden' }, 'A-G areas loading'), '·······');
  const states = AREAS.map(([k]) => [k, standing[k] || 'short']);
  const list = (st) => states.filter(([, v]) => v === st).map(([k]) => k).join(', ') || 'none';
  return h('span', { class: 'agstrip', title: `Met: ${list('met')}. In progress: ${list('progress')}. Short: ${list('short')}.` },
    h('span', { class: 'visually-hidden' }, `UC areas met: ${list('met')}; met if in-progress courses pass: ${list('progress')}; short: ${list('short')}.`),
    states.map(([k, v]) => h('span', { class: `ag ag-${v}`, 'aria-hidden': 'true' }, k)));
}

// The list's words (uc.area_status) and the report's numbers, as the strip's states.
const LISTED = { met: 'met', in_progress: 'progress', short: 'short' };
function fromList(status) {
  return status ? Object.fromEntries(AREAS.map(([k]) => [k, LISTED[status[k]] || 'short'])) : null;
}
function fromReport(areas) {
  return Object.fromEntries(AREAS.map(([k]) => [k, areas[k] ? areaState(areas[k]) : 'short']));
}

function standingOf(st) {
  if (!areaCache.has(st.student_id) && st.uc.area_status) areaCache.set(st.student_id, fromList(st.uc.area_status));
  return areaCache.get(st.student_id);
}

// The strips the list did not carry, from the students' reports.
async function fillStrips(rows, ctx) {
  const todo = rows.filter((st) => !areaCache.has(st.student_id));
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !ctx.stale()) {
      const st = todo[next++];
      try {
        const r = await api(`/api/v1/students/${encodeURIComponent(st.student_id)}`);
        areaCache.set(st.student_id, fromReport(r.uc.areas));
      } catch (e) {
        areaCache.set(st.student_id, null);
      }
      const cell = document.querySelector(`[data-strip="${CSS.escape(st.student_id)}"]`);
      if (cell && areaCache.get(st.student_id)) clear(cell).appendChild(agStrip(areaCache.get(st.student_id)));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

function yes(b, label) {
  return h('span', { class: b ? 'pill yes' : 'pill no' }, b ? `✓ ${label}` : `✗ ${label}`);
}

function renderTable(container, ctx) {
  const rows = filtered();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  ui.page = Math.min(ui.page, pages - 1);
  const slice = rows.slice(ui.page * PAGE, ui.page * PAGE + PAGE);
  clear(container);
  const total = cache.students.length;
  const from = rows.length ? ui.page * PAGE + 1 : 0;
  container.appendChild(h('p', { class: 'count', id: 'caseload-count' },
    `Showing ${from}–${ui.page * PAGE + slice.length} of ${rows.length} students${rows.length !== total ? ` (filtered from ${total})` : ''}.`,
    cache.complete ? '' : ' Only the first 20000 students are loaded.'));
  if (!slice.length) {
    container.appendChild(h('p', { class: 'empty' }, 'No student matches.'));
    return;
  }
  const table = h('table', { class: 'caseload responsive' },
    h('caption', { class: 'visually-hidden' }, 'Students with their A-G summary'),
    h('thead', {}, h('tr', {}, ['Student', 'Grade', 'A-G areas (UC)', 'UC projected', 'CSU projected', 'UC GPA', 'On track', 'Open alerts']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, slice.map((st) => h('tr', { 'data-student': st.student_id },
      h('th', { scope: 'row', 'data-label': 'Student' },
        h('a', { href: `#/student/${encodeURIComponent(st.student_id)}`, onclick: () => rememberStudent(st) },
          `${st.last_name}, ${st.first_name}`), h('span', { class: 'sid' }, st.student_id)),
      h('td', { 'data-label': 'Grade' }, String(st.grade_level)),
      h('td', { 'data-label': 'A-G areas', 'data-strip': st.student_id }, agStrip(standingOf(st))),
      h('td', { 'data-label': 'UC projected' }, yes(st.uc.projected_complete, 'UC')),
      h('td', { 'data-label': 'CSU projected' }, yes(st.csu.projected_complete, 'CSU')),
      h('td', { 'data-label': 'UC GPA', class: 'num' }, gpa(st.uc.gpa)),
      h('td', { 'data-label': 'On track' }, st.on_track ? 'Yes' : h('strong', { class: 'warn' }, '✗ Off track')),
      h('td', { 'data-label': 'Open alerts', class: 'num' }, st.open_alerts ? h('strong', {}, `⚑ ${st.open_alerts}`) : '0')))));
  container.appendChild(h('div', { class: 'tablewrap' }, table));
  const go = (d) => { ui.page += d; renderTable(container, ctx); container.querySelector('#caseload-count').focus(); };
  container.appendChild(h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', class: 'secondary', disabled: ui.page === 0, onclick: () => go(-1) }, '← Previous'),
    h('span', {}, ` Page ${ui.page + 1} of ${pages} `),
    h('button', { type: 'button', class: 'secondary', disabled: ui.page >= pages - 1, onclick: () => go(1) }, 'Next →')));
  container.querySelector('#caseload-count').setAttribute('tabindex', '-1');
  fillStrips(slice, ctx);
}

export async function caseloadView(main, ctx) {
  await load(ctx);
  if (ctx.stale()) return;
  clear(main);
  const title = ctx.me.role === 'counselor' ? 'My caseload' : 'Students';
  const results = h('div', { id: 'caseload-results', 'aria-live': 'polite' });
  const update = () => { ui.page = 0; renderTable(results, ctx); };
  const grades = [...new Set(cache.students.map((st) => st.grade_level))].sort((a, b) => a - b);
  main.appendChild(h('h1', { tabindex: '-1' }, title));
  main.appendChild(h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'q' }, 'Search by ID or name'),
      h('input', { id: 'q', type: 'search', value: ui.q, autocomplete: 'off', oninput: (e) => { ui.q = e.target.value; update(); } })),
    h('div', { class: 'field' }, h('label', { for: 'sort' }, 'Sort by'),
      h('select', { id: 'sort', onchange: (e) => { ui.sort = e.target.value; update(); } },
        Object.entries(SORTS).map(([k, [label]]) => h('option', { value: k, selected: ui.sort === k }, label)))),
    h('div', { class: 'field' }, h('label', { for: 'grade' }, 'Grade'),
      h('select', { id: 'grade', onchange: (e) => { ui.grade = e.target.value; update(); } },
        h('option', { value: '' }, 'All'), grades.map((g) => h('option', { value: String(g), selected: ui.grade === String(g) }, String(g))))),
    h('fieldset', { class: 'checks' }, h('legend', {}, 'Show only'),
      h('label', {}, h('input', { type: 'checkbox', id: 'f-offtrack', checked: ui.offTrack, onchange: (e) => { ui.offTrack = e.target.checked; update(); } }), ' Off track'),
      h('label', {}, h('input', { type: 'checkbox', id: 'f-alerts', checked: ui.alerts, onchange: (e) => { ui.alerts = e.target.checked; update(); } }), ' With open alerts'))));
  main.appendChild(h('p', { class: 'legend' }, 'A-G strip: ',
    h('span', { class: 'ag ag-met', 'aria-hidden': 'true' }, 'a'), ' met · ',
    h('span', { class: 'ag ag-progress', 'aria-hidden': 'true' }, 'b'), ' met if courses in progress pass · ',
    h('span', { class: 'ag ag-short', 'aria-hidden': 'true' }, 'e'), ' short'));
  main.appendChild(results);
  renderTable(results, ctx);
}
