// The exercise catalogue (names in the player's language), loaded once per language.

import { api, call } from "../api/client";
import type { Category, Exercise } from "../api/types";
import type { Locale } from "../i18n/types";
import { app } from "./app";

export interface ExerciseCatalogue {
  categories: Category[];
  exercises: Exercise[];
  byId: Map<string, Exercise>;
}

const loaded = new Map<Locale, Promise<ExerciseCatalogue>>();
const knownNames = new Map<string, string>();

export function loadCatalogue(): Promise<ExerciseCatalogue> {
  const locale = app.get().locale;
  let pending = loaded.get(locale);
  if (!pending) {
    pending = Promise.all([
      call(api.GET("/api/exercises/categories")),
      call(api.GET("/api/exercises")),
    ]).then(([categories, exercises]) => {
      for (const e of exercises) knownNames.set(e.id, e.name);
      return { categories, exercises, byId: new Map(exercises.map((e) => [e.id, e])) };
    });
    pending.catch(() => loaded.delete(locale));
    loaded.set(locale, pending);
  }
  return pending;
}

/** An exercise's name if the catalogue is loaded, else its id. */
export function exerciseName(id: string): string {
  return knownNames.get(id) ?? id;
}

