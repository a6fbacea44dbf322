// DOM building without innerHTML (every piece of data is set as text, so nothing from the API
// can become markup), number formatting, and the display names of codes.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k === 'className' ? 'class' : k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return el;
}

// h('a', {href: '#/x', class: 'y'}, 'text', child...)
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

// The same for SVG elements.
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// A rate (0..1) as a percentage with one decimal; '—' when unknown.
export function pct(rate, digits = 1) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

export function num(x, digits = 2) {
  return x === null || x === undefined ? '—' : Number(x).toFixed(digits);
}

// GPAs arrive truncated to two decimals; null means no graded course yet.
export function gpa(x) {
  return x === null || x === undefined ? '—' : Number(x).toFixed(2);
}

export function yesNo(b) {
  return b ? 'Yes' : 'No';
}

// "2026-11-23T09:44:30Z" -> "2026-11-23 09:44 UTC"; dates pass through.
export function when(t) {
  if (!t) return '—';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(t);
  return m ? `${m[1]} ${m[2]} UTC` : t;
}

export const AREAS = [
  ['a', 'History / social science'],
  ['b', 'English'],
  ['c', 'Mathematics'],
  ['d', 'Laboratory science'],
  ['e', 'Language other than English'],
  ['f', 'Visual and performing arts'],
  ['g', 'College-prep elective'],
];

export const METRICS = {
  'ap': 'AP enrollment (grades 9-12)',
  'ag': 'A-G completion (grade 12)',
  'ag-projected': 'A-G projected completion (grade 12)',
  'ag-on-track': 'A-G on track (grades 9-12)',
  'missing': 'AP-ready students not in AP (grades 10-12)',
};

export const GROUPINGS = {
  race_ethnicity: 'Race / ethnicity',
  gender: 'Gender',
  el: 'English learner',
  sed: 'Socioeconomically disadvantaged',
  swd: 'Students with disabilities',
  foster: 'Foster youth',
  homeless: 'Homeless youth',
  grade: 'Grade',
  school: 'School',
};

const GROUPS = {
  hispanic: 'Hispanic or Latino', african_american: 'African American',
  american_indian: 'American Indian or Alaska Native', asian: 'Asian', filipino: 'Filipino',
  pacific_islander: 'Pacific Islander', white: 'White', two_or_more: 'Two or more races',
  not_reported: 'Not reported', el: 'English learners', not_el: 'Not English learners',
  sed: 'Socioeconomically disadvantaged', not_sed: 'Not socioeconomically disadvantaged',
  swd: 'Students with disabilities', not_swd: 'Students without disabilities',
  foster: 'Foster youth', not_foster: 'Not foster youth', homeless: 'Homeless youth',
  not_homeless: 'Not homeless',
};

export function groupLabel(grouping, group) {
  if (grouping === 'gender') return { F: 'Female', M: 'Male', X: 'Nonbinary (X)' }[group] || group;
  if (grouping === 'grade') return `Grade ${group}`;
  if (grouping === 'school') return `School ${group}`;
  return GROUPS[group] || group;
}

export const ALERT_KINDS = {
  AG_DF_UNVALIDATED: 'D or F not repeated or validated',
  AG_OFF_TRACK: 'Off track for A-G',
  AG_NO_MATH: 'No math this year',
  AG_ELEVEN_AT_RISK: 'Eleven-before-senior at risk',
  AG_SENIOR_SHORT: 'Senior short of the A-G pattern',
  AG_GEOMETRY_MISSING: 'Geometry missing',
  AG_GPA_RISK: 'GPA below the minimum',
  AP_READY_NOT_ENROLLED: 'AP-ready, not in AP',
  AG_STATUS_CHANGED: 'A-G status changed to no',
  GAP_AP_UNDERREPRESENTED: 'Under-represented in AP',
  GAP_AG_COMPLETION: 'A-G completion gap',
  GAP_WIDENING: 'Gap widening',
  GAP_ZERO_ACCESS: 'No AP access',
};

export function alertKind(kind) {
  return ALERT_KINDS[kind] || kind;
}

export const COURSE_STATUS = {
  counted: 'Counted', in_progress: 'In progress', needs_validation: 'Needs validation',
  validated: 'Validated', repeated: 'Repeated', not_ag: 'Not A-G', below_c: 'Below C',
};
