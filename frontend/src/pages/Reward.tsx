import { useEffect } from "preact/hooks";

import type { NewRecord, Profile, WorkoutResult } from "../api/types";
import type { MessageKey } from "../i18n/types";
import { exerciseName } from "../state/catalogue";
import { daysBetween, localToday } from "../state/days";
import { useTranslator } from "../state/translator";
import { haptic } from "../telegram/controls";
import { EarnedList } from "../ui/EarnedList";
import { Link } from "../ui/Link";
import { NextGoal } from "../ui/NextGoal";
import { useCountUp } from "../ui/useCountUp";
import { XpBar } from "../ui/XpBar";

const BREAKDOWN = ["from_xp", "streak_bonus", "long_workout_bonus", "level_bonus", "cut_by_daily_cap"] as const;

/** The moment after a workout: what it earned, what changed, and what is next. */
export function Reward({ result, profile, onAgain }: {
  result: WorkoutResult; profile: Profile; onAgain: () => void;
}) {
  const tr = useTranslator();
  const xpBefore = result.xp_before ?? result.total_xp - result.xp_earned;
  const levelFrom = result.level_xp ?? profile.level_xp;
  const levelTo = result.next_level_xp ?? profile.next_level_xp;
  const gained = useCountUp(0, result.xp_earned);
  const barNow = useCountUp(Math.max(levelFrom, xpBefore), result.total_xp);
  useEffect(() => {
    window.scrollTo(0, 0); // the moment starts at its title, wherever Finish was pressed
    haptic("success");
  }, []);

  return (
    <section class="reward" data-reward aria-labelledby="reward-title">
      <h1 id="reward-title" class="title">{tr.t("reward.title")}</h1>
      <div class="reward-gains">
        <p class="gain-xp" data-reward-xp aria-live="off">{tr.t("unit.xpGained", { count: gained })}</p>
        <p class="gain-coins" data-reward-coins>{tr.count("unit.coinsGained", result.coins_earned)}</p>
      </div>
      {result.level_up ? (
        <p class="level-up" data-level-up role="status">{tr.t("reward.levelUp", { level: result.level })}</p>
      ) : null}
      <EarnedList earned={result.achievements ?? []} />
      <XpBar from={levelFrom} to={levelTo} now={barNow} level={result.level} />
      <ul class="reward-facts">
        <li data-reward-streak>{streakLine(result, tr.count("unit.days", result.current_streak))}</li>
        {result.frozen_days.length > 0 ? (
          <li data-frozen-days={result.frozen_days.join(" ")}>
            {tr.count("reward.frozen", result.frozen_days.length, {
              days: result.frozen_days.map((d) => tr.day(d, "long")).join(", "),
              left: tr.count("unit.freezes", result.streak_freezes),
            })}
          </li>
        ) : null}
        {lateForStreak(result, profile.timezone) ? <li data-back-dated>{tr.t("reward.backDated")}</li> : null}
        <li>{tr.t("reward.streak.best", { days: tr.count("unit.days", result.max_streak) })}</li>
        {result.first_of_day ? <li data-first-of-day>{tr.t("reward.firstOfDay")}</li> : null}
        <li data-reward-standing>
          {tr.t("reward.standing", {
            level: result.level,
            xp: tr.t("unit.xp", { count: result.total_xp }),
            coins: tr.count("unit.coins", result.coins),
          })}
        </li>
      </ul>
      {result.weekly_goal ? (
        <p class="goal-reached" data-reward-goal role="status">
          {tr.t("reward.goalReached", { coins: tr.count("unit.coins", result.weekly_goal.coins) })}{" "}
          <Link href="/progress">{tr.t("reward.seeGoal")}</Link>
        </p>
      ) : null}
      <Records records={result.records} result={result} />
      <CoinsExplained result={result} />
      <h2>{tr.t("reward.setsTitle")}</h2>
      <ol class="reward-sets">
        {result.sets.map((set, n) => (
          <li key={n}>
            <span>
              <span data-from-server>{exerciseName(set.exercise_id)}</span>{" "}
              {set.seconds ? tr.count("unit.seconds", set.seconds) : tr.count("unit.reps", set.reps ?? 0)}
            </span>
            <b>{tr.t("unit.xpGained", { count: set.xp })}</b>
          </li>
        ))}
      </ol>
      <NextGoal level={result.level} xpToNext={Math.max(0, levelTo - result.total_xp)} coins={result.coins} />
      <div class="actions">
        <Link class="button button-primary" href="/">{tr.t("reward.home")}</Link>
        <button type="button" class="button button-plain" onClick={onAgain}>{tr.t("reward.again")}</button>
      </div>
    </section>
  );

  function streakLine(r: WorkoutResult, days: string): string {
    const before = r.streak_before;
    const key: MessageKey = before === undefined ? "reward.streak.now"
      : r.current_streak === 1 && before !== 1 ? "reward.streak.started"
        : r.current_streak > before ? "reward.streak.grew"
          : "reward.streak.same";
    return tr.t(key, { days });
  }
}

/** A back-dated workout (logged two or more days after its day) scores but leaves the streak. */
function lateForStreak(result: WorkoutResult, zone: string): boolean {
  return !result.streak_counted && daysBetween(result.local_date, localToday(zone)) >= 2;
}

function Records({ records, result }: { records: NewRecord[]; result: WorkoutResult }) {
  const tr = useTranslator();
  if (records.length === 0) return null;
  const timed = (exercise: string) => result.sets.some((s) => s.exercise_id === exercise && s.seconds != null);
  return (
    <section class="reward-records" data-reward-records aria-labelledby="records-title">
      <h2 id="records-title">{tr.count("reward.recordsTitle", records.length)}</h2>
      <ul class="records">
        {records.map((r) => {
          const unit = timed(r.exercise) ? "unit.seconds" : "unit.reps";
          return (
            <li key={r.exercise} data-record={r.exercise} data-best={r.best}>
              <b data-from-server>{exerciseName(r.exercise)}</b>
              <span class="record-best">
                {tr.t("reward.recordWas", { best: tr.count(unit, r.best), previous: tr.count(unit, r.previous) })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function CoinsExplained({ result }: { result: WorkoutResult }) {
  const tr = useTranslator();
  const parts = result.coins_breakdown;
  if (!parts) return null;
  const rows = BREAKDOWN.filter((part) => parts[part] !== 0);
  return (
    <section class="coins-explained" data-coins-breakdown>
      <h2>{tr.t("reward.coinsTitle")}</h2>
      <ul>
        {rows.map((part) => (
          <li key={part} data-part={part}>
            <span>{tr.t(`reward.coins.${part}`)}</span>
            <b>{part === "cut_by_daily_cap" ? `−${tr.number(parts[part])}` : `+${tr.number(parts[part])}`}</b>
          </li>
        ))}
      </ul>
      {result.daily_coin_cap !== undefined && result.coins_earned_today !== undefined ? (
        <p class="hint" data-daily-cap>
          {tr.t("reward.dailyCap", { earned: result.coins_earned_today, cap: result.daily_coin_cap })}
        </p>
      ) : null}
    </section>
  );
}
