/** How far along a count is towards its target, drawn and told to screen readers. */
export function ProgressBar({ current, target, label }: { current: number; target: number; label: string }) {
  const filled = target > 0 ? Math.min(100, Math.max(0, (100 * current) / target)) : 0;
  return (
    <div class={filled >= 100 ? "progress-bar done" : "progress-bar"} role="progressbar" aria-label={label}
      aria-valuemin={0} aria-valuemax={target} aria-valuenow={Math.min(current, target)}>
      <span class="progress-fill" style={{ width: `${filled}%` }} />
    </div>
  );
}
