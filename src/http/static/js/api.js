// The JSON API client: the token from session storage as a Bearer header, errors as ApiError
// with the server's code and message. Nothing but our own /api/v1/ is ever fetched.

const KEY = 'agmon.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(t) {
  if (t) sessionStorage.setItem(KEY, t);
  else sessionStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Called on any 401 so the app can return to the sign-in form.
let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

// '?a=1&b=x' from an object, leaving out empty values.
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, v);
  const text = p.toString();
  return text ? `?${text}` : '';
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token() || ''}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server did not answer. Is agmon serve running?');
  }
  let data = null;
  try {
    data = await res.json();
  } catch (e) {
    data = null;
  }
  if (!res.ok) {
    const err = (data && data.error) || {};
    const message = err.message || `${res.status} ${res.statusText}`;
    if (res.status === 401) onUnauthorized(message);
    throw new ApiError(res.status, err.code || `http_${res.status}`, message);
  }
  return data;
}

// Every page of a cursor-paged list (students, alerts), up to `cap` items.
export async function fetchAll(path, params, key, cap = 10000) {
  const items = [];
  let cursor = '';
  for (;;) {
    const page = await api(path + qs({ ...params, limit: 1000, cursor }));
    items.push(...page[key]);
    cursor = page.next_cursor;
    if (!cursor) return { items, complete: true };
    if (items.length >= cap) return { items, complete: false };
  }
}
