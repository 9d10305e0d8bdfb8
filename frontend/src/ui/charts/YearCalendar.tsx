import { type CalendarWeek, intensity } from "../../state/charts";
import { useWide } from "../useWide";
import { Figure } from "./Figure";

const CELL = 10;
const GAP = 2;
const STEP = CELL + GAP;

/**
 * A year of training days, a column per week (Monday on top). A phone gets it in
 * two rows of half a year, so each day stays a square big enough to see; a wide
 * screen gets one row.
 */
export function YearCalendar({ weeks, frozen, title, summary, monthLabel, dayTitle, less, more, frozenKey }: {
  weeks: CalendarWeek[]; frozen: ReadonlySet<string>; title: string; summary: string;
  monthLabel: (day: string) => string; dayTitle: (day: string, count: number) => string;
  less: string; more: string; frozenKey: string;
}) {
  const wide = useWide(720);
  const rows = wide ? 1 : 2;
  const perRow = Math.ceil(weeks.length / rows);
  const busiest = Math.max(1, ...weeks.flatMap((w) => w.cells.map((c) => c.count)));
  const chunks = Array.from({ length: rows }, (_, r) => weeks.slice(r * perRow, (r + 1) * perRow));
  return (
    <Figure id="chart-calendar" name="calendar" title={title} summary={summary}>
      {chunks.map((chunk, r) => (
        <div key={r} class="calendar-row">
          <div class="calendar-months" aria-hidden="true">
            {chunk.map((week, n) => week.newMonth ? (
              <span key={week.monday} style={{ left: `${(100 * n) / perRow}%` }}>{monthLabel(week.newMonth)}</span>
            ) : null)}
          </div>
          <svg class="calendar-svg" viewBox={`0 0 ${perRow * STEP - GAP} ${7 * STEP - GAP}`} aria-hidden="true">
            {chunk.map((week, n) => week.cells.map((cell, d) => cell.future ? null : (
              <rect key={cell.day}
                class={cell.count === 0 && frozen.has(cell.day) ? "day frozen" : `day level-${intensity(cell.count, busiest)}`}
                data-day={cell.day} data-count={cell.count} data-frozen={frozen.has(cell.day) ? "true" : undefined}
                x={n * STEP} y={d * STEP} width={CELL} height={CELL}>
                <title>{dayTitle(cell.day, cell.count)}</title>
              </rect>
            )))}
          </svg>
        </div>
      ))}
      <p class="calendar-legend" aria-hidden="true">
        <span>{less}</span>
        {[0, 1, 2, 3, 4].map((level) => (
          <svg key={level} class="calendar-key" viewBox={`0 0 ${CELL} ${CELL}`}>
            <rect class={`day level-${level}`} width={CELL} height={CELL} />
          </svg>
        ))}
        <span>{more}</span>
        <svg class="calendar-key" viewBox={`0 0 ${CELL} ${CELL}`}>
          <rect class="day frozen" width={CELL} height={CELL} />
        </svg>
        <span>{frozenKey}</span>
      </p>
    </Figure>
  );
}
