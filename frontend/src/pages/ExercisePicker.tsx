import { useState } from "preact/hooks";

import type { Exercise } from "../api/types";
import type { ExerciseCatalogue } from "../state/catalogue";
import { useTranslator } from "../state/translator";
import { Dialog } from "../ui/Dialog";

/** The catalogue by category, in a dialog; picking an exercise adds a set of it. */
export function ExercisePicker({ catalogue, onPick, onClose }: {
  catalogue: ExerciseCatalogue; onPick: (exercise: Exercise) => void; onClose: () => void;
}) {
  const tr = useTranslator();
  const [category, setCategory] = useState(catalogue.categories[0]?.id ?? "");
  const label = (id: string, serverName: string) => {
    const key = `category.${id}`;
    return tr.has(key) ? tr.t(key) : serverName;
  };
  return (
    <Dialog title={tr.t("workout.picker")} onClose={onClose}>
      <div class="category-tabs" role="tablist" aria-label={tr.t("workout.categories")}>
        {catalogue.categories.map((c) => (
          <button
            key={c.id}
            type="button"
            role="tab"
            aria-selected={c.id === category ? "true" : "false"}
            data-category={c.id}
            onClick={() => setCategory(c.id)}
          >
            {label(c.id, c.name)}
          </button>
        ))}
      </div>
      <ul class="exercises" role="tabpanel">
        {catalogue.exercises.filter((e) => e.category_id === category).map((exercise) => (
          <li key={exercise.id}>
            <button type="button" class="exercise" data-exercise={exercise.id} onClick={() => onPick(exercise)}>
              <span class="exercise-name" data-from-server>{exercise.name}</span>
              <span class="exercise-meta">
                <span class="difficulty" role="img" aria-label={tr.t("workout.difficulty", { level: exercise.difficulty })}>
                  {"■".repeat(exercise.difficulty)}
                  <span class="dim">{"■".repeat(5 - exercise.difficulty)}</span>
                </span>{" "}
                {tr.t(exercise.is_timed ? "workout.measure.seconds" : "workout.measure.reps")}
              </span>
              <span class="exercise-description" data-from-server>{exercise.description}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="button button-plain wide" onClick={onClose}>{tr.t("app.close")}</button>
    </Dialog>
  );
}
