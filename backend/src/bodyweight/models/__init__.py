"""Every ORM model, imported here so `Base.metadata` knows the whole schema."""

from bodyweight.models.auth import SignInAttempt
from bodyweight.models.base import Base, UTCDateTime
from bodyweight.models.coins import CoinTransaction
from bodyweight.models.exercises import Exercise, ExerciseCategory
from bodyweight.models.idempotency import IdempotencyKey
from bodyweight.models.shop import UserAvatarPurchase
from bodyweight.models.users import User
from bodyweight.models.workouts import Workout, WorkoutSet

__all__ = [
    "Base",
    "CoinTransaction",
    "Exercise",
    "ExerciseCategory",
    "IdempotencyKey",
    "SignInAttempt",
    "User",
    "UTCDateTime",
    "UserAvatarPurchase",
    "Workout",
    "WorkoutSet",
]
