// The user journeys of the browser test: a counselor (caseload, search, filter, a student
// page, acknowledging an alert, checked through the API), an administrator (the AP gap chart
// by race/ethnicity checked against the API's own suppression, trend, subgroup alerts, imports
// with a quarantined row) and the phone width. Each step asserts what a user would see.
'use strict';
const path = require('path');

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function getJson(base, token, p) {
  const res = await fetch(base + p, { headers: { Authorization: `Bearer ${token}` } });
  assert(res.ok, `GET ${p}: ${res.status}`);
  return res.json();
}

async function ready(page, view) {
  await page.waitForSelector(`main[data-ready="${view}"]`, { timeout: 15000 });
}

async function signIn(page, base, token, { keyboard = false } = {}) {
  if (!page.url().startsWith(base)) await page.goto(`${base}/`);
  await page.waitForSelector('#token:focus', { timeout: 10000 });
  if (keyboard) {
    await page.keyboard.type(token);
    await page.keyboard.press('Enter');
  } else {
    await page.fill('#token', token);
    await page.click('form.signin button[type=submit]');
  }
}

function pct(rate) {
  return `${(rate * 100).toFixed(1)}%`;
}

async function counselorFlow({ base, page, tokens, school, students, outDir, log, urls }) {
  await signIn(page, base, tokens.counselor);
  await ready(page, 'caseload');
  const mine = students.filter((s) => s[2] === school);
  const count = await page.textContent('#caseload-count');
  assert(count.includes(`of ${mine.length} students`), `caseload count: "${count}", expected ${mine.length}`);
  // Search by name, then by id, in the browser.
  const probe = mine[5];
  await page.fill('#q', probe[6]);
  assert(await page.$(`tr[data-student="${probe[0]}"]`), `search by last name ${probe[6]} did not find the student`);
  await page.fill('#q', probe[0]);
  assert((await page.$$('table.caseload tbody tr')).length === 1, 'search by id: not exactly one row');
  await page.fill('#q', '');
  // Only students with open alerts, most alerts first.
  await page.check('#f-alerts');
  await page.selectOption('#sort', 'alerts');
  const alertCells = await page.$$eval('table.caseload tbody td[data-label="Open alerts"]', (tds) => tds.map((td) => td.textContent));
  assert(alertCells.length > 0 && alertCells.every((t) => /⚑ \d+/.test(t)), `alert filter: ${alertCells.join('|')}`);
  const counts = alertCells.map((t) => Number(t.replace(/\D/g, '')));
  assert(counts.every((c, i) => i === 0 || counts[i - 1] >= c), `sorted by open alerts: ${counts.join(',')}`);
  // Back to id order: the first student with alerts is a typical one (the README screenshot).
  await page.selectOption('#sort', 'id');

  // The first student (by id) with two to four open alerts: one to acknowledge, others to show.
  const id = await page.$$eval('table.caseload tbody tr', (trs) => {
    const n = (tr) => Number(tr.querySelector('td[data-label="Open alerts"]').textContent.replace(/\D/g, ''));
    return (trs.find((tr) => n(tr) >= 2 && n(tr) <= 4) || trs[0]).dataset.student;
  });
  await page.waitForSelector(`tr[data-student="${id}"] .agstrip:not(.pending)`, { timeout: 10000 });
  // The a-g strips come with the list (uc.area_status): no student's report was read for them.
  const reportReads = urls.filter((u) => /^\/api\/v1\/students\/[^/]+$/.test(new URL(u).pathname));
  assert(reportReads.length === 0, `the caseload read ${reportReads.length} reports for its a-g strips`);
  const link = await page.$(`tr[data-student="${id}"] th a`);
  const t0 = Date.now();
  await link.click();
  await ready(page, 'student');
  const wall = Date.now() - t0;
  const click = await page.evaluate(() => performance.getEntriesByName('route-student').pop().duration);
  log(`student ${id}: rendered ${click.toFixed(0)} ms after the click (${wall} ms as seen by the test)`);
  assert((await page.textContent('main h1')).includes(','), 'student page heading should be the name');
  assert((await page.$$('.system li.area')).length === 14, 'UC and CSU should have 7 areas each');
  const statuses = await page.$$eval('table.courses tbody td[data-label="Status"]', (tds) => tds.map((t) => t.textContent));
  const known = ['Counted', 'In progress', 'Needs validation', 'Validated', 'Repeated', 'Not A-G', 'Below C'];
  assert(statuses.length > 0 && statuses.every((t) => known.includes(t)), `course statuses: ${statuses.join('|')}`);
  assert(await page.$('table.courses td.why'), 'course reasons shown');

  // Acknowledge the first open alert with a note; the API must agree.
  const alertId = await page.$eval('li.alert.open', (li) => li.dataset.alert);
  const openBefore = (await page.$$('li.alert.open')).length;
  await page.click(`li.alert[data-alert="${alertId}"] button.ack`);
  const note = 'Met with the student; summer course planned.';
  await page.fill(`#note-${alertId}`, note);
  await page.click(`li.alert[data-alert="${alertId}"] button[type=submit]`);
  await page.waitForSelector(`li.alert.acknowledged[data-alert="${alertId}"]`, { timeout: 10000 });
  const heading = await page.textContent('#alerts-h');
  assert(heading === `Alerts (${openBefore - 1} open)`, `open count after acknowledging: ${heading}`);
  const acked = await getJson(base, tokens.counselor, `/api/v1/alerts?student=${id}&status=acknowledged`);
  const a = acked.alerts.find((x) => String(x.id) === alertId);
  assert(a && a.acknowledged_by === 'browser-counselor' && a.ack_note === note, `alert ${alertId} not acknowledged in the API: ${JSON.stringify(acked)}`);
  log(`alert ${alertId} acknowledged through the page; the API agrees`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(outDir, 'counselor-student.png') });
  await page.screenshot({ path: path.join(outDir, 'counselor-student-full.png'), fullPage: true });

  // A fresh navigation straight to the student page: navigation start to rendered.
  await page.reload();
  await ready(page, 'student');
  const { fresh, detail } = await page.evaluate(() => {
    const done = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('route-done-')).pop();
    const nav = performance.getEntriesByType('navigation')[0];
    const api = performance.getEntriesByType('resource').filter((r) => r.name.includes('/api/'))
      .map((r) => `${new URL(r.name).pathname.split('/').slice(3, 4)} ${r.startTime.toFixed(0)}+${r.duration.toFixed(0)}`);
    return { fresh: done.startTime, detail: `document ${nav.responseEnd.toFixed(0)}, scripts run ${nav.domContentLoadedEventEnd.toFixed(0)}, API ${api.join(', ')} ms` };
  });
  log(`fresh load of the student page: rendered at ${fresh.toFixed(0)} ms (${detail})`);
  assert(click < 3000 && fresh < 3000, `student page too slow: ${click} ms / ${fresh} ms`);
  assert(await page.$(`li.alert.acknowledged[data-alert="${alertId}"]`), 'the acknowledgement survives a reload');
  await page.click('#who button');
  await page.waitForSelector('form.signin');
  return { click, fresh };
}

