"""Streak freezes (docs/progression.md): bought in the shop through the ledger, at
most two held; spent by the next workout for missed local days; never by a move
across time zones or a back-dated workout."""

from datetime import date, timedelta

from sqlalchemy import select, text

from bodyweight.models import StreakFreezeUse
from support.clock import local_today, noon_zone, reps, workout, zones_a_day_apart

DAY = timedelta(days=1)
PRICE = 50


def buy(world, player, **headers):
    return world.client.post("/api/streak-freezes/purchase", headers={**player.headers, **headers})


def log(world, player, body) -> dict:
    response = world.client.post("/api/workouts", json=body, headers=player.headers)
    assert response.status_code == 201, response.text
    return response.json()


def now_workout(minutes_ago: int = 60) -> dict:
    return workout(timedelta(minutes=minutes_ago), 20, reps("push-up", 10))


def uses(world, player) -> list[date]:
    with world.sessions() as session:
        return list(
            session.scalars(select(StreakFreezeUse.day).where(StreakFreezeUse.user_id == player.id).order_by("day"))
        )


def profile(world, player) -> dict:
    return world.client.get("/api/users/me", headers=player.headers).json()


def streaker(world, *, last: date, streak: int = 5, freezes: int = 0, zone: str | None = None, **columns):
    """A player whose streak of `streak` last counted `last` (in `zone`)."""
    return world.player(
        timezone=zone or noon_zone(),
        current_streak=streak,
        max_streak=streak,
        last_workout_date=last,
        streak_freezes=freezes,
        **columns,
    )


# --- The shop ---------------------------------------------------------------------


def test_two_freezes_are_bought_through_the_ledger_and_a_third_is_refused(world):
    player = world.player(coins=120)

    first, second = buy(world, player), buy(world, player)

    assert (first.status_code, first.json()) == (201, {"held": 1, "price": PRICE, "coins": 70})
    assert (second.status_code, second.json()) == (201, {"held": 2, "price": PRICE, "coins": 20})
    before = world.state()
    third = buy(world, player, **{"Accept-Language": "ru"})
    assert third.status_code == 409
    error = third.json()["error"]
    assert (error["code"], error["params"]) == ("streak_freezes_full", {"max_held": 2})
    assert error["message"] == "У вас уже 2 заморозки серии, больше держать нельзя."
    assert world.state() == before
    assert (world.user(player).coins, world.ledger_sum(player)) == (20, 20)
    with world.engine.connect() as connection:
        ledger = connection.execute(
            text(
                "SELECT amount, reason, reference FROM coin_transactions WHERE user_id = :id AND amount < 0 ORDER BY id"
            ),
            {"id": player.id},
        ).all()
    assert [tuple(row) for row in ledger] == [
        (-50, "streak_freeze", "streak_freeze:1"),
        (-50, "streak_freeze", "streak_freeze:2"),
    ]
    shown = world.client.get("/api/streak-freezes", headers=player.headers).json()
    assert shown == {"held": 2, "max_held": 2, "price": PRICE, "uses": []}
    assert profile(world, player)["streak_freezes"] == 2


def test_a_freeze_one_cannot_afford_changes_nothing(world):
    player = world.player(coins=49)
    before = world.state()

    response = buy(world, player)

    assert response.status_code == 402
    error = response.json()["error"]
    assert (error["code"], error["params"]) == ("insufficient_coins", {"price": 50, "coins": 49})
    assert error["message"] == "A streak freeze costs 50 coins; you have 49 coins."
    assert world.state() == before
    assert world.user(player).streak_freezes == 0


def test_a_retried_purchase_buys_once(world):
    player = world.player(coins=200)
    headers = {"Idempotency-Key": "freeze-1"}
    first = buy(world, player, **headers)
    before = world.state()

    retry = buy(world, player, **headers)

    assert (retry.status_code, retry.json()) == (201, first.json())
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert world.state() == before
    assert (world.user(player).streak_freezes, world.user(player).coins) == (1, 150)
    assert world.client.post("/api/streak-freezes/purchase").status_code == 401


