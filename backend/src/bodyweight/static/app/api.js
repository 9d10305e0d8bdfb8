// Every call to the JSON API goes through `api`: it adds the bearer token, gives up
// on a request that hangs, and turns every failure into an ApiError carrying the
// API's own {code, message}, so a page can always say what went wrong.

import { goToSignIn } from "./navigation.js";
import { storedToken } from "./token.js";

const TIMEOUT_MS = 20_000;

class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * The network or the server failed, not the request: trying again may work. The
   * request may still have taken effect, so only retry with the same Idempotency-Key.
   */
  get transient() {
    return this.status === 0 || this.status >= 500;
  }
}

const NETWORK_ERROR = () => new ApiError(
  0, "network_error", "Can't reach the server. Check your connection and try again.",
);
const TIMEOUT_ERROR = () => new ApiError(
  0, "timeout", "The server is taking too long to answer. Check your connection and try again.",
);

/**
 * Call the API. `body` is sent as JSON; `idempotencyKey` makes a retry of the same
 * request return the first answer instead of acting twice; `auth: false` sends no token.
 */
export async function api(method, path, { body, idempotencyKey, auth = true } = {}) {
  const headers = { Accept: "application/json" };
  const token = auth ? storedToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), TIMEOUT_MS);
  let response;
  let payload;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: timeout.signal,
      cache: "no-store",
    });
    payload = await response.json().catch(() => null);
  } catch {
    throw timeout.signal.aborted ? TIMEOUT_ERROR() : NETWORK_ERROR();
  } finally {
    clearTimeout(timer);
  }

  if (response.ok && payload !== null) return payload;
  const error = payload?.error ?? {
    code: "http_error",
    message: `The server had a problem (HTTP ${response.status}). Try again in a moment.`,
  };
  // The token expired or its player is gone: sign in again, then come back.
  if (response.status === 401 && token) return goToSignIn(`Please sign in again. (${error.message})`);
  throw new ApiError(response.status, error.code, error.message, error);
}
