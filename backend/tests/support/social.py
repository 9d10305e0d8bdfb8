"""Arranging friends, visibility and weekly scores for the social tests."""

from datetime import date, datetime

from sqlalchemy import Connection, pool, text

from bodyweight.db import Database, make_async_engine
from bodyweight.social import boards
from bodyweight.users.player import load_player
from support.aio import run
from support.api import Player, World


def public_id(world: World, player: Player) -> str:
    return world.client.get("/api/users/me", headers=player.headers).json()["public_id"]


def befriend(world: World, a: Player, b: Player) -> None:
    """a asks, b accepts, through the API."""
    asked = world.client.post("/api/friends/requests", json={"player_id": public_id(world, b)}, headers=a.headers)
    assert asked.status_code == 200, asked.text
    accepted = world.client.post(f"/api/friends/requests/{public_id(world, a)}/accept", headers=b.headers)
    assert accepted.status_code == 200, accepted.text


def set_visibility(world: World, player: Player, visibility: str) -> None:
    response = world.client.put("/api/users/me/visibility", json={"visibility": visibility}, headers=player.headers)
    assert response.json() == {"visibility": visibility}, response.text


def add_week_score(world: World, user_id: int, week_start: date, score: int, listed: bool = True) -> None:
    """A weekly score as the workouts would have left it (set-up for ranking tests)."""
    with world.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO weekly_scores (user_id, week_start, score, listed, day1_xp)"
                " VALUES (:user_id, :week_start, :score, :listed, :score)"
            ),
            {"user_id": user_id, "week_start": week_start, "score": score, "listed": listed},
        )
        if listed and score > 0:  # and counted in the week's tally, as a workout would have
            connection.execute(
                text(
                    "INSERT INTO weekly_score_tally (week_start, score, players) VALUES (:week_start, :score, 1)"
                    " ON CONFLICT (week_start, score) DO UPDATE SET players = weekly_score_tally.players + 1"
                ),
                {"week_start": week_start, "score": score},
            )


def as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def week_tally(connection: Connection) -> dict[tuple[date, int], int]:
    """The tally as stored: (week, score) -> listed players; rows holding 0 left out."""
    query = text("SELECT week_start, score, players FROM weekly_score_tally WHERE players <> 0")
    return {(as_date(week), score): players for week, score, players in connection.execute(query)}


def recounted_tally(connection: Connection) -> dict[tuple[date, int], int]:
    """The tally counted from scratch from the weekly scores."""
    query = text(
        "SELECT week_start, score, count(*) FROM weekly_scores WHERE listed = :yes AND score > 0"
        " GROUP BY week_start, score"
    )
    return {(as_date(week), score): players for week, score, players in connection.execute(query, {"yes": True})}


def board_at(world: World, player: Player, period: str, scope: str, now: datetime) -> boards.Board:
    """A board as the player would see it at `now`."""

    async def read() -> boards.Board:
        database = Database(make_async_engine(world.engine.url, poolclass=pool.NullPool))
        try:
            async with database.reading() as session:
                me = await load_player(session, player.id)
                assert me is not None
                return await boards.board(session, me, period, scope, now)  # type: ignore[arg-type]
        finally:
            await database.dispose()

    return run(read())
