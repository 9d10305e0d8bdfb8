"""When a player is due a reminder: pure functions of their settings and "now".

Times are compared on the player's wall clock, so a reminder at 08:00 comes at
08:00 local time in winter and in summer. A time that a daylight-saving change
skips (02:30 on a spring-forward night) comes at the first minute after the
jump; a time that happens twice (an autumn night) is sent once, because the
outbox holds one reminder per player and local day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bodyweight import rules

REMINDER = "reminder"
STREAK_NOTICE = "streak_notice"
# The kinds that belong to one local day: stale once that day is over.
DAILY_KINDS = frozenset({REMINDER, STREAK_NOTICE})


@dataclass(frozen=True, slots=True)
class Due:
    kind: str
    local_date: date
    params: dict[str, int]


def _in_window(wall: datetime, at: time, window: timedelta) -> bool:
    """`at` <= the wall-clock time < `at` + window, within the same local day."""
    start = datetime.combine(wall.date(), at)
    return start <= wall < start + window


def reminders_due(
    now: datetime,
    zone: str,
    reminder_time: time | None,
    streak_notice: bool,
    last_workout_date: date | None,
    current_streak: int,
    *,
    notice_time: time,
    window: timedelta,
) -> list[Due]:
    """What the player is due at `now`: nothing on a day they already trained."""
    wall = now.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    today = wall.date()
    if last_workout_date is not None and last_workout_date >= today:
        return []
    due = []
    if reminder_time is not None and _in_window(wall, reminder_time, window):
        due.append(Due(REMINDER, today, {}))
    streak = rules.live_streak(last_workout_date, current_streak, today)
    if streak_notice and streak > 0 and _in_window(wall, notice_time, window):
        due.append(Due(STREAK_NOTICE, today, {"streak": streak}))
    return due


def still_wanted(kind: str, local_date: date, today: date, last_workout_date: date | None) -> bool:
    """Checked again just before sending: a daily message is dropped once its day
    is over, or when the player trained after it was scheduled."""
    if kind not in DAILY_KINDS:
        return True
    trained = last_workout_date is not None and last_workout_date >= local_date
    return today == local_date and not trained
