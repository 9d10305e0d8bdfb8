import { useRef, useState } from "preact/hooks";

import { call, api } from "../api/client";
import { ApiError } from "../api/errors";
import { setProfile } from "../state/app";
import { newIdempotencyKey } from "../state/intent";
import { useTranslator } from "../state/translator";
import { haptic } from "../telegram/controls";
import { errorText } from "./errors";

/** Buying from a confirm dialog, exactly once: one Idempotency-Key for the intent
 * (reused when a lost answer is retried), the second click of a double click buys
 * nothing, and a refusal reloads the profile so the shop shows the truth. */
export function usePurchase<T>(
  send: (idempotencyKey: string) => Promise<T>,
  onBought: (answer: T) => void,
  onChanged: () => Promise<unknown>,
) {
  const tr = useTranslator();
  const intent = useRef(newIdempotencyKey());
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);

  const buy = async (event?: MouseEvent) => {
    if (inFlight.current || (event?.detail ?? 0) > 1) return;
    inFlight.current = true;
    setBusy(true);
    setProblem(null);
    try {
      onBought(await send(intent.current));
      haptic("success");
      await onChanged();
    } catch (error) {
      const text = errorText(error, tr);
      const transient = error instanceof ApiError && error.transient;
      setProblem(transient ? tr.t("shop.lostAnswer", { problem: text }) : text);
      if (!transient) {
        setRefused(true);
        haptic("error");
        call(api.GET("/api/users/me")).then(setProfile, () => {});
        await onChanged();
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return { buy, busy, problem, refused };
}
