"""Demo data: a few players with a week of workouts, scored by the real rules."""

import random
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodyweight.auth.schemas import RegisterRequest
from bodyweight.auth.service import register
from bodyweight.models import Exercise, User
from bodyweight.workouts.schemas import SetCreate, WorkoutCreate
from bodyweight.workouts.service import log_workout

DEMO_PLAYERS = ("demo_ada", "demo_bruno", "demo_chen", "demo_dasha", "demo_emeka")


def fill(session: Session, seed: int = 7, now: datetime | None = None) -> dict[str, str]:
    """Create the demo players that do not exist yet; returns their new passwords."""
    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    exercises = list(session.scalars(select(Exercise).order_by(Exercise.id)))
    created = {}
    for username in DEMO_PLAYERS:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            continue
        password = secrets.token_urlsafe(12)
        user = register(session, RegisterRequest(username=username, password=password))
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
            session.refresh(user)
            log_workout(session, user, workout, now=now)
        created[username] = password
    return created
