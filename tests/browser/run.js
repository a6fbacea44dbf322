// The dashboard's browser test: a fresh synthetic district (three school years, one import
// with a quarantined row) in a temporary database, the real `agmon serve` on a free loopback
// port, Debian's chromium driven by playwright-core through the counselor and administrator
// flows (flows.js). Screenshots go to tests/browser/out/ (git-ignored).
// Usage: node run.js AGMON_BINARY [--docs DIR]   (--docs also copies the two README shots)
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { counselorFlow, adminFlow, phoneFlow } = require('./flows');

const TIME_LIMIT_MS = 120000;
const STUDENTS = 3000;
const SEED = 7;
const YEARS = ['2023-2024', '2024-2025', '2025-2026'];

const agmon = path.resolve(process.argv[2] || '');
const docsIdx = process.argv.indexOf('--docs');
const docsDir = docsIdx > 0 ? path.resolve(process.argv[docsIdx + 1]) : null;
const outDir = path.join(__dirname, 'out');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'agmon-browser-'));
let server = null;
let context = null;

function log(msg) {
  console.log(`[browser] ${msg}`);
}

function run(args, okCodes = [0]) {
  try {
    return execFileSync(agmon, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (okCodes.includes(e.status)) return e.stdout;
    throw new Error(`agmon ${args.join(' ')} exited ${e.status}: ${e.stderr}`);
  }
}

// Three school years imported oldest first (so the trend has three points), then a small file
// with one unknown course, quarantined (exit 3), for the import history.
function makeDistrict(db) {
  for (const year of YEARS) {
    const dir = path.join(work, `d${year}`);
    run(['demo-data', '--students', String(STUDENTS), '--seed', String(SEED), '--year', year, '--out', dir]);
    run(['--db', db, 'import', ...['students', 'courses', 'course_marks'].map((f) => path.join(dir, `${f}.csv`))]);
  }
  const last = path.join(work, `d${YEARS[YEARS.length - 1]}`);
  const marks = fs.readFileSync(path.join(last, 'course_marks.csv'), 'utf8').split('\n');
  const row = marks[1].split(',');
  row[4] = 'NOSUCHCOURSE';
  fs.writeFileSync(path.join(work, 'course_marks.csv'), `${marks[0]}\n${marks[1]}\n${row.join(',')}\n`);
  run(['--db', db, 'import', '--max-reject-rate', '1', path.join(work, 'course_marks.csv')], [3]);
  const students = fs.readFileSync(path.join(last, 'students.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  return students;  // student_id, ssid, school_code, ..., last_name (6), first_name (7)
}

function token(db, args) {
  return run(['--db', db, 'token', 'add', ...args]).trim();
}

function startServer(db) {
  return new Promise((resolve, reject) => {
    const args = ['--db', db, 'serve', '--bind', '127.0.0.1', '--port', '0'];
    if (process.getuid && process.getuid() === 0) args.push('--allow-root');
    server = spawn(agmon, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`agmon serve did not start: ${err}`)), 15000);
    server.stderr.on('data', (d) => {
      err += d;
      fs.appendFileSync(path.join(work, 'serve.log'), d);
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (m && timer) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    server.stdout.on('data', (d) => fs.appendFileSync(path.join(work, 'serve.log'), d));
    server.on('exit', (code) => reject(new Error(`agmon serve exited ${code}: ${err}`)));
  });
}

async function cleanup() {
  if (context) await context.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => { const t = setTimeout(() => { server.kill('SIGKILL'); r(); }, 5000); server.on('exit', () => { clearTimeout(t); r(); }); });
  }
  fs.rmSync(work, { recursive: true, force: true });
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const db = path.join(work, 'district.db');
  let t0 = Date.now();
  const students = makeDistrict(db);
  log(`demo district: ${students.length} students x ${YEARS.length} years imported in ${Date.now() - t0} ms`);
  const school = students[students.length - 1][2];  // the last school: the counselor's scope
  const tokens = {
    admin: token(db, ['--role', 'admin', '--name', 'browser-admin']),
    counselor: token(db, ['--role', 'counselor', '--school', school, '--name', 'browser-counselor']),
  };
  const base = await startServer(db);
  log(`agmon serve at ${base}`);
  const userData = fs.mkdtempSync(path.join(work, 'chromium-'));
  context = await chromium.launchPersistentContext(userData, {
    executablePath: process.env.AGMON_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  const urls = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => urls.push(r.url()));
  const env = { base, page, tokens, school, students, outDir, log, urls };

  const timing = await counselorFlow(env);
  await adminFlow(env);
  await phoneFlow(env);

  // No name ever travels in a URL (so none reaches a server log or a proxy).
  const names = new Set(students.flatMap((s) => [s[6], s[7]]).filter((n) => n && n.length > 2));
  for (const u of urls) {
    const parts = decodeURIComponent(u).split(/[^A-Za-z'-]+/);
    const hit = parts.find((p) => names.has(p));
    if (hit) throw new Error(`a student name appeared in a request URL: ${u}`);
  }
  const serveLog = fs.readFileSync(path.join(work, 'serve.log'), 'utf8');
  const logHit = serveLog.split(/[^A-Za-z'-]+/).find((w) => names.has(w));
  if (logHit) throw new Error(`a student name appeared in the server log: ${logHit}`);
  if (problems.length) throw new Error(`browser reported problems:\n  ${problems.join('\n  ')}`);
  log(`${urls.length} requests, none with a name; no console errors`);
  log(`student page: ${timing.click.toFixed(0)} ms from click to rendered; ${timing.fresh.toFixed(0)} ms from a fresh navigation to rendered`);
  if (docsDir) {
    fs.mkdirSync(docsDir, { recursive: true });
    for (const f of ['counselor-student.png', 'admin-gaps.png']) fs.copyFileSync(path.join(outDir, f), path.join(docsDir, f));
    log(`copied the README screenshots to ${docsDir}`);
  }
}

const limit = setTimeout(async () => {
  console.error(`[browser] FAIL: over the ${TIME_LIMIT_MS / 1000} s limit`);
  await cleanup();
  process.exit(1);
}, TIME_LIMIT_MS);

main().then(async () => {
  clearTimeout(limit);
  await cleanup();
  log('PASS');
}).catch(async (e) => {
  clearTimeout(limit);
  console.error(`[browser] FAIL: ${e && e.stack ? e.stack : e}`);
  await cleanup();
  process.exit(1);
});
