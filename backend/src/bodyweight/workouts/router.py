from fastapi import APIRouter

from bodyweight.deps import CurrentUser, LockedUser, SessionDep
from bodyweight.errors import NotAuthenticated, responses
from bodyweight.idempotency import IdempotencyKeyHeader, IdempotencyKeyReused, run_once
from bodyweight.schemas import InvalidCursor, Page, PageCursor, PageLimit
from bodyweight.workouts import service
from bodyweight.workouts.schemas import WorkoutCreate, WorkoutRead, WorkoutResult

router = APIRouter(
    prefix="/api/workouts", tags=["workouts"], responses=responses(NotAuthenticated, validation=False)
)


@router.post(
    "", status_code=201, response_model=WorkoutResult,
    responses=responses(
        service.UnknownExercise, service.WrongMeasure, service.InvalidWorkoutTime, IdempotencyKeyReused
    ),
    summary="Log a finished workout; the server computes XP, coins, level and streak",
)
def log_workout(
    data: WorkoutCreate, user: LockedUser, session: SessionDep, idempotency_key: IdempotencyKeyHeader = None
):
    return run_once(
        session, user.id, idempotency_key, f"POST /api/workouts\n{data.model_dump_json()}",
        lambda: service.log_workout(session, user, data), status_code=201,
    )


@router.get(
    "", response_model=Page[WorkoutRead], responses=responses(InvalidCursor),
    summary="The caller's workouts, newest first",
)
def list_workouts(
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = 20,
    cursor: PageCursor = None,
) -> Page[WorkoutRead]:
    return service.history(session, user, limit, cursor)
