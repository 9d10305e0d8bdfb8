// Logging a workout: pick exercises by category, enter reps or seconds per set,
// submit, and see what the server says it earned.

import { api } from "../api.js";
import { exerciseName, loadCatalogue } from "../exercises.js";
import { formatAmount, formatNumber, formatSigned, plural } from "../format.js";
import { newIdempotencyKey } from "../intent.js";
import { showHud, startPlayerPage } from "../shell.js";
import { $, formError, h, show, untilLoaded, whileBusy } from "../ui.js";

const form = $("[data-workout-form]");
const setList = $("[data-sets]");
const picker = $("[data-picker]");
// The workout being submitted, frozen at the first press of Finish so that a retry
// after a lost answer sends the same request with the same key (and counts once).
let submission = null;

await startPlayerPage();
const catalogue = await untilLoaded($("[data-catalogue-status]"), loadCatalogue);
$("[data-catalogue-status]").hidden = true;
setUpPicker(catalogue);
form.addEventListener("input", () => { submission = null; });
form.addEventListener("submit", (event) => {
  event.preventDefault();
  submit();
});

/** The exercise picker: a dialog with the catalogue by category. */
function setUpPicker({ categories }) {
  const tabs = categories.map((category) => h("button", {
    type: "button", role: "tab", "aria-selected": "false", dataset: { category: category.id },
    onclick: () => selectCategory(category.id),
  }, category.name));
  $("[data-categories]").replaceChildren(...tabs);
  selectCategory(categories[0].id);
  const open = $("[data-open-picker]");
  open.disabled = false;
  open.addEventListener("click", () => picker.showModal());
  $("[data-close-picker]").addEventListener("click", () => picker.close());
}

function selectCategory(categoryId) {
  for (const tab of document.querySelectorAll("[data-category]")) {
    tab.setAttribute("aria-selected", tab.dataset.category === categoryId);
  }
  const exercises = catalogue.exercises.filter((e) => e.category_id === categoryId);
  $("[data-exercises]").replaceChildren(...exercises.map((exercise) => h("li", {},
    h("button", {
      type: "button", class: "exercise", dataset: { exercise: exercise.id },
      onclick: () => { picker.close(); addSet(exercise); },
    },
    h("span", { class: "exercise-name" }, exercise.name),
    h("span", { class: "exercise-meta" },
      h("span", { class: "difficulty", "aria-label": `difficulty ${exercise.difficulty} of 5` },
        "\u25A0".repeat(exercise.difficulty), h("span", { class: "dim" }, "\u25A0".repeat(5 - exercise.difficulty))),
      exercise.is_timed ? " seconds" : " reps"),
    h("span", { class: "exercise-description" }, exercise.description),
    h("span", { class: "add", "aria-hidden": "true" }, "+")),
  )));
}

function addSet(exercise, amount = "") {
  submission = null;
  const unit = exercise.is_timed ? "seconds" : "reps";
  const input = h("input", {
    type: "number", inputmode: "numeric", required: true, min: 1, step: 1, value: amount,
    name: unit, "aria-label": `${exercise.name} ${unit}`,
  });
  const row = h("li", { class: "set", dataset: { exercise: exercise.id } },
    h("span", { class: "set-name" }, exercise.name),
    h("span", { class: "with-unit set-amount" }, input, exercise.is_timed ? " s" : " reps"),
    h("button", {
      type: "button", class: "icon-button", "aria-label": `Another set of ${exercise.name}`,
      onclick: () => addSet(exercise, input.value),
    }, "+"),
    h("button", {
      type: "button", class: "icon-button danger", "aria-label": `Remove this set of ${exercise.name}`,
      onclick: () => { row.remove(); setsChanged(); },
    }, "\u00D7"),
  );
  setList.append(row);
  setsChanged();
  input.focus();
}

function setsChanged() {
  submission = null;
  const count = setList.children.length;
  $("[data-set-count]").textContent = count ? `(${count})` : "";
  $("[data-no-sets]").hidden = count > 0;
  $("[data-submit]").disabled = count === 0;
}

function workoutFromForm() {
  const minutes = Number(form.elements.minutes.value);
  const finished = new Date();
  const started = new Date(finished.getTime() - minutes * 60_000);
  return {
    started_at: started.toISOString(),
    finished_at: finished.toISOString(),
    sets: [...setList.children].map((row) => {
      const input = row.querySelector("input");
      return { exercise: row.dataset.exercise, [input.name]: Number(input.value) };
    }),
  };
}

async function submit() {
  formError(form);
  const invalid = form.querySelector("input:invalid");
  if (invalid) {
    formError(form, `${invalid.getAttribute("aria-label") ?? "How long it took"}: ${invalid.validationMessage}`);
    invalid.focus();
    return;
  }
  submission ??= { key: newIdempotencyKey(), workout: workoutFromForm() };
  try {
    const result = await whileBusy($("[data-submit]"), "Scoring…", () => api("POST", "/api/workouts", {
      body: submission.workout, idempotencyKey: submission.key,
    }));
    submission = null;
    showReward(result);
  } catch (error) {
    formError(form, error.transient
      ? `${error.message} If it was saved, pressing Finish again will not count it twice.`
      : readable(error));
  }
}

/** Validation errors name fields like "body.sets.2.reps"; say "Set 3 (Push-up, reps)". */
function readable(error) {
  const problems = error.details.fields;
  if (!problems?.length) return error.message;
  return problems.map(({ field, problem }) => {
    const set = /sets\.(\d+)\.?(\w*)/.exec(field);
    if (!set) return `${field.replace(/^body\./, "")}: ${problem}`;
    const [, position, measure] = set;
    const name = exerciseName(catalogue.byId, setList.children[Number(position)]?.dataset.exercise);
    return `Set ${Number(position) + 1} (${[name, measure].filter(Boolean).join(", ")}): ${problem}`;
  }).join(" ");
}

function showReward(result) {
  showHud(result);
  form.hidden = true;
  const reward = $("[data-reward]");
  show(reward,
    h("h1", { class: "title" }, "Workout scored!"),
    h("div", { class: "reward-gains" },
      h("p", { class: "gain-xp", "data-reward-xp": "" }, `${formatSigned(result.xp_earned)} XP`),
      h("p", { class: "gain-coins", "data-reward-coins": "" }, `${formatSigned(result.coins_earned)} coins`),
    ),
    result.level_up && h("p", { class: "level-up", "data-level-up": "" }, `Level up! You are now level ${result.level}.`),
    h("ul", { class: "reward-facts" },
      h("li", { "data-reward-streak": "" }, `Streak: ${plural(result.current_streak, "day")} (best ${plural(result.max_streak, "day")})`),
      result.first_of_day && h("li", {}, "First workout of the day: bonus XP!"),
      h("li", {}, `Level ${result.level} · ${formatNumber(result.total_xp)} XP · ${formatNumber(result.coins)} coins`),
    ),
    h("h2", {}, "Sets"),
    h("ol", { class: "reward-sets" }, result.sets.map((set) => h("li", {},
      h("span", {}, `${exerciseName(catalogue.byId, set.exercise_id)} ${formatAmount(set)}`),
      h("b", {}, `${formatSigned(set.xp)} XP`)))),
    h("div", { class: "actions" },
      h("a", { class: "button button-primary", href: "/" }, "Home"),
      h("a", { class: "button", href: "/workout" }, "Log another")),
  );
  reward.hidden = false;
  reward.scrollIntoView({ block: "start" });
}
