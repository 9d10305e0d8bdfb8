// Routines: the presets and the player's own, and starting a workout from one.

import { api, call } from "../api/client";
import type { Routine, RoutineWrite } from "../api/types";
import { fromRoutine } from "./draft";
import { newIdempotencyKey } from "./intent";
import { navigate } from "./router";
import { drafts } from "./session";

export const THEMES = ["morning", "home", "pull_up_bar", "dip_bars"] as const;

export function loadRoutines(): Promise<Routine[]> {
  return call(api.GET("/api/routines"));
}

export function loadRoutine(id: string): Promise<Routine> {
  return call(api.GET("/api/routines/{routine_id}", { params: { path: { routine_id: id } } }));
}

/** Create (one key per intent, so a double tap makes one routine) or rewrite a routine. */
export function saveRoutine(id: string | null, body: RoutineWrite, key: string): Promise<Routine> {
  if (id === null) {
    return call(api.POST("/api/routines", { body, params: { header: { "Idempotency-Key": key } } }));
  }
  return call(api.PUT("/api/routines/{routine_id}", { body, params: { path: { routine_id: id } } }));
}

export function duplicateRoutine(id: string): Promise<Routine> {
  return call(api.POST("/api/routines/{routine_id}/duplicate", {
    params: { path: { routine_id: id }, header: { "Idempotency-Key": newIdempotencyKey() } },
  }));
}

export function deleteRoutine(id: string): Promise<void> {
  return call(api.DELETE("/api/routines/{routine_id}", { params: { path: { routine_id: id } } })).then(() => {});
}

/** How many sets a routine holds in all. */
export const setCount = (routine: Pick<Routine, "steps">) => routine.steps.reduce((n, s) => n + s.sets, 0);

/**
 * Open the workout logger pre-filled with the routine's sets, guided set by set.
 * A workout already in progress is replaced only if the player agrees.
 */
export function startRoutine(routine: Routine, owner: number, confirmReplace: () => boolean): boolean {
  const current = drafts.load(owner);
  if (current && current.sets.length > 0 && !confirmReplace()) return false;
  drafts.save(fromRoutine(routine, owner, new Date()));
  navigate("/workout");
  return true;
}
