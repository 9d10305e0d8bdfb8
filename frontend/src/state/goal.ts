// The next avatar worth aiming for: the cheapest one not owned yet. Presentation
// only: whether it is unlocked or affordable is what the API said.

import type { Avatar } from "../api/types";

export type AvatarGoal =
  | { kind: "buy"; avatar: Avatar }
  | { kind: "save"; avatar: Avatar; missing: number }
  | { kind: "unlock"; avatar: Avatar }
  | { kind: "all-owned" };

export function nextAvatarGoal(avatars: Avatar[], coins: number): AvatarGoal {
  const wanted = avatars
    .filter((a) => !a.owned)
    .sort((a, b) => a.price - b.price || a.required_level - b.required_level)[0];
  if (!wanted) return { kind: "all-owned" };
  if (!wanted.unlocked) return { kind: "unlock", avatar: wanted };
  if (!wanted.affordable) return { kind: "save", avatar: wanted, missing: Math.max(0, wanted.price - coins) };
  return { kind: "buy", avatar: wanted };
}
