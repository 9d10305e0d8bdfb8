import { describe, expect, it } from "vitest";

import type { KeyValue } from "../src/state/storage";
import {
  addSet, DraftStore, elapsedMinutes, newDraft, removeSet, setAmount, setMinutes, submit,
} from "../src/state/draft";

function memory(): KeyValue & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const START = new Date("2025-03-01T10:00:00Z");

describe("the workout draft", () => {
  it("survives a reload: what was saved is what a new page loads", () => {
    const storage = memory();
    let draft = addSet(newDraft(7, START), "push-up", "reps", "20");
    draft = addSet(draft, "plank", "seconds");
    draft = setAmount(draft, draft.sets[1]!.id, "6"); // half-typed "60"
    new DraftStore(storage).save(draft);

    const reloaded = new DraftStore(storage).load(7);

    expect(reloaded).toEqual(draft);
    expect(reloaded?.sets.map((s) => [s.exercise, s.measure, s.amount])).toEqual([
      ["push-up", "reps", "20"], ["plank", "seconds", "6"],
    ]);
  });

  it("belongs to its player: another player signing in on the device does not get it", () => {
    const storage = memory();
    new DraftStore(storage).save(addSet(newDraft(7, START), "squat", "reps", "30"));

    expect(new DraftStore(storage).load(8)).toBeNull();
    expect(new DraftStore(storage).load(7)?.sets).toHaveLength(1);
  });

  it("ignores what it cannot read", () => {
    const storage = memory();
    storage.setItem("bodyweight.workout", "{not json");
    expect(new DraftStore(storage).load(7)).toBeNull();
  });

  it("keeps one request and one key per Finish until the player changes something", () => {
    const draft = addSet(newDraft(7, START), "push-up", "reps", "20");
    const later = new Date(START.getTime() + 50 * 60_000);

    const first = submit(draft, later);
    const retried = submit(first, new Date(later.getTime() + 5000));

    expect(retried.submission).toEqual(first.submission);
    expect(first.submission?.body).toEqual({
      started_at: START.toISOString(),
      finished_at: later.toISOString(),
      sets: [{ exercise: "push-up", reps: 20 }],
    });
    const edited = setAmount(first, first.sets[0]!.id, "25");
    expect(edited.submission).toBeUndefined();
    expect(submit(edited, later).submission?.key).not.toBe(first.submission?.key);
  });

  it("uses the typed duration, or the minutes since the first set", () => {
    const draft = addSet(newDraft(7, START), "burpee", "reps", "10");
    const later = new Date(START.getTime() + 12 * 60_000);

    expect(elapsedMinutes(draft, later)).toBe(12);
    const typed = submit(setMinutes(draft, "50"), later).submission!.body;
    expect(Date.parse(typed.finished_at) - Date.parse(typed.started_at)).toBe(50 * 60_000);
  });

  it("forgets a removed set, and clearing leaves nothing behind", () => {
    const storage = memory();
    const store = new DraftStore(storage);
    const draft = addSet(newDraft(7, START), "push-up", "reps", "20");
    expect(removeSet(draft, draft.sets[0]!.id).sets).toEqual([]);
    store.save(draft);
    store.clear();
    expect(storage.data.size).toBe(0);
  });
});
