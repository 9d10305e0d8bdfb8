// Sign up or log in; inside Telegram, sign in from the launch without asking.

import { afterSignIn, leaveFor } from "../navigation.js";
import { notify } from "../notices.js";
import { logIn, register, signInFromTelegramLaunch } from "../session.js";
import { startPage } from "../shell.js";
import { telegramInitData } from "../telegram.js";
import { setUpTabs } from "../tabs.js";
import { storedToken } from "../token.js";
import { $, formError, whileBusy } from "../ui.js";

startPage();
await signInWithTelegram();
if (storedToken()) await leaveFor(afterSignIn());
const selectTab = setUpTabs($("[role=tablist]"));
// Sent here from a page: most likely a returning player.
if (new URLSearchParams(location.search).has("next")) selectTab("login");
setUpForm("signup", register, (player) => `Welcome, ${player.username}! Log a workout to earn your first XP.`);
setUpForm("login", logIn, (player) => `Welcome back, ${player.display_name ?? player.username}!`);

async function signInWithTelegram() {
  if (!telegramInitData()) return;
  const status = $("[data-telegram-status]");
  status.textContent = "Signing you in with Telegram…";
  status.hidden = false;
  try {
    if (await signInFromTelegramLaunch()) await leaveFor(afterSignIn());
  } catch (error) {
    notify(`Telegram sign-in failed: ${error.message}`, "error");
  } finally {
    status.hidden = true;
  }
}

function setUpForm(name, signIn, welcome) {
  const form = $(`[data-form="${name}"]`);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    formError(form);
    const invalid = form.querySelector(":invalid");
    if (invalid) {
      formError(form, `${labelOf(invalid)}: ${invalid.validationMessage}`);
      invalid.focus();
      return;
    }
    const fields = Object.fromEntries(
      [...new FormData(form)].filter(([, value]) => value.trim() !== ""),
    );
    try {
      const player = await whileBusy(form.querySelector("[type=submit]"), "…", () => signIn(fields));
      await leaveFor(afterSignIn(), welcome(player), "success");
    } catch (error) {
      formError(form, error.message);
    }
  });
}

function labelOf(input) {
  return input.closest("label").firstChild.textContent.trim();
}
