import { api, call } from "../api/client";
import type { ProfileUpdate } from "../api/types";
import { LOCALES, type Locale } from "../i18n/types";
import { app, setLocale, setProfile } from "../state/app";
import { useTranslator } from "../state/translator";

/** Switch the language now; a signed-in player's choice is kept on their profile too. */
export async function switchLanguage(locale: Locale): Promise<void> {
  setLocale(locale);
  // A server that keeps no language on profiles yet gets it by Accept-Language only.
  if (app.get().profile?.locale === undefined) return;
  const changes: ProfileUpdate = { locale };
  setProfile(await call(api.PATCH("/api/users/me", { body: changes as never })));
}

export function LanguageSwitch({ onError }: { onError?: (error: unknown) => void }) {
  const tr = useTranslator();
  return (
    <div class="language-switch" role="group" aria-label={tr.t("lang.label")}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          class="button button-plain"
          aria-pressed={tr.locale === locale ? "true" : "false"}
          onClick={() => switchLanguage(locale).catch((error) => onError?.(error))}
        >
          {tr.t(`lang.${locale}`)}
        </button>
      ))}
    </div>
  );
}
