import { html, type SafeHtml } from '../html.js';

/**
 * Small inline SVG pictures (no chart library, nothing fetched). Coordinates are SVG attributes,
 * not CSS, so the Content-Security-Policy's ban on inline styles does not touch them.
 */

/** A line of daily counts, with a dot on the last day; `label` is read by screen readers. */
export function sparkline(values: readonly number[], label: string, size = { width: 140, height: 28 }): SafeHtml {
  const { width, height } = size;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const points = values.map((v, i) => [2 + i * step, height - 3 - (v / max) * (height - 6)] as const);
  const path = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const last = points.at(-1);
  return html`<svg class="sparkline" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${label}</title><line class="base" x1="2" x2="${width - 2}" y1="${height - 3}" y2="${height - 3}"/><polyline points="${path}"/>${last ? html`<circle cx="${last[0].toFixed(1)}" cy="${last[1].toFixed(1)}" r="2"/>` : ''}</svg>`;
}

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars with their labels and counts, largest first as given. */
export function barChart(bars: readonly Bar[], label: string): SafeHtml {
  const rowHeight = 20;
  // Fits the 328 px side column: the longest default topic label is ~170 px at 12 px.
  const labelWidth = 184;
  const barWidth = 110;
  const width = labelWidth + barWidth + 30;
  const height = Math.max(1, bars.length) * rowHeight;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight;
    const w = Math.max(2, (bar.value / max) * barWidth);
    return html`<g><text class="label" x="${labelWidth - 6}" y="${y + 14}">${bar.label}</text><rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" rx="2"/><text class="value" x="${labelWidth + w + 4}" y="${y + 14}">${bar.value}</text></g>`;
  });
  return html`<svg class="bars" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${label}</title>${rows}</svg>`;
}
