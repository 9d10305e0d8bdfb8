import { describe, expect, it } from "vitest";

import type { Routine } from "../src/api/types";
import { fieldName } from "../src/i18n/errors";
import { makeTranslator } from "../src/i18n/translate";
import { completeSet, currentSet, fromRoutine, removeSet, submit } from "../src/state/draft";
import { clock, secondsLeft } from "../src/ui/useNow";

const START = new Date("2025-03-01T10:00:00Z");
const ROUTINE: Routine = {
  id: "pull-up-bar-level-1",
  preset: true,
  name: "Pull-up bar",
  description: "Hangs and negatives",
  theme: "pull_up_bar",
  level: 1,
  created_at: null,
  updated_at: null,
  steps: [
    { exercise_id: "dead-hang", sets: 2, reps: null, seconds: 20, rest_seconds: 60 },
    { exercise_id: "negative-pull-up", sets: 3, reps: 3, seconds: null, rest_seconds: 120 },
  ],
};

describe("a workout followed from a routine", () => {
  it("is pre-filled with every set of every step, at its target", () => {
    const draft = fromRoutine(ROUTINE, 7, START);

    expect(draft.owner).toBe(7);
    expect(draft.routine).toEqual({ id: "pull-up-bar-level-1", name: "Pull-up bar" });
    expect(draft.sets.map((s) => [s.exercise, s.measure, s.amount, s.rest, s.done])).toEqual([
      ["dead-hang", "seconds", "20", 60, false],
      ["dead-hang", "seconds", "20", 60, false],
      ["negative-pull-up", "reps", "3", 120, false],
      ["negative-pull-up", "reps", "3", 120, false],
      ["negative-pull-up", "reps", "3", 120, false],
    ]);
    expect(new Set(draft.sets.map((s) => s.id)).size).toBe(5);
  });

  it("goes set by set, keeping what was actually done", () => {
    let draft = fromRoutine(ROUTINE, 7, START);
    const first = currentSet(draft)!;
    draft = completeSet(draft, first.id, "14"); // stopped the 20 s hang at 14 s
    expect(currentSet(draft)?.id).toBe(draft.sets[1]!.id);
    for (const set of draft.sets) draft = completeSet(draft, set.id);

    expect(currentSet(draft)).toBeNull();
    expect(draft.sets.map((s) => s.amount)).toEqual(["14", "20", "3", "3", "3"]);
  });

  it("sends the sets as a workout like any other, with nothing of the guide in it", () => {
    let draft = fromRoutine(ROUTINE, 7, START);
    draft = removeSet(draft, draft.sets[4]!.id);
    const body = submit(draft, new Date("2025-03-01T10:30:00Z")).submission!.body;

    expect(body.sets).toEqual([
      { exercise: "dead-hang", seconds: 20 },
      { exercise: "dead-hang", seconds: 20 },
      { exercise: "negative-pull-up", reps: 3 },
      { exercise: "negative-pull-up", reps: 3 },
    ]);
    expect(body.started_at).toBe("2025-03-01T10:00:00.000Z");
  });
});

describe("timers", () => {
  it("count whole seconds down to zero and show them as a clock", () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 12_000)).toBe(0);
    expect([clock(0), clock(9), clock(60), clock(75), clock(600)]).toEqual(["0:00", "0:09", "1:00", "1:15", "10:00"]);
  });
});

describe("a routine's refused fields", () => {
  it.each([
    ["ru", "steps.0.sets", "Упражнение 1, подходы"],
    ["en", "steps.2.rest_seconds", "Exercise 3, rest"],
    ["en", "steps", "Exercises"],
    ["ru", "name", "Название"],
  ] as const)("%s: %s is named for a player", (locale, path, expected) => {
    expect(fieldName(path, makeTranslator(locale))).toBe(expected);
  });
});
