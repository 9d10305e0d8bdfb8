import { useTranslator } from "../state/translator";

/** Progress from the start of this level to the next, exactly as the API numbers it. */
export function XpBar({ from, to, now, level }: { from: number; to: number; now: number; level: number }) {
  const tr = useTranslator();
  const span = Math.max(1, to - from);
  const filled = Math.min(100, Math.max(0, (100 * (now - from)) / span));
  return (
    <div
      class="xp-bar"
      role="progressbar"
      aria-label={tr.t("home.xpBar", { level: level + 1 })}
      aria-valuemin={from}
      aria-valuemax={to}
      aria-valuenow={now}
    >
      <span class="xp-fill" style={{ width: `${filled}%` }} />
    </div>
  );
}
