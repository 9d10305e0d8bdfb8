import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { LedgerEntry, Page, Workout } from "../api/types";
import type { Translator } from "../i18n/translate";
import { loadCatalogue } from "../state/catalogue";
import { useTranslator } from "../state/translator";
import { avatarName } from "../ui/errors";
import { Button } from "../ui/Button";
import { Loading, Problem } from "../ui/Problem";
import { WorkoutItem } from "../ui/WorkoutItem";

const PAGE_SIZE = 10;
type Tab = "workouts" | "coins";

export function History() {
  const tr = useTranslator();
  const [tab, setTab] = useState<Tab>(location.hash === "#coins" ? "coins" : "workouts");
  const show = (next: Tab) => {
    setTab(next);
    history.replaceState(null, "", next === "coins" ? "#coins" : location.pathname);
  };
  return (
    <>
      <h1 class="title">{tr.t("history.title")}</h1>
      <div class="switch" role="tablist" aria-label={tr.t("history.tabs")}>
        {(["workouts", "coins"] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name ? "true" : "false"}
            onClick={() => show(name)}>
            {tr.t(`history.tab.${name}`)}
          </button>
        ))}
      </div>
      {tab === "workouts" ? (
        <Paged<Workout>
          key={`w-${tr.locale}`}
          name="workouts"
          empty={tr.t("history.noWorkouts")}
          fetchPage={async (cursor) => {
            await loadCatalogue();
            return call(api.GET("/api/workouts", { params: { query: { limit: PAGE_SIZE, cursor } } }));
          }}
          render={(w) => <WorkoutItem key={w.id} workout={w} />}
        />
      ) : (
        <Paged<LedgerEntry>
          key={`c-${tr.locale}`}
          name="coins"
          empty={tr.t("history.noCoins")}
          fetchPage={(cursor) => call(api.GET("/api/users/me/coins", { params: { query: { limit: PAGE_SIZE, cursor } } }))}
          render={(entry) => <LedgerItem key={entry.id} entry={entry} />}
        />
      )}
    </>
  );
}

/** A list read page by page with the API's next_cursor. */
function Paged<T>({ name, empty, fetchPage, render }: {
  name: string;
  empty: string;
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>;
  render: (item: T) => ComponentChildren;
}) {
  const tr = useTranslator();
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const more = async (cursor?: string) => {
    setBusy(true);
    setFailure(null);
    try {
      const page = await fetchPage(cursor);
      setItems((shown) => [...(cursor ? shown ?? [] : []), ...page.items]);
      setNext(page.next_cursor ?? null);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => { void more(); }, []);

  return (
    <section class="panel" data-list={name} aria-busy={busy ? "true" : "false"}>
      {items === null && !failure ? <Loading /> : null}
      {items !== null && items.length === 0 ? <p class="empty">{empty}</p> : null}
      {items !== null && items.length > 0 ? <ul class="entries">{items.map(render)}</ul> : null}
      {failure ? <Problem error={failure} retry={() => more(next ?? undefined)} /> : null}
      {next && !failure ? (
        <Button busy={busy} busyText={tr.t("app.loading")} onClick={() => more(next)}>{tr.t("history.more")}</Button>
      ) : null}
    </section>
  );
}

function ledgerTitle(entry: LedgerEntry, tr: Translator): string {
  switch (entry.reason) {
    case "workout":
      return tr.t("ledger.workout");
    case "purchase":
      return tr.t("ledger.purchase", { avatar: avatarName(tr, (entry.reference ?? "").replace(/^avatar:/, "")) });
    case "achievement":
      return tr.t("ledger.achievement");
    case "streak_freeze":
      return tr.t("ledger.streak_freeze");
    case "weekly_goal":
      return tr.t("ledger.weekly_goal");
    case "support_grant":
      return entry.reference ? tr.t("ledger.support_grant", { note: entry.reference }) : tr.t("ledger.gift");
    case "import":
      return tr.t("ledger.import");
    default:
      return tr.t("ledger.other");
  }
}

function LedgerItem({ entry }: { entry: LedgerEntry }) {
  const tr = useTranslator();
  const sign = entry.amount < 0 ? "−" : "+";
  return (
    <li class="entry" data-entry={entry.id} data-reason={entry.reason}>
      <div class="entry-main">
        <p class="entry-title">{ledgerTitle(entry, tr)}</p>
        <p class="entry-meta">{tr.dateTime(entry.created_at)}</p>
      </div>
      <div class="entry-side">
        <p class={entry.amount < 0 ? "spent" : "gain-coins"} data-amount={entry.amount}>
          {sign}{tr.number(Math.abs(entry.amount))}
        </p>
        <p class="entry-meta">{tr.t("history.balance", { coins: entry.balance_after })}</p>
      </div>
    </li>
  );
}
