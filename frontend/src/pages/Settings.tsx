import type { JSX } from "preact";
import { useState } from "preact/hooks";

import { api, call } from "../api/client";
import type { Profile, ProfileUpdate, Visibility } from "../api/types";
import { setProfile } from "../state/app";
import { deleteAccount, downloadExport, signOut } from "../state/session";
import { setVisibility } from "../state/social";
import { toast } from "../state/toasts";
import { useTranslator } from "../state/translator";
import { Button } from "../ui/Button";
import { useErrorText } from "../ui/errors";
import { LanguageSwitch } from "../ui/LanguageSwitch";

const deviceZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
const knownZones = (): string[] => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);

export function Settings({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  const describe = useErrorText();
  const [name, setName] = useState(profile.display_name ?? "");
  const [zone, setZone] = useState(profile.timezone);
  const [leaving, setLeaving] = useState(false);
  const { saving, problem, save } = useProfileSave(() => ({ display_name: name.trim() || null, timezone: zone.trim() }));
  const [exporting, setExporting] = useState<"json" | "csv" | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [proof, setProof] = useState("");
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const here = deviceZone();

  const leave = async () => {
    setLeaving(true);
    try {
      await signOut();
    } catch (error) {
      setLeaving(false);
      toast(describe(error), "error");
    }
  };

  const download = async (format: "json" | "csv") => {
    setExporting(format);
    try {
      await downloadExport(format);
    } catch (error) {
      toast(describe(error), "error");
    } finally {
      setExporting(null);
    }
  };

  const erase = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDeleting(true);
    setDeleteProblem(null);
    try {
      await deleteAccount(profile.telegram_only ? { username: proof } : { password: proof });
    } catch (error) {
      setDeleting(false);
      setDeleteProblem(describe(error));
    }
  };

  return (
    <>
      <h1 class="title">{tr.t("settings.title")}</h1>
      <p class="hint" data-signed-in-as>{tr.t("settings.signedInAs", { username: profile.username })}</p>
      <form class="panel form" data-settings onSubmit={save} noValidate>
        <label>
          <span>{tr.t("settings.displayName")}</span>
          <input name="display_name" value={name} maxLength={64} autocomplete="nickname"
            onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          <span>{tr.t("settings.timezone")}</span>
          <input name="timezone" value={zone} list="timezones" autocomplete="off" spellcheck={false}
            onInput={(e) => setZone(e.currentTarget.value)} />
          <small>{tr.t("settings.timezoneHint")}</small>
        </label>
        <datalist id="timezones">
          {knownZones().map((z) => <option key={z} value={z} />)}
        </datalist>
        {here && here !== zone ? (
          <p class="hint" data-device-zone>
            {tr.t("settings.deviceZone", { zone: here })}{" "}
            <button type="button" class="button button-link" onClick={() => setZone(here)}>
              {tr.t("settings.useDeviceZone")}
            </button>
          </p>
        ) : null}
        {problem ? <p class="form-error" role="alert">{problem}</p> : null}
        <Button type="submit" variant="primary" busy={saving} busyText={tr.t("settings.saving")}>
          {tr.t("settings.save")}
        </Button>
      </form>
      <Reminders profile={profile} />
      <VisibilityChoice profile={profile} />
      <section class="panel">
        <h2>{tr.t("lang.label")}</h2>
        <LanguageSwitch onError={(error) => toast(describe(error), "error")} />
      </section>
      <section class="panel">
        <Button variant="danger" busy={leaving} busyText={tr.t("settings.signingOut")} onClick={leave}>
          {tr.t("settings.signOut")}
        </Button>
        <p class="hint">{tr.t("settings.signOutHint")}</p>
      </section>
      <section class="panel" data-export>
        <h2>{tr.t("settings.dataTitle")}</h2>
        <p class="hint">{tr.t("settings.dataHint")}</p>
        <div class="actions">
          <Button busy={exporting === "json"} busyText={tr.t("settings.exporting")} disabled={exporting !== null}
            onClick={() => download("json")}>
            {tr.t("settings.exportJson")}
          </Button>
          <Button busy={exporting === "csv"} busyText={tr.t("settings.exporting")} disabled={exporting !== null}
            onClick={() => download("csv")}>
            {tr.t("settings.exportCsv")}
          </Button>
        </div>
      </section>
      <section class="panel" data-delete-account>
        <h2>{tr.t("settings.deleteTitle")}</h2>
        <p class="hint">{tr.t("settings.deleteHint")}</p>
        {confirming ? (
          <form class="form" onSubmit={erase} noValidate>
            <label>
              <span>
                {profile.telegram_only
                  ? tr.t("settings.deleteUsername", { username: profile.username })
                  : tr.t("settings.deletePassword")}
              </span>
              <input name="confirmation" type={profile.telegram_only ? "text" : "password"} value={proof}
                autocomplete={profile.telegram_only ? "off" : "current-password"} spellcheck={false}
                onInput={(e) => setProof(e.currentTarget.value)} />
            </label>
            {deleteProblem ? <p class="form-error" role="alert">{deleteProblem}</p> : null}
            <div class="actions">
              <Button type="submit" variant="danger" busy={deleting} busyText={tr.t("settings.deleting")}
                disabled={proof.trim() === ""}>
                {tr.t("settings.deleteConfirm")}
              </Button>
              <Button onClick={() => { setConfirming(false); setProof(""); setDeleteProblem(null); }}>
                {tr.t("settings.deleteCancel")}
              </Button>
            </div>
          </form>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)}>{tr.t("settings.deleteStart")}</Button>
        )}
      </section>
    </>
  );
}

