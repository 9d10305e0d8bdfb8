// What to tell the player about a failed request: the catalogue's text for the
// error's code, filled from its params; the server's own message for a code this
// version of the app does not know yet.

import type { ApiError, ErrorParams } from "../api/errors";
import type { Translator } from "./translate";
import type { MessageKey, Params } from "./types";

/** Display names for ids the server puts in params. */
export interface Names {
  avatar(id: string): string;
  exercise(id: string): string;
}

interface FieldProblem {
  field?: unknown;
  problem?: unknown;
  limit?: unknown;
}

const num = (value: unknown) => (typeof value === "number" ? value : Number(value ?? 0));
const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));

// The params each code's text needs; without them the server's own message is kept
// rather than a sentence with made-up numbers.
const NEEDS: Record<string, string[]> = {
  level_too_low: ["required_level", "level"],
  insufficient_coins: ["price", "coins"],
  already_owned: ["avatar_id"],
  avatar_not_owned: ["avatar_id"],
  unknown_exercise: ["index", "exercise"],
  wrong_measure: ["index", "exercise", "measure"],
  invalid_workout_time: ["reason"],
  rate_limited: ["retry_after"],
  deletion_not_confirmed: ["expected"],
  too_many_routines: ["limit"],
  too_many_searches: ["retry_after"],
  too_many_requests: ["retry_after"],
  workout_overlaps: ["started_at", "finished_at"],
  streak_freezes_full: ["max_held"],
  goal_target_out_of_range: ["metric", "min_target", "max_target"],
};

export function describeError(error: ApiError, tr: Translator, names: Names): string {
  const p = error.params;
  const fill = (key: string, params: Params = {}) => (tr.has(key) ? tr.t(key, params) : error.message);
  if ((NEEDS[error.code] ?? []).some((name) => p[name] === undefined || p[name] === null)) return error.message;
  switch (error.code) {
    case "http":
      return tr.t("error.http", { status: num(p.status ?? error.status) });
    case "level_too_low":
      return fill("error.level_too_low", { required_level: num(p.required_level), level: num(p.level) });
    case "insufficient_coins":
      return fill("error.insufficient_coins", {
        price: tr.count("unit.coins", num(p.price)), coins: tr.count("unit.coins", num(p.coins)),
      });
    case "already_owned":
    case "avatar_not_owned":
      return fill(`error.${error.code}`, { avatar: names.avatar(text(p.avatar_id)) });
    case "unknown_exercise":
      return fill("error.unknown_exercise", { set: num(p.index) + 1, exercise: text(p.exercise) });
    case "wrong_measure":
      return fill(`error.wrong_measure.${text(p.measure)}`, {
        set: num(p.index) + 1, exercise: names.exercise(text(p.exercise)),
      });
    case "invalid_workout_time":
      return fill(`error.invalid_workout_time.${text(p.reason)}`);
    case "deletion_not_confirmed":
      return fill(`error.deletion_not_confirmed.${text(p.expected)}`);
    case "rate_limited":
      return fill("error.rate_limited", { wait: tr.count("unit.seconds", num(p.retry_after)) });
    case "too_many_routines":
      return fill("error.too_many_routines", { limit: num(p.limit) });
    case "too_many_searches":
    case "too_many_requests":
      return fill(`error.${error.code}`, { wait: tr.count("unit.seconds", num(p.retry_after)) });
    case "validation_error":
      return describeValidation(error, tr, p);
    case "workout_overlaps":
      return fill("error.workout_overlaps", { start: tr.dateTime(text(p.started_at)), end: tr.dateTime(text(p.finished_at)) });
    case "streak_freezes_full":
      return fill("error.streak_freezes_full", { freezes: tr.count("unit.freezes", num(p.max_held)) });
    case "goal_target_out_of_range":
      return fill(`error.goal_target_out_of_range.${text(p.metric)}`, { min: num(p.min_target), max: num(p.max_target) });
    default:
      return fill(`error.${error.code}`);
  }
}

function describeValidation(error: ApiError, tr: Translator, p: ErrorParams): string {
  const problems = Array.isArray(p.errors) ? (p.errors as FieldProblem[]) : [];
  if (problems.length === 0) return error.message;
  const listed = problems.map((problem) => describeProblem(problem, tr));
  return tr.t("error.validation_error", { problems: listed.join("; ") });
}

function describeProblem({ field, problem, limit }: FieldProblem, tr: Translator): string {
  const name = fieldName(text(field), tr);
  const key = `problem.${text(problem)}`;
  const hasLimit = typeof limit === "number";
  const needsLimit = key !== "problem.missing" && key.startsWith("problem.too_");
  if (!tr.has(key) || (needsLimit && !hasLimit)) return tr.t("problem.invalid", { field: name });
  return tr.t(key as MessageKey, { field: name, limit: hasLimit ? limit : "" });
}

/** "sets.2.reps" -> "Set 3, reps"; "username" -> "Username". */
export function fieldName(path: string, tr: Translator): string {
  const parts = path.replace(/^body\./, "").split(".");
  if (parts[0] === "steps" && parts.length > 1) {
    const step = Number(parts[1]) + 1;
    const key = parts[2] ? `field.step.${parts[2]}` : "field.step";
    return tr.has(key) ? tr.t(key, { step }) : tr.t("field.step", { step });
  }
  if (parts[0] === "sets" && parts.length > 1) {
    const set = Number(parts[1]) + 1;
    const part = parts[2];
    const key = part ? `field.set.${part}` : "field.set";
    return tr.has(key) ? tr.t(key, { set }) : tr.t("field.set", { set });
  }
  const key = `field.${parts[0]}`;
  return tr.has(key) ? tr.t(key) : tr.t("field.other");
}
