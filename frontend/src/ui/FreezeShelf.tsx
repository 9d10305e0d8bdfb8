import { useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { Profile, StreakFreezes } from "../api/types";
import { setProfile } from "../state/app";
import { freezeStanding } from "../state/freezes";
import { useTranslator } from "../state/translator";
import { useMainButton } from "../telegram/controls";
import { Button } from "./Button";
import { Dialog } from "./Dialog";
import { FreezeIcon } from "./FreezeIcon";
import { usePurchase } from "./usePurchase";

/** The shop's shelf of streak freezes: what one does, how many are held, and Buy. */
export function FreezeShelf({ freezes, profile, onChanged }: {
  freezes: StreakFreezes; profile: Profile; onChanged: () => Promise<unknown>;
}) {
  const tr = useTranslator();
  const [buying, setBuying] = useState(false);
  const held = profile.streak_freezes;
  const standing = freezeStanding(held, freezes.max_held, freezes.price, profile.coins);
  return (
    <section class="panel freeze-card" id="freeze" data-freeze-shelf data-standing={standing} data-held={held}
      aria-labelledby="freeze-title">
      <FreezeIcon size={64} />
      <div>
        <h2 id="freeze-title">{tr.t("shop.freeze.title")}</h2>
        <p class="hint">{tr.t("shop.freeze.about")}</p>
        <p class="price">{tr.count("unit.coins", freezes.price)}</p>
        <p data-freeze-held>{tr.t("shop.freeze.held", { held, max: freezes.max_held })}</p>
      </div>
      <div class="actions">
        {standing === "for-sale" ? (
          <Button variant="primary" onClick={() => setBuying(true)}>{tr.t("shop.freeze.buy")}</Button>
        ) : (
          <>
            <Button variant="primary" disabled aria-describedby="freeze-why">{tr.t("shop.freeze.buy")}</Button>
            <p class="badge" id="freeze-why" data-freeze-why>
              {standing === "full"
                ? tr.t("shop.freeze.full", { max: freezes.max_held })
                : tr.t("shop.short", { coins: tr.count("unit.coins", freezes.price - profile.coins) })}
            </p>
          </>
        )}
      </div>
      {buying ? (
        <FreezeDialog price={freezes.price} profile={profile} maxHeld={freezes.max_held}
          onClose={() => setBuying(false)} onChanged={onChanged} />
      ) : null}
    </section>
  );
}

/** Confirm, then buy one freeze exactly once: one key for this intent, reused on a retry. */
function FreezeDialog({ price, maxHeld, profile, onClose, onChanged }: {
  price: number; maxHeld: number; profile: Profile; onClose: () => void; onChanged: () => Promise<unknown>;
}) {
  const tr = useTranslator();
  const [bought, setBought] = useState<{ held: number; coins: number } | null>(null);
  const { buy, busy, problem, refused } = usePurchase(
    (key) => call(api.POST("/api/streak-freezes/purchase", { params: { header: { "Idempotency-Key": key } } })),
    (answer) => {
      setBought(answer);
      setProfile({ ...profile, coins: answer.coins, streak_freezes: answer.held });
    },
    onChanged,
  );

  const done = bought !== null;
  useMainButton(done || refused ? null : { text: tr.t("shop.confirmBuy", { price }), run: () => void buy(), busy });

  return (
    <Dialog title={done ? tr.t("shop.freeze.bought") : tr.t("shop.freeze.confirmTitle")} onClose={onClose}>
      <p class="dialog-icon"><FreezeIcon size={64} /></p>
      {done ? (
        <>
          <p data-freeze-held-now>{tr.t("shop.freeze.held", { held: bought.held, max: maxHeld })}</p>
          <p data-new-balance>{tr.t("shop.newBalance", { coins: tr.count("unit.coins", bought.coins) })}</p>
        </>
      ) : (
        <p>{tr.t("shop.confirmBody", { price: tr.count("unit.coins", price), coins: tr.count("unit.coins", profile.coins) })}</p>
      )}
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      <div class="actions">
        {!done && !refused ? (
          <Button variant="primary" busy={busy} busyText={tr.t("shop.buying")} onClick={buy}>
            {tr.t("shop.confirmBuy", { price })}
          </Button>
        ) : null}
        <Button onClick={onClose} disabled={busy}>{tr.t(done || refused ? "app.close" : "app.cancel")}</Button>
      </div>
    </Dialog>
  );
}
