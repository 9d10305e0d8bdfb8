"""Demo data: a few players with a week of workouts, scored by the real rules."""

import random
import secrets
from datetime import UTC, datetime, timedelta

from bodyweight.auth import service as accounts
from bodyweight.db import Database
from bodyweight.exercises.service import load_catalogue
from bodyweight.users.player import load_player
from bodyweight.workouts.schemas import SetCreate, WorkoutCreate
from bodyweight.workouts.service import log_workout

DEMO_PLAYERS = ("demo_ada", "demo_bruno", "demo_chen", "demo_dasha", "demo_emeka")


async def fill(database: Database, seed: int = 7, now: datetime | None = None) -> dict[str, str]:
    """Create the demo players that do not exist yet; returns their new passwords.
    Each player's workouts are logged as the API logs them, one transaction each."""
    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    async with database.reading() as session:
        catalogue = await load_catalogue(session)
    exercises = sorted(catalogue.exercises.values(), key=lambda e: e.id)
    created = {}
    for username in DEMO_PLAYERS:
        async with database.reading() as session:
            if await accounts.find_account(session, username) is not None:
                continue
        password = secrets.token_urlsafe(12)
        password_hash = await accounts.hash_in_thread(password)
        async with database.writing() as session:
            player = await accounts.register(session, username, password_hash, None, "en")
        for days_ago in sorted(rng.sample(range(7), rng.randint(3, 7)), reverse=True):
            finished = now - timedelta(days=days_ago, hours=rng.randint(1, 5))
            sets = [
                SetCreate(exercise=e.id, seconds=rng.randint(20, 90))
                if e.is_timed
                else SetCreate(exercise=e.id, reps=rng.randint(5, 30))
                for e in rng.sample(exercises, rng.randint(3, 8))
            ]
            workout = WorkoutCreate(
                started_at=finished - timedelta(minutes=rng.randint(15, 70)),
                finished_at=finished,
                sets=sets,
            )
            async with database.writing() as session:
                locked = await load_player(session, player.id, lock=True)
                assert locked is not None
                await log_workout(session, locked, workout, catalogue, now=now)
        created[username] = password
    return created
