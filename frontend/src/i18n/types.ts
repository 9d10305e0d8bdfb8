import type { en } from "./en";

export type Locale = "ru" | "en";
export const LOCALES: readonly Locale[] = ["ru", "en"];

/** A plural message: one text per CLDR category the language uses ("other" always). */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;
export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, Message>;
export type Params = Record<string, string | number>;
