import type { JSX } from "preact";
import { useState } from "preact/hooks";

import { METRICS, type Metric, parseTarget, SUGGESTED } from "../state/goals";
import { useTranslator } from "../state/translator";
import { Button } from "./Button";
import { errorText } from "./errors";
import { ProgressBar } from "./ProgressBar";

/** The goal as the server counts it for the current local week. */
export interface GoalView {
  metric: Metric;
  target: number;
  current: number;
  reward_coins: number;
  /** When this week's reward was paid, if it was. */
  reached_at?: string | null;
  /** The last day of this week (the player's local Sunday). */
  week_end?: string | null;
}

/** The weekly goal: progress from the server, and a form to set, change or remove it. */
export function WeeklyGoal({ goal, onSave, onRemove }: {
  goal: GoalView | null;
  onSave: (metric: Metric, target: number) => Promise<void>;
  onRemove: () => Promise<void>;
}) {
  const tr = useTranslator();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const amount = (metric: Metric, n: number) =>
    metric === "xp" ? tr.t("weekly.amount.xp", { count: n }) : tr.count(`weekly.amount.${metric}`, n);

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
      <GoalForm goal={goal} open={editing} onOpen={() => setEditing(true)} onCancel={() => setEditing(false)}
        onSave={async (metric, target) => { await onSave(metric, target); setEditing(false); }} />
    );
  }
  const reached = Boolean(goal.reached_at) || goal.current >= goal.target;
  return (
    <div data-weekly-goal data-metric={goal.metric} data-reached={reached ? "true" : "false"}>
      <p class="goal-numbers" data-goal-progress={`${goal.current}/${goal.target}`}>
        {tr.t("weekly.progress", { current: amount(goal.metric, goal.current), target: amount(goal.metric, goal.target) })}
      </p>
      <ProgressBar current={goal.current} target={goal.target}
        label={tr.t("weekly.progressLabel", { current: goal.current, target: goal.target })} />
      {reached ? (
        <p class="goal-reached" data-goal-reached>{tr.t("weekly.reached", { coins: tr.count("unit.coins", goal.reward_coins) })}</p>
      ) : (
        <p class="hint">
          {goal.week_end
            ? tr.t("weekly.left", { amount: amount(goal.metric, goal.target - goal.current), day: tr.day(goal.week_end, "long") })
            : null}
          {" "}
          {tr.t("weekly.reward", { coins: tr.count("unit.coins", goal.reward_coins) })}
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

function GoalForm({ goal, open, onOpen, onCancel, onSave }: {
  goal: GoalView | null; open: boolean; onOpen: () => void; onCancel: () => void;
  onSave: (metric: Metric, target: number) => Promise<void>;
}) {
  const tr = useTranslator();
  const [metric, setMetric] = useState<Metric>(goal?.metric ?? "workouts");
  const [target, setTarget] = useState(String(goal?.target ?? SUGGESTED.workouts));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!open) {
    return (
      <div data-weekly-goal="none">
        <p class="empty">{tr.t("weekly.none")}</p>
        <Button variant="primary" onClick={onOpen}>{tr.t("weekly.set")}</Button>
      </div>
    );
  }

  const pick = (next: Metric) => {
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
        <input name="target" type="number" inputMode="numeric" min={1} step={1} value={target}
          onInput={(e) => setTarget(e.currentTarget.value)} />
      </label>
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy} busyText={tr.t("weekly.saving")}>{tr.t("weekly.save")}</Button>
        {goal ? <Button onClick={onCancel} disabled={busy}>{tr.t("app.cancel")}</Button> : null}
      </div>
    </form>
  );
}
