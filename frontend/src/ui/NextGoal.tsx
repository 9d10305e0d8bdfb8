import { useEffect, useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { Avatar } from "../api/types";
import { nextAvatarGoal } from "../state/goal";
import { useTranslator } from "../state/translator";
import { AvatarImage } from "./Avatar";
import { avatarName } from "./errors";
import { Link } from "./Link";

/** What is next: XP to the next level, and the next avatar to unlock or afford. */
export function NextGoal({ level, xpToNext, coins }: { level: number; xpToNext: number; coins: number }) {
  const tr = useTranslator();
  const [avatars, setAvatars] = useState<Avatar[] | null>(null);
  useEffect(() => {
    call(api.GET("/api/avatars")).then(setAvatars, () => setAvatars(null));
  }, [coins, level, tr.locale]);

  const goal = avatars ? nextAvatarGoal(avatars, coins) : null;
  const name = goal && goal.kind !== "all-owned" ? avatarName(tr, goal.avatar.id, goal.avatar.name) : "";
  return (
    <section class="panel next-goal" data-next-goal>
      <h2>{tr.t("home.nextGoal")}</h2>
      <p data-goal-level>
        {tr.t("goal.level", { xp: tr.t("unit.xp", { count: xpToNext }), level: level + 1 })}
      </p>
      {goal && (
        <p class="goal-avatar" data-goal-avatar={goal.kind}>
          {goal.kind !== "all-owned" && <AvatarImage id={goal.avatar.id} size={32} decorative />}
          {goal.kind === "all-owned" && <span>{tr.t("goal.allOwned")}</span>}
          {goal.kind === "buy" && (
            <Link href="/shop">
              {tr.t("goal.buyNow", { avatar: name, price: tr.count("unit.coins", goal.avatar.price) })}
            </Link>
          )}
          {goal.kind === "save" && (
            <span>{tr.t("goal.save", { avatar: name, coins: tr.count("unit.coins", goal.missing) })}</span>
          )}
          {goal.kind === "unlock" && (
            <span>{tr.t("goal.unlock", { avatar: name, level: goal.avatar.required_level })}</span>
          )}
        </p>
      )}
    </section>
  );
}
