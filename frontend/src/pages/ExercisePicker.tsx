import { useEffect, useRef, useState } from "preact/hooks";

import type { Equipment, Exercise, ExerciseDetail, ExerciseRecord } from "../api/types";
import {
  EQUIPMENT, type ExerciseCatalogue, loadExercise, loadRecord, searchExercises,
} from "../state/catalogue";
import { KEYS, local } from "../state/storage";
import { useTranslator } from "../state/translator";
import { Dialog } from "../ui/Dialog";
import { Loading, Problem } from "../ui/Problem";

const ALL = "";
const SEARCH_DELAY_MS = 250;

/**
 * The catalogue in a dialog: search by name in either language, filter by the
 * equipment at hand and by category, read how to do an exercise and where it sits
 * on its ladder. Picking an exercise hands it to `onPick`.
 */
export function ExercisePicker({ catalogue, onPick, onClose }: {
  catalogue: ExerciseCatalogue; onPick: (exercise: Exercise) => void; onClose: () => void;
}) {
  const tr = useTranslator();
  const [category, setCategory] = useState(ALL);
  const [equipment, setEquipment] = useState<Equipment | "">(() => storedEquipment());
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Exercise[]>(catalogue.exercises);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [reading, setReading] = useState<string | null>(null);
  const asked = useRef(0);

  const search = () => {
    const ask = ++asked.current;
    setFailure(null);
    if (!category && !equipment && !query.trim()) {
      setFound(catalogue.exercises);
      setBusy(false);
      return () => {};
    }
    setBusy(true);
    const timer = setTimeout(() => {
      const filters = { category: category || undefined, equipment: equipment || undefined, q: query };
      searchExercises(filters).then(
        (exercises) => { if (ask === asked.current) { setFound(exercises); setBusy(false); } },
        (error) => { if (ask === asked.current) { setFailure(error); setBusy(false); } },
      );
    }, query.trim() ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  };
  useEffect(search, [category, equipment, query, catalogue]);

  const chooseEquipment = (value: string) => {
    const next = EQUIPMENT.find((e) => e === value) ?? "";
    local.setItem(KEYS.equipment, next);
    setEquipment(next);
  };
  const categoryName = (id: string, serverName: string) => {
    const key = `category.${id}`;
    return tr.has(key) ? tr.t(key) : serverName;
  };

  if (reading) {
    return (
      <Dialog title={tr.t("workout.picker")} onClose={onClose}>
        <ExerciseInfo
          id={reading}
          onOpen={setReading}
          onBack={() => setReading(null)}
          onPick={(id) => { const e = catalogue.byId.get(id); if (e) onPick(e); }}
        />
      </Dialog>
    );
  }
  return (
    <Dialog title={tr.t("workout.picker")} onClose={onClose}>
      <div class="picker-filters">
        <label class="field">
          <span>{tr.t("picker.search")}</span>
          <input
            type="search"
            name="q"
            value={query}
            maxLength={100}
            placeholder={tr.t("picker.searchHint")}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{tr.t("picker.equipment")}</span>
          <select name="equipment" value={equipment} onChange={(e) => chooseEquipment(e.currentTarget.value)}>
            <option value="">{tr.t("picker.anyEquipment")}</option>
            {EQUIPMENT.map((e) => <option key={e} value={e}>{tr.t(`equipment.${e}`)}</option>)}
          </select>
        </label>
      </div>
      <div class="category-tabs" role="tablist" aria-label={tr.t("workout.categories")}>
        {[{ id: ALL, name: tr.t("picker.all") }, ...catalogue.categories].map((c) => (
          <button
            key={c.id}
            type="button"
            role="tab"
            aria-selected={c.id === category ? "true" : "false"}
            data-category={c.id || "all"}
            onClick={() => setCategory(c.id)}
          >
            {c.id ? categoryName(c.id, c.name) : c.name}
          </button>
        ))}
      </div>
      {failure ? <Problem error={failure} retry={search} /> : null}
      <ul class="exercises" role="tabpanel" aria-busy={busy ? "true" : "false"} data-results={found.length}>
        {found.map((exercise) => (
          <li key={exercise.id} class="exercise-row">
            <button type="button" class="exercise" data-exercise={exercise.id} onClick={() => onPick(exercise)}>
              <span class="exercise-name" data-from-server>{exercise.name}</span>
              <ExerciseMeta exercise={exercise} />
            </button>
            <button
              type="button"
              class="icon-button exercise-info"
              data-info={exercise.id}
              aria-label={tr.t("picker.howTo", { exercise: exercise.name })}
              onClick={() => setReading(exercise.id)}
            >
              ?
            </button>
          </li>
        ))}
      </ul>
      {!busy && !failure && found.length === 0 ? <p class="empty">{tr.t("picker.nothing")}</p> : null}
      <button type="button" class="button button-plain wide" onClick={onClose}>{tr.t("app.close")}</button>
    </Dialog>
  );
}

function storedEquipment(): Equipment | "" {
  const stored = local.getItem(KEYS.equipment);
  return EQUIPMENT.find((e) => e === stored) ?? "";
}

function ExerciseMeta({ exercise }: { exercise: Pick<Exercise, "difficulty" | "is_timed" | "equipment"> }) {
  const tr = useTranslator();
  return (
    <span class="exercise-meta">
      <span class="difficulty" role="img" aria-label={tr.t("workout.difficulty", { level: exercise.difficulty })}>
        {"■".repeat(exercise.difficulty)}
        <span class="dim">{"■".repeat(5 - exercise.difficulty)}</span>
      </span>{" "}
      {tr.t(exercise.is_timed ? "workout.measure.seconds" : "workout.measure.reps")}
      {" · "}
      {tr.t(`equipment.${exercise.equipment}`)}
    </span>
  );
}

/** How to do one exercise, the player's record on it, and its ladder to climb. */
function ExerciseInfo({ id, onOpen, onBack, onPick }: {
  id: string; onOpen: (id: string) => void; onBack: () => void; onPick: (id: string) => void;
}) {
  const tr = useTranslator();
  const [detail, setDetail] = useState<ExerciseDetail | null>(null);
  const [record, setRecord] = useState<ExerciseRecord | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const load = () => {
    setDetail(null);
    setRecord(null);
    setFailure(null);
    loadExercise(id).then(setDetail, setFailure);
    loadRecord(id).then(setRecord, () => {}); // a nicety: the page works without it
  };
  useEffect(load, [id, tr.locale]);

  if (failure) return <Problem error={failure} retry={load} />;
  if (!detail) return <Loading />;
  const byId = new Map(detail.ladder.map((step) => [step.id, step]));
  const neighbour = (which: "easier" | "harder") => {
    const other = detail[which];
    const step = other ? byId.get(other) : undefined;
    if (!step) return null;
    return (
      <button type="button" class="button button-plain" data-ladder-step={which} onClick={() => onOpen(step.id)}>
        {tr.t(`picker.${which}`)}: <span data-from-server>{step.name}</span>
      </button>
    );
  };
  const unit = detail.is_timed ? "unit.seconds" : "unit.reps";
  return (
    <article class="exercise-detail" data-exercise-detail={detail.id}>
      <header class="exercise-head">
        <img src={detail.icon} alt="" width={48} height={48} class="pixelated" />
        <div>
          <h3 class="exercise-title" data-from-server>{detail.name}</h3>
          <ExerciseMeta exercise={detail} />
        </div>
      </header>
      <p class="muscles">
        {tr.t("picker.muscles")}: {detail.muscles.map((m) => tr.t(`muscle.${m}`)).join(", ")}
      </p>
      <h4>{tr.t("picker.howToTitle")}</h4>
      <p class="instructions" data-instructions data-from-server>{detail.instructions}</p>
      {record && record.sets > 0 ? (
        <p class="record" data-record>
          {tr.t("picker.record", {
            best: tr.count(unit, record.best ?? 0),
            total: tr.count(unit, record.total),
            sets: tr.count("unit.sets", record.sets),
          })}
        </p>
      ) : null}
      {detail.ladder.length > 1 ? (
        <>
          <h4>{tr.t("picker.ladder")}</h4>
          <ol class="ladder" data-ladder>
            {detail.ladder.map((step) => (
              <li key={step.id} aria-current={step.id === detail.id ? "step" : undefined}>
                {step.id === detail.id
                  ? <b data-from-server>{step.name}</b>
                  : <button type="button" class="button-link" onClick={() => onOpen(step.id)}>
                    <span data-from-server>{step.name}</span>
                  </button>}
              </li>
            ))}
          </ol>
          <div class="actions">{neighbour("easier")}{neighbour("harder")}</div>
        </>
      ) : null}
      <div class="actions">
        <button type="button" class="button button-primary" data-pick={detail.id} onClick={() => onPick(detail.id)}>
          {tr.t("picker.add")}
        </button>
        <button type="button" class="button button-plain" onClick={onBack}>{tr.t("picker.back")}</button>
      </div>
    </article>
  );
}
