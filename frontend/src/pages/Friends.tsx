import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

import type { FriendCard, FriendLists, Invite, PlayerRef, Profile, Relation } from "../api/types";
import type { MessageKey } from "../i18n/types";
import {
  act, ask, type FriendAction, friendRows, loadFriends, loadInvite, renewInvite, search, shareLink,
} from "../state/social";
import { toast } from "../state/toasts";
import { useTranslator } from "../state/translator";
import { openTelegramLink } from "../telegram/controls";
import { inTelegram } from "../telegram/launch";
import { AvatarImage } from "../ui/Avatar";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { FriendStats } from "../ui/FriendStats";
import { useErrorText } from "../ui/errors";
import { Link } from "../ui/Link";
import { Loading, Problem } from "../ui/Problem";

/** What an action's toast says, by what the server answered. */
const DONE: Record<FriendAction | "ask", MessageKey> = {
  ask: "toast.friend.ask",
  accept: "toast.friend.accept",
  decline: "toast.friend.decline",
  cancel: "toast.friend.cancel",
  remove: "toast.friend.remove",
  block: "toast.friend.block",
  unblock: "toast.friend.unblock",
};

export function Friends({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  const describe = useErrorText();
  const [lists, setLists] = useState<FriendLists | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<{ action: "remove" | "block"; player: PlayerRef } | null>(null);

  const load = () => {
    setFailure(null);
    return loadFriends().then(setLists, setFailure);
  };
  useEffect(() => { void load(); }, []);

  const run = async (action: FriendAction, player: PlayerRef) => {
    try {
      const answer = await act(action, player.id);
      toast(tr.t(DONE[action], { name: answer.player.display_name }));
    } catch (error) {
      toast(describe(error), "error");
    }
    await load();
  };

  return (
    <>
      <h1 class="title">{tr.t("friends.title")}</h1>
      <div data-friends aria-busy={lists === null && !failure ? "true" : "false"}>
        {failure ? <Problem error={failure} retry={load} />
          : lists === null ? <Loading />
            : <Lists lists={lists} run={run} confirm={(action, player) => setConfirming({ action, player })} />}
      </div>
      <Find profile={profile} onChanged={load} />
      <InviteLink />
      {confirming ? (
        <Confirm action={confirming.action} player={confirming.player} onClose={() => setConfirming(null)}
          onConfirm={async () => { await run(confirming.action, confirming.player); setConfirming(null); }} />
      ) : null}
    </>
  );
}

function Lists({ lists, run, confirm }: {
  lists: FriendLists;
  run: (action: FriendAction, player: PlayerRef) => Promise<void>;
  confirm: (action: "remove" | "block", player: PlayerRef) => void;
}) {
  const tr = useTranslator();
  const rows = friendRows(lists);
  return (
    <>
      <Named list="incoming" heading="friends.incoming" players={lists.incoming} actions={(player) => [
        <Action key="accept" action="accept" player={player} run={run} primary />,
        <Action key="decline" action="decline" player={player} run={run} />,
        <Action key="block" action="block" player={player} run={() => confirm("block", player)} />,
      ]} />
      <section class="panel" data-list="friends">
        <h2>{tr.t("friends.mine")}</h2>
        {rows.length === 0 ? <p class="empty">{tr.t("friends.none")}</p> : (
          <ul class="friend-cards">
            {rows.map(({ player, card }) => (
              <FriendCardItem key={player.id} player={player} card={card}>
                <Action action="remove" player={player} run={() => confirm("remove", player)} />
                <Action action="block" player={player} run={() => confirm("block", player)} />
              </FriendCardItem>
            ))}
          </ul>
        )}
        <Link class="button button-link" href="/boards">{tr.t("friends.toBoards")}</Link>
      </section>
      <Named list="outgoing" heading="friends.outgoing" players={lists.outgoing}
        actions={(player) => [<Action key="cancel" action="cancel" player={player} run={run} />]} />
      <Named list="blocked" heading="friends.blocked" players={lists.blocked}
        actions={(player) => [<Action key="unblock" action="unblock" player={player} run={run} />]} />
    </>
  );
}

/** Players named only (requests, blocks), each with what can be done; nothing when none. */
function Named({ list, heading, players, actions }: {
  list: string; heading: MessageKey; players: PlayerRef[]; actions: (player: PlayerRef) => JSX.Element[];
}) {
  const tr = useTranslator();
  if (players.length === 0) return null;
  return (
    <section class="panel" data-list={list}>
      <h2>{tr.t(heading)}</h2>
      <ul class="entries">
        {players.map((player) => (
          <li key={player.id} class="entry player-row" data-player-id={player.id}>
            <div class="who">
              <AvatarImage id={player.avatar_id} size={40} decorative />
              <p class="entry-title who-name">{player.display_name}</p>
            </div>
            <div class="row-actions">{actions(player)}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A friend as the card shows them: a hidden friend by name only. */
function FriendCardItem({ player, card, children }: {
  player: PlayerRef; card: FriendCard | null; children: JSX.Element[];
}) {
  const tr = useTranslator();
  return (
    <li class="friend-card" data-friend={player.id} data-hidden={card ? "false" : "true"}>
      <AvatarImage id={player.avatar_id} size={56} className="friend-avatar" />
      <div class="friend-info">
        <h3 class="friend-name">{player.display_name}</h3>
        {card ? <FriendStats card={card} /> : <p class="hint">{tr.t("friends.hiddenFriend")}</p>}
      </div>
      <div class="row-actions">{children}</div>
    </li>
  );
}

function Action({ action, player, run, primary = false }: {
  action: FriendAction; player: PlayerRef; run: (action: FriendAction, player: PlayerRef) => Promise<void> | void;
  primary?: boolean;
}) {
  const tr = useTranslator();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await run(action, player);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant={primary ? "primary" : action === "block" ? "danger" : "plain"} busy={busy}
      aria-label={tr.t(`friends.label.${action}` as MessageKey, { name: player.display_name })} onClick={go}>
      {tr.t(`friends.${action}` as MessageKey)}
    </Button>
  );
}

function Confirm({ action, player, onClose, onConfirm }: {
  action: "remove" | "block"; player: PlayerRef; onClose: () => void; onConfirm: () => Promise<void>;
}) {
  const tr = useTranslator();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    await onConfirm();
  };
  return (
    <Dialog title={tr.t(`friends.confirm.${action}`, { name: player.display_name })} onClose={onClose}>
      <p>{tr.t(`friends.confirm.${action}Body`, { name: player.display_name })}</p>
      <div class="actions">
        <Button variant="danger" busy={busy} onClick={go}>{tr.t(`friends.${action}`)}</Button>
        <Button onClick={onClose} disabled={busy}>{tr.t("app.cancel")}</Button>
      </div>
    </Dialog>
  );
}

/** Find one player by their exact username, and ask them. */
function Find({ profile, onChanged }: { profile: Profile; onChanged: () => Promise<unknown> }) {
  const tr = useTranslator();
  const describe = useErrorText();
  const [username, setUsername] = useState("");
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<Relation | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const find = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!username.trim()) return;
    setBusy(true);
    setProblem(null);
    setFound(null);
    try {
      setFound(await search(username.trim()));
    } catch (error) {
      setProblem(describe(error));
    } finally {
      setBusy(false);
    }
  };
  const change = async (action: FriendAction | "ask") => {
    if (!found) return;
    try {
      const answer = action === "ask" ? await ask(found.player.id) : await act(action, found.player.id);
      setFound(answer);
      const said = action === "ask" && answer.friendship === "friends" ? "accept" : action;
      toast(tr.t(DONE[said], { name: answer.player.display_name }));
      await onChanged();
    } catch (error) {
      setProblem(describe(error));
    }
  };

  return (
    <form class="panel form" data-find onSubmit={find} noValidate>
      <h2>{tr.t("friends.find")}</h2>
      <label>
        <span>{tr.t("friends.username")}</span>
        <input name="username" value={username} maxLength={64} autocomplete="off" autocapitalize="none"
          spellcheck={false} onInput={(e) => setUsername(e.currentTarget.value)} />
        <small>{tr.t("friends.findHint")}</small>
      </label>
      <Button type="submit" busy={busy} busyText={tr.t("friends.searching")}>{tr.t("friends.search")}</Button>
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      {found ? (
        <div class="found entry" data-found={found.player.id} data-friendship={found.friendship}>
          <div class="who">
            <AvatarImage id={found.player.avatar_id} size={40} decorative />
            <p class="entry-title who-name">{found.player.display_name}</p>
          </div>
          <FoundAction relation={found} self={found.player.id === profile.public_id} change={change} />
        </div>
      ) : null}
    </form>
  );
}

function FoundAction({ relation, self, change }: {
  relation: Relation; self: boolean; change: (action: FriendAction | "ask") => Promise<void>;
}) {
  const tr = useTranslator();
  const name = relation.player.display_name;
  const [busy, setBusy] = useState(false);
  const go = (action: FriendAction | "ask") => async () => {
    setBusy(true);
    try {
      await change(action);
    } finally {
      setBusy(false);
    }
  };
  if (self) return <p class="hint">{tr.t("friends.state.self")}</p>;
  switch (relation.friendship) {
    case "none":
      return (
        <Button variant="primary" busy={busy} aria-label={tr.t("friends.label.add", { name })} onClick={go("ask")}>
          {tr.t("friends.add")}
        </Button>
      );
    case "incoming":
      return (
        <Button variant="primary" busy={busy} aria-label={tr.t("friends.label.accept", { name })} onClick={go("accept")}>
          {tr.t("friends.accept")}
        </Button>
      );
    case "blocked":
      return (
        <Button busy={busy} aria-label={tr.t("friends.label.unblock", { name })} onClick={go("unblock")}>
          {tr.t("friends.unblock")}
        </Button>
      );
    default:
      return <p class="hint">{tr.t(`friends.state.${relation.friendship}`)}</p>;
  }
}

/** The player's own invite link: copy it, share it, or retire it for a new one. */
function InviteLink() {
  const tr = useTranslator();
  const describe = useErrorText();
  const [invite, setInvite] = useState<Invite | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [renewing, setRenewing] = useState(false);
  const load = () => {
    setFailure(null);
    loadInvite().then(setInvite, setFailure);
  };
  useEffect(load, []);
  const link = invite ? shareLink(invite, location.origin) : "";

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      toast(tr.t("toast.inviteCopied"));
    } catch {
      toast(tr.t("invite.copyFailed"), "error");
    }
  };
  const share = async () => {
    const text = tr.t("invite.shareText");
    if (inTelegram()) {
      openTelegramLink(`https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(text)}`);
      return;
    }
    try {
      await navigator.share({ url: link, text });
    } catch {
      // Dismissed by the player, or refused: the link is on screen to copy.
    }
  };
  const renew = async () => {
    setRenewing(true);
    try {
      setInvite(await renewInvite());
      toast(tr.t("toast.inviteRenewed"));
    } catch (error) {
      toast(describe(error), "error");
    } finally {
      setRenewing(false);
    }
  };
  const canShare = inTelegram() || typeof navigator.share === "function";

  return (
    <section class="panel" data-invite aria-busy={invite === null && !failure ? "true" : "false"}>
      <h2>{tr.t("invite.mine")}</h2>
      {failure ? <Problem error={failure} retry={load} /> : invite === null ? <Loading /> : (
        <>
          <p class="hint">{tr.t("invite.hint")}</p>
          <input class="invite-link" readOnly value={link} aria-label={tr.t("invite.linkLabel")} data-invite-link
            onFocus={(e) => e.currentTarget.select()} />
          <div class="actions">
            <Button variant="primary" onClick={copy}>{tr.t("invite.copy")}</Button>
            {canShare ? <Button onClick={share}>{tr.t("invite.share")}</Button> : null}
            <Button busy={renewing} onClick={renew}>{tr.t("invite.renew")}</Button>
          </div>
          <p class="hint">{tr.t("invite.renewHint")}</p>
        </>
      )}
    </section>
  );
}
