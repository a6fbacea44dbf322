// The trend chart: one line per group across school years (GET /api/v1/gaps?years=A..B),
// with the all-students line. A suppressed year breaks the line (no point is drawn) instead of
// dropping to zero; lines differ by colour, marker shape and dash, and carry end labels.
import { s, pct, groupLabel } from './dom.js';
import { COLORS, niceMax, tickValues } from './charts.js';

const LINE_COLORS = [COLORS.blue, COLORS.orange, COLORS.green, COLORS.vermillion, COLORS.purple,
  COLORS.sky, '#8a7a00', COLORS.grey];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond'];

function marker(kind, x, y, color) {
  const r = 4;
  if (kind === 'circle') return s('circle', { cx: x, cy: y, r, fill: color });
  if (kind === 'square') return s('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: color });
  if (kind === 'triangle') return s('path', { d: `M${x},${y - r - 1}L${x + r + 1},${y + r}L${x - r - 1},${y + r}Z`, fill: color });
  return s('path', { d: `M${x},${y - r - 1}L${x + r + 1},${y}L${x},${y + r + 1}L${x - r - 1},${y}Z`, fill: color });
}

// The series to draw: all students, then every group that has at least one unsuppressed year.
export function trendSeries(tables) {
  const by = tables[0].by;
  const series = [{ key: 'all', label: 'All students', points: tables.map((t) => (t.all.suppressed ? null : t.all.rate)) }];
  const names = [];
  for (const t of tables) for (const g of t.groups) if (!names.includes(g.group)) names.push(g.group);
  for (const name of names) {
    const points = tables.map((t) => {
      const g = t.groups.find((x) => x.group === name);
      return g && !g.suppressed ? g.rate : null;
    });
    if (points.some((p) => p !== null)) series.push({ key: name, label: groupLabel(by, name), points });
  }
  return series;
}

export function trendChart(tables, width) {
  const series = trendSeries(tables);
  const years = tables.map((t) => t.year);
  // End labels at 12px: about 6.8px per character, at most 40% of the width.
  const longest = Math.max(...series.map((x) => x.label.length)) + 7;
  const labelW = width < 640 ? 0 : Math.min(width * 0.4, longest * 6.8 + 12);
  const left = 48;
  const right = width - labelW - 12;
  const top = 16;
  const height = 300;
  const bottom = height - 36;
  const all = series.flatMap((x) => x.points).filter((p) => p !== null);
  const maxRate = niceMax(Math.max(...all, 0.01));
  const x = (i) => (years.length === 1 ? (left + right) / 2 : left + (i / (years.length - 1)) * (right - left));
  const y = (r) => bottom - (r / maxRate) * (bottom - top);
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'trendchart', role: 'img',
    'aria-labelledby': 'trend-title' });
  svg.appendChild(s('title', { id: 'trend-title', text: 'Rate by group across school years; the same figures are in the table below.' }));
  for (const t of tickValues(maxRate)) {
    svg.appendChild(s('line', { x1: left, x2: right, y1: y(t), y2: y(t), stroke: '#dddddd' }));
    svg.appendChild(s('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'axis', text: pct(t, 0) }));
  }
  years.forEach((yr, i) => svg.appendChild(s('text', { x: x(i), y: height - 14, 'text-anchor': 'middle', class: 'axis', text: yr })));
  const ends = [];
  series.forEach((ser, si) => {
    const isAll = ser.key === 'all';
    const color = isAll ? COLORS.black : LINE_COLORS[(si - 1) % LINE_COLORS.length];
    const dash = isAll ? '8 4' : DASHES[Math.floor((si - 1) / LINE_COLORS.length) % DASHES.length];
    const mk = isAll ? 'square' : MARKERS[(si - 1) % MARKERS.length];
    const g = s('g', { class: 'series', 'data-group': ser.key });
    let d = '';
    let pen = false;
    ser.points.forEach((p, i) => {
      if (p === null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p).toFixed(1)}`;
      pen = true;
    });
    if (d) g.appendChild(s('path', { d, fill: 'none', stroke: color, 'stroke-width': isAll ? 3 : 2, 'stroke-dasharray': dash || null }));
    ser.points.forEach((p, i) => {
      if (p === null) return;
      const m = marker(mk, x(i), y(p), color);
      m.appendChild(s('title', { text: `${ser.label}, ${years[i]}: ${pct(p)}` }));
      g.appendChild(m);
    });
    svg.appendChild(g);
    const lastIdx = ser.points.map((p) => p !== null).lastIndexOf(true);
    if (labelW && lastIdx >= 0) ends.push({ y: y(ser.points[lastIdx]), text: `${ser.label} ${pct(ser.points[lastIdx])}`, color });
    ser.color = color;
    ser.marker = mk;
  });
  // End labels, pushed apart so they do not overlap.
  ends.sort((a, b) => a.y - b.y);
  let prev = -Infinity;
  for (const e of ends) {
    const ly = Math.max(e.y + 4, prev + 13);
    prev = ly;
    svg.appendChild(s('text', { x: right + 8, y: ly, class: 'endlabel', fill: e.color === COLORS.yellow ? '#000' : e.color, text: e.text }));
  }
  return { svg, series };
}
