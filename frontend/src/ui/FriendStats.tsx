import type { FriendCard } from "../api/types";
import { useTranslator } from "../state/translator";

/** What a friend's card says about them: level, streak, this week's score. */
export function FriendStats({ card }: { card: FriendCard }) {
  const tr = useTranslator();
  return (
    <ul class="friend-stats">
      <li data-stat="level">{tr.t("friends.level", { level: card.level })}</li>
      <li data-stat="streak">{tr.t("friends.streak", { days: tr.count("unit.days", card.current_streak) })}</li>
      <li data-stat="week">{tr.t("friends.week", { xp: tr.t("unit.xp", { count: card.week_score }) })}</li>
    </ul>
  );
}
