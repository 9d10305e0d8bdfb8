import { describe, expect, it } from "vitest";

import { en } from "../src/i18n/en";
import { ru } from "../src/i18n/ru";
import type { Message } from "../src/i18n/types";

const placeholders = (message: Message): string[] => {
  const texts = typeof message === "string" ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...(text ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))].sort();
};

describe("the message catalogues", () => {
  it("have the same keys in both languages", () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))("%s has the same placeholders in both languages", (key) => {
    const k = key as keyof typeof en;
    expect(placeholders(ru[k])).toEqual(placeholders(en[k]));
  });

  it("give every plural the forms its language needs", () => {
    for (const [key, message] of Object.entries(ru)) {
      if (typeof message === "string") continue;
      expect(Object.keys(message).sort(), key).toEqual(["few", "many", "one", "other"]);
      const english = en[key as keyof typeof en];
      expect(typeof english === "string" ? [] : Object.keys(english).sort(), key).toEqual(["one", "other"]);
    }
  });

  it("have no empty texts", () => {
    for (const catalogue of [en, ru]) {
      for (const [key, message] of Object.entries(catalogue)) {
        const texts: string[] = typeof message === "string" ? [message] : Object.values(message);
        for (const text of texts) expect(text.trim(), key).toBeTruthy();
      }
    }
  });
});
