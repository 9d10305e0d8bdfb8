import { describe, expect, it } from "vitest";

import type { Board, FriendLists } from "../src/api/types";
import { makeTranslator } from "../src/i18n/translate";
import {
  boardChoice, boardPath, friendRows, inviteCodeOf, invitePath, ownRowBelow, shareLink, takeLaunchInvite, weekLabel,
} from "../src/state/social";
import type { KeyValue } from "../src/state/storage";

function memory(): KeyValue {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => { values.set(key, value); },
    removeItem: (key) => { values.delete(key); },
  };
}

const ref = (id: string) => ({ id, display_name: id.toUpperCase(), avatar_id: "shadow-wolf" });
const card = (id: string) => ({ ...ref(id), level: 3, current_streak: 2, week_score: 120 });

describe("invite links", () => {
  it("reads the code of a Telegram start parameter friend-<code>, and nothing else", () => {
    expect(inviteCodeOf("friend-Ab_c-9")).toBe("Ab_c-9");
    expect(inviteCodeOf("friend-")).toBeNull();
    expect(inviteCodeOf("promo-42")).toBeNull();
    expect(inviteCodeOf(null)).toBeNull();
  });

  it("opens a launch's invite once, even when the Mini App reloads", () => {
    const kept = memory();
    expect(takeLaunchInvite("friend-xyz", kept)).toBe("/invite?code=xyz");
    expect(takeLaunchInvite("friend-xyz", kept)).toBeNull();
    expect(takeLaunchInvite("friend-other", kept)).toBe("/invite?code=other");
    expect(takeLaunchInvite("promo-1", kept)).toBeNull();
  });

  it("hands out Telegram's link when the server knows it, else this site's page", () => {
    expect(shareLink({ code: "c0de", telegram_link: "https://t.me/bw_bot/app?startapp=friend-c0de" }, "https://x.org"))
      .toBe("https://t.me/bw_bot/app?startapp=friend-c0de");
    expect(shareLink({ code: "a-b_c", telegram_link: null }, "https://x.org")).toBe("https://x.org/invite?code=a-b_c");
    expect(invitePath("a b")).toBe("/invite?code=a%20b");
  });
});

describe("friends", () => {
  it("describes the friends who let friends see them and names the hidden ones", () => {
    const lists: FriendLists = {
      friends: [ref("ann"), ref("hid"), ref("zed")], incoming: [], outgoing: [], blocked: [],
      cards: [card("ann"), card("zed")],
    };
    expect(friendRows(lists).map((row) => [row.player.id, row.card?.level ?? null]))
      .toEqual([["ann", 3], ["hid", null], ["zed", 3]]);
  });
});

describe("boards", () => {
  const board = (ids: string[], me: string): Board => ({
    period: "week", scope: "global", week_start: "2025-03-03", daily_cap: 500,
    entries: ids.map((id, i) => ({ rank: i + 1, player: ref(id), level: 1, score: 100 - i })),
    me: { rank: 77, player: ref(me), level: 1, score: 3 },
  });

  it("shows the player's own row apart only when the top does not hold it", () => {
    expect(ownRowBelow(board(["a", "b"], "me"))).toBe(true);
    expect(ownRowBelow(board(["a", "me"], "me"))).toBe(false);
  });

  it("reads the board from the address: this week of friends by default", () => {
    expect(boardChoice(new URLSearchParams(""))).toEqual({ period: "week", scope: "friends" });
    expect(boardChoice(new URLSearchParams("period=all&scope=global"))).toEqual({ period: "all", scope: "global" });
    expect(boardChoice(new URLSearchParams("period=year&scope=moon"))).toEqual({ period: "week", scope: "friends" });
    expect(boardPath({ period: "all", scope: "friends" })).toBe("/boards?period=all&scope=friends");
  });

  it("names the week's Monday as a date in either language, whatever the device's zone", () => {
    expect(weekLabel("2025-03-03", "en")).toBe("March 3");
    expect(weekLabel("2025-03-03", "ru")).toBe("3 марта");
  });
});

describe("the social words", () => {
  it.each(["ru", "en"] as const)("fill every parameter in %s", (locale) => {
    const tr = makeTranslator(locale);
    const texts = [
      tr.t("friends.week", { xp: tr.t("unit.xp", { count: 1250 }) }),
      tr.t("friends.streak", { days: tr.count("unit.days", 3) }),
      tr.t("boards.capHint", { xp: tr.t("unit.xp", { count: 500 }) }),
      tr.t("invite.welcome", { name: "Ada" }),
      tr.t("toast.visibilitySaved", { choice: tr.t("settings.visibility.public") }),
    ];
    for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
    expect(texts[0]).toContain(tr.number(1250));
  });

  it("says a Russian streak with the right plural", () => {
    const ru = makeTranslator("ru");
    expect(ru.t("friends.streak", { days: ru.count("unit.days", 3) })).toBe("Серия: 3 дня");
    expect(ru.t("friends.week", { xp: ru.t("unit.xp", { count: 1250 }) })).toBe("На этой неделе: 1\u00a0250 опыта");
  });
});
