import { describe, expect, it } from "vitest";

import { byKind, fraction, nextUp, recentlyEarned } from "../src/state/achievements";
import { intensity, lastDays, longestRun, niceCeiling, weeklyStacks, yearWeeks } from "../src/state/charts";
import { addDays, daysBetween, localToday, mondayOf, weekday } from "../src/state/days";
import { makeTranslator } from "../src/i18n/translate";
import type { Stats, Workout } from "../src/api/types";
import { freezeStanding } from "../src/state/freezes";
import { parseTarget } from "../src/state/goals";
import { activeCategories, recentExercises, volumeStacks, xpDays } from "../src/state/progress";

describe("plain days", () => {
  it("step over month, year and daylight-saving ends without slipping", () => {
    expect(addDays("2025-03-30", 1)).toBe("2025-03-31"); // Europe's clocks go forward that night
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(daysBetween("2025-10-25", "2025-10-27")).toBe(2); // and back
  });

  it("start weeks on Monday", () => {
    expect(weekday("2025-03-03")).toBe(0); // a Monday
    expect(weekday("2025-03-09")).toBe(6);
    expect(mondayOf("2025-03-09")).toBe("2025-03-03");
    expect(mondayOf("2025-01-01")).toBe("2024-12-30");
  });

  it("know today where the player lives, not where the device is", () => {
    const moment = new Date("2025-03-01T23:30:00Z");
    expect(localToday("Europe/Moscow", moment)).toBe("2025-03-02");
    expect(localToday("America/New_York", moment)).toBe("2025-03-01");
    expect(localToday("Not/A_Zone", moment)).toMatch(/^2025-03-0[12]$/);
  });
});

describe("chart shapes", () => {
  it("fill the 30 days with zeros where nothing was logged", () => {
    const days = lastDays([{ day: "2025-03-01", value: 40 }, { day: "2025-01-01", value: 9 }], "2025-03-02", 30);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: "2025-02-01", value: 0 });
    expect(days[28]).toEqual({ day: "2025-03-01", value: 40 });
    expect(days[29]).toEqual({ day: "2025-03-02", value: 0 });
  });

  it("round the axis up", () => {
    expect([0, 1, 3, 7, 120, 250, 251, 999].map(niceCeiling)).toEqual([1, 1, 5, 10, 200, 250, 500, 1000]);
  });

  it("stack weeks by series, in the legend's order, with the empty weeks", () => {
    const stacks = weeklyStacks(
      [
        { week: "2025-03-03", series: "pull", value: 30 },
        { week: "2025-03-03", series: "push", value: 50 },
        { week: "2025-02-17", series: "push", value: 10 },
        { week: "2025-03-03", series: "mystery", value: 99 },
      ],
      ["push", "pull"], 4, "2025-03-05",
    );
    expect(stacks.map((s) => [s.week, s.total])).toEqual([
      ["2025-02-10", 0], ["2025-02-17", 10], ["2025-02-24", 0], ["2025-03-03", 80],
    ]);
    expect(stacks[3]!.parts).toEqual([{ series: "push", value: 50 }, { series: "pull", value: 30 }]);
  });

  it("lay a year out as Monday-first weeks ending today", () => {
    const weeks = yearWeeks(new Map([["2025-03-05", 2], ["2024-03-06", 1]]), "2025-03-05");
    expect(weeks[0]!.monday).toBe("2024-03-04");
    expect(weeks.at(-1)!.monday).toBe("2025-03-03");
    expect(weeks.every((w) => w.cells.length === 7)).toBe(true);
    const cells = weeks.flatMap((w) => w.cells);
    expect(cells.find((c) => c.day === "2025-03-05")).toEqual({ day: "2025-03-05", count: 2, future: false });
    expect(cells.find((c) => c.day === "2025-03-06")?.future).toBe(true);
    expect(weeks.find((w) => w.newMonth === "2025-01-01")?.monday).toBe("2024-12-30");
  });

  it("colour days by how busy they were", () => {
    expect([0, 1, 2, 3, 4].map((n) => intensity(n, 4))).toEqual([0, 1, 2, 3, 4]);
    expect(intensity(1, 1)).toBe(4);
    expect(intensity(1, 10)).toBe(1);
  });

  it("find the longest run of days", () => {
    expect(longestRun(["2025-03-01", "2025-02-28", "2025-03-02", "2025-03-04", "2025-03-01"])).toBe(3);
    expect(longestRun([])).toBe(0);
  });
});

