"""Logging a workout, and what it sets off in the same transaction: the achievements
it earns (paid through the ledger, after the workout's own coins) and their notices."""

from dataclasses import dataclass
from datetime import datetime

from bodyweight.achievements import flows as achievement_flows
from bodyweight.achievements import rules as achievement_rules
from bodyweight.achievements import service as achievements
from bodyweight.db import WriteSession
from bodyweight.exercises.service import Catalogue
from bodyweight.users.player import Player
from bodyweight.workouts import service
from bodyweight.workouts.schemas import WorkoutCreate


@dataclass(frozen=True, slots=True)
class WorkoutLogged:
    reward: service.WorkoutReward
    achievements: tuple[achievements.Earned, ...]
    coins: int  # the balance after the workout's coins and the achievements' rewards


async def log_workout(
    session: WriteSession, player: Player, data: WorkoutCreate, catalogue: Catalogue, now: datetime | None = None
) -> WorkoutLogged:
    """`player` must be locked (deps.LockedPlayer), as for service.log_workout."""
    reward = await service.log_workout(session, player, data, catalogue, now)
    workout = reward.workout
    done = achievement_rules.WorkoutDone(
        started_at=workout.started_at,
        finished_at=workout.finished_at,
        timezone=player.timezone,
        sets=tuple(
            achievement_rules.SetDone(s.exercise_id, catalogue.get(s.exercise_id).category_id, s.reps, s.seconds)
            for s in workout.sets
        ),
    )
    families = {e.id: e.category_id for e in catalogue.exercises.values()}
    awarded = await achievements.after_workout(
        session,
        player.id,
        workout.id,
        done,
        families,
        level=reward.outcome.level,
        best_streak=reward.outcome.max_streak,
    )
    await achievement_flows.announce(session, player, awarded.earned)
    return WorkoutLogged(reward, awarded.earned, reward.coins if awarded.coins is None else awarded.coins)
