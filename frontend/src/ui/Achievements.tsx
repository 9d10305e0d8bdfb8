import type { Achievement, EarnedAchievement } from "../api/types";
import { byKind, nextUp } from "../state/achievements";
import { useTranslator } from "../state/translator";
import { ProgressBar } from "./ProgressBar";

/** An achievement's pixel-art badge (the server's image; its name is said beside it). */
export function Badge({ a, size }: { a: EarnedAchievement; size: number }) {
  return <img class="pixelated badge-image" src={a.badge_url} width={size} height={size} alt="" />;
}

/** One achievement: its badge, what it asks, how far along, or when it was earned. */
export function AchievementCard({ a }: { a: Achievement }) {
  const tr = useTranslator();
  const earned = Boolean(a.earned_at);
  return (
    <li class={earned ? "achievement earned" : "achievement"} data-achievement={a.slug}
      data-earned={earned ? "true" : "false"}>
      <Badge a={a} size={64} />
      <h4 class="achievement-name" data-from-server>{a.name}</h4>
      <p class="achievement-description" data-from-server>{a.description}</p>
      {earned ? (
        <p class="achievement-meta" data-earned-at>{tr.t("achievements.earnedOn", { date: tr.date(a.earned_at!) })}</p>
      ) : (
        <>
          <ProgressBar current={a.current} target={a.target}
            label={tr.t("achievements.progressLabel", { name: a.name, current: a.current, target: a.target })} />
          <p class="achievement-meta" data-progress={`${a.current}/${a.target}`}>
            {tr.t("achievements.progress", { current: Math.min(a.current, a.target), target: a.target })}
            {" · "}
            {tr.count("unit.coinsGained", a.reward_coins)}
          </p>
        </>
      )}
    </li>
  );
}

/** Every achievement by kind, with the few closest to done first: what to aim for next. */
export function AchievementBoard({ list }: { list: Achievement[] }) {
  const tr = useTranslator();
  const earned = list.filter((a) => a.earned_at).length;
  const next = nextUp(list);
  return (
    <>
      <p class="lead" data-achievements-count>
        {tr.t("achievements.count", { earned, total: list.length })}
      </p>
      {next.length > 0 ? (
        <>
          <h3 class="kind-title">{tr.t("achievements.nextUp")}</h3>
          <ul class="achievement-grid" data-next-up>
            {next.map((a) => <AchievementCard key={a.slug} a={a} />)}
          </ul>
        </>
      ) : null}
      {byKind(list).map(([kind, items]) => {
        const done = items.filter((a) => a.earned_at);
        return (
          <details key={kind} class="kind" data-kind={kind}>
            <summary>
              <span class="kind-title">{tr.t(`achievements.kind.${kind}`)}</span>
              <span class="kind-count">{tr.t("achievements.kindCount", { earned: done.length, total: items.length })}</span>
              <span class="kind-badges" aria-hidden="true">
                {done.slice(0, 6).map((a) => <Badge key={a.slug} a={a} size={24} />)}
              </span>
            </summary>
            <ul class="achievement-grid">
              {items.map((a) => <AchievementCard key={a.slug} a={a} />)}
            </ul>
          </details>
        );
      })}
    </>
  );
}
