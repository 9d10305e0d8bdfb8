import { describe, expect, it } from "vitest";

import { makeTranslator } from "../src/i18n/translate";

describe("plurals", () => {
  const ru = makeTranslator("ru");
  const en = makeTranslator("en");

  it.each([
    [0, "0 монет"], [1, "1 монета"], [2, "2 монеты"], [5, "5 монет"], [11, "11 монет"],
    [21, "21 монета"], [22, "22 монеты"], [25, "25 монет"], [111, "111 монет"],
  ])("Russian: %i coins read %s", (count, text) => {
    expect(ru.count("unit.coins", count)).toBe(text);
  });

  it.each([
    [1, "1 день"], [3, "3 дня"], [12, "12 дней"], [101, "101 день"],
  ])("Russian days: %i reads %s", (count, text) => {
    expect(ru.count("unit.days", count)).toBe(text);
  });

  it.each([[0, "0 coins"], [1, "1 coin"], [2, "2 coins"], [21, "21 coins"]])("English: %i reads %s", (n, text) => {
    expect(en.count("unit.coins", n)).toBe(text);
  });

  it("formats numbers in the language", () => {
    expect(ru.count("unit.coins", 1500)).toBe("1\u00a0500 монет");
    expect(en.count("unit.coins", 1500)).toBe("1,500 coins");
  });

  it("writes dates in the language and the player's time zone", () => {
    const moment = "2025-03-01T23:30:00Z";
    expect(makeTranslator("ru", "Europe/Moscow").dateTime(moment)).toMatch(/2 мар/);
    expect(makeTranslator("en", "America/New_York").dateTime(moment)).toMatch(/Mar 1/);
    expect(makeTranslator("en", "Not/A_Zone").dateTime(moment)).toBeTruthy();
  });
});
