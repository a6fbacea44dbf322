// The dashboard shell: sign-in with a token (session storage), who am I (GET /api/v1/me),
// the role's navigation, and a hash router (#/caseload, #/student/ID, #/gaps?..., #/alerts,
// #/imports, #/imports/ID). The hash never holds a name and is never sent to the server.
import { api, setToken, token, setUnauthorizedHandler, ApiError } from './api.js';
import { h, clear } from './dom.js';
import { caseloadView, invalidateCaseload } from './caseload.js';
import { studentView, prefetchStudent, dropPrefetch } from './student.js';
import { gapsView } from './gaps.js';
import { alertsView } from './alerts.js';
import { importsView, importView } from './imports.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const status = document.getElementById('status');
let me = null;
let renderSeq = 0;

export function announce(text) {
  status.textContent = '';
  setTimeout(() => { status.textContent = text; }, 30);
}

const NAV = {
  counselor: [['#/caseload', 'Caseload'], ['#/gaps', 'School gaps']],
  admin: [['#/gaps', 'Equity gaps'], ['#/alerts', 'Subgroup alerts'], ['#/imports', 'Imports'], ['#/caseload', 'Students']],
  importer: [['#/imports', 'Imports']],
};
const HOME = { counselor: '#/caseload', admin: '#/gaps', importer: '#/imports' };

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query || '') };
}

function renderNav() {
  clear(nav);
  clear(who);
  if (!me) return;
  const current = `#/${parseHash().parts[0] || ''}`;
  const ul = h('ul', {});
  for (const [href, label] of NAV[me.role] || []) {
    ul.appendChild(h('li', {}, h('a', { href, 'aria-current': href === current ? 'page' : null }, label)));
  }
  nav.appendChild(ul);
  const scope = me.role === 'counselor'
    ? ` · school${me.schools.length > 1 ? 's' : ''} ${me.schools.join(', ')}${me.counselor_id ? ` · caseload ${me.counselor_id}` : ''}`
    : '';
  who.appendChild(h('span', { class: 'whoami' }, `${me.token} (${me.role}${scope})`));
  who.appendChild(h('button', { type: 'button', class: 'secondary', onclick: () => signOut('Signed out.') }, 'Sign out'));
}

function signInForm(message) {
  dropPrefetch();
  invalidateCaseload();
  document.body.dataset.view = 'signin';
  clear(main);
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    required: true, 'aria-describedby': 'token-help' });
  const err = h('p', { id: 'signin-error', class: 'error', role: 'alert' }, message || '');
  const form = h('form', { class: 'signin card', onsubmit: async (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    err.textContent = '';
    try {
      await start();
    } catch (ex) {
      setToken(null);
      err.textContent = ex instanceof ApiError && ex.status === 401 ? 'That token was not accepted.' : ex.message;
      input.focus();
    }
  } },
  h('h1', { tabindex: '-1' }, 'Sign in'),
  h('label', { for: 'token' }, 'API token'),
  input,
  h('p', { id: 'token-help', class: 'help' },
    'Ask your district administrator for a token (agmon token add). It is kept only in this browser tab and forgotten when you close it.'),
  err,
  h('button', { type: 'submit' }, 'Sign in'));
  main.appendChild(form);
  input.focus();
}

function signOut(message) {
  setToken(null);
  me = null;
  renderNav();
  if (location.hash) history.replaceState(null, '', location.pathname);
  signInForm(message);
  announce(message);
}

async function route() {
  if (!me) return;
  const seq = ++renderSeq;
  const { parts, params } = parseHash();
  const view = parts[0];
  if (!view) {
    location.replace(HOME[me.role] || '#/gaps');
    return;
  }
  renderNav();
  performance.mark(`route-start-${seq}`);
  document.body.dataset.view = view;
  delete main.dataset.ready;
  clear(main);
  main.appendChild(h('p', { class: 'loading' }, 'Loading…'));
  const ctx = { me, params, announce, stale: () => seq !== renderSeq };
  try {
    if (view === 'caseload') await caseloadView(main, ctx);
    else if (view === 'student' && parts[1]) await studentView(main, parts[1], ctx);
    else if (view === 'gaps') await gapsView(main, ctx);
    else if (view === 'alerts') await alertsView(main, ctx);
    else if (view === 'imports' && parts[1]) await importView(main, parts[1], ctx);
    else if (view === 'imports') await importsView(main, ctx);
    else {
      clear(main).appendChild(h('h1', { tabindex: '-1' }, 'Page not found'));
    }
  } catch (e) {
    if (seq !== renderSeq) return;
    clear(main);
    main.appendChild(h('h1', { tabindex: '-1' }, 'Something went wrong'));
    main.appendChild(h('p', { class: 'error', role: 'alert' }, e.message));
  }
  if (seq !== renderSeq) return;
  performance.mark(`route-done-${seq}`);
  performance.measure(`route-${view}`, `route-start-${seq}`, `route-done-${seq}`);
  main.dataset.ready = view;
  const heading = main.querySelector('h1');
  if (heading && ctx.focus !== false) heading.focus({ preventScroll: true });
}

async function start() {
  me = await api('/api/v1/me');
  renderNav();
  if (!location.hash || location.hash === '#' || location.hash === '#/') location.replace(HOME[me.role] || '#/gaps');
  else await route();
}

setUnauthorizedHandler((message) => {
  if (me) signOut(`Your token is no longer accepted (${message}). Sign in again.`);
});
window.addEventListener('hashchange', route);
// The skip link moves focus without touching the hash (the hash is the router's).
document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  (main.querySelector('h1') || main).focus();
});
if (token()) {
  // A reload of a student page: ask for the student while /api/v1/me is on its way.
  const { parts } = parseHash();
  if (parts[0] === 'student' && parts[1]) prefetchStudent(parts[1]);
  start().catch((e) => signInForm(e.message));
} else {
  signInForm('');
}
