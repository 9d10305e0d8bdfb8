import type { ComponentChildren } from "preact";

/**
 * A chart's frame: a heading, the drawing, and a one-sentence summary that screen
 * readers get instead of the drawing (the drawing itself is role="img" labelled by it).
 */
export function Figure({ id, title, summary, children, name, controls }: {
  id: string; title: string; summary: string; children: ComponentChildren; name: string;
  /** Buttons that change what is drawn, between the title and the drawing. */
  controls?: ComponentChildren;
}) {
  return (
    <figure class="chart" data-chart={name} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="chart-title">{title}</h3>
      {controls}
      <div class="chart-drawing" role="img" aria-labelledby={`${id}-title ${id}-summary`}>
        {children}
      </div>
      <figcaption id={`${id}-summary`} class="chart-summary" data-chart-summary>{summary}</figcaption>
    </figure>
  );
}

/** Height of a bar plot's drawing, in its own units (a bar of the top value fills it). */
export const PLOT_HEIGHT = 100;

/**
 * A bar plot's drawing: the top value's label, grid lines at the top and middle, the
 * bars (`children`, one column each in a `columns`-wide box) and the base line.
 */
export function BarPlot({ columns, top, children }: { columns: number; top: string; children: ComponentChildren }) {
  return (
    <div class="chart-plot">
      <span class="chart-y chart-y-top" aria-hidden="true">{top}</span>
      <svg class="chart-svg" viewBox={`0 0 ${columns} ${PLOT_HEIGHT}`} preserveAspectRatio="none" aria-hidden="true">
        <line class="chart-grid" x1="0" x2={columns} y1="0.5" y2="0.5" vector-effect="non-scaling-stroke" />
        <line class="chart-grid" x1="0" x2={columns} y1={PLOT_HEIGHT / 2} y2={PLOT_HEIGHT / 2} vector-effect="non-scaling-stroke" />
        {children}
        <line class="chart-axis" x1="0" x2={columns} y1={PLOT_HEIGHT} y2={PLOT_HEIGHT} vector-effect="non-scaling-stroke" />
      </svg>
    </div>
  );
}
