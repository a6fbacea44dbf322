// The student page: UC and CSU progress per area (earned / in progress / missing), GPAs, the
// course list with each course's status and why, and the student's alerts with an
// Acknowledge button (optional note). One request for the report; the name (not in the report)
// comes from the caseload already loaded, or from a list lookup by id.
import { api, qs } from './api.js';
import { h, clear, gpa, yesNo, when, AREAS, COURSE_STATUS, alertKind } from './dom.js';
import { areaBar } from './charts.js';
import { ackButton, ackText } from './ack.js';

const known = new Map();  // student id -> list summary (name), from the caseload
export function rememberStudent(summary) {
  known.set(summary.student_id, summary);
}

async function lookupName(id) {
  if (known.has(id)) return known.get(id);
  try {
    const page = await api(`/api/v1/students${qs({ q: id, limit: 5 })}`);
    const hit = page.students.find((st) => st.student_id === id);
    if (hit) known.set(id, hit);
    return hit || null;
  } catch (e) {
    return null;
  }
}

function areaRows(sys) {
  return AREAS.map(([k, name]) => {
    const a = sys.areas[k] || { required: 0, earned: 0, in_progress: 0, missing: 0 };
    const text = `${a.earned} of ${a.required} earned` + (a.in_progress ? `, ${a.in_progress} in progress` : '') +
      (a.missing ? `, ${a.missing} missing` : '');
    const met = a.earned >= a.required;
    return h('li', { class: 'area', 'data-area': k },
      h('div', { class: 'arealabel' }, h('span', { class: 'areakey' }, `${k}`), ` ${name}`,
        h('span', { class: met ? 'mark met' : 'mark' }, met ? ' ✓ met' : '')),
      h('div', { class: 'areabarwrap', role: 'img', 'aria-label': `Area ${k}, ${name}: ${text} (semesters).` }, areaBar(a)),
      h('div', { class: 'areatext', 'aria-hidden': 'true' }, `${a.earned}/${a.required}` +
        (a.in_progress ? ` · +${a.in_progress} in progress` : '') + (a.missing ? ` · ${a.missing} missing` : '')));
  });
}

function systemCard(label, sys, projected) {
  return h('section', { class: 'card system', 'aria-labelledby': `sys-${label}` },
    h('h2', { id: `sys-${label}` }, `${label} A-G progress`),
    h('p', { class: 'statusline' },
      h('span', { class: sys.pattern_complete ? 'pill yes' : 'pill no' }, `Pattern complete: ${yesNo(sys.pattern_complete)}`), ' ',
      h('span', { class: projected ? 'pill yes' : 'pill no' }, `Projected: ${yesNo(projected)}`), ' ',
      h('span', { class: sys.eligible ? 'pill yes' : 'pill no' }, `Eligible: ${yesNo(sys.eligible)}`)),
    h('ul', { class: 'areas' }, areaRows(sys)));
}

function legend() {
  return h('p', { class: 'legend' }, 'Bars in semesters: ',
    h('span', { class: 'sw sw-earned', 'aria-hidden': 'true' }), ' earned (C or better) · ',
    h('span', { class: 'sw sw-progress', 'aria-hidden': 'true' }), ' in progress · ',
    h('span', { class: 'sw sw-missing', 'aria-hidden': 'true' }), ' missing');
}

function gpaCard(r) {
  const row = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
  return h('section', { class: 'card', 'aria-labelledby': 'gpa-h' }, h('h2', { id: 'gpa-h' }, 'GPA and AP'),
    h('dl', { class: 'facts' },
      row('UC unweighted', gpa(r.uc.gpa.unweighted)),
      row('UC weighted, capped', gpa(r.uc.gpa.weighted_capped)),
      row('UC fully weighted', gpa(r.uc.gpa.fully_weighted)),
      row('Honors semesters', String(r.uc.gpa.honors_semesters ?? '—')),
      row('CSU', gpa(r.csu.gpa)),
      row('AP this year', String(r.ap.enrolled_this_year)),
      row('AP completed', String(r.ap.completed)),
      row('On track', r.on_track === undefined ? '—' : yesNo(r.on_track))));
}

// The open-alert count in the summary pill and the Alerts heading.
function showOpenCount(open) {
  const pill = document.getElementById('open-pill');
  if (pill) {
    pill.textContent = `⚑ ${open} open alert${open === 1 ? '' : 's'}`;
    pill.className = open ? 'pill alertpill' : 'pill info';
  }
  const heading = document.getElementById('alerts-h');
  if (heading) heading.textContent = `Alerts (${open} open)`;
}

function alertItem(a, ctx, summary) {
  const st = h('p', { class: 'alertstatus' }, a.status === 'acknowledged' ? ackText(a, when) : `Open since ${when(a.opened)}`);
  const item = h('li', { class: `alert ${a.status}`, 'data-alert': String(a.id) },
    h('h3', {}, h('span', { class: 'icon', 'aria-hidden': 'true' }, a.status === 'open' ? '⚑ ' : '✓ '), alertKind(a.kind)),
    h('p', {}, a.message || a.detail), st);
  if (a.status === 'open') {
    item.appendChild(ackButton(a, alertKind(a.kind), (updated) => {
      item.className = 'alert acknowledged';
      item.querySelector('.icon').textContent = '✓ ';
      st.textContent = ackText(updated, when);
      if (summary && summary.open_alerts > 0) summary.open_alerts -= 1;
      showOpenCount(document.querySelectorAll('li.alert.open').length);
      ctx.announce(`Alert acknowledged: ${alertKind(a.kind)}.`);
      st.setAttribute('tabindex', '-1');
      st.focus();
    }));
  }
  return item;
}

