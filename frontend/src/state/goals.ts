// The weekly goal form: which metrics there are, a sensible first target for each,
// and reading what the player typed. Progress itself is the server's to count.

export const METRICS = ["workouts", "minutes", "xp"] as const;
export type Metric = (typeof METRICS)[number];

/** A first suggestion: an easy week for someone starting out. */
export const SUGGESTED: Record<Metric, number> = { workouts: 3, minutes: 90, xp: 500 };

export const isMetric = (text: unknown): text is Metric => METRICS.includes(text as Metric);

/** The typed target as a whole number above zero, or null if it is not one. */
export function parseTarget(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,7}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value > 0 ? value : null;
}
