/**
 * @module Inline SVG charts for the reports (no library, no network): stacked horizontal bars, stacked histograms,
 * interval (dot and whisker) charts and heat maps. Every label goes through the escaping `html` template.
 */
import { concatHtml, html, type SafeHtml } from './escape.js';

export interface Segment {
  readonly value: number;
  readonly color: string;
  /** Tooltip. */
  readonly title: string;
}

export interface BarRow {
  readonly label: string;
  readonly segments: readonly Segment[];
  /** Text after the bar (default: the total). */
  readonly note?: string;
}

/** Round tick steps (1, 2, 5 x 10^k) so that at most ~5 ticks cover [0, max]. */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw)!;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 1 ? 2 : 1);
}

/** Horizontal stacked bars, one row per label. */
export function hBarChart(
  rows: readonly BarRow[],
  opts: { readonly title: string; readonly labelWidth?: number; readonly max?: number },
): SafeHtml {
  const labelW = opts.labelWidth ?? 110;
  const width = 560;
  // Few rows get taller bars, so a chart beside a histogram does not look empty.
  const rowH = Math.round(Math.max(30, Math.min(52, 200 / Math.max(1, rows.length))));
  const top = 8;
  const barMax = width - labelW - 90;
  const total = (r: BarRow) => r.segments.reduce((s, x) => s + x.value, 0);
  const max = opts.max ?? Math.max(1, ...rows.map(total));
  const height = top + rows.length * rowH + 8;
  const body = rows.map((r, i) => {
    const y = top + i * rowH;
    let x = labelW;
    const segs = r.segments.map((s) => {
      const w = (s.value / max) * barMax;
      const rect = concatHtml(
        html`<rect x="${x.toFixed(1)}" y="${y + 6}" width="${Math.max(0, w).toFixed(1)}" `,
        html`height="${Math.min(26, rowH - 12)}" rx="3" fill="${s.color}"><title>${s.title}</title></rect>`,
      );
      x += w;
      return rect;
    });
    return concatHtml(
      html`<g class="bar-row"><text x="${labelW - 8}" y="${y + 6 + Math.min(26, rowH - 12) / 2 + 4}" `,
      html`text-anchor="end" class="axis-label">${r.label}</text>${segs}<text x="${(x + 6).toFixed(1)}" `,
      html`y="${y + 6 + Math.min(26, rowH - 12) / 2 + 4}" class="value-label">${r.note ?? fmt(total(r))}</text></g>`,
    );
  });
  return concatHtml(
    html`<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet">`,
    html`<title>${opts.title}</title>${body}</svg>`,
  );
}

export interface HistBin {
  readonly label: string;
  readonly segments: readonly Segment[];
}