const ISSUE = new Set(['needs_validation', 'below_c', 'repeated', 'validated', 'in_progress']);

function courseTable(courses, filter) {
  const rows = courses.filter((c) => filter === 'all' || (filter === 'ag' ? c.area : ISSUE.has(c.status)));
  if (!rows.length) return h('p', { class: 'empty' }, 'No course matches.');
  return h('div', { class: 'tablewrap' }, h('table', { class: 'courses responsive' },
    h('caption', { class: 'visually-hidden' }, 'Courses with status and reason'),
    h('thead', {}, h('tr', {}, ['Year', 'Term', 'Course', 'Area', 'Mark', 'Status', 'Why'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((c) => h('tr', { class: `st-${c.status}` },
      h('td', { 'data-label': 'Year' }, c.school_year),
      h('td', { 'data-label': 'Term' }, c.term),
      h('th', { scope: 'row', 'data-label': 'Course' }, c.title || c.course_id, h('span', { class: 'sid' }, c.course_id)),
      h('td', { 'data-label': 'Area' }, c.area || '—'),
      h('td', { 'data-label': 'Mark' }, c.mark || '—'),
      h('td', { 'data-label': 'Status' }, h('span', { class: `status status-${c.status}` }, COURSE_STATUS[c.status] || c.status)),
      h('td', { 'data-label': 'Why', class: 'why' }, c.reason || ''))))));
}

// Starts both requests for a student page; a fresh load calls this before /api/v1/me answers.
let pending = null;
export function prefetchStudent(id) {
  const both = Promise.all([api(`/api/v1/students/${encodeURIComponent(id)}`), lookupName(id)]);
  both.catch(() => {});  // awaited (and reported) by studentView; never an unhandled rejection
  pending = { id, both };
}
// Forgets what this tab has seen (sign-out on a shared computer).
export function dropPrefetch() {
  pending = null;
  known.clear();
}

export async function studentView(main, id, ctx) {
  if (!pending || pending.id !== id) prefetchStudent(id);
  const { both } = pending;
  pending = null;
  const [report, summary] = await both;
  if (ctx.stale()) return;
  clear(main);
  const name = summary ? `${summary.last_name}, ${summary.first_name}` : `Student ${report.student_id}`;
  const back = ctx.me.role === 'counselor' ? 'caseload' : 'students';
  main.appendChild(h('p', { class: 'crumbs' }, h('a', { href: '#/caseload' }, `← Back to ${back}`)));
  main.appendChild(h('h1', { tabindex: '-1' }, name));
  main.appendChild(h('p', { class: 'subtitle' },
    `ID ${report.student_id} · grade ${report.grade_level} · school ${report.school_id}` +
    `${report.counselor_id ? ` · counselor ${report.counselor_id}` : ''} · as of ${report.as_of_year}`));
  const alerts = report.alerts || [];
  const open = alerts.filter((a) => a.status === 'open').length;
  const pill = (ok, text) => h('span', { class: ok ? 'pill yes' : 'pill no' }, `${ok ? '✓' : '✗'} ${text}`);
  main.appendChild(h('p', { class: 'summary' },
    pill(report.projected.uc_pattern_complete, 'UC pattern projected'), ' ',
    pill(report.projected.csu_pattern_complete, 'CSU pattern projected'), ' ',
    pill(report.on_track, 'on track'), ' ',
    h('span', { class: 'pill info' }, `UC GPA ${gpa(report.uc.gpa.weighted_capped)}`), ' ',
    h('span', { id: 'open-pill' })));
  const alertCard = h('section', { class: 'card', 'aria-labelledby': 'alerts-h' },
    h('h2', { id: 'alerts-h' }, `Alerts (${open} open)`),
    alerts.length ? h('ul', { class: 'alerts' }, alerts.map((a) => alertItem(a, ctx, summary))) : h('p', { class: 'empty' }, 'No alerts.'));
  showOpenCount(open);
  main.appendChild(legend());
  main.appendChild(h('div', { class: 'grid3' },
    systemCard('UC', report.uc, report.projected.uc_pattern_complete),
    systemCard('CSU', report.csu, report.projected.csu_pattern_complete),
    h('div', { class: 'side' }, alertCard, gpaCard(report))));
  const holder = h('div', {});
  const select = h('select', { id: 'course-filter', onchange: () => clear(holder).appendChild(courseTable(report.courses, select.value)) },
    h('option', { value: 'all' }, 'All courses'), h('option', { value: 'ag' }, 'A-G courses only'),
    h('option', { value: 'issues' }, 'In progress, below C, repeated or validated'));
  holder.appendChild(courseTable(report.courses, 'all'));
  main.appendChild(h('section', { class: 'card', 'aria-labelledby': 'courses-h' },
    h('h2', { id: 'courses-h' }, `Courses (${report.courses.length})`),
    h('div', { class: 'field inline' }, h('label', { for: 'course-filter' }, 'Show '), select), holder));
}
