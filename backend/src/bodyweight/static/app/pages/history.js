// History: every workout and every change of coins (the ledger), newest first,
// a page at a time.

import { api } from "../api.js";
import { loadCatalogue } from "../exercises.js";
import { formatDateTime, formatNumber, formatSigned } from "../format.js";
import { notify } from "../notices.js";
import { startPlayerPage } from "../shell.js";
import { setUpTabs } from "../tabs.js";
import { $, h, loading, show, showLoadError, whileBusy } from "../ui.js";
import { workoutItem } from "../workout-list.js";

const PAGE_SIZE = 10;

await startPlayerPage();
const lists = {
  workouts: pagedList($('[data-list="workouts"]'), "/api/workouts", workoutRenderer,
    "No workouts yet: log one and it shows up here."),
  coins: pagedList($('[data-list="coins"]'), "/api/users/me/coins", ledgerRenderer,
    "No coins yet: workouts earn them."),
};
const selectTab = setUpTabs($("[role=tablist]"), (name) => lists[name].open());
selectTab(location.hash === "#coins" ? "coins" : "workouts");

/**
 * A list that loads its first page when first opened and the next ones on "Load
 * more". `makeRenderer()` resolves to a function from an item to its <li>.
 */
function pagedList(container, path, makeRenderer, emptyText) {
  const items = h("ul", { class: "entries" });
  const more = h("button", { type: "button", class: "button button-wide", hidden: true }, "Load more");
  let cursor = null;
  let render = null;
  let opened = false;

  async function nextPage() {
    render ??= await makeRenderer();
    const query = `?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = await api("GET", path + query);
    items.append(...page.items.map(render));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  }

  async function first() {
    loading(container);
    try {
      await nextPage();
    } catch (error) {
      showLoadError(container, error, first);
      return;
    }
    if (items.children.length) show(container, items, more);
    else show(container, h("p", { class: "empty" }, emptyText));
  }

  more.addEventListener("click", async () => {
    try {
      await whileBusy(more, "Loading…", nextPage);
    } catch (error) {
      notify(error.message, "error");
    }
  });

  return {
    open() {
      if (opened) return;
      opened = true;
      first();
    },
  };
}

async function workoutRenderer() {
  const { byId } = await loadCatalogue();
  return (workout) => workoutItem(workout, byId);
}

async function ledgerRenderer() {
  const avatars = await api("GET", "/api/avatars");
  const avatarNames = new Map(avatars.map((a) => [`avatar:${a.id}`, a.name]));
  const describe = (entry) => {
    switch (entry.reason) {
      case "workout": return "Workout";
      case "purchase": return `Bought ${avatarNames.get(entry.reference) ?? entry.reference}`;
      case "support_grant": return `Gift: ${entry.reference ?? "from support"}`;
      default: return entry.reason;
    }
  };
  return (entry) => h("li", { class: "entry", dataset: { entry: entry.id, reason: entry.reason } },
    h("div", { class: "entry-main" },
      h("p", { class: "entry-title" }, describe(entry)),
      h("p", { class: "entry-meta" }, formatDateTime(entry.created_at))),
    h("div", { class: "entry-side" },
      h("p", { class: entry.amount < 0 ? "spent" : "gain-coins" }, formatSigned(entry.amount)),
      h("p", { class: "entry-meta" }, `balance ${formatNumber(entry.balance_after)}`)),
  );
}