/** Vertical stacked bars over ordered bins, with a y axis of counts. */
export function histogram(
  bins: readonly HistBin[],
  opts: { readonly title: string; readonly xLabel: string; readonly yLabel?: string },
): SafeHtml {
  const width = 560;
  const height = 250;
  const left = 44;
  const right = 12;
  const top = 12;
  const bottom = 52;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const totals = bins.map((b) => b.segments.reduce((s, x) => s + x.value, 0));
  const ticks = niceTicks(Math.max(1, ...totals));
  const yMax = ticks[ticks.length - 1]!;
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const slot = plotW / Math.max(1, bins.length);
  const barW = Math.max(2, slot * 0.72);
  const grid = ticks.map((t) =>
    concatHtml(
      html`<line x1="${left}" x2="${width - right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/>`,
      html`<text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" class="tick">${fmt(t)}</text>`,
    ),
  );
  // Thin out x labels when bins are many, so they never overlap.
  const every = Math.max(1, Math.ceil(bins.length / 12));
  const bars = bins.map((b, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let acc = 0;
    const rects = b.segments.map((s) => {
      const y0 = y(acc + s.value);
      const h = y(acc) - y0;
      acc += s.value;
      return s.value === 0
        ? html``
        : concatHtml(
            html`<rect x="${x.toFixed(1)}" y="${y0.toFixed(1)}" width="${barW.toFixed(1)}" `,
            html`height="${Math.max(0, h).toFixed(1)}" fill="${s.color}"><title>${b.label}: ${s.title}</title></rect>`,
          );
    });
    const total = totals[i]!;
    const count =
      bins.length <= 16 && total > 0
        ? concatHtml(
            html`<text x="${(x + barW / 2).toFixed(1)}" y="${(y(total) - 4).toFixed(1)}" text-anchor="middle" `,
            html`class="value-label">${fmt(total)}</text>`,
          )
        : html``;
    const label =
      i % every === 0
        ? concatHtml(
            html`<text x="${(x + barW / 2).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" `,
            html`class="tick">${b.label}</text>`,
          )
        : html``;
    return html`<g class="bin">${rects}${count}${label}</g>`;
  });
  const yLabel =
    opts.yLabel === undefined
      ? html``
      : concatHtml(
          html`<text transform="translate(12 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" `,
          html`class="axis-label">${opts.yLabel}</text>`,
        );
  return concatHtml(
    html`<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet">`,
    html`<title>${opts.title}</title>${grid}<line x1="${left}" x2="${width - right}" y1="${top + plotH}" `,
    html`y2="${top + plotH}" class="axis"/>${bars}<text x="${left + plotW / 2}" y="${height - 10}" `,
    html`text-anchor="middle" class="axis-label">${opts.xLabel}</text>${yLabel}</svg>`,
  );
}

export interface Interval {
  readonly label: string;
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly color: string;
}

/** A dot per row with its confidence interval as a whisker, on a shared axis [min, max]. */
export function intervalChart(
  rows: readonly Interval[],
  opts: { readonly title: string; readonly min: number; readonly max: number; readonly labelWidth?: number },
): SafeHtml {
  const labelW = opts.labelWidth ?? 120;
  const width = 560;
  const rowH = 34;
  const top = 8;
  const axisH = 28;
  const plotW = width - labelW - 24;
  const height = top + rows.length * rowH + axisH;
  const span = opts.max - opts.min || 1;
  const x = (v: number) => labelW + ((v - opts.min) / span) * plotW;
  const ticks = Array.from({ length: 5 }, (_, k) => opts.min + (span * k) / 4);
  const axisY = top + rows.length * rowH;
  const grid = ticks.map((t) =>
    concatHtml(
      html`<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${top}" y2="${axisY}" class="grid"/>`,
      html`<text x="${x(t).toFixed(1)}" y="${axisY + 16}" text-anchor="middle" class="tick">${t.toFixed(3)}</text>`,
    ),
  );
  const body = rows.map((r, i) => {
    const cy = top + i * rowH + rowH / 2;
    const label = html`<text x="${labelW - 10}" y="${cy + 4}" text-anchor="end" class="axis-label">${r.label}</text>`;
    if (r.mean === null) return html`<g>${label}<text x="${labelW}" y="${cy + 4}" class="tick">n/a</text></g>`;
    const lo = r.lo ?? r.mean;
    const hi = r.hi ?? r.mean;
    return concatHtml(
      html`<g class="interval">${label}<line x1="${x(lo).toFixed(1)}" x2="${x(hi).toFixed(1)}" y1="${cy}" `,
      html`y2="${cy}" stroke="${r.color}" stroke-width="3" stroke-linecap="round"/><line x1="${x(lo).toFixed(1)}" `,
      html`x2="${x(lo).toFixed(1)}" y1="${cy - 6}" y2="${cy + 6}" stroke="${r.color}" stroke-width="2"/>`,
      html`<line x1="${x(hi).toFixed(1)}" x2="${x(hi).toFixed(1)}" y1="${cy - 6}" y2="${cy + 6}" `,
      html`stroke="${r.color}" stroke-width="2"/><circle cx="${x(r.mean).toFixed(1)}" cy="${cy}" r="6" `,
      html`fill="${r.color}" stroke="#fff" stroke-width="2">`,
      html`<title>${r.label}: ${r.mean.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]</title></circle></g>`,
    );
  });
  return concatHtml(
    html`<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet">`,
    html`<title>${opts.title}</title>${grid}${body}</svg>`,
  );
}

