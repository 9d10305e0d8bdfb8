import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { Profile } from "../api/types";
import { useTranslator } from "../state/translator";
import { AchievementBoard } from "../ui/Achievements";
import { Loading, Problem } from "../ui/Problem";

/** Everything a player works towards, drawn from the server's numbers: look, don't read. */
export function Progress({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  return (
    <>
      <h1 class="title">{tr.t("progress.title")}</h1>
      <StreakPanel profile={profile} />
      <AchievementsPanel version={profile.total_xp} />
    </>
  );
}

function StreakPanel({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  return (
    <section class="panel" data-streak aria-labelledby="streak-title">
      <h2 id="streak-title">{tr.t("progress.streakTitle")}</h2>
      <p class="streak-line">
        <span class="streak-days" data-streak-now>{tr.t("progress.streakNow", { days: tr.count("unit.days", profile.current_streak) })}</span>
        <span data-streak-best>{tr.t("progress.streakBest", { days: tr.count("unit.days", profile.max_streak) })}</span>
      </p>
    </section>
  );
}

function AchievementsPanel({ version }: { version: number }) {
  const tr = useTranslator();
  const loaded = useLoad(() => call(api.GET("/api/achievements")), [version, tr.locale]);
  return (
    <Section name="achievements" title={tr.t("progress.achievementsTitle")} loaded={loaded}>
      {(list) => <AchievementBoard list={list} />}
    </Section>
  );
}

interface Loaded<T> {
  data: T | null;
  error: unknown;
  retry: () => void;
}

/** One request's answer for a panel, asked again when `deps` change or on retry. */
function useLoad<T>(fetch: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setError(null);
    fetch().then((answer) => { if (current) setData(answer); }, (failure) => { if (current) setError(failure); });
    return () => { current = false; };
  }, [...deps, attempt]);
  return { data, error, retry: () => setAttempt((n) => n + 1) };
}

/** A panel that loads on its own: one failing request never blanks the others. */
function Section<T>({ name, title, loaded, children }: {
  name: string; title: string; loaded: Loaded<T>; children: (data: T) => ComponentChildren;
}) {
  const { data, error, retry } = loaded;
  return (
    <section class="panel" data-section={name} aria-labelledby={`${name}-title`}
      aria-busy={data === null && !error ? "true" : "false"}>
      <h2 id={`${name}-title`}>{title}</h2>
      {error ? <Problem error={error} retry={retry} /> : data === null ? <Loading /> : children(data)}
    </section>
  );
}
