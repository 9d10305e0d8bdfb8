import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

import { exerciseName } from "../state/catalogue";
import { completeSet, currentSet, type Draft } from "../state/draft";
import { useTranslator } from "../state/translator";
import type { MainAction } from "../telegram/controls";
import { haptic } from "../telegram/controls";
import { clock, secondsLeft, useNow } from "../ui/useNow";

type Phase =
  | { kind: "ready" }
  | { kind: "working"; endsAt: number; startedAt: number } // a timed set's countdown
  | { kind: "resting"; endsAt: number; startedAt: number };

/**
 * A workout followed from a routine, one set at a time: the set to do now, a
 * countdown for a timed set, then the rest before the next one. Every set done is
 * marked in the draft (kept on the device); the countdowns live on this screen.
 */
export function useGuide(draft: Draft, onChange: (next: Draft) => void): {
  panel: JSX.Element | null;
  action: MainAction | null;
} {
  const tr = useTranslator();
  const [phase, setPhase] = useState<Phase>({ kind: "ready" });
  const now = useNow(phase.kind !== "ready");
  const set = draft.routine ? currentSet(draft) : null;
  // The clock may not have ticked since the phase began: never count from before it.
  const left = phase.kind === "ready" ? 0 : secondsLeft(phase.endsAt, Math.max(now, phase.startedAt));

  const finishSet = (amount?: string) => {
    if (!set) return;
    onChange(completeSet(draft, set.id, amount));
    const more = draft.sets.some((s) => !s.done && s.id !== set.id);
    const rest = set.rest ?? 0;
    const at = Date.now();
    setPhase(more && rest > 0 ? { kind: "resting", startedAt: at, endsAt: at + rest * 1000 } : { kind: "ready" });
  };
  const start = () => {
    const seconds = Number(set?.amount);
    if (!set || !(seconds > 0)) return;
    const at = Date.now();
    setPhase({ kind: "working", startedAt: at, endsAt: at + seconds * 1000 });
  };
  const stopEarly = () => {
    if (phase.kind !== "working") return;
    finishSet(String(Math.max(1, Math.round((Date.now() - phase.startedAt) / 1000))));
  };

  // A countdown that reaches zero ends by itself.
  useEffect(() => {
    if (phase.kind === "ready" || left > 0) return;
    haptic("success");
    if (phase.kind === "working") finishSet();
    else setPhase({ kind: "ready" });
  }, [phase, left]);

  if (!draft.routine) return { panel: null, action: null };
  const total = draft.sets.length;
  const doneCount = draft.sets.filter((s) => s.done).length;

  if (!set) {
    return {
      panel: (
        <section class="panel guide" data-guide aria-live="polite">
          <h2>{draft.routine.name}</h2>
          <p class="guide-done" data-guide-done>{tr.t("guide.allDone")}</p>
        </section>
      ),
      action: null,
    };
  }

  const name = exerciseName(set.exercise);
  const target = tr.count(set.measure === "seconds" ? "unit.seconds" : "unit.reps", Number(set.amount) || 0);
  let body: JSX.Element;
  let action: MainAction;
  if (phase.kind === "resting") {
    action = { text: tr.t("guide.skipRest"), run: () => setPhase({ kind: "ready" }) };
    body = (
      <>
        <p class="guide-label">{tr.t("guide.rest")}</p>
        <p class="timer" role="timer" data-rest-timer aria-label={tr.t("guide.restLeft", { time: clock(left) })}>
          {clock(left)}
        </p>
        <p class="hint">{tr.t("guide.next", { exercise: name, target })}</p>
        <button type="button" class="button button-plain" onClick={action.run}>{action.text}</button>
      </>
    );
  } else if (phase.kind === "working") {
    action = { text: tr.t("guide.stop"), run: stopEarly };
    body = (
      <>
        <p class="guide-exercise" data-from-server>{name}</p>
        <p class="timer" role="timer" data-countdown aria-label={tr.t("guide.workLeft", { time: clock(left) })}>
          {clock(left)}
        </p>
        <button type="button" class="button button-plain" onClick={action.run}>{action.text}</button>
      </>
    );
  } else {
    const timed = set.measure === "seconds";
    action = timed
      ? { text: tr.t("guide.startTimer", { target }), run: start }
      : { text: tr.t("guide.doneSet"), run: () => finishSet() };
    body = (
      <>
        <p class="guide-exercise" data-from-server>{name}</p>
        <p class="guide-target" data-guide-target>{target}</p>
        <button type="button" class="button button-primary" onClick={action.run}>{action.text}</button>
      </>
    );
  }
  return {
    panel: (
      <section class="panel guide" data-guide data-guide-set={set.id} aria-live="polite">
        <h2>{draft.routine.name}</h2>
        <p class="guide-progress" data-guide-progress>
          {tr.t("guide.progress", { n: doneCount + 1, total })}
        </p>
        {body}
      </section>
    ),
    action,
  };
}
