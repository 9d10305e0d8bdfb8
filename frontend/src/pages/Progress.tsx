import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { ExerciseRecord, GoalMetric, Profile, Stats, StreakFreezes, WeeklyGoal as Week } from "../api/types";
import { setProfile } from "../state/app";
import { exerciseName, loadCatalogue, type ExerciseCatalogue } from "../state/catalogue";
import { longestRun, yearWeeks } from "../state/charts";
import { activeCategories, loadRecentRecords, loadStats, type VolumeMeasure, volumeStacks, xpDays } from "../state/progress";
import { toast } from "../state/toasts";
import { useTranslator } from "../state/translator";
import { AchievementBoard } from "../ui/Achievements";
import { DailyBars } from "../ui/charts/DailyBars";
import { WeeklyStacks } from "../ui/charts/WeeklyStacks";
import { YearCalendar } from "../ui/charts/YearCalendar";
import { FreezeIcon } from "../ui/FreezeIcon";
import { Link } from "../ui/Link";
import { Loading, Problem } from "../ui/Problem";
import { WeeklyGoal } from "../ui/WeeklyGoal";

/** Everything a player works towards, drawn from the server's numbers: look, don't read. */
export function Progress({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  return (
    <>
      <h1 class="title">{tr.t("progress.title")}</h1>
      <StreakPanel profile={profile} />
      <GoalPanel version={profile.total_xp} />
      <AchievementsPanel version={profile.total_xp} />
      <ChartsPanel version={profile.total_xp} />
      <RecordsPanel version={profile.total_xp} />
    </>
  );
}

function StreakPanel({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  const loaded = useLoad(() => call(api.GET("/api/streak-freezes")), [profile.streak_freezes, tr.locale]);
  return (
    <section class="panel" data-streak aria-labelledby="streak-title">
      <h2 id="streak-title">{tr.t("progress.streakTitle")}</h2>
      <p class="streak-line">
        <span class="streak-days" data-streak-now>{tr.t("progress.streakNow", { days: tr.count("unit.days", profile.current_streak) })}</span>
        <span data-streak-best>{tr.t("progress.streakBest", { days: tr.count("unit.days", profile.max_streak) })}</span>
      </p>
      {loaded.error ? <Problem error={loaded.error} retry={loaded.retry} />
        : loaded.data === null ? <Loading /> : <Freezes freezes={loaded.data} held={profile.streak_freezes} />}
    </section>
  );
}

function Freezes({ freezes, held }: { freezes: StreakFreezes; held: number }) {
  const tr = useTranslator();
  const last = freezes.uses[0];
  return (
    <div data-freezes={held}>
      <p class="freezes">
        {Array.from({ length: freezes.max_held }, (_, n) => <FreezeIcon key={n} size={28} empty={n >= held} />)}
        <span data-freezes-held>{tr.t("progress.freezes", { held, max: freezes.max_held })}</span>
      </p>
      <p class="hint">{held > 0 ? tr.t("progress.freezesHint") : tr.t("progress.freezesNone")}</p>
      {last ? <p class="hint" data-last-frozen>{tr.t("progress.lastFrozen", { day: tr.day(last.day, "long") })}</p> : null}
      {held < freezes.max_held ? (
        <Link class="button button-plain" href="/shop#freeze">{tr.t("progress.getFreeze")}</Link>
      ) : null}
    </div>
  );
}

function GoalPanel({ version }: { version: number }) {
  const tr = useTranslator();
  const loaded = useLoad(() => call(api.GET("/api/goals/weekly")), [version, tr.locale]);
  const save = async (metric: GoalMetric, target: number) => {
    loaded.set(await call(api.PUT("/api/goals/weekly", { body: { metric, target } })));
    toast(tr.t("weekly.saved"));
  };
  const remove = async () => {
    await call(api.DELETE("/api/goals/weekly"));
    loaded.retry();
    toast(tr.t("weekly.removed"));
  };
  return (
    <Section name="goal" title={tr.t("weekly.title")} loaded={loaded}>
      {(week: Week) => <WeeklyGoal week={week} onSave={save} onRemove={remove} />}
    </Section>
  );
}

function AchievementsPanel({ version }: { version: number }) {
  const tr = useTranslator();
  const loaded = useLoad(() => call(api.GET("/api/achievements")), [version, tr.locale]);
  return (
    <Section name="achievements" title={tr.t("progress.achievementsTitle")} loaded={loaded}>
      {(list) => <AchievementBoard list={list} />}
    </Section>
  );
}

function ChartsPanel({ version }: { version: number }) {
  const tr = useTranslator();
  const loaded = useLoad(() => Promise.all([loadStats(), loadCatalogue()]), [version, tr.locale]);
  return (
    <Section name="charts" title={tr.t("progress.chartsTitle")} loaded={loaded}>
      {([stats, catalogue]) => <Charts stats={stats} catalogue={catalogue} />}
    </Section>
  );
}

const MEASURES: VolumeMeasure[] = ["sets", "reps", "seconds"];

function Charts({ stats, catalogue }: { stats: Stats; catalogue: ExerciseCatalogue }) {
  const tr = useTranslator();
  const [measure, setMeasure] = useState<VolumeMeasure>("sets");
  const days = useMemo(() => xpDays(stats), [stats]);
  const total = days.reduce((sum, d) => sum + d.value, 0);
  const best = days.reduce((top, d) => (d.value > top.value ? d : top), { day: stats.today, value: 0 });
  const xp = (n: number) => tr.t("unit.xp", { count: n });

  const active = activeCategories(stats, measure);
  const series = catalogue.categories.filter((c) => active.has(c.id)).map((c) => ({ key: c.id, label: c.name }));
  const stacks = volumeStacks(stats, measure, series.map((s) => s.key));
  const volume = (n: number) => tr.count(`unit.${measure}`, n);
  const volumeTotal = stacks.reduce((sum, s) => sum + s.total, 0);

  const counts = new Map(stats.training_days.map((d) => [d.day, d.workouts]));
  const frozen = new Set(stats.frozen_days);
  const weeks = yearWeeks(counts, stats.today);
  const trained = stats.training_days.length;

  return (
    <>
      <DailyBars points={days} title={tr.t("chart.xp.title")} format={xp} dayLabel={(d) => tr.day(d)}
        summary={total > 0
          ? tr.t("chart.xp.summary", { total: xp(total), best: xp(best.value), day: tr.day(best.day, "long") })
          : tr.t("chart.xp.empty")} />
      <WeeklyStacks stacks={stacks} series={series} title={tr.t("chart.volume.title")} format={volume}
        controls={(
          <div class="switch chart-switch" role="group" aria-label={tr.t("chart.volume.measure")}>
            {MEASURES.map((m) => (
              <button key={m} type="button" aria-pressed={m === measure ? "true" : "false"} data-measure={m}
                onClick={() => setMeasure(m)}>
                {tr.t(`chart.volume.${m}`)}
              </button>
            ))}
          </div>
        )}
        weekLabel={(monday) => tr.day(monday)}
        summary={volumeTotal > 0
          ? tr.t("chart.volume.summary", {
            total: volume(volumeTotal), weeks: tr.count("unit.weeks", stacks.length), now: volume(stacks.at(-1)?.total ?? 0),
          })
          : tr.t("chart.volume.empty")} />
      <YearCalendar weeks={weeks} title={tr.t("chart.calendar.title")}
        summary={[
          tr.count("chart.calendar.summary", trained, {
            run: tr.count("unit.days", longestRun(stats.training_days.map((d) => d.day))),
          }),
          frozen.size > 0 ? tr.count("chart.calendar.frozenSummary", frozen.size) : "",
        ].join(" ").trim()}
        frozenKey={tr.t("chart.frozenKey")}
        frozen={frozen}
        monthLabel={(d) => tr.day(d, "month")}
        dayTitle={(d, n) => frozen.has(d) ? tr.t("chart.calendar.frozen", { day: tr.day(d, "full") })
          : n > 0 ? tr.count("chart.calendar.day", n, { day: tr.day(d, "full") }) : tr.t("chart.calendar.rest", { day: tr.day(d, "full") })}
        less={tr.t("chart.less")} more={tr.t("chart.more")} />
    </>
  );
}

function RecordsPanel({ version }: { version: number }) {
  const tr = useTranslator();
  const loaded = useLoad(loadRecentRecords, [version, tr.locale]);
  return (
    <Section name="records" title={tr.t("progress.recordsTitle")} loaded={loaded}>
      {(records) => records.length === 0 ? <p class="empty">{tr.t("progress.recordsEmpty")}</p> : (
        <ul class="records">
          {records.map((r) => <RecordRow key={r.exercise_id} record={r} />)}
        </ul>
      )}
    </Section>
  );
}

function RecordRow({ record }: { record: ExerciseRecord }) {
  const tr = useTranslator();
  const unit = record.measure === "seconds" ? "unit.seconds" : "unit.reps";
  return (
    <li data-record={record.exercise_id} data-best={record.best ?? 0}>
      <span>
        <b data-from-server>{exerciseName(record.exercise_id)}</b>
        <small class="hint">{tr.t("records.total", { amount: tr.count(unit, record.total), sets: tr.count("unit.sets", record.sets) })}</small>
      </span>
      <span class="record-best">
        {tr.t("records.best", { amount: tr.count(unit, record.best ?? 0) })}
        {record.best_at ? <small class="hint">{tr.date(record.best_at)}</small> : null}
      </span>
    </li>
  );
}

interface Loaded<T> {
  data: T | null;
  error: unknown;
  retry: () => void;
  /** A fresher answer the page got another way (the reply to a change). */
  set: (data: T) => void;
}

/** One request's answer for a panel, asked again when `deps` change or on retry. */
function useLoad<T>(fetch: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setError(null);
    fetch().then((answer) => { if (current) setData(answer); }, (failure) => { if (current) setError(failure); });
    return () => { current = false; };
  }, [...deps, attempt]);
  return { data, error, retry: () => setAttempt((n) => n + 1), set: setData };
}

/** A panel that loads on its own: one failing request never blanks the others. */
function Section<T>({ name, title, loaded, children }: {
  name: string; title: string; loaded: Loaded<T>; children: (data: T) => ComponentChildren;
}) {
  const { data, error, retry } = loaded;
  return (
    <section class="panel" data-section={name} aria-labelledby={`${name}-title`}
      aria-busy={data === null && !error ? "true" : "false"}>
      <h2 id={`${name}-title`}>{title}</h2>
      {error ? <Problem error={error} retry={retry} /> : data === null ? <Loading /> : children(data)}
    </section>
  );
}

// The profile is what the HUD shows: a change here (a goal's reward) refreshes it.
export function refreshProfile(): void {
  call(api.GET("/api/users/me")).then(setProfile, () => {});
}
