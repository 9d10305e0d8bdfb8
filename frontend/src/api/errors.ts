// Every failed call becomes an ApiError: the server's {code, message, params}, or a
// code of our own when no answer came (network, timeout) or it was not ours.

export type ErrorParams = Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /**
   * The network or the server failed, not the request: trying again may work. The
   * request may have taken effect, so retry only with the same Idempotency-Key.
   */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** The error envelope `{"error": {code, message, params?}}`, whatever else it carries. */
export function fromResponse(status: number, body: unknown): ApiError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (!error || typeof error.code !== "string") {
    return new ApiError(status, "http", `HTTP ${status}`, { status });
  }
  const { code, message, params, ...rest } = error;
  // Until every code carries `params`, older answers put their details beside the code.
  const details = (params && typeof params === "object" ? params : rest) as ErrorParams;
  return new ApiError(status, code, typeof message === "string" ? message : code, details);
}

export const networkError = () => new ApiError(0, "network", "network");
export const timeoutError = () => new ApiError(0, "timeout", "timeout");
