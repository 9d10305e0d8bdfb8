import type { JSX } from "preact";
import { useState } from "preact/hooks";

import type { GoalMetric, WeeklyGoal as Week } from "../api/types";
import { METRICS, parseTarget, SUGGESTED } from "../state/goals";
import { useTranslator } from "../state/translator";
import { Button } from "./Button";
import { errorText } from "./errors";
import { ProgressBar } from "./ProgressBar";

/** The weekly goal: this week's progress as the server counts it, and a form to set,
 * change or remove the goal. */
export function WeeklyGoal({ week, onSave, onRemove }: {
  week: Week;
  onSave: (metric: GoalMetric, target: number) => Promise<void>;
  onRemove: () => Promise<void>;
}) {
  const tr = useTranslator();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const amount = useAmount();
  const goal = week.goal;

  const remove = async () => {
    if (!window.confirm(tr.t("weekly.removeConfirm"))) return;
    setBusy(true);
    setProblem(null);
    try {
      await onRemove();
    } catch (error) {
      setProblem(errorText(error, tr));
    } finally {
      setBusy(false);
    }
  };

  if (editing || !goal) {
    return (
      <GoalForm week={week} open={editing} onOpen={() => setEditing(true)} onCancel={() => setEditing(false)}
        onSave={async (metric, target) => { await onSave(metric, target); setEditing(false); }} />
    );
  }
  const current = week.current ?? 0;
  const paid = week.reward;
  return (
    <div data-weekly-goal={goal.metric} data-reached={week.reached ? "true" : "false"}>
      <p class="goal-numbers" data-goal-progress={`${current}/${goal.target}`}>
        {tr.t("weekly.progress", { current, target: amount(goal.metric, goal.target) })}
      </p>
      <ProgressBar current={current} target={goal.target}
        label={tr.t("weekly.progressLabel", { current, target: goal.target })} />
      {paid ? (
        <p class="goal-reached" data-goal-paid>{tr.t("weekly.reached", { coins: tr.count("unit.coins", paid.coins) })}</p>
      ) : (
        <p class="hint">
          {week.reached ? null : tr.t("weekly.left", {
            amount: amount(goal.metric, goal.target - current), day: tr.day(week.week_end, "long"),
          })}
          {" "}
          {tr.t("weekly.reward", { coins: tr.count("unit.coins", goal.reward) })}
        </p>
      )}
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      <div class="actions">
        <Button onClick={() => setEditing(true)} disabled={busy}>{tr.t("weekly.change")}</Button>
        <Button variant="danger" onClick={remove} busy={busy}>{tr.t("weekly.remove")}</Button>
      </div>
    </div>
  );
}

/** "3 workouts", "90 minutes", "500 XP" in the player's language. */
function useAmount(): (metric: GoalMetric, n: number) => string {
  const tr = useTranslator();
  return (metric, n) => (metric === "xp" ? tr.t("weekly.amount.xp", { count: n }) : tr.count(`weekly.amount.${metric}`, n));
}

function GoalForm({ week, open, onOpen, onCancel, onSave }: {
  week: Week; open: boolean; onOpen: () => void; onCancel: () => void;
  onSave: (metric: GoalMetric, target: number) => Promise<void>;
}) {
  const tr = useTranslator();
  const amount = useAmount();
  const goal = week.goal;
  const [metric, setMetric] = useState<GoalMetric>(goal?.metric ?? "workouts");
  const [target, setTarget] = useState(String(goal?.target ?? SUGGESTED.workouts));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const bounds = week.options.find((o) => o.metric === metric);

  if (!open) {
    return (
      <div data-weekly-goal="none">
        <p class="empty">{tr.t("weekly.none")}</p>
        <p class="hint" data-week-so-far>
          {tr.t("weekly.soFar", {
            workouts: tr.count("weekly.amount.workouts", week.progress.workouts),
            minutes: tr.count("weekly.amount.minutes", week.progress.minutes),
            xp: tr.t("weekly.amount.xp", { count: week.progress.xp }),
          })}
        </p>
        <Button variant="primary" onClick={onOpen}>{tr.t("weekly.set")}</Button>
      </div>
    );
  }

  const pick = (next: GoalMetric) => {
    // A suggested number follows the metric until the player types their own.
    if (parseTarget(target) === SUGGESTED[metric] || !target.trim()) setTarget(String(SUGGESTED[next]));
    setMetric(next);
  };
  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = parseTarget(target);
    if (value === null) {
      setProblem(tr.t("weekly.targetInvalid"));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onSave(metric, value);
    } catch (error) {
      setProblem(errorText(error, tr));
      setBusy(false);
    }
  };

  return (
    <form class="form goal-form" data-goal-form onSubmit={submit} noValidate>
      <fieldset class="plain-fieldset">
        <legend>{tr.t("weekly.metric")}</legend>
        <div class="switch">
          {METRICS.map((m) => (
            <button key={m} type="button" aria-pressed={m === metric ? "true" : "false"} data-metric={m}
              onClick={() => pick(m)}>
              {tr.t(`weekly.metric.${m}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <label>
        <span>{tr.t("weekly.target")}</span>
        <input name="target" type="number" inputMode="numeric" min={bounds?.min_target ?? 1} max={bounds?.max_target}
          step={1} value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
      </label>
      {bounds ? (
        <p class="hint" data-goal-bounds>
          {tr.t("weekly.bounds", {
            min: amount(metric, bounds.min_target), max: amount(metric, bounds.max_target),
            low: tr.count("unit.coins", bounds.min_reward), high: tr.count("unit.coins", bounds.max_reward),
          })}
        </p>
      ) : null}
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy} busyText={tr.t("weekly.saving")}>{tr.t("weekly.save")}</Button>
        {goal ? <Button onClick={onCancel} disabled={busy}>{tr.t("app.cancel")}</Button> : null}
      </div>
    </form>
  );
}