// What the time field offers when the player turns a reminder on for the first time.
const SUGGESTED_REMINDER = "19:00";

/** The bot's daily reminder and evening streak warning: only for players the bot can reach. */
function Reminders({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  const [daily, setDaily] = useState(profile.reminder_time !== null);
  const [time, setTime] = useState(profile.reminder_time ?? SUGGESTED_REMINDER);
  const [streakNotice, setStreakNotice] = useState(profile.streak_notice);
  // <input type="time"> may add seconds; the server keeps hours and minutes.
  const { saving, problem, save } = useProfileSave(() => ({
    reminder_time: daily ? time.slice(0, 5) : null, streak_notice: streakNotice,
  }));

  if (!profile.telegram) {
    return (
      <section class="panel" data-reminders-unavailable>
        <h2>{tr.t("settings.reminders")}</h2>
        <p class="hint">{tr.t("settings.onlyInTelegram")}</p>
      </section>
    );
  }

  return (
    <form class="panel form" data-reminders onSubmit={save} noValidate>
      <h2>{tr.t("settings.reminders")}</h2>
      <p class="hint">{tr.t("settings.viaBot")}</p>
      {profile.bot_messages ? null : <p class="hint" data-bot-blocked>{tr.t("settings.botBlocked")}</p>}
      <label class="check">
        <input type="checkbox" name="daily_reminder" checked={daily}
          onChange={(e) => setDaily(e.currentTarget.checked)} />
        <span>{tr.t("settings.remindDaily")}</span>
      </label>
      <label>
        <span>{tr.t("settings.reminderTime")}</span>
        <input type="time" name="reminder_time" value={time} step={60} disabled={!daily} required={daily}
          onInput={(e) => setTime(e.currentTarget.value)} />
        <small>{tr.t("settings.reminderHint", { zone: profile.timezone })}</small>
      </label>
      <label class="check">
        <input type="checkbox" name="streak_notice" checked={streakNotice}
          onChange={(e) => setStreakNotice(e.currentTarget.checked)} />
        <span>{tr.t("settings.streakNotice")}</span>
      </label>
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
      <Button type="submit" variant="primary" busy={saving} busyText={tr.t("settings.saving")}>
        {tr.t("settings.saveReminders")}
      </Button>
    </form>
  );
}

const VISIBILITIES: readonly Visibility[] = ["hidden", "friends", "public"];

/** Who may find and see the player: saved as soon as it is chosen. */
function VisibilityChoice({ profile }: { profile: Profile }) {
  const tr = useTranslator();
  const describe = useErrorText();
  const [saving, setSaving] = useState<Visibility | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (visibility: Visibility) => {
    setSaving(visibility);
    setProblem(null);
    try {
      const saved = await setVisibility(visibility);
      setProfile({ ...profile, visibility: saved });
      toast(tr.t("toast.visibilitySaved", { choice: tr.t(`settings.visibility.${saved}`) }));
    } catch (error) {
      setProblem(describe(error));
    } finally {
      setSaving(null);
    }
  };
  return (
    <fieldset class="panel form visibility" id="visibility" data-visibility={profile.visibility}
      aria-busy={saving ? "true" : "false"}>
      <legend>{tr.t("settings.visibility")}</legend>
      {VISIBILITIES.map((visibility) => (
        <label key={visibility} class="check choice">
          <input type="radio" name="visibility" value={visibility} checked={(saving ?? profile.visibility) === visibility}
            disabled={saving !== null} onChange={() => void choose(visibility)} />
          <span>
            <b>{tr.t(`settings.visibility.${visibility}`)}</b>
            <small>{tr.t(`settings.visibility.${visibility}Hint`)}</small>
          </span>
        </label>
      ))}
      {problem ? <p class="form-error" role="alert">{problem}</p> : null}
    </fieldset>
  );
}

/** A form that saves part of the profile: busy while saving, a toast, or what went wrong. */
function useProfileSave(changes: () => ProfileUpdate) {
  const tr = useTranslator();
  const describe = useErrorText();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      setProfile(await call(api.PATCH("/api/users/me", { body: changes() })));
      toast(tr.t("toast.settingsSaved"));
    } catch (error) {
      setProblem(describe(error));
    } finally {
      setSaving(false);
    }
  };
  return { saving, problem, save };
}
