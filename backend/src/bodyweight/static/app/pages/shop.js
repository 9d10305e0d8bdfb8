// The avatar shop: every avatar with its standing for this player; buying asks
// first and can never charge twice; equipping is one click.

import { api } from "../api.js";
import { formatNumber, plural } from "../format.js";
import { newIdempotencyKey } from "../intent.js";
import { notify } from "../notices.js";
import { showHud, startPlayerPage } from "../shell.js";
import { $, avatarImage, formError, h, show, untilLoaded, whileBusy } from "../ui.js";

// A double click on Buy must not land its second click on the dialog's confirm
// button: that stays disabled for a moment after the dialog opens.
const CONFIRM_ARMS_AFTER_MS = 400;

const BADGES = {
  equipped: "Equipped",
  owned: "Owned",
  locked: "Locked",
  "too-expensive": "Too expensive",
  "for-sale": "For sale",
};

const grid = $("[data-avatars]");
const dialog = $("[data-buy-dialog]");
let player = await startPlayerPage();
let avatars = [];
await refresh();

/** Reload the profile and the catalogue, and show them. */
async function refresh() {
  [player, avatars] = await untilLoaded(grid, () => Promise.all([
    api("GET", "/api/users/me"), api("GET", "/api/avatars"),
  ]));
  showHud(player);
  $("[data-balance]").textContent =
    `Level ${player.level} · ${plural(player.coins, "coin")} to spend`;
  show(grid, avatars.map(avatarCard));
}

/** Where an avatar stands for this player, as the server says. */
function standing(avatar) {
  if (avatar.equipped) return "equipped";
  if (avatar.owned) return "owned";
  if (!avatar.unlocked) return "locked";
  if (!avatar.affordable) return "too-expensive";
  return "for-sale";
}

function avatarCard(avatar) {
  const state = standing(avatar);
  return h("article", { class: `avatar-card is-${state}`, dataset: { avatar: avatar.id, standing: state } },
    h("p", { class: `badge badge-${state}` }, BADGES[state]),
    avatarImage(avatar.id, 96, "avatar-art pixelated"),
    h("h2", { class: "avatar-name" }, avatar.name),
    h("p", { class: "avatar-terms" },
      avatar.price ? h("span", { class: "price" }, `${formatNumber(avatar.price)} coins`) : h("span", { class: "price" }, "Free"),
      h("span", { class: "required-level" }, `LV ${avatar.required_level}`)),
    action(avatar, state),
  );
}

function action(avatar, state) {
  switch (state) {
    case "equipped":
      return h("button", { type: "button", class: "button", disabled: true }, "Equipped");
    case "owned":
      return h("button", { type: "button", class: "button", onclick: (e) => equip(avatar, e.currentTarget) }, "Equip");
    case "locked":
      return h("button", { type: "button", class: "button", disabled: true }, `Reach level ${avatar.required_level}`);
    case "too-expensive":
      return h("button", { type: "button", class: "button", disabled: true }, `Need ${formatNumber(avatar.price)} coins`);
    default:
      return h("button", { type: "button", class: "button button-primary", onclick: () => offer(avatar) }, "Buy");
  }
}

async function equip(avatar, button) {
  try {
    await whileBusy(button, "Equipping…", () => api("PUT", "/api/users/me/avatar", { body: { avatar_id: avatar.id } }));
    notify(`${avatar.name} equipped.`, "success");
  } catch (error) {
    notify(error.message, "error");
  }
  await refresh();
}

/** The confirm dialog. One dialog is one intent: every try inside it sends one key. */
function offer(avatar) {
  const key = newIdempotencyKey();
  const confirm = h("button", { type: "button", class: "button button-primary", "data-confirm": "", disabled: true },
    `Buy for ${formatNumber(avatar.price)}`);
  confirm.addEventListener("click", () => buy(avatar, key, confirm));
  fillDialog(avatar, `Buy ${avatar.name}?`,
    `Price: ${plural(avatar.price, "coin")}. You have ${plural(player.coins, "coin")}.`,
    [closeButton("Cancel"), confirm]);
  dialog.showModal();
  setTimeout(() => { confirm.disabled = false; }, CONFIRM_ARMS_AFTER_MS);
}

async function buy(avatar, key, confirm) {
  formError(dialog);
  try {
    const bought = await whileBusy(confirm, "Buying…",
      () => api("POST", `/api/avatars/${avatar.id}/purchase`, { idempotencyKey: key }));
    const equipNow = h("button", { type: "button", class: "button button-primary" }, "Equip now");
    equipNow.addEventListener("click", async () => { dialog.close(); await equip(avatar, equipNow); });
    fillDialog(avatar, `${avatar.name} is yours!`,
      `New balance: ${plural(bought.coins, "coin")}.`, [closeButton("Close"), equipNow]);
    await refresh();
  } catch (error) {
    if (error.transient) {
      formError(dialog, `${error.message} Pressing Buy again is safe: you will never be charged twice.`);
      return;
    }
    // The shop changed under us (coins spent elsewhere, already bought...): say so, show it.
    formError(dialog, error.message);
    $("[data-buy-actions]", dialog).replaceChildren(closeButton("Close"));
    await refresh();
  }
}

function fillDialog(avatar, title, text, buttons) {
  $("[data-buy-image]", dialog).src = `/static/avatars/${avatar.id}.svg`;
  $("[data-buy-title]", dialog).textContent = title;
  $("[data-buy-text]", dialog).textContent = text;
  $("[data-buy-actions]", dialog).replaceChildren(...buttons);
  formError(dialog);
}

function closeButton(label) {
  return h("button", { type: "button", class: "button", onclick: () => dialog.close() }, label);
}
