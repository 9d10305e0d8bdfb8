import type { ComponentChildren } from "preact";

import type { Profile } from "../api/types";
import { useStore } from "../state/store";
import { route } from "../state/router";
import { useTranslator } from "../state/translator";
import type { MessageKey } from "../i18n/types";
import { AvatarImage } from "./Avatar";
import { Link } from "./Link";

const TABS: { path: string; label: MessageKey; icon: string }[] = [
  { path: "/", label: "nav.home", icon: "⌂" },
  { path: "/workout", label: "nav.workout", icon: "✚" },
  { path: "/routines", label: "nav.routines", icon: "☰" },
  { path: "/friends", label: "nav.friends", icon: "☺" },
  { path: "/shop", label: "nav.shop", icon: "◆" },
  { path: "/history", label: "nav.history", icon: "≡" },
  { path: "/settings", label: "nav.settings", icon: "⚙" },
];

/** The frame of every signed-in screen: the player's avatar and coins, the tabs. */
export function Shell({ profile, children }: { profile: Profile; children: ComponentChildren }) {
  const tr = useTranslator();
  const { path } = useStore(route);
  return (
    <div class="shell">
      <header class="topbar">
        <Link class="logo" href="/">{tr.t("app.name")}</Link>
        <div class="hud">
          <AvatarImage id={profile.avatar_id} size={32} className="hud-avatar" />
          <span class="hud-coins" title={tr.t("hud.coins")}>
            <span class="coin" aria-hidden="true" />
            <span class="visually-hidden">{tr.t("hud.coins")}</span>
            <b data-hud-coins>{tr.number(profile.coins)}</b>
          </span>
        </div>
      </header>
      <main id="main" class="page">{children}</main>
      <nav class="tabbar" aria-label={tr.t("nav.label")}>
        {TABS.map((tab) => (
          <Link key={tab.path} href={tab.path} aria-current={tab.path === path || path.startsWith(`${tab.path}/`) ? "page" : undefined}>
            <span class="tab-icon" aria-hidden="true">{tab.icon}</span>
            <span class="tab-label">{tr.t(tab.label)}</span>
          </Link>
        ))}
      </nav>
    </div>
  );
}
