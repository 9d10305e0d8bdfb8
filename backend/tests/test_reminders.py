"""Reminders come at the player's local time, across daylight-saving changes,
at most once a local day, and never on a day the player trained."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from support.fake_telegram import FakeTelegram
from support.telegram import bot_settings, link_telegram, outbox_rows, run_worker_at

STEP = timedelta(minutes=30)


def moments(zone: str, first_day: date, days: int) -> list[datetime]:
    """Every STEP from the first local midnight to the last, in UTC."""
    start = datetime.combine(first_day, time(0), ZoneInfo(zone)).astimezone(UTC)
    end = datetime.combine(first_day + timedelta(days=days), time(0), ZoneInfo(zone)).astimezone(UTC)
    steps = []
    while start < end:
        steps.append(start)
        start += STEP
    return steps


def local(zone: str, day: date, hour: int, minute: int, fold: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(zone)).replace(fold=fold)


# zone, reminder time, the two local days simulated, the moments the reminders are due
CASES = {
    # Spring forward on 29 March: 02:30 does not exist that night, so it comes at 03:00.
    "berlin-skipped-time": ("Europe/Berlin", "02:30", date(2026, 3, 28), [(2, 30), (3, 0)]),
    # Fall back on 1 November: 01:30 happens twice; it comes once, the first time.
    "new-york-repeated-time": ("America/New_York", "01:30", date(2026, 10, 31), [(1, 30), (1, 30)]),
    # Daylight saving ends on 5 April: 08:00 stays 08:00 local (21:00 then 22:00 UTC).
    "sydney-same-local-time": ("Australia/Sydney", "08:00", date(2026, 4, 4), [(8, 0), (8, 0)]),
    # No daylight saving, a half-hour offset.
    "kolkata": ("Asia/Kolkata", "19:30", date(2026, 3, 28), [(19, 30), (19, 30)]),
}


@pytest.mark.parametrize("case", CASES)
def test_reminders_at_local_time_once_a_day_and_not_after_training(case, world, migrated_url):
    zone, at, first_day, due = CASES[case]
    second_day = first_day + timedelta(days=1)
    lazy = world.player()
    trained = world.player()  # trained on the first day
    silent = world.player()  # no reminder time
    link_telegram(world.engine, lazy.id, 1001, timezone=zone, reminder_time=time.fromisoformat(at))
    link_telegram(
        world.engine,
        trained.id,
        1002,
        timezone=zone,
        reminder_time=time.fromisoformat(at),
        last_workout_date=first_day,
        current_streak=1,
        max_streak=1,
    )
    link_telegram(world.engine, silent.id, 1003, timezone=zone)

    with FakeTelegram(world.client.app.state.settings.telegram_bot_token) as fake:
        run_worker_at(bot_settings(migrated_url, fake.url), moments(zone, first_day, 2))
        expected = [local(zone, day, *hm) for day, hm in zip((first_day, second_day), due, strict=True)]
        sent = {row.user_id: [] for row in outbox_rows(world.engine)}
        for row in outbox_rows(world.engine):
            assert row.status == "sent", row
            sent[row.user_id].append(row.sent_at)
        assert sent[lazy.id] == [moment.astimezone(UTC) for moment in expected]
        assert sent[trained.id] == [expected[1].astimezone(UTC)]
        assert silent.id not in sent
        assert [call.chat_id for call in fake.sent()].count(1001) == 2
        assert [call.chat_id for call in fake.sent()].count(1002) == 1


def test_evening_streak_notice_only_when_the_streak_is_at_risk(world, migrated_url):
    zone = "Europe/Moscow"
    day = date(2026, 6, 10)
    at_risk = world.player()
    safe = world.player()  # trained today
    unasked = world.player()
    for player, chat, last in ((at_risk, 2001, day - timedelta(days=1)), (safe, 2002, day), (unasked, 2003, None)):
        link_telegram(
            world.engine,
            player.id,
            chat,
            timezone=zone,
            streak_notice=player is not unasked,
            last_workout_date=last or day - timedelta(days=1),
            current_streak=4,
            max_streak=4,
        )
    with FakeTelegram(world.client.app.state.settings.telegram_bot_token) as fake:
        run_worker_at(bot_settings(migrated_url, fake.url), moments(zone, day, 1))
        calls = fake.sent()
        assert [call.chat_id for call in calls] == [2001]
        assert "4 дня" in calls[0].text or "4 days" in calls[0].text
        (row,) = outbox_rows(world.engine)
        assert row.kind == "streak_notice"
        assert row.sent_at.astimezone(ZoneInfo(zone)).time() == time(20, 0)
