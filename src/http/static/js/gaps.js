// The equity gap view (administrators; counselors see their own school): a chosen metric and
// grouping as a bar chart with the all-students line, the full table (suppressed groups as
// "fewer than N students", never zero), and the trend across school years. No student names
// appear here: the API returns only aggregates.
import { api, qs } from './api.js';
import { h, clear, pct, num, METRICS, GROUPINGS, groupLabel } from './dom.js';
import { gapChart } from './charts.js';
import { trendChart, trendSeries } from './trend.js';

let schoolCodes = null;  // admins: school codes, from the by=school table

async function schools(ctx) {
  if (ctx.me.role !== 'admin') return ctx.me.schools;
  if (!schoolCodes) {
    try {
      const t = await api('/api/v1/gaps?metric=ap&by=school');
      schoolCodes = t.groups.map((g) => g.group);
    } catch (e) {
      schoolCodes = [];
    }
  }
  return schoolCodes;
}

// "2026-2027" -> "2022-2023..2026-2027" (five school years ending at `year`).
function trendRange(year, span = 5) {
  const start = Number(year.slice(0, 4)) - (span - 1);
  return `${start}-${start + 1}..${year}`;
}

function readParams(params, ctx) {
  const p = {
    metric: params.get('metric') || 'ap',
    by: params.get('by') || 'race_ethnicity',
    school: params.get('school') || '',
    year: params.get('year') || '',
    system: params.get('system') || '',
  };
  if (!METRICS[p.metric]) p.metric = 'ap';
  if (!GROUPINGS[p.by]) p.by = 'race_ethnicity';
  if (ctx.me.role === 'counselor' && !p.school) p.school = ctx.me.schools[0];
  return p;
}

function select(id, label, value, options, onchange) {
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, onchange }, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
}

function gapTable(table) {
  const cols = ['Group', 'Students', 'Counted', 'Rate', 'Gap vs all (pp)', 'Representation index', 'Risk ratio', 'Missing to parity', 'Flag'];
  const row = (g) => {
    const label = groupLabel(table.by, g.group);
    if (g.suppressed) {
      return h('tr', { class: 'suppressed', 'data-group': g.group }, h('th', { scope: 'row', 'data-label': 'Group' }, label),
        h('td', { colspan: cols.length - 1, class: 'suppressed-cell' }, `fewer than ${table.min_n} students (suppressed)`));
    }
    const flag = g.disproportionate ? ((g.risk_ratio ?? 1) < 1 ? '▼ disproportionate (under)' : '▲ disproportionate (over)') : '';
    return h('tr', { class: g.disproportionate ? 'disproportionate' : '', 'data-group': g.group },
      h('th', { scope: 'row', 'data-label': 'Group' }, label),
      h('td', { class: 'num', 'data-label': 'Students' }, String(g.n)),
      h('td', { class: 'num', 'data-label': 'Counted' }, String(g.count)),
      h('td', { class: 'num', 'data-label': 'Rate' }, pct(g.rate)),
      h('td', { class: 'num', 'data-label': 'Gap vs all (pp)' }, g.gap_pp === null ? '—' : (g.gap_pp > 0 ? '+' : '') + num(g.gap_pp, 2)),
      h('td', { class: 'num', 'data-label': 'Representation index' }, num(g.representation_index, 3)),
      h('td', { class: 'num', 'data-label': 'Risk ratio' }, num(g.risk_ratio, 3)),
      h('td', { class: 'num', 'data-label': 'Missing to parity' }, g.missing === null ? '—' : String(g.missing)),
      h('td', { 'data-label': 'Flag' }, flag ? h('strong', { class: 'flag' }, flag) : ''));
  };
  return h('div', { class: 'tablewrap' }, h('table', { class: 'gaps responsive' },
    h('caption', {}, `${METRICS[table.metric] || table.metric} by ${(GROUPINGS[table.by] || table.by).toLowerCase()}, ${table.year}`),
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {},
      h('tr', { class: 'allrow' }, h('th', { scope: 'row', 'data-label': 'Group' }, 'All students'),
        h('td', { class: 'num', 'data-label': 'Students' }, String(table.all.n ?? '—')),
        h('td', { class: 'num', 'data-label': 'Counted' }, String(table.all.count ?? '—')),
        h('td', { class: 'num', 'data-label': 'Rate' }, pct(table.all.rate)), h('td', { colspan: 5 }, '')),
      table.groups.map(row))));
}

// Redraws an SVG whenever its holder changes width (window resize, phone rotation).
function responsive(holder, draw) {
  let last = 0;
  const paint = () => {
    const w = Math.floor(holder.clientWidth);
    if (!w || w === last) return;
    last = w;
    clear(holder).appendChild(draw(w));
  };
  new ResizeObserver(paint).observe(holder);
  paint();
}

