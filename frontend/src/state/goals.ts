// The weekly goal form: which metrics there are, a sensible first target for each,
// and reading what the player typed. Progress itself is the server's to count.

import type { GoalMetric } from "../api/types";

export const METRICS: readonly GoalMetric[] = ["workouts", "minutes", "xp"];
type Metric = GoalMetric;

/** A first suggestion: an easy week for someone starting out. */
export const SUGGESTED: Record<Metric, number> = { workouts: 3, minutes: 90, xp: 500 };

/** The typed target as a whole number above zero, or null if it is not one. */
export function parseTarget(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,7}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value > 0 ? value : null;
}
