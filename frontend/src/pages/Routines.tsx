import { useEffect, useState } from "preact/hooks";

import type { Profile, Routine } from "../api/types";
import { exerciseName, loadCatalogue } from "../state/catalogue";
import { navigate } from "../state/router";
import {
  deleteRoutine, duplicateRoutine, loadRoutines, setCount, startRoutine, THEMES,
} from "../state/routines";
import { toast } from "../state/toasts";
import { useTranslator } from "../state/translator";
import { useMainButton } from "../telegram/controls";
import { Button } from "../ui/Button";
import { useErrorText } from "../ui/errors";
import { Loading, Problem } from "../ui/Problem";

/** Preset routines by theme and level, and the player's own: start, copy, edit, delete. */
export function Routines({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  const [routines, setRoutines] = useState<Routine[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const load = () => {
    setFailure(null);
    Promise.all([loadRoutines(), loadCatalogue()]).then(([all]) => setRoutines(all), setFailure);
  };
  useEffect(load, [tr.locale]);
  const create = () => navigate("/routines/edit");
  useMainButton({ text: tr.t("routines.new"), run: create });

  if (failure) return <Problem error={failure} retry={load} />;
  if (!routines) return <Loading />;
  const own = routines.filter((r) => !r.preset);
  const changed = (next: Routine[]) => setRoutines(next);
  return (
    <div class="routines" data-routines>
      <h1 class="title">{tr.t("routines.title")}</h1>
      <p class="lead">{tr.t("routines.lead")}</p>
      <section class="panel" data-own-routines>
        <h2>{tr.t("routines.mine")}</h2>
        {own.length === 0 ? <p class="empty">{tr.t("routines.noneYet")}</p> : (
          <ul class="routine-list">
            {own.map((r) => <RoutineCard key={r.id} routine={r} profile={profile} all={routines} onChange={changed} />)}
          </ul>
        )}
        <Button variant="plain" class="button button-plain wide" onClick={create}>{tr.t("routines.new")}</Button>
      </section>
      {THEMES.map((theme) => {
        const presets = routines.filter((r) => r.preset && r.theme === theme).sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
        if (presets.length === 0) return null;
        return (
          <section key={theme} class="panel" data-theme={theme}>
            <h2>{tr.t(`routines.theme.${theme}`)}</h2>
            <ul class="routine-list">
              {presets.map((r) => <RoutineCard key={r.id} routine={r} profile={profile} all={routines} onChange={changed} />)}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

const LEVELS = ["routines.level.1", "routines.level.2", "routines.level.3"] as const;

function RoutineCard({ routine, profile, all, onChange }: {
  routine: Routine; profile: Profile; all: Routine[]; onChange: (next: Routine[]) => void;
}) {
  const tr = useTranslator();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<"copy" | "delete" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = routine.name;
  const levelName = (level: number) => tr.t(LEVELS[Math.min(LEVELS.length, Math.max(1, level)) - 1]!);

  const start = () => startRoutine(routine, profile.id, () => window.confirm(tr.t("routines.replaceDraft")));
  const copy = async () => {
    setBusy("copy");
    setProblem(null);
    try {
      const made = await duplicateRoutine(routine.id);
      onChange([...all, made]);
      toast(tr.t("routines.copied", { name: made.name }), "success");
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(null);
    }
  };
  const remove = async () => {
    if (!window.confirm(tr.t("routines.deleteConfirm", { name }))) return;
    setBusy("delete");
    setProblem(null);
    try {
      await deleteRoutine(routine.id);
      onChange(all.filter((r) => r.id !== routine.id));
    } catch (error) {
      setProblem(errorText(error));
      setBusy(null);
    }
  };

  return (
    <li class="routine" data-routine={routine.id}>
      <h3 class="routine-name">
        {routine.preset ? name : <span data-from-server>{name}</span>}
        {routine.level ? <span class="badge"> {levelName(routine.level)}</span> : null}
      </h3>
      {routine.description ? <p class="routine-description">{routine.description}</p> : null}
      <p class="hint">
        {tr.count("routines.exercises", routine.steps.length)} · {tr.count("unit.sets", setCount(routine))}
      </p>
      <details class="routine-steps">
        <summary>{tr.t("routines.inside")}</summary>
        <ol>
          {routine.steps.map((step, n) => (
            <li key={n}>
              <span data-from-server>{exerciseName(step.exercise_id)}</span>{" "}
              {tr.t("routines.step", {
                sets: step.sets,
                amount: step.seconds != null ? tr.count("unit.seconds", step.seconds) : tr.count("unit.reps", step.reps ?? 0),
                rest: tr.count("unit.seconds", step.rest_seconds),
              })}
            </li>
          ))}
        </ol>
      </details>
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      <div class="actions">
        <Button variant="primary" data-start={routine.id} onClick={start} aria-label={tr.t("routines.startLabel", { name })}>
          {tr.t("routines.start")}
        </Button>
        {!routine.preset ? (
          <Button onClick={() => navigate(`/routines/edit?id=${encodeURIComponent(routine.id)}`)}
            aria-label={tr.t("routines.editLabel", { name })}>
            {tr.t("routines.edit")}
          </Button>
        ) : null}
        <Button busy={busy === "copy"} busyText={tr.t("routines.copying")} disabled={busy !== null} onClick={copy}
          aria-label={tr.t("routines.copyLabel", { name })}>
          {tr.t("routines.copy")}
        </Button>
        {!routine.preset ? (
          <Button variant="danger" busy={busy === "delete"} disabled={busy !== null} onClick={remove}
            aria-label={tr.t("routines.deleteLabel", { name })}>
            {tr.t("routines.delete")}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