async function adminFlow({ base, page, tokens, students, outDir, log }) {
  await signIn(page, base, tokens.admin, { keyboard: true });
  await ready(page, 'gaps');
  // Keyboard: the heading has focus after navigation; Tab reaches the first control, visibly.
  await page.keyboard.press('Tab');
  const focus = await page.evaluate(() => ({ id: document.activeElement.id, outline: getComputedStyle(document.activeElement).outlineStyle }));
  assert(focus.id === 'g-metric' && focus.outline === 'solid', `keyboard focus: ${JSON.stringify(focus)}`);

  await page.evaluate(() => { location.hash = '#/gaps?metric=ap&by=race_ethnicity'; });
  await ready(page, 'gaps');
  await page.waitForSelector('#gap-chart svg');
  const api = await getJson(base, tokens.admin, '/api/v1/gaps?metric=ap&by=race_ethnicity');
  const suppressed = api.groups.filter((g) => g.suppressed).map((g) => g.group);
  assert(suppressed.length > 0, 'the demo district should have a suppressed race/ethnicity group');
  for (const g of api.groups) {
    const bar = await page.$eval(`#gap-chart g.gaprow[data-group="${g.group}"]`, (el) => ({ text: el.textContent, cls: el.getAttribute('class') }));
    const row = await page.textContent(`table.gaps tr[data-group="${g.group}"]`);
    if (g.suppressed) {
      assert(bar.cls.includes('suppressed') && bar.text.includes(`fewer than ${api.min_n} students`), `chart: ${g.group} not shown as suppressed: ${bar.text}`);
      assert(!/\d%/.test(bar.text), `chart: suppressed ${g.group} shows a rate: ${bar.text}`);
      assert(row.includes(`fewer than ${api.min_n} students`), `table: ${g.group} not shown as suppressed`);
    } else {
      assert(bar.text.includes(pct(g.rate)) && row.includes(pct(g.rate)), `chart/table: ${g.group} should show ${pct(g.rate)}`);
      assert(bar.text.includes('disproportionate') === Boolean(g.disproportionate), `chart: ${g.group} disproportionate flag`);
    }
  }
  log(`AP by race/ethnicity: suppressed ${suppressed.join(', ')} drawn as "fewer than ${api.min_n} students"`);
  const years = await page.$$eval('table.trend thead th', (ths) => ths.length - 1);
  assert(years === 3 && await page.$('#trend-chart svg path'), `trend across 3 school years, got ${years}`);
  const words = new Set((await page.textContent('main')).split(/[^A-Za-z'-]+/));
  const name = students.map((s) => s[6]).find((n) => n.length > 2 && words.has(n));
  assert(!name, `a student name appears in the gap view: ${name}`);
  await (await page.$('#gap-chart')).evaluate((el) => el.closest('section').scrollIntoView());
  await (await page.$('section:has(#gap-chart)')).screenshot({ path: path.join(outDir, 'admin-gaps.png') });
  await page.screenshot({ path: path.join(outDir, 'admin-gaps-full.png'), fullPage: true });

  await page.click('#nav a[href="#/alerts"]');
  await ready(page, 'alerts');
  const alertRows = (await page.$$('table.alertlist tbody tr')).length;
  assert(alertRows > 0, 'subgroup alerts listed');
  const groupAlert = await page.$eval('table.alertlist tbody tr', (tr) => tr.dataset.alert);
  await page.click(`tr[data-alert="${groupAlert}"] button.ack`);
  await page.fill(`#note-${groupAlert}`, 'Reviewed with the AP coordinator.');
  await page.click(`tr[data-alert="${groupAlert}"] button[type=submit]`);
  await page.waitForFunction((id) => document.querySelector(`tr[data-alert="${id}"] td[data-label="Status"]`).textContent.startsWith('Acknowledged'), groupAlert);
  const g = await getJson(base, tokens.admin, '/api/v1/alerts?audience=administrator&status=acknowledged');
  assert(g.alerts.some((a) => String(a.id) === groupAlert && a.acknowledged_by === 'browser-admin'), `subgroup alert ${groupAlert} not acknowledged in the API`);
  await page.screenshot({ path: path.join(outDir, 'admin-alerts.png'), fullPage: true });

  await page.click('#nav a[href="#/imports"]');
  await ready(page, 'imports');
  assert((await page.$$('table.imports tbody tr')).length === 4, 'four imports in the history');
  await page.click('table.imports tr.has-quarantine a');
  await page.waitForSelector('#quarantine table');
  const q = await page.textContent('#quarantine');
  assert(q.includes('NOSUCHCOURSE'), 'the quarantined row is shown with its value');
  await page.screenshot({ path: path.join(outDir, 'admin-import.png'), fullPage: true });
}

// At 390px nothing may scroll sideways: tables become cards, charts redraw narrow.
async function phoneFlow({ page, students, outDir, log }) {
  await page.setViewportSize({ width: 390, height: 844 });
  const views = [['gaps', '#/gaps?metric=ap&by=race_ethnicity'], ['caseload', '#/caseload'], ['student', `#/student/${students[0][0]}`]];
  for (const [view, hash] of views) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await ready(page, view);
    await page.waitForTimeout(100);  // charts redraw on resize
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: path.join(outDir, `phone-${view}.png`), fullPage: true });
    assert(overflow <= 1, `${view} at 390px scrolls sideways by ${overflow}px`);
  }
  log('390px wide: gaps, caseload and student pages fit without sideways scrolling');
  await page.setViewportSize({ width: 1280, height: 800 });
}

module.exports = { counselorFlow, adminFlow, phoneFlow };