export interface HeatCell {
  /** In [0, 1]; null for an empty cell. */
  readonly value: number | null;
  readonly text: string;
  readonly sub?: string;
  readonly title: string;
  readonly muted?: boolean;
}

/** A color ramp from near-white to a deep warm red, for shares in [0, 1]. */
export function heatColor(v: number): string {
  const t = Math.min(1, Math.max(0, v));
  const from = [255, 247, 236];
  const to = [179, 30, 45];
  const c = from.map((f, k) => Math.round(f + (to[k]! - f) * t ** 0.85));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** A labelled matrix of colored cells (rows x columns). */
export function heatmap(
  rowLabels: readonly string[],
  colLabels: readonly string[],
  cells: readonly (readonly HeatCell[])[],
  opts: { readonly title: string; readonly rowTitle: string; readonly colTitle: string },
): SafeHtml {
  const labelW = Math.min(190, 24 + 7 * Math.max(...rowLabels.map((l) => l.length), 6));
  const cellW = Math.max(96, Math.min(150, 460 / Math.max(1, colLabels.length)));
  const cellH = 52;
  const headH = 52;
  const width = labelW + cellW * colLabels.length + 8;
  const height = headH + cellH * rowLabels.length + 8;
  const head = colLabels.map((c, j) =>
    concatHtml(
      html`<text x="${(labelW + j * cellW + cellW / 2).toFixed(1)}" y="${headH - 10}" text-anchor="middle" `,
      html`class="axis-label">${c}</text>`,
    ),
  );
  const rows = rowLabels.map((r, i) => {
    const y = headH + i * cellH;
    const tiles = (cells[i] ?? []).map((cell, j) => {
      const x = labelW + j * cellW;
      const fill = cell.value === null ? '#f1f3f5' : cell.muted ? '#e9ecef' : heatColor(cell.value);
      const dark = cell.value !== null && !cell.muted && cell.value > 0.55;
      const sub =
        cell.sub === undefined
          ? html``
          : concatHtml(
              html`<text x="${(x + cellW / 2).toFixed(1)}" y="${y + cellH / 2 + 15}" text-anchor="middle" `,
              html`class="${dark ? 'cell-sub dark' : 'cell-sub'}">${cell.sub}</text>`,
            );
      return concatHtml(
        html`<g class="cell"><rect x="${x + 2}" y="${y + 2}" width="${cellW - 4}" height="${cellH - 4}" rx="6" `,
        html`fill="${fill}"><title>${cell.title}</title></rect><text x="${(x + cellW / 2).toFixed(1)}" `,
        html`y="${y + (cell.sub === undefined ? cellH / 2 + 5 : cellH / 2)}" text-anchor="middle" `,
        html`class="${dark ? 'cell-text dark' : 'cell-text'}">${cell.text}</text>${sub}</g>`,
      );
    });
    return concatHtml(
      html`<g><text x="${labelW - 10}" y="${y + cellH / 2 + 4}" text-anchor="end" `,
      html`class="axis-label">${r}</text>${tiles}</g>`,
    );
  });
  return concatHtml(
    html`<svg class="chart heatmap" role="img" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin `,
    html`meet" style="max-width:${width}px"><title>${opts.title}</title>`,
    html`<text x="${(labelW + (cellW * colLabels.length) / 2).toFixed(1)}" y="14" text-anchor="middle" `,
    html`class="tick">${opts.colTitle} →</text><text x="${labelW - 10}" y="${headH - 10}" text-anchor="end" `,
    html`class="tick">${opts.rowTitle} ↓</text>${head}${rows}</svg>`,
  );
}
