// The exercise catalogue (names in the player's language), loaded once per language;
// searches and one exercise's details come from the server, which knows both languages.

import { api, call } from "../api/client";
import type { Category, Equipment, Exercise, ExerciseDetail, ExerciseRecord } from "../api/types";
import type { Locale } from "../i18n/types";
import { app } from "./app";

export interface ExerciseCatalogue {
  categories: Category[];
  exercises: Exercise[];
  byId: Map<string, Exercise>;
}

export interface ExerciseFilters {
  category?: string;
  equipment?: Equipment;
  q?: string;
}

/** Equipment in the order a picker offers it: the commonest first. */
export const EQUIPMENT: Equipment[] = [
  "none", "pull_up_bar", "dip_bars", "wall", "chair_or_bench", "step", "rings", "resistance_band",
  "vertical_pole", "ab_wheel",
];

const loaded = new Map<Locale, Promise<ExerciseCatalogue>>();
const details = new Map<string, Promise<ExerciseDetail>>();
const knownNames = new Map<string, string>();

/** A promise kept for later callers, forgotten if it fails so a retry asks again. */
function remembered<K, T>(cache: Map<K, Promise<T>>, key: K, fetch: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = fetch();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

export function loadCatalogue(): Promise<ExerciseCatalogue> {
  return remembered(loaded, app.get().locale, () =>
    Promise.all([
      call(api.GET("/api/exercises/categories")),
      call(api.GET("/api/exercises")),
    ]).then(([categories, exercises]) => {
      for (const e of exercises) knownNames.set(e.id, e.name);
      return { categories, exercises, byId: new Map(exercises.map((e) => [e.id, e])) };
    }));
}

/** The exercises passing the filters; the words of `q` match names in Russian or English. */
export function searchExercises(filters: ExerciseFilters): Promise<Exercise[]> {
  const query: { category?: string; equipment?: Equipment[]; q?: string } = {};
  if (filters.category) query.category = filters.category;
  if (filters.equipment) query.equipment = [filters.equipment];
  if (filters.q?.trim()) query.q = filters.q.trim();
  return call(api.GET("/api/exercises", { params: { query } }));
}

/** One exercise with its instructions and ladder, in the current language. */
export function loadExercise(id: string): Promise<ExerciseDetail> {
  return remembered(details, `${app.get().locale}:${id}`, () =>
    call(api.GET("/api/exercises/{slug}", { params: { path: { slug: id } } })));
}

/** The player's record on one exercise (never cached: a workout changes it). */
export function loadRecord(id: string): Promise<ExerciseRecord> {
  return call(api.GET("/api/users/me/exercises/{slug}/record", { params: { path: { slug: id } } }));
}

/** An exercise's name if the catalogue is loaded, else its id. */
export function exerciseName(id: string): string {
  return knownNames.get(id) ?? id;
}
