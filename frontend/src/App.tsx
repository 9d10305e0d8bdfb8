import type { JSX } from "preact";
import { useEffect } from "preact/hooks";

import type { Profile } from "./api/types";
import { app, setProfile, startParam } from "./state/app";
import { api, call } from "./api/client";
import { useAppState } from "./state/hooks";
import { goBack, navigate, nextPath, route, signInPath } from "./state/router";
import { start } from "./state/session";
import { takeLaunchInvite } from "./state/social";
import { useStore } from "./state/store";
import { firstScreenDrawn } from "./telegram/setup";
import { useBackButton } from "./telegram/controls";
import { Boards } from "./pages/Boards";
import { Friends } from "./pages/Friends";
import { History } from "./pages/History";
import { Invite } from "./pages/Invite";
import { Home } from "./pages/Home";
import { NotFound } from "./pages/NotFound";
import { Progress } from "./pages/Progress";
import { Notifications } from "./pages/Notifications";
import { RoutineEditor } from "./pages/RoutineEditor";
import { Routines } from "./pages/Routines";
import { Settings } from "./pages/Settings";
import { Shop } from "./pages/Shop";
import { SignIn } from "./pages/SignIn";
import { Workout } from "./pages/Workout";
import { Shell } from "./ui/Shell";
import { Loading, Problem } from "./ui/Problem";
import { Toasts } from "./ui/Toasts";

const PAGES: Record<string, (props: { profile: Profile }) => JSX.Element> = {
  "/": Home,
  "/workout": Workout,
  "/routines": Routines,
  "/routines/edit": RoutineEditor,
  "/shop": Shop,
  "/history": History,
  "/settings": Settings,
  "/notifications": Notifications,
  "/friends": Friends,
  "/invite": Invite,
  "/boards": Boards,
  "/progress": Progress,
};

export function App() {
  return (
    <>
      <Screen />
      <Toasts />
    </>
  );
}

function Screen() {
  const { phase, profile, failure } = useAppState();
  const { path } = useStore(route);
  const Page = PAGES[path];
  const needsSignIn = phase === "ready" && !profile && Page !== undefined;
  const signedInOnSignIn = phase === "ready" && profile && path === "/signin";

  useEffect(() => {
    if (phase !== "starting") firstScreenDrawn();
  }, [phase]);
  useEffect(() => {
    // Effects run after paint: act on where the app is now, not where it was drawn.
    const now = route.get();
    if (now.path !== path) return;
    if (needsSignIn) navigate(signInPath(path + location.search), { replace: true });
    if (signedInOnSignIn) navigate(nextPath(now.query), { replace: true });
  }, [needsSignIn, signedInOnSignIn, path]);
  // A Telegram launch from a friend's invite (startapp=friend-<code>) lands on it once signed in.
  useEffect(() => {
    if (phase !== "ready" || !profile) return;
    const invite = takeLaunchInvite(startParam());
    if (invite) navigate(invite, { replace: true });
  }, [phase, profile !== null]);
  useBackButton(path !== "/" && path !== "/signin" ? goBack : null);
  // Coins or levels may have changed elsewhere (another device, support): each screen starts fresh.
  useEffect(() => {
    if (phase === "ready" && app.get().profile) refreshProfile();
  }, [path]);

  if (phase === "starting") return <main id="main" class="page"><Loading /></main>;
  if (phase === "failed") return <main id="main" class="page"><Problem error={failure} retry={() => void start()} /></main>;
  if (path === "/signin" && !profile) return <SignIn />;
  if (!profile) return Page ? null : <main id="main" class="page"><NotFound /></main>;
  return (
    <Shell profile={profile}>
      {Page ? <Page key={path} profile={profile} /> : <NotFound />}
    </Shell>
  );
}


function refreshProfile(): void {
  call(api.GET("/api/users/me")).then(setProfile, () => {});
}
