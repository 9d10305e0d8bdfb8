// Turning any failure into a sentence in the player's language.

import { useCallback } from "preact/hooks";

import { ApiError, networkError } from "../api/errors";
import { describeError, type Names } from "../i18n/errors";
import type { Translator } from "../i18n/translate";
import { exerciseName } from "../state/catalogue";
import { useTranslator } from "../state/translator";

export function namesFor(tr: Translator): Names {
  return {
    avatar: (id) => avatarName(tr, id),
    exercise: exerciseName,
  };
}

/** The catalogue's name for an avatar id, or the server's name, or the id. */
export function avatarName(tr: Translator, id: string, serverName?: string): string {
  const key = `avatar.${id}`;
  return tr.has(key) ? tr.t(key) : serverName ?? id;
}

export function errorText(error: unknown, tr: Translator): string {
  const failure = error instanceof ApiError ? error : networkError();
  return describeError(failure, tr, namesFor(tr));
}

export function useErrorText(): (error: unknown) => string {
  const tr = useTranslator();
  return useCallback((error: unknown) => errorText(error, tr), [tr]);
}
