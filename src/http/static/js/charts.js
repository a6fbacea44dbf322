// Inline SVG charts drawn by hand: the A-G area progress bar, the a-g strip and the gap bar
// chart. Colours are Okabe-Ito (colour-blind safe) and every meaning is also carried by a
// pattern or a text label, never by colour alone.
import { s, pct, num, groupLabel } from './dom.js';

export const COLORS = {
  blue: '#0072B2', sky: '#56B4E9', orange: '#E69F00', vermillion: '#D55E00',
  green: '#009E73', yellow: '#F0E442', purple: '#CC79A7', black: '#000000', grey: '#767676',
};

let uid = 0;
// A diagonal hatch pattern, defined inside the SVG that uses it; returns its url(#id).
function hatch(svg, color, background = '#ffffff', angle = 45) {
  const id = `hatch${++uid}`;
  svg.appendChild(s('defs', {},
    s('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: `rotate(${angle})` },
      s('rect', { width: 6, height: 6, fill: background }),
      s('rect', { width: 3, height: 6, fill: color }))));
  return `url(#${id})`;
}

// One area: earned (solid), in progress (hatched), missing (dashed outline, empty). Drawn in
// percentages so the bar stretches with its column without distorting strokes.
export function areaBar(area, height = 18) {
  const req = area.required || 0;
  const earned = area.earned || 0;
  const prog = area.in_progress || 0;
  const missing = area.missing || 0;
  const total = Math.max(req, earned + prog + missing, 1);
  const p = (v) => `${(100 * v / total).toFixed(3)}%`;
  const svg = s('svg', { width: '100%', height, 'aria-hidden': 'true', focusable: 'false', class: 'areabar' });
  const hatchFill = hatch(svg, COLORS.sky);
  svg.appendChild(s('rect', { x: 0, y: 0, width: '100%', height, fill: '#ffffff', stroke: COLORS.grey, 'stroke-width': 1 }));
  if (earned) svg.appendChild(s('rect', { x: 0, y: 0, width: p(earned), height, fill: COLORS.blue, class: 'seg-earned' }));
  if (prog) svg.appendChild(s('rect', { x: p(earned), y: 0.5, width: p(prog), height: height - 1, fill: hatchFill, stroke: COLORS.blue, 'stroke-width': 1, class: 'seg-progress' }));
  if (missing) svg.appendChild(s('rect', { x: p(earned + prog), y: 1, width: p(missing), height: height - 2, fill: '#ffffff', stroke: COLORS.vermillion, 'stroke-width': 2, 'stroke-dasharray': '5 3', class: 'seg-missing' }));
  // A white tick between semesters so counts can be read off the bar.
  for (let i = 1; i < total; i++) svg.appendChild(s('rect', { x: p(i), y: height - 6, width: 1, height: 6, fill: '#ffffff' }));
  return svg;
}

// The status of one area for the compact strip: met, met once courses in progress pass, short.
export function areaState(area) {
  if (area.earned >= area.required) return 'met';
  if (area.earned + area.in_progress >= area.required) return 'progress';
  return 'short';
}

