// The exercise catalogue, as the API serves it (no sign-in needed).

import { api } from "./api.js";

export async function loadCatalogue() {
  const [categories, exercises] = await Promise.all([
    api("GET", "/api/exercises/categories", { auth: false }),
    api("GET", "/api/exercises", { auth: false }),
  ]);
  return { categories, exercises, byId: new Map(exercises.map((e) => [e.id, e])) };
}

export function exerciseName(byId, exerciseId) {
  return byId.get(exerciseId)?.name ?? exerciseId;
}
