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
