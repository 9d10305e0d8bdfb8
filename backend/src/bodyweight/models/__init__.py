"""Every ORM model, imported here so `Base.metadata` knows the whole schema."""

from bodyweight.models.achievements import UserAchievement
from bodyweight.models.auth import SignInAttempt
from bodyweight.models.base import Base, UTCDateTime
from bodyweight.models.coins import CoinTransaction
from bodyweight.models.exercises import Exercise, ExerciseCategory
from bodyweight.models.idempotency import IdempotencyKey
from bodyweight.models.imports import ImportedPlayer, ImportedUnmatchedSets
from bodyweight.models.notifications import Notification, OutboxMessage
from bodyweight.models.progression import StreakFreezeUse, WeeklyGoalReward
from bodyweight.models.routines import Routine, RoutineStep
from bodyweight.models.shop import UserAvatarPurchase
from bodyweight.models.social import FriendInvite, Friendship, PlayerBlock, SearchQuota, WeeklyScore, WeeklyScoreTally
from bodyweight.models.users import User
from bodyweight.models.workouts import Workout, WorkoutSet

__all__ = [
    "Base",
    "CoinTransaction",
    "Exercise",
    "ExerciseCategory",
    "FriendInvite",
    "Friendship",
    "IdempotencyKey",
    "ImportedPlayer",
    "ImportedUnmatchedSets",
    "Notification",
    "OutboxMessage",
    "PlayerBlock",
    "SearchQuota",
    "Routine",
    "RoutineStep",
    "SignInAttempt",
    "StreakFreezeUse",
    "User",
    "UTCDateTime",
    "UserAchievement",
    "UserAvatarPurchase",
    "WeeklyGoalReward",
    "WeeklyScore",
    "WeeklyScoreTally",
    "Workout",
    "WorkoutSet",
]
