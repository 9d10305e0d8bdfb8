"""What the social routes accept and answer: exactly these fields, nothing more
(tests/test_api_privacy.py compares the key sets)."""

from datetime import date
from typing import Literal

from pydantic import Field

from bodyweight.schemas import Schema

Visibility = Literal["hidden", "friends", "public"]
FriendshipState = Literal["none", "outgoing", "incoming", "friends", "blocked"]

PublicId = Field(description="The player's random public id")


class PlayerRef(Schema):
    """How one player is named to another."""

    id: str = PublicId
    display_name: str
    avatar_id: str


class Relation(Schema):
    player: PlayerRef
    friendship: FriendshipState = Field(
        description="From the caller's side: outgoing (you asked), incoming (they asked), blocked (you blocked them)"
    )


class PlayerCard(Schema):
    """A player the caller may see: a friend, a public player, or the caller."""

    id: str = PublicId
    display_name: str
    avatar_id: str
    level: int
    current_streak: int = Field(description="Days in a row, as it stands today (0 once broken)")
    week_score: int = Field(description="Score of the caller's current week (see the boards)")


class FriendLists(Schema):
    friends: list[PlayerRef]
    incoming: list[PlayerRef] = Field(description="Requests to the caller")
    outgoing: list[PlayerRef] = Field(description="Requests the caller sent")
    blocked: list[PlayerRef] = Field(description="Players the caller blocked")
    cards: list[PlayerCard] = Field(
        description="Cards of the friends who are not hidden (a hidden friend is only named), ordered as `friends`"
    )


class SearchQuery(Schema):
    username: str = Field(min_length=1, max_length=64, description="The exact username (case does not matter)")


class FriendRequestCreate(Schema):
    player_id: str = Field(min_length=1, max_length=32, description="The public id of the player to ask")


class InviteRead(Schema):
    code: str = Field(description="Open /invite?code=... in the app, or Telegram's startapp=friend-<code>")
    telegram_link: str | None = Field(description="The Mini App link with startapp, when the server knows it")


class VisibilityUpdate(Schema):
    visibility: Visibility


class VisibilityRead(Schema):
    visibility: Visibility


class BoardEntry(Schema):
    rank: int = Field(description="Shared on ties: 1 + players with a strictly higher score")
    player: PlayerRef
    level: int
    score: int = Field(description="This week: capped weekly XP; all time: total XP")


class BoardRead(Schema):
    period: Literal["week", "all"]
    scope: Literal["global", "friends"]
    week_start: date | None = Field(description="Monday of the week ranked, in the caller's time zone")
    daily_cap: int = Field(description="XP a local day can add to a weekly score")
    entries: list[BoardEntry] = Field(description="The top 50, best first")
    me: BoardEntry = Field(description="The caller, ranked as on this board even when not in the top 50")
