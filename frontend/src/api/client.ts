// The one way the app talks to the server: typed by the generated schema, with the
// bearer token, the player's language, and a time limit on every request.

import createClient from "openapi-fetch";

import type { paths } from "./schema";
import { ApiError, fromResponse, networkError, timeoutError } from "./errors";

const TIMEOUT_MS = 20_000;

export interface Credentials {
  token(): string | null;
  locale(): string;
  /** The server no longer accepts the token: sign in again, then come back. */
  expired(): void;
}

let credentials: Credentials = { token: () => null, locale: () => "en", expired: () => {} };

export function useCredentials(source: Credentials): void {
  credentials = source;
}

/** fetch with a deadline: a hung request fails as "timeout" and can be retried. */
async function fetchWithDeadline(request: Request): Promise<Response> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), TIMEOUT_MS);
  try {
    return await fetch(request, { signal: deadline.signal, cache: "no-store" });
  } catch {
    throw deadline.signal.aborted ? timeoutError() : networkError();
  } finally {
    clearTimeout(timer);
  }
}

export const api = createClient<paths>({ fetch: fetchWithDeadline });

api.use({
  onRequest({ request }) {
    request.headers.set("Accept-Language", credentials.locale());
    const token = credentials.token();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError; a refused token sends the player to sign in. */
export async function call<T>(pending: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await pending;
  } catch (error) {
    throw error instanceof ApiError ? error : networkError();
  }
  const { data, error, response } = answer;
  if (response.ok) return data as T;
  const failure = fromResponse(response.status, error);
  // A suspended account's token is refused too (403 account_suspended): the
  // sign-in page then says why on the next attempt.
  const refused = response.status === 401 || failure.code === "account_suspended";
  if (refused && credentials.token()) credentials.expired();
  throw failure;
}
