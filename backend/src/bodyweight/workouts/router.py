from fastapi import APIRouter, Response

from bodyweight import rules
from bodyweight.achievements.schemas import EarnedAchievementRead
from bodyweight.deps import CurrentPlayer, ReadSession, RequestLocale
from bodyweight.errors import SIGNED_IN, responses
from bodyweight.exercises.router import CatalogueDep
from bodyweight.exercises.service import UnknownExercise, WrongMeasure
from bodyweight.goals.service import Paid
from bodyweight.i18n import Locale
from bodyweight.idempotency import IdempotencyKeyReused, Once
from bodyweight.schemas import (
    InvalidCursor,
    Page,
    PageCursor,
    PageLimit,
    aware_datetime,
    decode_cursor,
    page_of,
    reply,
    row_id,
)
from bodyweight.workouts import flows, service
from bodyweight.workouts.overlap import WorkoutOverlaps
from bodyweight.workouts.schemas import (
    CoinBreakdownRead,
    RecordRead,
    SetRead,
    WeeklyGoalPaidRead,
    WorkoutCreate,
    WorkoutRead,
    WorkoutResult,
)

router = APIRouter(prefix="/api/workouts", tags=["workouts"], responses=responses(*SIGNED_IN, validation=False))


def _result(logged: flows.WorkoutLogged, locale: Locale) -> WorkoutResult:
    reward = logged.reward
    workout, outcome, before = reward.workout, reward.outcome, reward.before
    return WorkoutResult(
        id=workout.id,
        started_at=workout.started_at,
        finished_at=workout.finished_at,
        local_date=workout.local_date,
        xp_earned=workout.xp_earned,
        coins_earned=workout.coins_earned,
        sets=[SetRead.model_validate(s) for s in workout.sets],
        level=outcome.level,
        level_up=outcome.level_up,
        level_before=rules.level_for_xp(before.total_xp),
        total_xp=outcome.total_xp,
        xp_before=before.total_xp,
        level_xp=rules.xp_for_level(outcome.level),
        next_level_xp=rules.xp_for_level(outcome.level + 1),
        coins=logged.coins,
        coins_breakdown=CoinBreakdownRead.model_validate(outcome.coins),
        daily_coin_cap=rules.DAILY_COIN_CAP,
        coins_earned_today=outcome.daily_coins_earned,
        current_streak=outcome.streak_now,
        streak_before=outcome.streak_before,
        max_streak=outcome.max_streak,
        first_of_day=outcome.first_of_day,
        achievements=[EarnedAchievementRead.of(e.achievement, locale) for e in logged.achievements],
        streak_counted=outcome.streak_counted,
        frozen_days=list(outcome.frozen_days),
        streak_freezes=outcome.streak_freezes,
        records=[RecordRead(exercise=r.exercise_id, best=r.best, previous=r.previous) for r in reward.records],
        weekly_goal=_goal_paid(reward.weekly_goal),
    )


def _goal_paid(paid: Paid | None) -> WeeklyGoalPaidRead | None:
    if paid is None:
        return None
    return WeeklyGoalPaidRead(
        week_start=paid.week_start,
        metric=paid.goal.metric,  # type: ignore[arg-type]  # one of rules.GOAL_METRICS
        target=paid.goal.target,
        coins=paid.coins,
    )


@router.post(
    "",
    status_code=201,
    response_model=WorkoutResult,
    responses=responses(
        UnknownExercise, WrongMeasure, service.InvalidWorkoutTime, WorkoutOverlaps, IdempotencyKeyReused
    ),
    summary="Log a finished workout; the server computes XP, coins, level and streak",
)
async def log_workout(data: WorkoutCreate, once: Once, catalogue: CatalogueDep, locale: RequestLocale) -> Response:
    logged = await flows.log_workout(once.session, once.player, data, catalogue)
    return await once.respond(_result(logged, locale))


@router.get(
    "",
    response_model=Page[WorkoutRead],
    responses=responses(InvalidCursor),
    summary="The caller's workouts, newest first",
)
async def list_workouts(
    player: CurrentPlayer, session: ReadSession, limit: PageLimit = 20, cursor: PageCursor = None
) -> Response:
    after = decode_cursor(cursor, aware_datetime, row_id) if cursor is not None else None
    workouts = await service.history(session, player.id, limit + 1, after)
    return reply(page_of(workouts, limit, WorkoutRead, lambda w: (w.finished_at.isoformat(), w.id)))
