import type { DayValue } from "../../state/charts";
import { niceCeiling } from "../../state/charts";
import { BarPlot, Figure, PLOT_HEIGHT as HEIGHT } from "./Figure";

const BAR = 0.7; // of a day's width; the rest is the gap

/**
 * One bar per day, drawn in SVG stretched to the panel's width; the axis texts are
 * HTML around it, so they stay readable at 320 px and follow the theme's colours.
 */
export function DailyBars({ points, title, summary, format, dayLabel }: {
  points: DayValue[]; title: string; summary: string;
  format: (value: number) => string; dayLabel: (day: string) => string;
}) {
  const top = niceCeiling(Math.max(0, ...points.map((p) => p.value)));
  const first = points[0];
  const middle = points[Math.floor(points.length / 2)];
  const last = points[points.length - 1];
  return (
    <Figure id="chart-xp" name="xp" title={title} summary={summary}>
      <BarPlot columns={points.length} top={format(top)}>
        {points.map((p, n) => {
          const height = (HEIGHT * p.value) / top;
          return p.value > 0 ? (
            <rect key={p.day} class="chart-bar" data-day={p.day} data-value={p.value}
              x={n + (1 - BAR) / 2} width={BAR} y={HEIGHT - height} height={height}>
              <title>{`${dayLabel(p.day)}: ${format(p.value)}`}</title>
            </rect>
          ) : null;
        })}
      </BarPlot>
      {first && middle && last ? (
        <div class="chart-x" aria-hidden="true">
          <span>{dayLabel(first.day)}</span>
          <span>{dayLabel(middle.day)}</span>
          <span>{dayLabel(last.day)}</span>
        </div>
      ) : null}
    </Figure>
  );
}
