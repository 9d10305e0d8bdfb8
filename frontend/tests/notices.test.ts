import { describe, expect, it } from "vitest";

import { noticeText } from "../src/i18n/notices";
import { makeTranslator } from "../src/i18n/translate";

describe("notices", () => {
  const ru = makeTranslator("ru", "Europe/Moscow");
  const en = makeTranslator("en", "America/New_York");

  it.each([
    ["ru", "achievement", { title: "Первая тренировка" }, "Новое достижение: «Первая тренировка»"],
    ["ru", "goal_reached", { title: "3 тренировки за неделю" }, "Цель выполнена: «3 тренировки за неделю»"],
    ["ru", "friend_request", { from_name: "Аня" }, "Аня хочет добавить вас в друзья"],
    ["en", "achievement", { title: "First workout" }, "Achievement unlocked: First workout"],
    ["en", "goal_reached", { title: "3 workouts this week" }, "Goal reached: 3 workouts this week"],
    ["en", "friend_request", { from_name: "Ann" }, "Ann wants to be your friend"],
  ] as const)("%s: %s reads as a sentence", (locale, kind, params, text) => {
    expect(noticeText({ kind, params }, locale === "ru" ? ru : en)).toBe(text);
  });

  it("keeps a name as it was sent, markup and all (the page escapes it)", () => {
    expect(noticeText({ kind: "friend_request", params: { from_name: "<b>Ann</b> & co" } }, en)).toBe(
      "<b>Ann</b> & co wants to be your friend",
    );
  });

  it("says only that there is a notice when the kind is new to this app or its params are missing", () => {
    expect(noticeText({ kind: "streak_saved", params: {} }, en)).toBe("You have a new notice.");
    expect(noticeText({ kind: "achievement", params: {} }, ru)).toBe("У вас новое уведомление.");
    expect(noticeText({ kind: "friend_request", params: { from_name: { nested: true } } }, en)).toBe(
      "You have a new notice.",
    );
    expect(noticeText({ kind: "goal_reached", params: { title: "  " } }, en)).toBe("You have a new notice.");
  });

  it("dates a notice in the player's time zone", () => {
    const moment = "2026-03-01T22:30:00Z";
    expect(ru.dateTime(moment)).toMatch(/2 мар/); // already the 2nd in Moscow
    expect(en.dateTime(moment)).toMatch(/Mar 1/);
  });
});
