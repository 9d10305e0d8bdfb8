import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { Profile, WorkoutResult } from "../api/types";
import { setProfile } from "../state/app";
import { loadCatalogue, type ExerciseCatalogue, exerciseName } from "../state/catalogue";
import {
  addSet, type Draft, elapsedMinutes, isWholePositive, newDraft, removeSet, setAmount, setMinutes, submit,
} from "../state/draft";
import { drafts } from "../state/session";
import { useTranslator } from "../state/translator";
import { useMainButton } from "../telegram/controls";
import { Button } from "../ui/Button";
import { errorText } from "../ui/errors";
import { Loading, Problem } from "../ui/Problem";
import { ExercisePicker } from "./ExercisePicker";
import { useGuide } from "./Guide";
import { Reward } from "./Reward";
import { ApiError } from "../api/errors";

export function Workout({ profile }: { profile: Profile }) {
  const [catalogue, setCatalogue] = useState<ExerciseCatalogue | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<WorkoutResult | null>(null);
  const tr = useTranslator();
  const load = () => {
    setFailure(null);
    loadCatalogue().then(setCatalogue, setFailure);
  };
  useEffect(load, [tr.locale]);

  if (result) return <Reward result={result} profile={profile} onAgain={() => setResult(null)} />;
  if (failure) return <Problem error={failure} retry={load} />;
  if (!catalogue) return <Loading />;
  return <Logger profile={profile} catalogue={catalogue} onScored={setResult} />;
}

function Logger({ profile, catalogue, onScored }: {
  profile: Profile; catalogue: ExerciseCatalogue; onScored: (result: WorkoutResult) => void;
}) {
  const tr = useTranslator();
  const [draft, setDraft] = useState<Draft>(() => drafts.load(profile.id) ?? newDraft(profile.id, new Date()));
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // Every change is on the device at once: a reload or a new sign-in finds it.
  const change = (next: Draft) => {
    setDraft(next);
    setProblem(null);
    if (next.sets.length === 0) drafts.clear();
    else drafts.save(next);
  };

  const finish = async () => {
    const invalid = draft.sets.findIndex((s) => !isWholePositive(s.amount));
    if (invalid >= 0) {
      const set = draft.sets[invalid];
      setProblem(tr.t("workout.amountInvalid", { n: invalid + 1, exercise: exerciseName(set?.exercise ?? "") }));
      document.getElementById(`amount-${set?.id}`)?.focus();
      return;
    }
    if (draft.minutes && !isWholePositive(draft.minutes)) {
      setProblem(tr.t("workout.minutesInvalid"));
      return;
    }
    const sending = submit(draft, new Date());
    setDraft(sending);
    drafts.save(sending);
    setBusy(true);
    setProblem(null);
    try {
      const { key, body } = sending.submission!;
      const result = await call(api.POST("/api/workouts", { body, params: { header: { "Idempotency-Key": key } } }));
      drafts.clear();
      onScored(result as WorkoutResult);
      call(api.GET("/api/users/me")).then(setProfile, () => {});
    } catch (error) {
      const text = errorText(error, tr);
      setProblem(error instanceof ApiError && error.transient ? tr.t("workout.lostAnswer", { problem: text }) : text);
    } finally {
      setBusy(false);
    }
  };

  const hasSets = draft.sets.length > 0;
  const guide = useGuide(draft, change);
  useMainButton(guide.action ?? (hasSets ? { text: tr.t("workout.finish"), run: finish, busy } : null));

  const onSubmit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    void finish();
  };

  return (
    <form class="workout" data-workout-form onSubmit={onSubmit} noValidate>
      <h1 class="title">{tr.t("workout.title")}</h1>
      {guide.panel}
      <section class="panel">
        <h2>
          {tr.t("workout.sets")}{" "}
          <span data-set-count>{hasSets ? `(${tr.number(draft.sets.length)})` : ""}</span>
        </h2>
        {hasSets ? (
          <ol class="sets" data-sets>
            {draft.sets.map((set, n) => (
              <SetRow key={set.id} n={n + 1} set={set} draft={draft} onChange={change} />
            ))}
          </ol>
        ) : <p class="empty">{tr.t("workout.empty")}</p>}
        <button type="button" class="button button-plain wide" onClick={() => setPicking(true)}>
          {tr.t("workout.add")}
        </button>
        {hasSets ? <p class="hint">{tr.t("workout.saved")}</p> : null}
      </section>
      {hasSets ? (
        <section class="panel">
          <label class="field">
            <span>{tr.t("workout.minutes")}</span>
            <input
              name="minutes"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={draft.minutes}
              placeholder={String(elapsedMinutes(draft, new Date()))}
              onInput={(e) => change(setMinutes(draft, e.currentTarget.value))}
            />
          </label>
        </section>
      ) : null}
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      {hasSets ? (
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy} busyText={tr.t("workout.scoring")}>
            {tr.t("workout.finish")}
          </Button>
          <Button variant="danger" disabled={busy} onClick={() => {
            if (window.confirm(tr.t("workout.discardConfirm"))) change(newDraft(profile.id, new Date()));
          }}>
            {tr.t("workout.discard")}
          </Button>
        </div>
      ) : null}
      {picking ? (
        <ExercisePicker
          catalogue={catalogue}
          onClose={() => setPicking(false)}
          onPick={(exercise) => {
            setPicking(false);
            change(addSet(draft, exercise.id, exercise.is_timed ? "seconds" : "reps"));
          }}
        />
      ) : null}
    </form>
  );
}

function SetRow({ n, set, draft, onChange }: {
  n: number; set: Draft["sets"][number]; draft: Draft; onChange: (next: Draft) => void;
}) {
  const tr = useTranslator();
  const name = exerciseName(set.exercise);
  const measure = tr.t(`workout.measure.${set.measure}`);
  return (
    <li class={set.done ? "set set-done" : "set"} data-exercise={set.exercise} data-done={set.done ? "true" : undefined}>
      <span class="set-name" data-from-server>{name}</span>
      <span class="set-amount">
        <input
          id={`amount-${set.id}`}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={set.amount}
          aria-label={tr.t("workout.amount", { exercise: name, n, measure })}
          onInput={(e) => onChange(setAmount(draft, set.id, e.currentTarget.value))}
        />
        <span class="unit" aria-hidden="true">{measure}</span>
      </span>
      <button
        type="button"
        class="icon-button"
        aria-label={tr.t("workout.repeat", { exercise: name })}
        onClick={() => onChange(addSet(draft, set.exercise, set.measure, set.amount))}
      >
        +
      </button>
      <button
        type="button"
        class="icon-button danger"
        aria-label={tr.t("workout.remove", { n, exercise: name })}
        onClick={() => onChange(removeSet(draft, set.id))}
      >
        ×
      </button>
    </li>
  );
}
