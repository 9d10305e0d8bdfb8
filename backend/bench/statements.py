"""SQL statements per request, counted in-process on the benchmark's database.

The app runs in this process (FastAPI's TestClient, lifespan and all) with a
`before_cursor_execute` listener on its engine: every statement the request sends
through SQLAlchemy is counted. The transaction's BEGIN and COMMIT are the
driver's, not statements, and are not counted. Nothing of this lives in the app.
"""

import json
import uuid
from collections.abc import Callable
from functools import partial

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import event

from bench.workload import Stream
from bodyweight.achievements.catalogue import load_achievements
from bodyweight.app import create_app
from bodyweight.auth.tokens import issue_access_token
from bodyweight.config import Settings

SAMPLES = 3


def _kind(statement: str) -> str:
    """ "INSERT workout_sets", "SELECT users", ...: what a statement does, and to what."""
    words = statement.replace("\n", " ").split()
    verb = words[0].upper()
    keyword = {"INSERT": "INTO", "UPDATE": None, "DELETE": "FROM", "SELECT": "FROM"}.get(verb)
    if verb == "UPDATE":
        return f"UPDATE {words[1]}"
    # The first table named after the keyword (a board reads from subqueries first).
    tables = [
        words[n + 1]
        for n, word in enumerate(words[:-1])
        if word.upper() == keyword and not words[n + 1].startswith("(")
    ]
    return f"{verb} {tables[0]}" if tables else verb


class StatementCounter:
    def __init__(self, engine) -> None:
        self.statements: list[str] = []
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, _conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        self.statements.append(_kind(statement))

    def during(self, send) -> list[str]:
        self.statements = []
        response = send()
        if response.status_code >= 300:
            raise RuntimeError(f"counting statements: {response.status_code} {response.text[:300]}")
        return self.statements


def _earned_everything(database_url: str, players: list[int]) -> None:
    """Give the players every achievement, as a long-standing player has: a request
    then earns none, and its count is the usual one. (The dataset loads histories
    straight into the tables, so without this a sampled player's first workout would
    also pay out every achievement that history has reached.)"""
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "INSERT INTO user_achievements (user_id, achievement_slug)"
            " SELECT p, s FROM unnest(%s::int[]) p, unnest(%s::text[]) s ON CONFLICT DO NOTHING",
            [players, [a.slug for a in load_achievements()]],
        )


def _with_sets(body: str, count: int) -> str:
    workout = json.loads(body)
    workout["sets"] = (workout["sets"] * (1 + count // len(workout["sets"])))[:count]
    return json.dumps(workout)


def count(database_url: str, secret_key: str, streams: dict[str, Stream]) -> dict[str, dict]:
    """{scenario: {"statements": n, "kinds": [what each did]}} for each endpoint the benchmark
    drives, and for workouts of 1 and 100 sets (the count must not grow with sets)
    and requests carrying an Idempotency-Key (one claim, one stored response), by
    players who have earned every achievement; and for a workout that earns some."""
    settings = Settings(_env_file=None, database_url=database_url, secret_key=secret_key, log_level="WARNING")
    results: dict[str, dict] = {}
    with TestClient(create_app(settings)) as client:
        counter = StatementCounter(client.app.state.database.engine.sync_engine)

        def auth(player: int, key: bool = False) -> dict:
            headers = {"Authorization": f"Bearer {issue_access_token(player, f'bench{player}', secret_key)}"}
            return headers | ({"Idempotency-Key": uuid.uuid4().hex} if key else {})

        def measure(
            label: str,
            stream: Stream,
            shape: Callable[[str], str] | None = None,
            key: bool = False,
            earned: bool = True,
            public: bool = False,
        ) -> None:
            """`shape`: for a stream with bodies, what to make of each request's own;
            `earned`: whether the players have every achievement already (the usual case);
            `public`: make the players public first, through the app (a workout of a
            public player also moves them in the week boards' tally: the most it costs)."""
            seen = []
            first = stream.offset
            samples = list(stream.take(SAMPLES))
            if earned:
                _earned_everything(database_url, [player for player, _ in samples])
            for player, _ in samples if public else ():
                made = client.put("/api/users/me/visibility", json={"visibility": "public"}, headers=auth(player))
                if made.status_code != 200:
                    raise RuntimeError(f"making a player public: {made.status_code} {made.text[:300]}")
            for n, (player, arg) in enumerate(samples):
                body = shape(stream.body_at(first + n)) if shape else None
                headers = auth(player, key) | ({"Content-Type": "application/json"} if body else {})
                path = stream.path.replace("{arg}", arg)
                seen.append(counter.during(partial(client.request, stream.method, path, headers=headers, content=body)))
            most = max(seen, key=len)
            results[label] = {"statements": len(most), "kinds": most}

        # Each worker reads the exercise catalogue once, on first use: not per request.
        client.get("/api/exercises/categories")
        measure("purchase", streams["purchase"])
        measure("purchase, Idempotency-Key", streams["purchase"], key=True)
        measure("my avatars", streams["my avatars"])
        measure("profile", streams["profile"])
        measure("workout, 10 sets", streams["workout"], str, public=True)
        measure("workout, 10 sets, Idempotency-Key", streams["workout"], str, key=True, public=True)
        measure("workout, 1 set", streams["workout"], partial(_with_sets, count=1), public=True)
        measure("workout, 100 sets", streams["workout"], partial(_with_sets, count=100), public=True)
        measure("workout earning achievements", streams["workout"], str, earned=False, public=True)
        measure("week board", streams["week board"])
        measure("friends board", streams["friends board"])
    return results
