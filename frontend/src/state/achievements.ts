// What the achievements list means for the player: how far along each one is, and
// which to aim for next. The server counts (current/target) and awards; this only orders.

export interface AchievementLike {
  slug: string;
  kind: string;
  current: number;
  target: number;
  earned_at?: string | null;
}

/** How far along, 0 to 1; an earned one is whole whatever its count says. */
export function fraction(a: AchievementLike): number {
  if (a.earned_at) return 1;
  if (!(a.target > 0)) return 0;
  return Math.min(1, Math.max(0, a.current / a.target));
}

/** The unearned achievements closest to done (started ones first), at most `count`. */
export function nextUp<T extends AchievementLike>(list: readonly T[], count = 3): T[] {
  return list
    .filter((a) => !a.earned_at)
    .map((a, order) => ({ a, order, f: fraction(a) }))
    .sort((x, y) => y.f - x.f || x.a.target - x.a.current - (y.a.target - y.a.current) || x.order - y.order)
    .slice(0, count)
    .map(({ a }) => a);
}

/** The most recently earned first; ties (one workout, several) in the server's order. */
export function recentlyEarned<T extends AchievementLike>(list: readonly T[]): T[] {
  return list
    .map((a, order) => ({ a, order }))
    .filter(({ a }) => a.earned_at)
    .sort((x, y) => Date.parse(y.a.earned_at!) - Date.parse(x.a.earned_at!) || x.order - y.order)
    .map(({ a }) => a);
}

/** The kinds in the order the server lists them, each with its achievements. */
export function byKind<T extends AchievementLike>(list: readonly T[]): [T["kind"], T[]][] {
  const groups = new Map<T["kind"], T[]>();
  for (const a of list) {
    const group = groups.get(a.kind);
    if (group) group.push(a);
    else groups.set(a.kind, [a]);
  }
  return [...groups];
}
