import type { Workout } from "../api/types";
import type { Translator } from "../i18n/translate";
import { exerciseName } from "../state/catalogue";
import { useTranslator } from "../state/translator";

/** "Push-up" + "20, 20, 20 reps": consecutive sets of one exercise read as one line. */
export function setsSummary(workout: Workout, tr: Translator): { name: string; amounts: string }[] {
  const groups: { exercise: string; seconds: boolean; amounts: number[] }[] = [];
  for (const set of workout.sets) {
    const seconds = set.seconds !== null && set.seconds !== undefined;
    const amount = (seconds ? set.seconds : set.reps) ?? 0;
    const last = groups[groups.length - 1];
    if (last && last.exercise === set.exercise_id && last.seconds === seconds) last.amounts.push(amount);
    else groups.push({ exercise: set.exercise_id, seconds, amounts: [amount] });
  }
  return groups.map(({ exercise, seconds, amounts }) => {
    const last = amounts[amounts.length - 1] ?? 0;
    const head = amounts.slice(0, -1).map((n) => `${tr.number(n)}, `).join("");
    return { name: exerciseName(exercise), amounts: head + tr.count(seconds ? "unit.seconds" : "unit.reps", last) };
  });
}

export function WorkoutItem({ workout }: { workout: Workout }) {
  const tr = useTranslator();
  const minutes = Math.round((Date.parse(workout.finished_at) - Date.parse(workout.started_at)) / 60_000);
  return (
    <li class="entry" data-workout={workout.id}>
      <div class="entry-main">
        <p class="entry-title">{tr.dateTime(workout.finished_at)}</p>
        {setsSummary(workout, tr).map(({ name, amounts }, n) => (
          <p key={n} class="entry-meta"><span data-from-server>{name}</span> {amounts}</p>
        ))}
      </div>
      <div class="entry-side">
        <p class="gain-xp">{tr.t("unit.xpGained", { count: workout.xp_earned })}</p>
        <p class="gain-coins">{tr.count("unit.coinsGained", workout.coins_earned)}</p>
        <p class="entry-meta">{tr.count("unit.minutes", minutes)}</p>
      </div>
    </li>
  );
}
