import { describe, expect, it } from "vitest";

import { ApiError, fromResponse } from "../src/api/errors";
import { describeError, type Names } from "../src/i18n/errors";
import { makeTranslator } from "../src/i18n/translate";
import type { Locale } from "../src/i18n/types";

const names: Names = {
  avatar: (id) => ({ phoenix: "Феникс/Phoenix" }[id] ?? id),
  exercise: (id) => ({ plank: "Plank" }[id] ?? id),
};
const SERVER_SAYS = "text from the server";

// Every documented code with the params the server sends.
const CASES: [string, Record<string, unknown>][] = [
  ["level_too_low", { required_level: 5, level: 3 }],
  ["insufficient_coins", { price: 100, coins: 21 }],
  ["already_owned", { avatar_id: "phoenix" }],
  ["avatar_not_found", { avatar_id: "dragon" }],
  ["avatar_not_owned", { avatar_id: "phoenix" }],
  ["username_taken", {}],
  ["invalid_credentials", {}],
  ["invalid_init_data", {}],
  ["telegram_not_configured", {}],
  ["not_authenticated", {}],
  ["unknown_exercise", { index: 0, exercise: "moon-walk" }],
  ["wrong_measure", { index: 2, exercise: "plank", measure: "seconds" }],
  ["wrong_measure", { index: 2, exercise: "push-up", measure: "reps" }],
  ["invalid_workout_time", { reason: "in_future" }],
  ["invalid_workout_time", { reason: "too_old" }],
  ["idempotency_key_reused", {}],
  ["validation_error", { errors: [
    { field: "sets.0.reps", problem: "too_large", limit: 1000 },
    { field: "username", problem: "too_short", limit: 3 },
    { field: "password", problem: "missing" },
    { field: "email", problem: "invalid_format" },
    { field: "sets", problem: "too_long", limit: 100 },
    { field: "sets.1.seconds", problem: "too_small", limit: 1 },
    { field: "sets.1.exercise", problem: "wrong_type" },
    { field: "timezone", problem: "invalid" },
  ] }],
  ["not_found", {}],
  ["method_not_allowed", {}],
  ["internal_error", {}],
  ["database_unavailable", {}],
  ["rate_limited", { retry_after: 21 }],
  ["player_not_found", {}],
  ["friend_request_not_found", {}],
  ["friend_not_found", {}],
  ["invite_not_found", {}],
  ["cannot_befriend_self", {}],
  ["player_blocked", {}],
  ["too_many_searches", { retry_after: 540 }],
  ["too_many_requests", { retry_after: 2 }],
  ["payload_too_large", { limit: 65536 }],
  ["request_timeout", { seconds: 30 }],
  ["headers_too_large", { limit: 16384 }],
  ["workout_overlaps", { workout_id: 7, started_at: "2025-03-01T10:00:00+00:00", finished_at: "2025-03-01T10:40:00+00:00" }],
  ["streak_freezes_full", { max_held: 2 }],
  ["goal_target_out_of_range", { metric: "minutes", target: 5, min_target: 60, max_target: 420 }],
  ["network", {}],
  ["timeout", {}],
  ["http", { status: 502 }],
];

describe.each(["ru", "en"] as Locale[])("error texts in %s", (locale) => {
  const tr = makeTranslator(locale);

  it.each(CASES)("%s is said in the catalogue's words, with its params", (code, params) => {
    const text = describeError(new ApiError(422, code, SERVER_SAYS, params), tr, names);

    expect(text).not.toBe(SERVER_SAYS);
    expect(text).not.toMatch(/\{\w+\}|undefined|null|NaN|false/);
    for (const value of Object.values(params)) {
      // Indexes are said from one, ids and a refused target need not be repeated,
      // and byte or time limits of the transport mean nothing to a player.
      const unsaid = [
        "wrong_measure", "unknown_exercise", "workout_overlaps", "goal_target_out_of_range",
        "payload_too_large", "request_timeout", "headers_too_large",
      ];
      if (typeof value === "number" && !unsaid.includes(code)) {
        expect(text).toContain(tr.number(value));
      }
    }
  });

  it("falls back to the server's message for a code it does not know", () => {
    expect(describeError(new ApiError(418, "brand_new_code", SERVER_SAYS), tr, names)).toBe(SERVER_SAYS);
  });

  it("keeps the server's message rather than invent numbers it was not given", () => {
    expect(describeError(new ApiError(402, "insufficient_coins", SERVER_SAYS, {}), tr, names)).toBe(SERVER_SAYS);
  });
});

describe("error texts say the details right", () => {
  const ru = makeTranslator("ru");
  const en = makeTranslator("en");

  it("uses plurals for coin amounts", () => {
    const error = new ApiError(402, "insufficient_coins", "", { price: 100, coins: 21 });
    expect(describeError(error, ru, names)).toBe("Это стоит 100 монет, а у вас 21 монета.");
    expect(describeError(error, en, names)).toBe("That costs 100 coins; you have 21 coins.");
  });

  it("says which workout is in the way, in the player's zone", () => {
    const error = new ApiError(422, "workout_overlaps", "", {
      workout_id: 7, started_at: "2025-03-01T10:00:00+00:00", finished_at: "2025-03-01T10:40:00+00:00",
    });
    expect(describeError(error, makeTranslator("en", "Europe/Berlin"), names)).toContain("(Sat, Mar 1, 11:00 AM – Sat, Mar 1, 11:40 AM)");
    expect(describeError(error, makeTranslator("ru", "Europe/Moscow"), names)).toContain("13:00");
  });

  it("names how many freezes one may hold, and the goal's bounds", () => {
    expect(describeError(new ApiError(409, "streak_freezes_full", "", { max_held: 2 }), ru, names))
      .toBe("У вас уже 2 заморозки серии — больше держать нельзя.");
    const bounds = new ApiError(422, "goal_target_out_of_range", "", { metric: "minutes", target: 5, min_target: 60, max_target: 420 });
    expect(describeError(bounds, en, names)).toBe("A weekly goal in minutes is between 60 and 420.");
  });

  it("numbers sets from one and names the field", () => {
    const error = new ApiError(422, "validation_error", "", {
      errors: [{ field: "sets.0.reps", problem: "too_large", limit: 1000 }],
    });
    expect(describeError(error, en, names)).toBe("Please check: Set 1, reps must be at most 1,000");
    expect(describeError(error, ru, names)).toBe("Проверьте: Подход 1, повторы: не больше 1\u00a0000");
  });

  it("reads the envelope the server sends", () => {
    const error = fromResponse(403, {
      error: { code: "level_too_low", message: "m", params: { required_level: 7, level: 2 }, request_id: "r" },
    });
    expect(describeError(error, en, names)).toBe("You need level 7 for that; you are level 2.");
    expect(fromResponse(502, "<html>").code).toBe("http");
    expect(new ApiError(0, "network", "").transient).toBe(true);
    expect(new ApiError(402, "insufficient_coins", "").transient).toBe(false);
  });
});
