// What every page does first, and the header that shows the signed-in player.

import { formatNumber } from "./format.js";
import { showPendingNotice } from "./notices.js";
import { currentPlayer, signOut } from "./session.js";
import { greetTelegram } from "./telegram.js";
import { $, h, untilLoaded } from "./ui.js";

export function startPage() {
  showPendingNotice();
  greetTelegram();
}

/**
 * Start a page that needs a player: resolves to their profile once it is loaded. If
 * that fails, a panel at the top of the page says why and offers to try again.
 */
export async function startPlayerPage() {
  startPage();
  for (const button of document.querySelectorAll("[data-sign-out]")) {
    button.addEventListener("click", signOut);
  }
  const problem = h("section", { class: "panel", hidden: true });
  $("#main").prepend(problem);
  const player = await untilLoaded(problem, currentPlayer);
  problem.remove();
  showHud(player);
  return player;
}

/** The header's avatar, level and coins; `state` is a profile or a workout result. */
export function showHud({ avatar_id: avatarId, level, coins }) {
  const hud = $("[data-hud]");
  if (avatarId) $("[data-hud-avatar]", hud).src = `/static/avatars/${avatarId}.svg`;
  $("[data-hud-level]", hud).textContent = level;
  $("[data-hud-coins]", hud).textContent = formatNumber(coins);
  hud.hidden = false;
}
