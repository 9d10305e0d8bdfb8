import type { ComponentChildren } from "preact";

import { niceCeiling, type Stack } from "../../state/charts";
import { BarPlot, Figure, PLOT_HEIGHT as HEIGHT } from "./Figure";

const BAR = 0.72;

export interface Series {
  key: string;
  label: string;
}

/** One stacked bar per week, a colour per series, with a legend that names the colours. */
export function WeeklyStacks({ stacks, series, title, summary, format, weekLabel, controls }: {
  stacks: Stack[]; series: Series[]; title: string; summary: string;
  format: (value: number) => string; weekLabel: (monday: string) => string; controls?: ComponentChildren;
}) {
  const top = niceCeiling(Math.max(0, ...stacks.map((s) => s.total)));
  const totals = new Map(series.map((s) => [s.key, 0]));
  for (const stack of stacks) for (const part of stack.parts) totals.set(part.series, (totals.get(part.series) ?? 0) + part.value);
  const first = stacks[0];
  const last = stacks[stacks.length - 1];
  return (
    <Figure id="chart-volume" name="volume" title={title} summary={summary} controls={controls}>
      <BarPlot columns={stacks.length} top={format(top)}>
        {stacks.map((stack, n) => {
          let below = 0;
          return (
            <g key={stack.week} data-week={stack.week} data-total={stack.total}>
              {stack.parts.map((part) => {
                if (part.value <= 0) return null;
                const height = (HEIGHT * part.value) / top;
                below += height;
                const index = series.findIndex((s) => s.key === part.series);
                return (
                  <rect key={part.series} class={`chart-part series-${index % 8}`}
                    x={n + (1 - BAR) / 2} width={BAR} y={HEIGHT - below} height={height}>
                    <title>{`${weekLabel(stack.week)} · ${series[index]?.label ?? part.series}: ${format(part.value)}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </BarPlot>
      {first && last ? (
        <div class="chart-x" aria-hidden="true">
          <span>{weekLabel(first.week)}</span>
          <span>{weekLabel(last.week)}</span>
        </div>
      ) : null}
      <ul class="chart-legend">
        {series.map((s, index) => (
          <li key={s.key} data-series={s.key}>
            <span class={`swatch series-${index % 8}`} aria-hidden="true" />
            <span class="legend-label" data-from-server>{s.label}</span>
            <b>{format(totals.get(s.key) ?? 0)}</b>
          </li>
        ))}
      </ul>
    </Figure>
  );
}
