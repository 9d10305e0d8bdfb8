import { useEffect, useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { Avatar, EarnedAchievement, Profile, StreakFreezes } from "../api/types";
import { setProfile } from "../state/app";
import { toast } from "../state/toasts";
import { useTranslator } from "../state/translator";
import { useMainButton } from "../telegram/controls";
import { AvatarImage } from "../ui/Avatar";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { FreezeShelf } from "../ui/FreezeShelf";
import { EarnedList } from "../ui/EarnedList";
import { avatarName, errorText } from "../ui/errors";
import { Loading, Problem } from "../ui/Problem";
import { usePurchase } from "../ui/usePurchase";

type Standing = "equipped" | "owned" | "for-sale" | "too-expensive" | "locked";

/** How an avatar stands for this player, straight from the API's flags. */
export function standingOf(avatar: Avatar): Standing {
  if (avatar.equipped) return "equipped";
  if (avatar.owned) return "owned";
  if (!avatar.unlocked) return "locked";
  return avatar.affordable ? "for-sale" : "too-expensive";
}

export function Shop({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  const [avatars, setAvatars] = useState<Avatar[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [buying, setBuying] = useState<Avatar | null>(null);
  const [freezes, setFreezes] = useState<StreakFreezes | null>(null);

  const load = () => {
    setFailure(null);
    return call(api.GET("/api/avatars")).then(setAvatars, setFailure);
  };
  const loadFreezes = () => call(api.GET("/api/streak-freezes")).then(setFreezes, () => setFreezes(null));
  useEffect(() => { void load(); void loadFreezes(); }, [tr.locale]);

  const equip = async (avatar: Avatar) => {
    try {
      setProfile(await call(api.PUT("/api/users/me/avatar", { body: { avatar_id: avatar.id } })));
      await load();
      toast(tr.t("toast.equipped", { avatar: avatarName(tr, avatar.id, avatar.name) }));
    } catch (error) {
      toast(errorText(error, tr), "error");
    }
  };

  return (
    <>
      <h1 class="title">{tr.t("shop.title")}</h1>
      <p class="balance" data-balance>
        {tr.t("shop.balance", { level: profile.level, coins: tr.count("unit.coins", profile.coins) })}
      </p>
      {freezes ? <FreezeShelf freezes={freezes} profile={profile} onChanged={loadFreezes} /> : null}
      <h2 class="shelf-title">{tr.t("shop.avatars")}</h2>
      <div data-avatars aria-busy={avatars === null ? "true" : "false"}>
        {failure ? <Problem error={failure} retry={load} />
          : avatars === null ? <Loading text={tr.t("shop.loading")} />
            : (
              <ul class="avatar-grid">
                {avatars.map((avatar) => (
                  <AvatarCard key={avatar.id} avatar={avatar} profile={profile} onBuy={setBuying} onEquip={equip} />
                ))}
              </ul>
            )}
      </div>
      {buying ? (
        <BuyDialog
          avatar={buying}
          profile={profile}
          onClose={() => setBuying(null)}
          onChanged={load}
          onEquip={async () => { await equip(buying); setBuying(null); }}
        />
      ) : null}
    </>
  );
}

function AvatarCard({ avatar, profile, onBuy, onEquip }: {
  avatar: Avatar; profile: Profile; onBuy: (a: Avatar) => void; onEquip: (a: Avatar) => void;
}) {
  const tr = useTranslator();
  const standing = standingOf(avatar);
  const name = avatarName(tr, avatar.id, avatar.name);
  return (
    <li class={`avatar-card standing-${standing}`} data-avatar={avatar.id} data-standing={standing}>
      <AvatarImage id={avatar.id} size={80} decorative />
      <h2 class="avatar-name">{name}</h2>
      <p class="price">{avatar.price === 0 ? tr.t("shop.free") : tr.count("unit.coins", avatar.price)}</p>
      {standing === "equipped" ? <p class="badge">{tr.t("shop.equipped")}</p> : null}
      {standing === "owned" ? (
        <CardAction label={tr.t("shop.equipLabel", { avatar: name })} text={tr.t("shop.equip")} variant="plain"
          run={() => onEquip(avatar)} />
      ) : null}
      {standing === "locked" ? <p class="badge">{tr.t("shop.locked", { level: avatar.required_level })}</p> : null}
      {standing === "too-expensive" ? (
        <p class="badge">{tr.t("shop.short", { coins: tr.count("unit.coins", Math.max(0, avatar.price - profile.coins)) })}</p>
      ) : null}
      {standing === "for-sale" ? (
        <CardAction label={tr.t("shop.buyLabel", { avatar: name })} text={tr.t("shop.buy")} variant="primary"
          run={() => onBuy(avatar)} />
      ) : null}
    </li>
  );
}

/** A card's button: a short word on screen, the avatar's name for screen readers. */
function CardAction({ label, text, variant, run }: {
  label: string; text: string; variant: "plain" | "primary"; run: () => void;
}) {
  return <button type="button" class={`button button-${variant}`} aria-label={label} onClick={run}>{text}</button>;
}

/** Confirm, buy once (one key per intent, reused on retry), then the new balance. */
function BuyDialog({ avatar, profile, onClose, onChanged, onEquip }: {
  avatar: Avatar; profile: Profile; onClose: () => void; onChanged: () => Promise<unknown>; onEquip: () => void;
}) {
  const tr = useTranslator();
  const [balance, setBalance] = useState<number | null>(null);
  const [earned, setEarned] = useState<EarnedAchievement[]>([]);
  const name = avatarName(tr, avatar.id, avatar.name);
  const price = tr.count("unit.coins", avatar.price);

  // The second click of a double click (on the card's Buy, or here) buys nothing.
  const { buy, busy, problem, refused } = usePurchase(
    (key) => call(api.POST("/api/avatars/{avatar_id}/purchase", {
      params: { path: { avatar_id: avatar.id }, header: { "Idempotency-Key": key } },
    })),
    (bought) => {
      setBalance(bought.coins);
      setEarned(bought.achievements ?? []);
      setProfile({ ...profile, coins: bought.coins });
    },
    onChanged,
  );

  const done = balance !== null;
  useMainButton(done || refused ? null : { text: tr.t("shop.confirmBuy", { price: avatar.price }), run: () => void buy(), busy });

  return (
    <Dialog title={done ? tr.t("shop.bought", { avatar: name }) : tr.t("shop.confirmTitle", { avatar: name })}
      onClose={onClose}>
      <AvatarImage id={avatar.id} size={96} className="dialog-avatar" decorative />
      {done ? (
        <>
          <p data-new-balance>{tr.t("shop.newBalance", { coins: tr.count("unit.coins", balance) })}</p>
          <EarnedList earned={earned} />
        </>
      ) : (
        <p>{tr.t("shop.confirmBody", { price, coins: tr.count("unit.coins", profile.coins) })}</p>
      )}
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      <div class="actions">
        {done ? <Button variant="primary" onClick={onEquip}>{tr.t("shop.equipNow")}</Button> : null}
        {!done && !refused ? (
          <Button variant="primary" busy={busy} busyText={tr.t("shop.buying")} onClick={buy}>
            {tr.t("shop.confirmBuy", { price: avatar.price })}
          </Button>
        ) : null}
        <Button onClick={onClose} disabled={busy}>{tr.t(done || refused ? "app.close" : "app.cancel")}</Button>
      </div>
    </Dialog>
  );
}
