// The dashboard: avatar, level and XP bar, coins, streaks, recent workouts, settings.

import { api } from "../api.js";
import { loadCatalogue } from "../exercises.js";
import { formatNumber } from "../format.js";
import { notify } from "../notices.js";
import { deviceTimeZone } from "../session.js";
import { showHud, startPlayerPage } from "../shell.js";
import { $, avatarImage, formError, h, show, untilLoaded, whileBusy } from "../ui.js";
import { workoutItem } from "../workout-list.js";

const RECENT_WORKOUTS = 5;

const player = await startPlayerPage();
showPlayer(player);
setUpSettings(player);
await showRecentWorkouts();

function showPlayer(profile) {
  show($("[data-player]"),
    avatarImage(profile.avatar_id, 96, "player-avatar pixelated"),
    h("div", { class: "player-info" },
      h("h1", { class: "player-name" }, profile.display_name ?? profile.username),
      h("p", { class: "player-handle" }, `@${profile.username}`),
      h("p", { class: "player-level" }, "Level ", h("b", { "data-level": "" }, profile.level)),
      xpBar(profile),
      h("p", { class: "xp-text" },
        h("span", { "data-xp": "" }, `${formatNumber(profile.total_xp)} XP`),
        ` · ${formatNumber(profile.xp_to_next_level)} to level ${profile.level + 1}`),
    ),
  );
  for (const stat of document.querySelectorAll("[data-stat]")) {
    stat.textContent = formatNumber(profile[stat.dataset.stat]);
  }
  $("[data-stats]").hidden = false;
}

/** How far the player is from the start of this level to the next, as the API says. */
function xpBar({ total_xp: xp, level_xp: from, next_level_xp: to }) {
  const fill = h("span", { class: "xp-fill" });
  fill.style.width = `${(100 * (xp - from)) / (to - from)}%`;
  return h("div", {
    class: "xp-bar", role: "progressbar", "aria-label": "XP towards the next level",
    "aria-valuemin": from, "aria-valuemax": to, "aria-valuenow": xp,
  }, fill);
}

async function showRecentWorkouts() {
  const list = $("[data-recent]");
  const [page, catalogue] = await untilLoaded(list, () => Promise.all([
    api("GET", `/api/workouts?limit=${RECENT_WORKOUTS}`),
    loadCatalogue(),
  ]));
  if (page.items.length === 0) {
    show(list, h("p", { class: "empty" }, "No workouts yet. Your first one starts a streak!"));
    return;
  }
  show(list, h("ul", { class: "entries" }, page.items.map((w) => workoutItem(w, catalogue.byId))));
}

function setUpSettings(profile) {
  const form = $("[data-settings]");
  form.elements.display_name.value = profile.display_name ?? "";
  form.elements.timezone.value = profile.timezone;
  if (Intl.supportedValuesOf) {
    $("#timezones").replaceChildren(
      ...Intl.supportedValuesOf("timeZone").map((zone) => h("option", { value: zone })),
    );
  }
  const here = deviceTimeZone();
  if (here && here !== profile.timezone) {
    show($("[data-device-zone]"), `This device is on ${here}. `,
      h("button", {
        type: "button", class: "button-link",
        onclick: () => { form.elements.timezone.value = here; },
      }, "Use it"));
  }
  $("[data-settings-panel]").hidden = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    formError(form);
    const name = form.elements.display_name.value.trim();
    const changes = { display_name: name || null, timezone: form.elements.timezone.value.trim() };
    try {
      const updated = await whileBusy(form.querySelector("[type=submit]"), "Saving…",
        () => api("PATCH", "/api/users/me", { body: changes }));
      showPlayer(updated);
      showHud(updated);
      notify("Settings saved.", "success");
    } catch (error) {
      formError(form, error.message);
    }
  });
}
