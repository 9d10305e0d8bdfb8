// A notification's sentence: the catalogue's `notice.<kind>` filled from the params
// the server stored with it (notifications/service.py names them per kind).

import type { Translator } from "./translate";
import type { Params } from "./types";

export interface NoticeLike {
  kind: string;
  params: Record<string, unknown>;
}

// The params each kind's text needs; a notice without them reads as a plain "new notice".
const NEEDS: Record<string, string[]> = {
  achievement: ["title"],
  goal_reached: ["title"],
  friend_request: ["from_name"],
};

export function noticeText(notice: NoticeLike, tr: Translator): string {
  const needs = NEEDS[notice.kind];
  const key = `notice.${notice.kind}`;
  if (!needs || !tr.has(key)) return tr.t("notice.other");
  const params: Params = {};
  for (const name of needs) {
    const value = notice.params[name];
    if (typeof value === "string" && value.trim() !== "") params[name] = value;
    else if (typeof value === "number") params[name] = value;
    else return tr.t("notice.other");
  }
  return tr.t(key, params);
}
