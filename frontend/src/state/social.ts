// Friends, invite links and boards: what the pages ask the server, and the few
// decisions about invite links that are the app's own (where a code comes from,
// which address to hand out). Who may see whom is decided by the server only.

import { api, call } from "../api/client";
import type { Board, BoardPeriod, BoardScope, FriendCard, FriendLists, Invite, PlayerRef, Relation, Visibility } from "../api/types";
import { type KeyValue, session } from "./storage";

/** A Telegram launch whose start parameter is an invite: `friend-<code>`. */
const FRIEND_PREFIX = "friend-";
const TAKEN_KEY = "bodyweight.inviteTaken";

/** The invite code of a launch's start parameter, or null when it names none. */
export function inviteCodeOf(startParam: string | null): string | null {
  if (!startParam?.startsWith(FRIEND_PREFIX)) return null;
  const code = startParam.slice(FRIEND_PREFIX.length);
  return code === "" ? null : code;
}

/** The landing page of an invite code. */
export const invitePath = (code: string): string => `/invite?code=${encodeURIComponent(code)}`;

/**
 * Where a launch's invite should be opened, once per launch: a reload of the Mini
 * App keeps its start parameter, and must not land on the invite again.
 */
export function takeLaunchInvite(startParam: string | null, kept: KeyValue = session): string | null {
  const code = inviteCodeOf(startParam);
  if (code === null || kept.getItem(TAKEN_KEY) === startParam) return null;
  kept.setItem(TAKEN_KEY, startParam as string);
  return invitePath(code);
}

/** The link to hand out: Telegram's Mini App link when the server knows it, else this site's page. */
export function shareLink(invite: Invite, origin: string): string {
  return invite.telegram_link ?? `${origin}${invitePath(invite.code)}`;
}

/** One row per friend: their card when they let friends see it, their name only when hidden. */
export interface FriendRow {
  player: PlayerRef;
  card: FriendCard | null;
}

export function friendRows(lists: FriendLists): FriendRow[] {
  const cards = new Map(lists.cards.map((card) => [card.id, card]));
  return lists.friends.map((player) => ({ player, card: cards.get(player.id) ?? null }));
}

/** The caller's own entry, when the board's top does not hold it. */
export function ownRowBelow(board: Board): boolean {
  return !board.entries.some((entry) => entry.player.id === board.me.player.id);
}

export const loadFriends = (): Promise<FriendLists> => call(api.GET("/api/friends"));

export const loadInvite = (): Promise<Invite> => call(api.GET("/api/friends/invite"));

export const renewInvite = (): Promise<Invite> => call(api.POST("/api/friends/invite"));

export const loadBoard = (period: BoardPeriod, scope: BoardScope): Promise<Board> =>
  call(api.GET("/api/boards/{period}", { params: { path: { period }, query: { scope } } }));

export const search = (username: string): Promise<Relation> =>
  call(api.POST("/api/players/search", { body: { username } }));

export const ask = (playerId: string): Promise<Relation> =>
  call(api.POST("/api/friends/requests", { body: { player_id: playerId } }));

export type FriendAction = "accept" | "decline" | "cancel" | "remove" | "block" | "unblock";

/** One change to a relation, by the other player's public id. */
export function act(action: FriendAction, playerId: string): Promise<Relation> {
  const path = { params: { path: { player_id: playerId } } };
  switch (action) {
    case "accept":
      return call(api.POST("/api/friends/requests/{player_id}/accept", path));
    case "decline":
      return call(api.POST("/api/friends/requests/{player_id}/decline", path));
    case "cancel":
      return call(api.DELETE("/api/friends/requests/{player_id}", path));
    case "remove":
      return call(api.DELETE("/api/friends/{player_id}", path));
    case "block":
      return call(api.PUT("/api/friends/blocks/{player_id}", path));
    case "unblock":
      return call(api.DELETE("/api/friends/blocks/{player_id}", path));
  }
}

export const invitePreview = (code: string): Promise<Relation> =>
  call(api.GET("/api/friends/invites/{code}", { params: { path: { code } } }));

export const acceptInvite = (code: string): Promise<Relation> =>
  call(api.POST("/api/friends/invites/{code}/accept", { params: { path: { code } } }));

export const cardOf = (playerId: string): Promise<FriendCard> =>
  call(api.GET("/api/players/{player_id}", { params: { path: { player_id: playerId } } }));

export const setVisibility = (visibility: Visibility): Promise<Visibility> =>
  call(api.PUT("/api/users/me/visibility", { body: { visibility } })).then((answer) => answer.visibility);

/** Which board a page address names: this week of friends unless it says otherwise. */
export function boardChoice(query: URLSearchParams): { period: BoardPeriod; scope: BoardScope } {
  return {
    period: query.get("period") === "all" ? "all" : "week",
    scope: query.get("scope") === "global" ? "global" : "friends",
  };
}

export const boardPath = ({ period, scope }: { period: BoardPeriod; scope: BoardScope }): string =>
  `/boards?period=${period}&scope=${scope}`;

/** "3 March": the Monday a weekly board starts on, a calendar date (no time zone to apply). */
export function weekLabel(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
