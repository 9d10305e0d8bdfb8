// The workout in progress, kept on the device after every change, so a reload, a
// lost connection or signing in again never loses a set. Pure functions over a
// plain object; `DraftStore` reads and writes it.

import type { Routine, WorkoutCreate } from "../api/types";
import { newIdempotencyKey } from "./intent";
import { KEYS, type KeyValue, readJson } from "./storage";

export type Measure = "reps" | "seconds";

export interface DraftSet {
  id: string;
  exercise: string;
  measure: Measure;
  amount: string; // as typed, so a half-typed number survives a reload too
  /** Followed from a routine: the rest after this set, and whether it is done. */
  rest?: number;
  done?: boolean;
}

export interface Draft {
  owner: number;
  startedAt: string;
  minutes: string; // "" until the player types a duration
  sets: DraftSet[];
  /** The routine this workout follows, if any: the app then guides it set by set. */
  routine?: { id: string; name: string };
  /** The request of a Finish press, kept so a retry sends it again with its key. */
  submission?: { key: string; body: WorkoutCreate };
}

export function newDraft(owner: number, now: Date): Draft {
  return { owner, startedAt: now.toISOString(), minutes: "", sets: [] };
}

const edited = (draft: Draft, change: Partial<Draft>): Draft => {
  const { submission: _dropped, ...rest } = draft;
  return { ...rest, ...change };
};

export function addSet(draft: Draft, exercise: string, measure: Measure, amount = ""): Draft {
  const id = newIdempotencyKey();
  return edited(draft, { sets: [...draft.sets, { id, exercise, measure, amount }] });
}

export function setAmount(draft: Draft, id: string, amount: string): Draft {
  return edited(draft, { sets: draft.sets.map((s) => (s.id === id ? { ...s, amount } : s)) });
}

export function removeSet(draft: Draft, id: string): Draft {
  return edited(draft, { sets: draft.sets.filter((s) => s.id !== id) });
}

/** A workout following `routine`: every set of every step, pre-filled with its target. */
export function fromRoutine(routine: Routine, owner: number, now: Date): Draft {
  const sets = routine.steps.flatMap((step) =>
    Array.from({ length: step.sets }, (): DraftSet => {
      const measure: Measure = step.seconds != null ? "seconds" : "reps";
      const amount = String(step.seconds ?? step.reps ?? "");
      return { id: newIdempotencyKey(), exercise: step.exercise_id, measure, amount, rest: step.rest_seconds, done: false };
    }));
  return { ...newDraft(owner, now), routine: { id: routine.id, name: routine.name }, sets };
}

/** The set a guided workout is at: the first not done (null once all are). */
export function currentSet(draft: Draft): DraftSet | null {
  return draft.sets.find((s) => !s.done) ?? null;
}

/** Mark a set done, with the amount actually done if it differs from the target. */
export function completeSet(draft: Draft, id: string, amount?: string): Draft {
  return edited(draft, {
    sets: draft.sets.map((s) => (s.id === id ? { ...s, done: true, amount: amount ?? s.amount } : s)),
  });
}

export function setMinutes(draft: Draft, minutes: string): Draft {
  return edited(draft, { minutes });
}

/** Minutes since the first set was added (at least 1): the duration unless typed. */
export function elapsedMinutes(draft: Draft, now: Date): number {
  return Math.max(1, Math.round((now.getTime() - Date.parse(draft.startedAt)) / 60_000));
}

export const isWholePositive = (text: string) => /^\d+$/.test(text.trim()) && Number(text) > 0;

/**
 * The request for this draft, the same one (and key) on every retry until the
 * player changes something.
 */
export function submit(draft: Draft, now: Date): Draft {
  if (draft.submission) return draft;
  const minutes = draft.minutes ? Number(draft.minutes) : elapsedMinutes(draft, now);
  const finished = now;
  const started = new Date(finished.getTime() - minutes * 60_000);
  const body: WorkoutCreate = {
    started_at: started.toISOString(),
    finished_at: finished.toISOString(),
    sets: draft.sets.map((s) => ({ exercise: s.exercise, [s.measure]: Number(s.amount) })),
  };
  return { ...draft, submission: { key: newIdempotencyKey(), body } };
}

export class DraftStore {
  constructor(private readonly storage: KeyValue, private readonly key: string = KEYS.draft) {}

  /** The player's draft, if this device holds one of theirs. */
  load(owner: number): Draft | null {
    const draft = readJson<Draft>(this.storage, this.key);
    if (!draft || draft.owner !== owner || !Array.isArray(draft.sets)) return null;
    return draft;
  }

  save(draft: Draft): void {
    this.storage.setItem(this.key, JSON.stringify(draft));
  }

  clear(): void {
    this.storage.removeItem(this.key);
  }
}
