"""Which achievements are met: pure functions, no I/O, no clock.

Every achievement waits for one number, its `metric` (catalogue.Achievement), to reach
its target. The service gathers the numbers that accumulate over time (workouts logged,
volume per family, variety, avatars bought) from the database, takes level and best
streak from the player's new state, and `feats` reads the rest off the workout itself.

Times of day are the player's own: a workout's moments are turned into local wall-clock
time in the player's IANA zone, daylight saving included, never compared in UTC.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bodyweight import rules
from bodyweight.achievements.catalogue import Achievement

EARLY_BIRD = (time(4), time(7))  # the workout starts in [04:00, 07:00)
NIGHT_OWL = (time(22), time(4))  # it finishes at 22:00 or later, or before 04:00
LUNCH_BREAK = (time(12), time(14))  # it starts in [12:00, 14:00)
FULL_BODY = frozenset({"push", "pull", "legs", "core"})  # exercise categories, one set each
MIN_DOUBLED_BEST = 10  # doubling a best of 1 or 2 is no feat
RECORD_RULES = frozenset({"records", "record_doubled", "hold_record"})


@dataclass(frozen=True, slots=True)
class SetDone:
    exercise: str
    family: str  # the exercise's category
    reps: int | None
    seconds: int | None

    @property
    def amount(self) -> int:
        """Reps, or seconds for a timed set: what a personal best compares."""
        amount = self.reps if self.reps is not None else self.seconds
        assert amount is not None  # exactly one of the two is set
        return amount


@dataclass(frozen=True, slots=True)
class WorkoutDone:
    """A workout just logged, as the achievements see it."""

    started_at: datetime
    finished_at: datetime
    timezone: str  # the player's, when it was logged
    sets: tuple[SetDone, ...]


def _between(moment: time, window: tuple[time, time]) -> bool:
    start, end = window
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end  # the window spans midnight


def best_sets(workout: WorkoutDone) -> dict[str, int]:
    """The workout's best set of each exercise (reps, or seconds if timed)."""
    best: dict[str, int] = {}
    for s in workout.sets:
        best[s.exercise] = max(best.get(s.exercise, 0), s.amount)
    return best


def feats(workout: WorkoutDone, earlier_best: Mapping[str, int]) -> dict[str, int]:
    """The numbers one workout reaches on its own. `earlier_best`: the player's best
    set of each of its exercises over every other workout (absent if never done)."""
    zone = ZoneInfo(workout.timezone)
    start, end = workout.started_at.astimezone(zone), workout.finished_at.astimezone(zone)
    best = best_sets(workout)
    beaten = [exercise for exercise, amount in best.items() if amount > earlier_best.get(exercise, amount)]
    timed = {s.exercise for s in workout.sets if s.seconds is not None}
    return {
        "full_body": int(FULL_BODY <= {s.family for s in workout.sets}),
        "long_workout": int((workout.finished_at - workout.started_at).total_seconds() // 60),
        "workout_reps": sum(rules.effective_reps(reps=s.reps, seconds=s.seconds) for s in workout.sets),
        "early_bird": int(_between(start.time(), EARLY_BIRD)),
        "night_owl": int(_between(end.time(), NIGHT_OWL)),
        "lunch_break": int(_between(start.time(), LUNCH_BREAK)),
        "midnight": int(start.date() != end.date()),
        "new_year": int((1, 1) in {(start.month, start.day), (end.month, end.day)}),
        "records": len(beaten),
        "record_doubled": int(
            any(earlier_best[e] >= MIN_DOUBLED_BEST and best[e] >= 2 * earlier_best[e] for e in beaten)
        ),
        "hold_record": int(any(e in timed for e in beaten)),
    }


def newly_met(
    achievements: Iterable[Achievement], values: Mapping[str, int], earned: Collection[str]
) -> list[Achievement]:
    """The achievements not earned yet whose number has reached its target."""
    return [a for a in achievements if a.slug not in earned and values.get(a.metric, 0) >= a.target]


def current(achievement: Achievement, values: Mapping[str, int], earned: bool) -> int:
    """How far the player is, from 0 to the target. An earned one shows its target
    whatever happened since (a streak that later broke); a feat of one workout
    shows 0 until some workout does it."""
    if earned:
        return achievement.target
    return min(values.get(achievement.metric, 0), achievement.target)