// A gap table (equity.md §3) as horizontal bars per group with the all-students line.
// Suppressed groups are drawn as "fewer than MIN_N students", never as a zero-length bar.
export function gapChart(table, width) {
  const narrow = width < 640;
  const groups = table.groups;
  const rates = [table.all.rate || 0, ...groups.map((g) => (g.suppressed ? 0 : g.rate || 0))];
  const maxRate = niceMax(Math.max(...rates, 0.01));
  const rows = [{ all: true, ...table.all, group: 'all' }, ...groups];
  const labels = rows.map((g) => (g.all ? 'All students' : groupLabel(table.by, g.group)));
  // About 7.7px per character at 14px: wide enough for the longest label, at most 35%.
  const labelW = narrow ? 0 : Math.min(width * 0.35, Math.max(...labels.map((l) => l.length)) * 7.7 + 14);
  const valueW = narrow ? 0 : 150;
  const pad = narrow ? 14 : 0;  // room for the axis labels at both ends
  const barX = labelW + pad;
  const barW = width - labelW - valueW - 8 - pad;
  const rowH = narrow ? 58 : 40;
  const top = 30;
  const height = top + rows.length * rowH + 30;
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'gapchart', role: 'img',
    'aria-labelledby': 'gap-title gap-desc' });
  svg.appendChild(s('title', { id: 'gap-title', text: 'Rate by group' }));
  svg.appendChild(s('desc', { id: 'gap-desc', text: 'Horizontal bars, one per group; the same figures are in the table below.' }));
  const hatchUnder = hatch(svg, COLORS.vermillion, '#fbe3d6', 45);
  const hatchOver = hatch(svg, COLORS.orange, '#fdf0d5', -45);
  const x = (r) => barX + (r / maxRate) * barW;
  // Axis: gridlines and percent labels.
  const ticks = tickValues(maxRate);
  for (const t of ticks) {
    svg.appendChild(s('line', { x1: x(t), x2: x(t), y1: top - 4, y2: height - 26, stroke: '#dddddd' }));
    svg.appendChild(s('text', { x: x(t), y: height - 10, 'text-anchor': 'middle', class: 'axis', text: pct(t, t < 0.1 && maxRate < 0.1 ? 1 : 0) }));
  }
  rows.forEach((g, i) => {
    const y = top + i * rowH;
    const label = labels[i];
    const row = s('g', { class: `gaprow${g.suppressed ? ' suppressed' : ''}${g.disproportionate ? ' disproportionate' : ''}`, 'data-group': g.group });
    const barY = narrow ? y + 18 : y + 6;
    const barH = narrow ? 16 : 20;
    if (narrow) row.appendChild(s('text', { x: barX, y: y + 13, class: 'glabel', text: label }));
    else row.appendChild(s('text', { x: labelW - 8, y: y + 21, 'text-anchor': 'end', class: 'glabel', text: label }));
    if (g.suppressed) {
      const text = `fewer than ${table.min_n} students (suppressed)`;
      row.appendChild(s('rect', { x: barX, y: barY, width: barW, height: barH, fill: '#f3f3f3', stroke: COLORS.grey, 'stroke-dasharray': '3 3' }));
      row.appendChild(s('text', { x: barX + 6, y: barY + barH - 5, class: 'suppressed-text', text }));
      row.appendChild(s('title', { text: `${label}: ${text}` }));
    } else {
      const disp = g.disproportionate;
      const under = disp && (g.risk_ratio ?? g.representation_index ?? 1) < 1;
      const fill = g.all ? '#333333' : disp ? (under ? hatchUnder : hatchOver) : COLORS.blue;
      const w = Math.max((g.rate || 0) / maxRate * barW, 0);
      row.appendChild(s('rect', { x: barX, y: barY, width: w, height: barH, fill,
        stroke: disp ? (under ? COLORS.vermillion : COLORS.orange) : 'none', 'stroke-width': 1.5 }));
      if (w === 0) row.appendChild(s('line', { x1: barX, x2: barX, y1: barY, y2: barY + barH, stroke: COLORS.black, 'stroke-width': 2 }));
      const value = `${pct(g.rate)}  (${g.count} of ${g.n})`;
      const ri = g.all ? '' : `RI ${num(g.representation_index, 2)}`;
      const flag = disp ? (under ? '▼ disproportionate (under)' : '▲ disproportionate (over)') : '';
      const detail = [ri, flag].filter(Boolean).join(' · ');
      if (narrow) {
        row.appendChild(s('text', { x: barX + barW, y: y + 13, 'text-anchor': 'end', class: 'gvalue', text: pct(g.rate) }));
        row.appendChild(s('text', { x: barX, y: barY + barH + 14, class: `gdetail${disp ? ' flag' : ''}`, text: [`${g.count} of ${g.n}`, ri, flag.replace(/ \((under|over)\)$/, '')].filter(Boolean).join(' · ') }));
      } else {
        row.appendChild(s('text', { x: width - valueW, y: y + 15, class: 'gvalue', text: pct(g.rate) }));
        row.appendChild(s('text', { x: width - valueW, y: y + 30, class: 'gdetail', text: [`${g.count} of ${g.n}`, ri].filter(Boolean).join(' · ') }));
        // The flag goes after the bar when there is room, else inside it on a white halo.
        if (flag) row.appendChild(s('text', { x: barW - w > 200 ? barX + w + 6 : barX + 4, y: barY + barH - 5, class: 'gdetail inbar flag', text: flag }));
      }
      row.appendChild(s('title', { text: `${label}: ${value}${detail ? ', ' + detail : ''}` }));
    }
    svg.appendChild(row);
  });
  // The all-students reference line over every bar.
  if (table.all.rate !== null && table.all.rate !== undefined) {
    const ax = x(table.all.rate);
    svg.appendChild(s('line', { x1: ax, x2: ax, y1: top - 6, y2: height - 26, stroke: COLORS.black, 'stroke-width': 2, 'stroke-dasharray': '6 4', class: 'allline' }));
    const anchor = ax > width - 160 ? 'end' : 'start';
    svg.appendChild(s('text', { x: ax + (anchor === 'start' ? 4 : -4), y: top - 12, 'text-anchor': anchor, class: 'alllabel', text: `All students ${pct(table.all.rate)}` }));
  }
  return svg;
}

// A round upper bound for an axis: 0.0623 -> 0.08, 0.43 -> 0.5, 0.87 -> 1.
export function niceMax(v) {
  const steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1];
  const target = Math.min(v * 1.15, 1);
  return steps.find((st) => st >= target) || 1;
}

export function tickValues(max) {
  const step = max <= 0.02 ? 0.005 : max <= 0.05 ? 0.01 : max <= 0.1 ? 0.02 : max <= 0.3 ? 0.05 : max <= 0.6 ? 0.1 : 0.2;
  const out = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}
