import type { EarnedAchievement } from "../api/types";
import { useTranslator } from "../state/translator";
import { Badge } from "./Achievements";
import { Link } from "./Link";

/** Achievements a request has just earned: badge, name, coins; the way to see them all. */
export function EarnedList({ earned }: { earned: EarnedAchievement[] }) {
  const tr = useTranslator();
  if (earned.length === 0) return null;
  return (
    <section class="earned" data-earned-achievements role="status" aria-labelledby="earned-title">
      <h2 id="earned-title">{tr.count("reward.achievementsTitle", earned.length)}</h2>
      <ul class="reward-achievements">
        {earned.map((a) => (
          <li key={a.slug} data-achievement={a.slug}>
            <Badge a={a} size={48} />
            <span class="achievement-name" data-from-server>{a.name}</span>
            <b class="gain-coins">{tr.count("unit.coinsGained", a.reward_coins)}</b>
          </li>
        ))}
      </ul>
      <Link href="/progress" data-see-achievements>{tr.t("reward.seeAchievements")}</Link>
    </section>
  );
}
