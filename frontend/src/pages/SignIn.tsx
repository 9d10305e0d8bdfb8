import type { JSX } from "preact";
import { useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { TokenResponse } from "../api/types";
import { useAppState } from "../state/hooks";
import { navigate, nextPath, route } from "../state/router";
import { signInFromTelegram, signedIn } from "../state/session";
import { useStore } from "../state/store";
import { toast } from "../state/toasts";
import { useTranslator } from "../state/translator";
import { inTelegram } from "../telegram/launch";
import { Button } from "../ui/Button";
import { useErrorText } from "../ui/errors";
import { LanguageSwitch } from "../ui/LanguageSwitch";

type Mode = "signup" | "login";

export function SignIn() {
  const tr = useTranslator();
  const { telegramFailure } = useAppState();
  const { query } = useStore(route);
  const [mode, setMode] = useState<Mode>(query.has("next") ? "login" : "signup");
  const [retrying, setRetrying] = useState(false);
  const describe = useErrorText();
  const next = nextPath(query);

  const retryTelegram = async () => {
    setRetrying(true);
    try {
      if (await signInFromTelegram({ retry: true })) navigate(next, { replace: true });
    } finally {
      setRetrying(false);
    }
  };

  return (
    <main id="main" class="page signin">
      <LanguageSwitch />
      <h1 class="title">{tr.t("signin.title")}</h1>
      <p class="lead">{tr.t("signin.tagline")}</p>
      {inTelegram() && telegramFailure && (
        <div class="problem" role="alert" data-telegram-failure>
          <p><b>{tr.t("signin.telegram.failed")}</b></p>
          <p>{describe(telegramFailure)}</p>
          <Button variant="primary" busy={retrying} busyText={tr.t("signin.telegram.busy")} onClick={retryTelegram}>
            {tr.t("signin.telegram.retry")}
          </Button>
          <p class="hint">{tr.t("signin.telegram.orForm")}</p>
        </div>
      )}
      <div class="switch" role="tablist" aria-label={tr.t("signin.tabs")}>
        {(["signup", "login"] as const).map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`tab-${tab}`}
            aria-selected={mode === tab ? "true" : "false"}
            aria-controls={tab}
            onClick={() => setMode(tab)}
          >
            {tr.t(`signin.tab.${tab}`)}
          </button>
        ))}
      </div>
      <AccountForm key={mode} mode={mode} next={next} />
    </main>
  );
}

function AccountForm({ mode, next }: { mode: Mode; next: string }) {
  const tr = useTranslator();
  const describe = useErrorText();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const email = String(form.get("email") ?? "").trim();
    setBusy(true);
    setProblem(null);
    try {
      const answer = mode === "signup"
        ? await call(api.POST("/api/auth/register", {
          body: { username, password, email: email || null, locale: tr.locale },
        }))
        : await call(api.POST("/api/auth/login", { body: { username, password } }));
      const profile = await signedIn(answer as TokenResponse);
      const name = profile.display_name ?? profile.username;
      navigate(next, { replace: true });
      toast(tr.t(mode === "signup" ? "toast.welcome" : "toast.welcomeBack", { name }));
    } catch (error) {
      setProblem(describe(error));
      setBusy(false);
    }
  };

  return (
    <form id={mode} class="panel form" role="tabpanel" aria-labelledby={`tab-${mode}`} onSubmit={submit} noValidate>
      <label>
        <span>{tr.t("signin.username")}</span>
        <input name="username" autocomplete="username" required maxLength={32} autoCapitalize="none" spellcheck={false} />
        {mode === "signup" && <small>{tr.t("signin.usernameHint")}</small>}
      </label>
      <label>
        <span>{tr.t("signin.password")}</span>
        <input
          name="password"
          type="password"
          required
          autocomplete={mode === "signup" ? "new-password" : "current-password"}
        />
        {mode === "signup" && <small>{tr.t("signin.passwordHint")}</small>}
      </label>
      {mode === "signup" && (
        <label>
          <span>{tr.t("signin.email")}</span>
          <input name="email" type="email" autocomplete="email" />
        </label>
      )}
      {problem && <p class="form-error" role="alert">{problem}</p>}
      <Button type="submit" variant="primary" busy={busy} busyText={tr.t("signin.busy")}>
        {tr.t(mode === "signup" ? "signin.signup" : "signin.login")}
      </Button>
    </form>
  );
}
