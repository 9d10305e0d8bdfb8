import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

import type { Profile, Routine, StepWrite } from "../api/types";
import { exerciseName, type ExerciseCatalogue, loadCatalogue } from "../state/catalogue";
import { newIdempotencyKey } from "../state/intent";
import { navigate, route } from "../state/router";
import { loadRoutine, saveRoutine } from "../state/routines";
import { useStore } from "../state/store";
import { toast } from "../state/toasts";
import { useTranslator } from "../state/translator";
import { useMainButton } from "../telegram/controls";
import { Button } from "../ui/Button";
import { useErrorText } from "../ui/errors";
import { Loading, Problem } from "../ui/Problem";
import { ExercisePicker } from "./ExercisePicker";

/** A step as typed: numbers stay text until saved, so a half-typed one survives a redraw. */
interface StepDraft {
  key: string;
  exercise: string;
  timed: boolean;
  sets: string;
  amount: string;
  rest: string;
}

const NEW_STEP = { sets: "3", reps: "10", seconds: "30", rest: "60" };

function stepDraft(step: Routine["steps"][number]): StepDraft {
  return {
    key: newIdempotencyKey(),
    exercise: step.exercise_id,
    timed: step.seconds != null,
    sets: String(step.sets),
    amount: String(step.seconds ?? step.reps ?? ""),
    rest: String(step.rest_seconds),
  };
}

/** What the server is sent: numbers where the player typed numbers; the server checks the bounds. */
function stepWrite(step: StepDraft): StepWrite {
  const amount = Number(step.amount);
  return {
    exercise: step.exercise,
    sets: Number(step.sets),
    rest_seconds: Number(step.rest),
    ...(step.timed ? { seconds: amount } : { reps: amount }),
  };
}

/** Write a new routine, or rewrite one of the player's own (`?id=`). */
export function RoutineEditor(_: { profile: Profile }) {
  const tr = useTranslator();
  const { query } = useStore(route);
  const id = query.get("id");
  const [catalogue, setCatalogue] = useState<ExerciseCatalogue | null>(null);
  const [original, setOriginal] = useState<Routine | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const load = () => {
    setFailure(null);
    Promise.all([loadCatalogue(), id ? loadRoutine(id) : Promise.resolve(null)]).then(([c, r]) => {
      setOriginal(r);
      setCatalogue(c);
    }, setFailure);
  };
  useEffect(load, [id, tr.locale]);

  if (failure) return <Problem error={failure} retry={load} />;
  if (!catalogue || (id && !original)) return <Loading />;
  return <Editor key={id ?? "new"} id={id} original={original} catalogue={catalogue} />;
}

function Editor({ id, original, catalogue }: {
  id: string | null; original: Routine | null; catalogue: ExerciseCatalogue;
}) {
  const tr = useTranslator();
  const errorText = useErrorText();
  const [name, setName] = useState(original?.name ?? "");
  const [steps, setSteps] = useState<StepDraft[]>(() => original?.steps.map(stepDraft) ?? []);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey); // one per routine being created

  const change = (index: number, part: Partial<StepDraft>) =>
    setSteps(steps.map((s, n) => (n === index ? { ...s, ...part } : s)));
  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await saveRoutine(id, { name, steps: steps.map(stepWrite) }, key);
      toast(tr.t("routines.saved", { name: saved.name }), "success");
      navigate("/routines", { replace: true });
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  useMainButton({ text: tr.t("routines.save"), run: () => void save(), busy });
  const onSubmit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save();
  };

  return (
    <form class="routine-editor" data-routine-editor onSubmit={onSubmit} noValidate>
      <h1 class="title">{tr.t(id ? "routines.editTitle" : "routines.newTitle")}</h1>
      <section class="panel">
        <label class="field">
          <span>{tr.t("routines.name")}</span>
          <input name="name" value={name} maxLength={100} required onInput={(e) => setName(e.currentTarget.value)} />
        </label>
      </section>
      <section class="panel">
        <h2>{tr.t("routines.steps")}</h2>
        {steps.length === 0 ? <p class="empty">{tr.t("routines.noSteps")}</p> : (
          <ol class="steps" data-steps>
            {steps.map((step, n) => {
              const exercise = exerciseName(step.exercise);
              const field = (label: string, value: string, max: number, min: number, set: (v: string) => void) => (
                <label class="field step-field">
                  <span>{label}</span>
                  <input type="number" inputMode="numeric" min={min} max={max} step={1} value={value}
                    aria-label={`${exercise}: ${label}`} onInput={(e) => set(e.currentTarget.value)} />
                </label>
              );
              return (
                <li key={step.key} class="step" data-exercise={step.exercise}>
                  <span class="set-name" data-from-server>{exercise}</span>
                  {field(tr.t("routines.sets"), step.sets, 10, 1, (v) => change(n, { sets: v }))}
                  {field(tr.t(step.timed ? "routines.seconds" : "routines.reps"), step.amount, step.timed ? 3600 : 1000, 1,
                    (v) => change(n, { amount: v }))}
                  {field(tr.t("routines.rest"), step.rest, 600, 0, (v) => change(n, { rest: v }))}
                  <button type="button" class="icon-button danger" aria-label={tr.t("routines.removeStep", { exercise })}
                    onClick={() => setSteps(steps.filter((_, k) => k !== n))}>
                    ×
                  </button>
                </li>
              );
            })}
          </ol>
        )}
        <button type="button" class="button button-plain wide" onClick={() => setPicking(true)}>
          {tr.t("workout.add")}
        </button>
      </section>
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy} busyText={tr.t("routines.saving")}>
          {tr.t("routines.save")}
        </Button>
        <Button onClick={() => navigate("/routines")}>{tr.t("app.cancel")}</Button>
      </div>
      {picking ? (
        <ExercisePicker
          catalogue={catalogue}
          onClose={() => setPicking(false)}
          onPick={(exercise) => {
            setPicking(false);
            setSteps([...steps, {
              key: newIdempotencyKey(),
              exercise: exercise.id,
              timed: exercise.is_timed,
              sets: NEW_STEP.sets,
              amount: exercise.is_timed ? NEW_STEP.seconds : NEW_STEP.reps,
              rest: NEW_STEP.rest,
            }]);
          }}
        />
      ) : null}
    </form>
  );
}