describe("achievements", () => {
  const list = [
    { slug: "first", kind: "first", current: 1, target: 1, earned_at: "2025-03-01T10:00:00Z" },
    { slug: "ten", kind: "count", current: 4, target: 10, earned_at: null },
    { slug: "fifty", kind: "count", current: 4, target: 50, earned_at: null },
    { slug: "night", kind: "time", current: 0, target: 1, earned_at: null },
    { slug: "lvl", kind: "level", current: 2, target: 3, earned_at: null },
    { slug: "shop", kind: "shop", current: 1, target: 1, earned_at: "2025-03-02T10:00:00Z" },
  ];

  it("measure progress within 0 and 1", () => {
    expect(list.map(fraction)).toEqual([1, 0.4, 0.08, 0, 2 / 3, 1]);
    expect(fraction({ slug: "x", kind: "k", current: 5, target: 0 })).toBe(0);
  });

  it("suggest the closest unearned ones", () => {
    expect(nextUp(list).map((a) => a.slug)).toEqual(["lvl", "ten", "fifty"]);
  });

  it("show the newest earned first, kinds in the server's order", () => {
    expect(recentlyEarned(list).map((a) => a.slug)).toEqual(["shop", "first"]);
    expect(byKind(list).map(([kind, items]) => [kind, items.length])).toEqual([
      ["first", 1], ["count", 2], ["time", 1], ["level", 1], ["shop", 1],
    ]);
  });
});

describe("dates on the progress page", () => {
  it("write when an achievement was earned in the player's zone and language", () => {
    const moment = "2025-03-01T23:30:00Z";
    expect(makeTranslator("ru", "Europe/Moscow").date(moment)).toMatch(/^2 мар\.? 2025/);
    expect(makeTranslator("en", "America/New_York").date(moment)).toBe("Mar 1, 2025");
  });

  it("write plain days as the server gave them, whatever the zone", () => {
    expect(makeTranslator("en", "Pacific/Kiritimati").day("2025-03-01")).toBe("Mar 1");
    expect(makeTranslator("ru", "America/Adak").day("2025-03-01")).toBe("1 мар.");
    expect(makeTranslator("en").day("2025-03-03", "long")).toBe("Mon, March 3");
    expect(makeTranslator("ru").day("2025-03-03", "long")).toBe("пн, 3 марта");
    expect(makeTranslator("en").day("2025-03-03", "full")).toBe("Mon, March 3, 2025");
  });
});

describe("the progress page's data", () => {
  const set = (exercise_id: string) => ({ exercise_id, reps: 10, seconds: null, xp: 5 });
  const workout = (...ids: string[]) => ({ sets: ids.map(set) }) as unknown as Workout;

  it("takes the most recently done exercises, each once", () => {
    const recent = recentExercises([workout("push-up", "plank", "push-up"), workout("squat", "plank"), workout("dip")], 3);
    expect(recent).toEqual(["push-up", "plank", "squat"]);
  });

  const stats = {
    today: "2025-03-05",
    xp_by_day: [{ day: "2025-03-04", workouts: 1, xp: 40 }],
    volume_by_week: [
      { week_start: "2025-02-24", categories: [
        { category_id: "push", sets: 3, reps: 30, seconds: 0 }, { category_id: "core", sets: 1, reps: 0, seconds: 60 },
      ] },
      { week_start: "2025-03-03", categories: [
        { category_id: "push", sets: 2, reps: 25, seconds: 0 }, { category_id: "core", sets: 0, reps: 0, seconds: 0 },
      ] },
    ],
    training_days: [],
    frozen_days: [],
  } as unknown as Stats;

  it("fills the XP days the server left out", () => {
    const days = xpDays({ ...stats, xp_by_day: [] } as Stats);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: "2025-03-05", value: 0 });
  });

  it("stacks one measure per week, naming only categories that have some", () => {
    expect(volumeStacks(stats, "reps", ["push", "core"]).map((s) => s.total)).toEqual([30, 25]);
    expect(volumeStacks(stats, "sets", ["push", "core"])[0]!.parts).toEqual([
      { series: "push", value: 3 }, { series: "core", value: 1 },
    ]);
    expect([...activeCategories(stats, "seconds")]).toEqual(["core"]);
    expect([...activeCategories(stats, "reps")]).toEqual(["push"]);
  });
});

describe("the shop's freeze and the goal form", () => {
  it("sells a freeze only below the limit and within the balance", () => {
    expect(freezeStanding(0, 2, 50, 50)).toBe("for-sale");
    expect(freezeStanding(1, 2, 50, 49)).toBe("too-expensive");
    expect(freezeStanding(2, 2, 50, 5000)).toBe("full");
  });

  it("reads a target as a whole number above zero", () => {
    expect(["3", " 90 ", "0", "-2", "2.5", "", "1e3", "12345678"].map(parseTarget))
      .toEqual([3, 90, null, null, null, null, null, null]);
  });
});