# --- Spending ------------------------------------------------------------------------


def test_a_freeze_bridges_one_missed_day(world):
    zone = noon_zone()
    today = local_today(zone)
    player = streaker(world, last=today - 2 * DAY, freezes=1, zone=zone)
    # Yesterday was missed, but the freeze held would bridge it: the streak stands.
    assert profile(world, player)["current_streak"] == 5

    body = log(world, player, now_workout())

    assert (body["current_streak"], body["streak_before"], body["streak_freezes"]) == (6, 5, 0)
    assert body["frozen_days"] == [str(today - DAY)] and body["streak_counted"] is True
    assert uses(world, player) == [today - DAY]
    shown = world.client.get("/api/streak-freezes", headers=player.headers).json()
    assert (shown["held"], [(u["day"], u["workout_id"]) for u in shown["uses"]]) == (
        0,
        [(str(today - DAY), body["id"])],
    )
    assert (profile(world, player)["current_streak"], profile(world, player)["streak_freezes"]) == (6, 0)
    stats = world.client.get("/api/users/me/stats", headers=player.headers).json()
    assert stats["frozen_days"] == [str(today - DAY)]


def test_without_a_freeze_a_missed_day_breaks_the_streak(world):
    zone = noon_zone()
    player = streaker(world, last=local_today(zone) - 2 * DAY, freezes=0, zone=zone)
    assert profile(world, player)["current_streak"] == 0

    body = log(world, player, now_workout())

    assert (body["current_streak"], body["streak_before"], body["frozen_days"]) == (1, 0, [])


def test_a_freeze_is_not_spent_when_no_day_was_missed(world):
    zone = noon_zone()
    today = local_today(zone)
    player = streaker(world, last=today - DAY, freezes=1, zone=zone)

    first = log(world, player, now_workout(120))
    second = log(world, player, now_workout(30))  # the same day again

    assert [(w["current_streak"], w["streak_freezes"], w["frozen_days"]) for w in (first, second)] == [
        (6, 1, []),
        (6, 1, []),
    ]
    assert uses(world, player) == [] and world.user(player).streak_freezes == 1


def test_two_missed_days_with_one_freeze_break_the_streak_and_keep_the_freeze(world):
    zone = noon_zone()
    player = streaker(world, last=local_today(zone) - 3 * DAY, freezes=1, zone=zone)
    assert profile(world, player)["current_streak"] == 0

    body = log(world, player, now_workout())

    assert (body["current_streak"], body["max_streak"], body["streak_freezes"], body["frozen_days"]) == (1, 5, 1, [])
    assert uses(world, player) == []


def test_two_missed_days_with_two_freezes_spend_both(world):
    zone = noon_zone()
    today = local_today(zone)
    player = streaker(world, last=today - 3 * DAY, freezes=2, zone=zone)
    assert profile(world, player)["current_streak"] == 5

    body = log(world, player, now_workout())

    assert (body["current_streak"], body["streak_freezes"]) == (6, 0)
    assert body["frozen_days"] == [str(today - 2 * DAY), str(today - DAY)]
    assert uses(world, player) == [today - 2 * DAY, today - DAY]


def test_a_day_bridged_before_is_not_paid_for_twice(world):
    """The primary key (user_id, day) keeps a day's freeze exactly once; should a
    day come round again (a move across a day's worth of zones), its freeze goes back."""
    zone = noon_zone()
    today = local_today(zone)
    player = streaker(world, last=today - 2 * DAY, freezes=1, zone=zone)
    with world.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO streak_freeze_uses (user_id, day) VALUES (:id, :day)"),
            {"id": player.id, "day": today - DAY},
        )

    body = log(world, player, now_workout())

    assert body["current_streak"] == 6
    assert (world.user(player).streak_freezes, uses(world, player)) == (1, [today - DAY])


# --- Time zones ---------------------------------------------------------------------


def move(world, player, zone: str) -> None:
    response = world.client.patch("/api/users/me", json={"timezone": zone}, headers=player.headers)
    assert response.status_code == 200, response.text