function trendSection(tables) {
  const sec = h('section', { class: 'card', 'aria-labelledby': 'trend-h' }, h('h2', { id: 'trend-h' }, 'Trend across school years'));
  if (!tables || tables.length < 2) {
    sec.appendChild(h('p', { class: 'empty' }, tables && tables.length === 1
      ? `Only one school year (${tables[0].year}) has been imported; the trend appears once there are two.`
      : 'No earlier school years have been imported.'));
    return sec;
  }
  const holder = h('div', { class: 'chart', id: 'trend-chart' });
  sec.appendChild(holder);
  sec.draw = () => responsive(holder, (w) => trendChart(tables, w).svg);
  const series = trendSeries(tables);
  const years = tables.map((t) => t.year);
  sec.appendChild(h('div', { class: 'tablewrap' }, h('table', { class: 'trend' },
    h('caption', {}, 'Rates by school year (— = suppressed: fewer than ' + tables[0].min_n + ' students, or no data)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Group'), years.map((y) => h('th', { scope: 'col' }, y)))),
    h('tbody', {}, series.map((ser) => h('tr', {}, h('th', { scope: 'row' }, ser.label),
      ser.points.map((p) => h('td', { class: 'num' }, p === null ? '—' : pct(p)))))))));
  return sec;
}

async function render(body, p, ctx) {
  const table = await api(`/api/v1/gaps${qs({ metric: p.metric, by: p.by, school: p.school, year: p.year, system: p.system })}`);
  let trend = null;
  try {
    const t = await api(`/api/v1/gaps${qs({ metric: p.metric, by: p.by, school: p.school, system: p.system, years: trendRange(table.year) })}`);
    trend = t.tables;
  } catch (e) {
    trend = null;  // an older server without `years`: no trend section content
  }
  if (ctx.stale()) return;
  clear(body);
  const where = table.school ? `school ${table.school}` : 'all schools';
  body.appendChild(h('section', { class: 'card', 'aria-labelledby': 'chart-h' },
    h('h2', { id: 'chart-h' }, `${METRICS[table.metric] || table.metric} by ${(GROUPINGS[table.by] || table.by).toLowerCase()} — ${where}, ${table.year}`),
    h('p', { class: 'definition' }, `Population: ${table.definition.population}. Counted: ${table.definition.measure}.` +
      (table.definition.as_of ? ` As of ${table.definition.as_of}.` : '')),
    h('p', { class: 'legend' },
      h('span', { class: 'sw sw-bar', 'aria-hidden': 'true' }), ' rate · ',
      h('span', { class: 'sw sw-allline', 'aria-hidden': 'true' }), ' all students · ',
      h('span', { class: 'sw sw-under', 'aria-hidden': 'true' }), ' ▼ disproportionate, under · ',
      h('span', { class: 'sw sw-over', 'aria-hidden': 'true' }), ' ▲ disproportionate, over (risk ratio outside 0.80–1.25) · ',
      h('span', { class: 'sw sw-suppressed', 'aria-hidden': 'true' }), ` fewer than ${table.min_n} students: suppressed, not zero`),
    h('div', { class: 'chart', id: 'gap-chart' }),
    gapTable(table)));
  const trendSec = trendSection(trend);
  body.appendChild(trendSec);
  // Drawn once attached, at the width they are given.
  responsive(body.querySelector('#gap-chart'), (w) => gapChart(table, w));
  if (trendSec.draw) trendSec.draw();
  ctx.announce(`Showing ${METRICS[table.metric]} by ${GROUPINGS[table.by]}.`);
}

export async function gapsView(main, ctx) {
  const p = readParams(ctx.params, ctx);
  const codes = await schools(ctx);
  if (ctx.stale()) return;
  clear(main);
  main.appendChild(h('h1', { tabindex: '-1' }, ctx.me.role === 'admin' ? 'Equity gaps' : 'School gaps'));
  const body = h('div', { id: 'gap-body' });
  const change = (key) => async (e) => {
    p[key] = e.target.value;
    if (key === 'metric' && !p.metric.startsWith('ag')) p.system = '';
    history.replaceState(null, '', `#/gaps${qs(p)}`);
    systemField.hidden = !(p.metric === 'ag' || p.metric === 'ag-projected');
    delete main.dataset.ready;
    try {
      await render(body, p, ctx);
      main.dataset.ready = 'gaps';
    } catch (ex) {
      clear(body).appendChild(h('p', { class: 'error', role: 'alert' }, ex.message));
    }
  };
  const schoolOptions = ctx.me.role === 'admin' ? [['', 'All schools'], ...codes.map((c) => [c, `School ${c}`])] : codes.map((c) => [c, `School ${c}`]);
  const systemField = select('g-system', 'System', p.system, [['', 'UC'], ['csu', 'CSU']], change('system'));
  systemField.hidden = !(p.metric === 'ag' || p.metric === 'ag-projected');
  main.appendChild(h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
    select('g-metric', 'Metric', p.metric, Object.entries(METRICS), change('metric')),
    select('g-by', 'Group by', p.by, Object.entries(GROUPINGS), change('by')),
    select('g-school', 'School', p.school, schoolOptions, change('school')),
    systemField));
  main.appendChild(body);
  await render(body, p, ctx);
}
