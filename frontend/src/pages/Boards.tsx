import { useEffect, useState } from "preact/hooks";

import type { Board, BoardEntry, BoardPeriod, BoardScope, Profile } from "../api/types";
import { navigate, route } from "../state/router";
import { boardChoice, boardPath, loadBoard, ownRowBelow, weekLabel } from "../state/social";
import { useStore } from "../state/store";
import { useTranslator } from "../state/translator";
import { AvatarImage } from "../ui/Avatar";
import { Link } from "../ui/Link";
import { Loading, Problem } from "../ui/Problem";

const PERIODS: readonly BoardPeriod[] = ["week", "all"];
const SCOPES: readonly BoardScope[] = ["friends", "global"];

/** This week or all time, friends or everyone: the top 50, and the player's own place. */
export function Boards({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  const { query } = useStore(route);
  const { period, scope } = boardChoice(query);
  const [board, setBoard] = useState<Board | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const choose = (next: { period?: BoardPeriod; scope?: BoardScope }) =>
    navigate(boardPath({ period, scope, ...next }), { replace: true });

  const load = () => {
    setBoard(null);
    setFailure(null);
    loadBoard(period, scope).then(setBoard, setFailure);
  };
  useEffect(load, [period, scope]);

  return (
    <>
      <h1 class="title">{tr.t("boards.title")}</h1>
      <Choice label={tr.t("boards.period")} options={PERIODS.map((name) => [name, tr.t(`boards.period.${name}`)])}
        chosen={period} choose={(name) => choose({ period: name as BoardPeriod })} />
      <Choice label={tr.t("boards.scope")} options={SCOPES.map((name) => [name, tr.t(`boards.scope.${name}`)])}
        chosen={scope} choose={(name) => choose({ scope: name as BoardScope })} />
      <section class="panel" data-board={`${period}-${scope}`} aria-busy={board === null && !failure ? "true" : "false"}>
        {failure ? <Problem error={failure} retry={load} />
          : board === null ? <Loading />
            : <Ranking board={board} listed={scope === "friends" || profile.visibility === "public"} />}
      </section>
    </>
  );
}

/** One row of tabs: which board to show. */
function Choice({ label, options, chosen, choose }: {
  label: string; options: [string, string][]; chosen: string; choose: (name: string) => void;
}) {
  return (
    <div class="switch" role="tablist" aria-label={label}>
      {options.map(([name, text]) => (
        <button key={name} type="button" role="tab" aria-selected={chosen === name ? "true" : "false"}
          data-choice={name} onClick={() => choose(name)}>
          {text}
        </button>
      ))}
    </div>
  );
}

function Ranking({ board, listed }: { board: Board; listed: boolean }) {
  const tr = useTranslator();
  const below = ownRowBelow(board);
  return (
    <>
      {board.week_start ? (
        <p class="hint" data-week-start={board.week_start}>
          {tr.t("boards.weekOf", { date: weekLabel(board.week_start, tr.locale) })}{" · "}
          {tr.t("boards.capHint", { xp: tr.t("unit.xp", { count: board.daily_cap }) })}
        </p>
      ) : <p class="hint">{tr.t("boards.allHint")}</p>}
      <p class="hint">{tr.t(board.scope === "friends" ? "boards.friendsHint" : "boards.globalHint")}</p>
      {board.entries.length === 0 ? <p class="empty">{tr.t("boards.empty")}</p> : (
        <ol class="board">
          {board.entries.map((entry) => (
            <Row key={entry.player.id} entry={entry} mine={entry.player.id === board.me.player.id} />
          ))}
        </ol>
      )}
      {below ? (
        <div data-own-rank>
          {listed ? null : (
            <p class="hint">
              {tr.t("boards.notListed")}{" "}
              <Link href="/settings#visibility">{tr.t("boards.changeVisibility")}</Link>
            </p>
          )}
          <ol class="board board-me">
            <Row entry={board.me} mine />
          </ol>
        </div>
      ) : null}
    </>
  );
}

function Row({ entry, mine }: { entry: BoardEntry; mine: boolean }) {
  const tr = useTranslator();
  const score = tr.t("unit.xp", { count: entry.score });
  return (
    <li class={mine ? "board-row board-row-me" : "board-row"} data-rank={entry.rank} data-board-player={entry.player.id}
      aria-current={mine ? "true" : undefined}>
      <span class="board-rank" aria-label={tr.t("boards.rank", { rank: entry.rank })}>{tr.number(entry.rank)}</span>
      <AvatarImage id={entry.player.avatar_id} size={36} decorative />
      <span class="board-who">
        <span class="board-name">{mine ? tr.t("boards.you") : entry.player.display_name}</span>
        <span class="board-level">{tr.t("friends.level", { level: entry.level })}</span>
      </span>
      <span class="board-score" data-score={entry.score}>{score}</span>
    </li>
  );
}