def test_moving_east_spends_no_freeze(world):
    """Trained yesterday at home, flew east to where it is already tomorrow: by the
    new calendar the last workout was two days ago, by the one it was counted in,
    yesterday. The streak goes on and the freeze stays."""
    home, away = zones_a_day_apart(+1)
    today = local_today(home)
    player = streaker(world, last=today - DAY, freezes=1, zone=home)
    move(world, player, away)
    assert world.user(player).last_workout_zone == home
    assert profile(world, player)["current_streak"] == 5

    body = log(world, player, workout(timedelta(minutes=10), 5, reps("squat", 20)))

    assert (body["current_streak"], body["streak_freezes"], body["frozen_days"]) == (6, 1, [])
    assert body["local_date"] == str(today + DAY)  # the workout's own day is the new zone's
    user = world.user(player)
    assert (user.last_workout_zone, user.last_workout_date) == (None, today + DAY)
    assert profile(world, player)["current_streak"] == 6


def test_moving_east_counts_no_day_twice(world):
    """Trained today at home, flew east to where it is already tomorrow, trained
    again within the hour: still today by the calendar the streak counts in."""
    home, away = zones_a_day_apart(+1)
    player = streaker(world, last=local_today(home) - DAY, zone=home)
    first = log(world, player, workout(timedelta(minutes=30), 5, reps("squat", 20)))
    assert first["current_streak"] == 6
    move(world, player, away)

    second = log(world, player, workout(timedelta(minutes=10), 5, reps("squat", 20)))

    assert (second["current_streak"], second["streak_counted"], second["first_of_day"]) == (6, False, False)


def test_moving_west_still_counts_the_new_day(world):
    """Trained yesterday at home, flew west to where it is still yesterday: the
    workout is today by the calendar the streak counts in, so it counts."""
    home, away = zones_a_day_apart(-1)
    today = local_today(home)
    player = streaker(world, last=today - DAY, zone=home)
    move(world, player, away)

    body = log(world, player, workout(timedelta(minutes=10), 5, reps("squat", 20)))

    assert (body["current_streak"], body["streak_counted"], body["first_of_day"]) == (6, True, True)
    assert body["local_date"] == str(today - DAY)
    assert profile(world, player)["current_streak"] == 6


def test_moving_back_home_forgets_the_kept_zone(world):
    home, away = zones_a_day_apart(+1)
    player = streaker(world, last=local_today(home), zone=home)
    move(world, player, away)
    move(world, player, home)
    assert world.user(player).last_workout_zone is None


# --- Back-dated workouts --------------------------------------------------------------


def test_a_back_dated_workout_never_repairs_a_streak_nor_spends_a_freeze(world):
    zone = noon_zone()
    today = local_today(zone)
    player = streaker(world, last=today - 3 * DAY, freezes=1, zone=zone)

    # Logged today for two days ago, the day after the last counted one.
    late = log(world, player, workout(2 * DAY, 30, reps("push-up", 10)))

    assert (late["streak_counted"], late["current_streak"], late["first_of_day"]) == (False, 0, False)
    assert (late["streak_freezes"], late["frozen_days"], late["local_date"]) == (1, [], str(today - 2 * DAY))
    user = world.user(player)
    assert (user.current_streak, user.last_workout_date, user.streak_freezes) == (5, today - 3 * DAY, 1)
    # Today's workout finds the run ended three days ago: two days missed, one freeze.
    body = log(world, player, now_workout())
    assert (body["current_streak"], body["streak_freezes"]) == (1, 1)


def test_yesterdays_workout_logged_today_still_counts(world):
    zone = noon_zone()
    today = local_today(zone)
    player = streaker(world, last=today - 2 * DAY, zone=zone)

    body = log(world, player, workout(DAY, 30, reps("push-up", 10)))

    assert (body["streak_counted"], body["current_streak"], body["first_of_day"]) == (True, 6, True)
    assert world.user(player).last_workout_date == today - DAY
