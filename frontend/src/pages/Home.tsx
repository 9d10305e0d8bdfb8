import { useEffect, useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { Profile, Workout } from "../api/types";
import { loadCatalogue } from "../state/catalogue";
import { refreshUnread, unread } from "../state/notices";
import { drafts } from "../state/session";
import { useStore } from "../state/store";
import { useTranslator } from "../state/translator";
import { AvatarImage } from "../ui/Avatar";
import { Link } from "../ui/Link";
import { NextGoal } from "../ui/NextGoal";
import { Loading, Problem } from "../ui/Problem";
import { WorkoutItem } from "../ui/WorkoutItem";
import { XpBar } from "../ui/XpBar";

const RECENT_WORKOUTS = 5;

export function Home({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  const draft = drafts.load(profile.id);
  return (
    <>
      <section class="panel player" data-player>
        <AvatarImage id={profile.avatar_id} size={96} className="player-avatar" />
        <div class="player-info">
          <h1 class="player-name">{profile.display_name ?? profile.username}</h1>
          <p class="player-handle">@{profile.username}</p>
          <p class="player-level" data-level={profile.level}>{tr.t("home.level", { level: profile.level })}</p>
          <XpBar from={profile.level_xp} to={profile.next_level_xp} now={profile.total_xp} level={profile.level} />
          <p class="xp-text">
            <span data-xp>{tr.t("unit.xp", { count: profile.total_xp })}</span>
          </p>
        </div>
        <NoticesLink />
      </section>
      <dl class="stats">
        <Stat name="coins" label={tr.t("home.stat.coins")} value={tr.number(profile.coins)} />
        <Stat name="current_streak" label={tr.t("home.stat.streak")} value={tr.count("unit.days", profile.current_streak)} />
        <Stat name="max_streak" label={tr.t("home.stat.best")} value={tr.count("unit.days", profile.max_streak)} />
      </dl>
      <Link class="button button-primary wide" href="/workout">
        {draft && draft.sets.length > 0
          ? `${tr.t("home.resume")} (${tr.count("unit.sets", draft.sets.length)})`
          : tr.t("home.start")}
      </Link>
      <Link class="button button-plain wide" href="/progress" data-progress-link>{tr.t("home.progress")}</Link>
      <NextGoal level={profile.level} xpToNext={profile.xp_to_next_level} coins={profile.coins} />
      <RecentWorkouts version={profile.total_xp} />
    </>
  );
}

/** The envelope: how many notices are unread, and the way to read them. */
function NoticesLink() {
  const tr = useTranslator();
  const { count } = useStore(unread);
  useEffect(() => { void refreshUnread(); }, []);
  const fresh = count ?? 0;
  return (
    <Link class="icon-button notices-link" href="/notifications" data-notices-link>
      <span aria-hidden="true">✉</span>
      <span class="visually-hidden">
        {fresh > 0 ? tr.count("home.unread", fresh) : tr.t("home.notifications")}
      </span>
      {fresh > 0 ? <span class="unread-badge" aria-hidden="true" data-unread-count={fresh}>{tr.number(fresh)}</span> : null}
    </Link>
  );
}

function Stat({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd data-stat={name}>{value}</dd>
    </div>
  );
}

function RecentWorkouts({ version }: { version: number }) {
  const tr = useTranslator();
  const [items, setItems] = useState<Workout[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    Promise.all([call(api.GET("/api/workouts", { params: { query: { limit: RECENT_WORKOUTS } } })), loadCatalogue()])
      .then(([page]) => setItems(page.items), setError);
  };
  useEffect(load, [version, tr.locale]);
  return (
    <section class="panel" data-recent aria-busy={items === null ? "true" : "false"}>
      <h2>{tr.t("home.recent")}</h2>
      {error ? <Problem error={error} retry={load} />
        : items === null ? <Loading />
          : items.length === 0 ? <p class="empty">{tr.t("home.noWorkouts")}</p>
            : <ul class="entries">{items.map((w) => <WorkoutItem key={w.id} workout={w} />)}</ul>}
    </section>
  );
}
