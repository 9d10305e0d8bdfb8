"""What the clients send: a bearer token per player (minted with the server's
secret, as sign-in would), fresh (player, avatar) pairs to buy, and workouts.

Players and pairs are shuffled once, so concurrent requests rarely touch the
same player, as with real traffic spread over 100,000 players.
"""

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from bodyweight.auth.tokens import issue_access_token
from bodyweight.shop.catalogue import AVATARS

SETS_PER_WORKOUT = 10
# A player's workouts may not overlap (fair play), so each of a player's workouts
# in the benchmark takes the next time slot: 50 s long, a minute apart, all within
# the hour before the run (the loaded workouts all ended earlier than that).
WORKOUT_SLOTS = 58
WORKOUT_SLOT = timedelta(minutes=1)
WORKOUT_LENGTH = timedelta(seconds=50)


def mint_tokens(players: int, secret_key: str) -> list[str]:
    """tokens[player_id]; index 0 is unused."""
    return [""] + [
        issue_access_token(player_id, f"bench{player_id}", secret_key) for player_id in range(1, players + 1)
    ]


def affordable_pairs(database_url: str) -> list[tuple[int, str]]:
    """Every (player, paid avatar) the player's level allows and they don't own,
    shuffled (the loaded balances cover them all)."""
    paid = [a for a in AVATARS if not a.is_free]
    with psycopg.connect(database_url) as conn:
        conn.execute("SELECT setseed(0.7)")
        return conn.execute(
            """
            SELECT u.id, a.id FROM users u
            JOIN unnest(%s::text[], %s::int[]) AS a(id, required_level) ON u.level >= a.required_level
            WHERE NOT EXISTS (
                SELECT 1 FROM user_avatar_purchases p WHERE p.user_id = u.id AND p.avatar_id = a.id
            )
            ORDER BY random()
            """,
            [[a.id for a in paid], [a.required_level for a in paid]],
        ).fetchall()


def workout_bodies(database_url: str, now: datetime | None = None) -> list[str]:
    """Workouts of 10 sets over varied exercises, one per time slot: the n-th ended
    n minutes and a half ago (see Stream.body_at)."""
    with psycopg.connect(database_url) as conn:
        exercises = conn.execute("SELECT id, is_timed FROM exercises ORDER BY id").fetchall()
    rng = random.Random(10)
    bodies = []
    for slot in range(WORKOUT_SLOTS):
        finished = (now or datetime.now(UTC)) - timedelta(seconds=30) - slot * WORKOUT_SLOT
        started = finished - WORKOUT_LENGTH
        sets = [
            {"exercise": exercise, "seconds": rng.randint(20, 120)}
            if timed
            else {"exercise": exercise, "reps": rng.randint(5, 30)}
            for exercise, timed in rng.choices(exercises, k=SETS_PER_WORKOUT)
        ]
        bodies.append(
            json.dumps({"started_at": started.isoformat(), "finished_at": finished.isoformat(), "sets": sets})
        )
    return bodies


@dataclass
class Stream:
    """A scenario's supply of requests, consumed across runs. Fresh purchase pairs
    are never reused (a second purchase would only be "already owned"); players
    for reads and workouts come round again."""

    name: str
    method: str
    path: str
    items: list[tuple[int, str]]
    bodies: list[str] = field(default_factory=list)
    reusable: bool = True
    offset: int = 0

    def upcoming(self, count: int) -> list[tuple[int, str]]:
        if not self.reusable:
            chosen = self.items[self.offset : self.offset + count]
            if not chosen:
                raise RuntimeError(f"{self.name}: no fresh items left; load more players")
            return chosen
        start = self.offset % len(self.items)
        rotated = self.items[start:] + self.items[:start]
        return (rotated * (1 + count // len(rotated)))[:count]

    def consume(self, used: int) -> None:
        self.offset += used

    def take(self, count: int) -> list[tuple[int, str]]:
        chosen = self.upcoming(count)
        self.consume(len(chosen))
        return chosen

    def body_at(self, position: int) -> str:
        """The body of the stream's request at `position` (counted over all runs).
        Items come round in a fixed order, so that is the player's
        (position // len(items))-th request: each takes the next body's time slot."""
        return self.bodies[(position // len(self.items)) % len(self.bodies)]

    def spec(self, tokens: list[str], limit: int) -> dict:
        return {
            "name": self.name,
            "method": self.method,
            "path": self.path,
            "items": [[tokens[player], arg] for player, arg in self.upcoming(limit)],
            "bodies": self.bodies,
            # For the load generator to pick body_at(first + n) for its n-th request.
            "first": self.offset,
            "round": len(self.items),
        }


def scenarios(database_url: str, players: int, seed: int = 3) -> dict[str, Stream]:
    rng = random.Random(seed)

    def shuffled_players() -> list[tuple[int, str]]:
        order = [(player, "") for player in range(1, players + 1)]
        rng.shuffle(order)
        return order

    return {
        "purchase": Stream(
            "purchase", "POST", "/api/avatars/{arg}/purchase", affordable_pairs(database_url), reusable=False
        ),
        "my avatars": Stream("my avatars", "GET", "/api/users/me/avatars", shuffled_players()),
        "profile": Stream("profile", "GET", "/api/users/me", shuffled_players()),
        "workout": Stream("workout", "POST", "/api/workouts", shuffled_players(), workout_bodies(database_url)),
        "week board": Stream("week board", "GET", "/api/boards/week?scope=global", shuffled_players()),
        "friends board": Stream("friends board", "GET", "/api/boards/week?scope=friends", shuffled_players()),
    }


def write_spec(
    path: Path,
    streams: list[Stream],
    tokens: list[str],
    *,
    host: str,
    port: int,
    clients: int,
    warmup: float,
    duration: float,
    limit: int,
) -> None:
    path.write_text(
        json.dumps(
            {
                "host": host,
                "port": port,
                "clients": clients,
                "warmup": warmup,
                "duration": duration,
                "workloads": [stream.spec(tokens, limit) for stream in streams],
            }
        )
    )
