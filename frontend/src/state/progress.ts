// What the progress page asks the server, and the little shaping the charts need.

import { api, call } from "../api/client";
import type { ExerciseRecord, Stats, Workout } from "../api/types";
import { type DayValue, lastDays, type Stack, weeklyStacks } from "./charts";
import { loadCatalogue, loadRecord } from "./catalogue";

export const RECORD_EXERCISES = 8;
const RECENT_WORKOUTS = 30;

/** The exercises of these workouts, most recently done first, each once. */
export function recentExercises(workouts: readonly Workout[], count: number): string[] {
  const seen: string[] = [];
  for (const workout of workouts) {
    for (const set of workout.sets) {
      if (!seen.includes(set.exercise_id)) seen.push(set.exercise_id);
    }
  }
  return seen.slice(0, count);
}

/**
 * The records of the exercises done most recently. The API has a record per
 * exercise but no list of them, so: the last workouts name the exercises, then
 * one request each (a handful, in parallel).
 */
export async function loadRecentRecords(): Promise<ExerciseRecord[]> {
  const [page] = await Promise.all([
    call(api.GET("/api/workouts", { params: { query: { limit: RECENT_WORKOUTS } } })),
    loadCatalogue(),
  ]);
  const ids = recentExercises(page.items, RECORD_EXERCISES);
  return Promise.all(ids.map(loadRecord));
}

export function loadStats(): Promise<Stats> {
  return call(api.GET("/api/users/me/stats"));
}

/** XP per day of the stats, every one of the 30 days present. */
export function xpDays(stats: Stats): DayValue[] {
  return lastDays(stats.xp_by_day.map((d) => ({ day: d.day, value: d.xp })), stats.today, stats.xp_by_day.length || 30);
}

export type VolumeMeasure = "sets" | "reps" | "seconds";

/** Stacks per week of one measure, one part per category (in the catalogue's order). */
export function volumeStacks(stats: Stats, measure: VolumeMeasure, categories: readonly string[]): Stack[] {
  const rows = stats.volume_by_week.flatMap((week) =>
    week.categories.map((c) => ({ week: week.week_start, series: c.category_id, value: c[measure] })));
  return weeklyStacks(rows, categories, stats.volume_by_week.length || 12, stats.today);
}

/** The categories that have any of `measure` in these weeks: the legend names only those. */
export function activeCategories(stats: Stats, measure: VolumeMeasure): Set<string> {
  const active = new Set<string>();
  for (const week of stats.volume_by_week) {
    for (const c of week.categories) if (c[measure] > 0) active.add(c.category_id);
  }
  return active;
}
