import { useEffect, useRef, useState } from "preact/hooks";

import type { FriendCard, Relation } from "../api/types";
import { useStore } from "../state/store";
import { route } from "../state/router";
import { acceptInvite, cardOf } from "../state/social";
import { useTranslator } from "../state/translator";
import { haptic } from "../telegram/controls";
import { AvatarImage } from "../ui/Avatar";
import { FriendStats } from "../ui/FriendStats";
import { Link } from "../ui/Link";
import { Loading, Problem } from "../ui/Problem";

/**
 * An invite link's landing (`/invite?code=`, or a Telegram launch with
 * `startapp=friend-<code>`, sent here once signed in): opening it was the answer
 * to the owner's invitation, so it is accepted at once, then the new friend shown.
 */
export function Invite() {
  const tr = useTranslator();
  const { query } = useStore(route);
  const code = query.get("code") ?? "";
  const [friend, setFriend] = useState<Relation | null>(null);
  const [card, setCard] = useState<FriendCard | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const accepting = useRef<string | null>(null);

  const accept = () => {
    if (!code) return;
    accepting.current = code;
    setFailure(null);
    acceptInvite(code).then(
      (relation) => {
        setFriend(relation);
        haptic("success");
        // A hidden friend has no card for anyone: their name and avatar are enough.
        cardOf(relation.player.id).then(setCard, () => setCard(null));
      },
      (error) => { setFailure(error); haptic("error"); },
    );
  };
  useEffect(() => {
    if (accepting.current !== code) accept();
  }, [code]);

  return (
    <>
      <h1 class="title">{tr.t("invite.title")}</h1>
      <section class="panel invite-landing" data-invite-landing
        aria-busy={code && friend === null && !failure ? "true" : "false"}>
        {!code ? <p class="form-error" role="alert">{tr.t("invite.noCode")}</p>
          : failure ? <Problem error={failure} retry={accept} />
            : friend === null ? <Loading text={tr.t("invite.accepting")} />
              : (
                <div class="new-friend" data-new-friend={friend.player.id}>
                  <AvatarImage id={friend.player.avatar_id} size={96} className="dialog-avatar" />
                  <p class="entry-title">{tr.t("invite.welcome", { name: friend.player.display_name })}</p>
                  {card ? <FriendStats card={card} /> : null}
                  <div class="actions">
                    <Link class="button button-primary" href="/boards?scope=friends">{tr.t("invite.toBoard")}</Link>
                    <Link class="button button-plain" href="/friends">{tr.t("invite.toFriends")}</Link>
                  </div>
                </div>
              )}
      </section>
    </>
  );
}
