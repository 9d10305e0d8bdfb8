"""Times for workouts that land on predictable local days."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo


def noon_zone(now: datetime | None = None) -> str:
    """A fixed-offset IANA zone in which it is now between 11:30 and 12:30, so any
    time within a few hours either side falls on the same local day."""
    now = now or datetime.now(UTC)
    offset = 12 - round(now.hour + now.minute / 60)
    offset = max(-12, min(14, offset))
    # POSIX-style names invert the sign: Etc/GMT-3 is three hours ahead of UTC.
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


def evening_zone(now: datetime | None = None) -> str:
    """A fixed-offset IANA zone in which it is now between 18:30 and 19:30, so workouts
    of the last few hours start after 14:00 and end before 22:00 the same day: none of
    them is early, at lunch, late at night or across midnight (achievements)."""
    now = now or datetime.now(UTC)
    offset = (19 - round(now.hour + now.minute / 60) + 12) % 24 - 12  # within -12..+11
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


def local_today(zone: str, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(zone)).date()


def workout(finished_ago: timedelta, minutes: int, *sets: dict) -> dict:
    finished = datetime.now(UTC) - finished_ago
    return {
        "started_at": (finished - timedelta(minutes=minutes)).isoformat(),
        "finished_at": finished.isoformat(),
        "sets": list(sets),
    }


def reps(exercise: str, count: int) -> dict:
    return {"exercise": exercise, "reps": count}


def seconds(exercise: str, count: int) -> dict:
    return {"exercise": exercise, "seconds": count}


def zone_at_offset(hours: int) -> str:
    """The fixed-offset IANA zone `hours` ahead of UTC (-12..14)."""
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"


def zones_a_day_apart(days: int, now: datetime | None = None) -> tuple[str, str]:
    """(home, away): two fixed-offset zones where the calendar day is now `days`
    (+1 or -1) later away than at home, both at least an hour from either
    midnight, so a workout of the last half hour falls on those days."""
    now = now or datetime.now(UTC)
    for home in range(-12, 15):
        for away in range(-12, 15):
            here, there = now + timedelta(hours=home), now + timedelta(hours=away)
            if not (1 <= here.hour < 23 and 1 <= there.hour < 23):
                continue
            if (there.date() - here.date()).days == days:
                return zone_at_offset(home), zone_at_offset(away)
    raise AssertionError(f"no pair of zones {days} day(s) apart at {now}")
