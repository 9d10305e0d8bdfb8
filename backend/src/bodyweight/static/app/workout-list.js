// A logged workout as one line of a list: when, what, and what it earned.

import { exerciseName } from "./exercises.js";
import { formatDateTime, formatDuration, formatSigned } from "./format.js";
import { h } from "./ui.js";

export function workoutItem(workout, exercisesById) {
  return h("li", { class: "entry", dataset: { workout: workout.id } },
    h("div", { class: "entry-main" },
      h("p", { class: "entry-title" }, setsSummary(workout.sets, exercisesById)),
      h("p", { class: "entry-meta" },
        `${formatDateTime(workout.finished_at)} · ${formatDuration(workout.started_at, workout.finished_at)}`),
    ),
    h("div", { class: "entry-side" },
      h("p", { class: "gain-xp" }, `${formatSigned(workout.xp_earned)} XP`),
      h("p", { class: "gain-coins" }, `${formatSigned(workout.coins_earned)} coins`),
    ),
  );
}

/** "Push-up 20, 15 reps · Plank 60 s": consecutive sets of one exercise read as one. */
function setsSummary(sets, exercisesById) {
  const runs = [];
  for (const set of sets) {
    const last = runs.at(-1);
    if (last?.exerciseId === set.exercise_id) last.sets.push(set);
    else runs.push({ exerciseId: set.exercise_id, sets: [set] });
  }
  return runs.map(({ exerciseId, sets: run }) => {
    const unit = run[0].seconds ? "s" : run.length === 1 && run[0].reps === 1 ? "rep" : "reps";
    const amounts = run.map((s) => s.seconds ?? s.reps).join(", ");
    return `${exerciseName(exercisesById, exerciseId)} ${amounts} ${unit}`;
  }).join(" · ");
}
