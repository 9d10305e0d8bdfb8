"""Achievements through the real app on both engines: awarded by the server in the
workout's (or purchase's) own transaction, once, paid through the ledger, listed
with the player's progress; each number fires when crossed and not just before."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, func, select, text

from bodyweight.achievements.catalogue import load_achievements
from bodyweight.exercises.service import load_catalogue
from bodyweight.models import CoinTransaction, Notification, OutboxMessage, UserAchievement, Workout, WorkoutSet
from bodyweight.users.player import Player, load_player
from bodyweight.workouts import flows
from bodyweight.workouts.schemas import WorkoutCreate
from support.clock import evening_zone, local_today, noon_zone, reps, seconds, workout
from support.telegram import link_telegram

HOUR = timedelta(hours=1)
LONG_AGO = datetime(2026, 1, 5, 18, 0, tzinfo=UTC)


def log(world, player, body, **headers) -> dict:
    response = world.client.post("/api/workouts", json=body, headers={**player.headers, **headers})
    assert response.status_code == 201, response.text
    return response.json()


def earned_in(reply: dict) -> set[str]:
    return {a["slug"] for a in reply["achievements"]}


def history(world, player, *workouts: list[tuple[str, int | None, int | None]]) -> None:
    """Workouts logged long ago, straight into the tables: the history a test starts from."""
    with world.sessions.begin() as session:
        for n, sets in enumerate(workouts):
            finished = LONG_AGO + timedelta(days=n)
            session.add(
                Workout(
                    user_id=player.id,
                    started_at=finished - HOUR / 2,
                    finished_at=finished,
                    local_date=finished.date(),
                    xp_earned=0,
                    coins_earned=0,
                    sets=[
                        WorkoutSet(position=p, exercise_id=e, reps=r, seconds=s, xp=0)
                        for p, (e, r, s) in enumerate(sets)
                    ],
                )
            )


def awards(world, player) -> list[tuple[str, int, str]]:
    """The player's achievement payments in the ledger: (reason, amount, reference)."""
    with world.sessions() as session:
        rows = session.execute(
            select(CoinTransaction.reason, CoinTransaction.amount, CoinTransaction.reference)
            .where(CoinTransaction.user_id == player.id, CoinTransaction.reason == "achievement")
            .order_by(CoinTransaction.id)
        )
        return [tuple(row) for row in rows]


REWARD = {a.slug: a.reward for a in load_achievements()}


def test_the_first_workout_earns_first_sweat_once_paid_and_announced(world):
    player = world.player(timezone=evening_zone())  # no time-of-day achievement by chance
    body = log(world, player, workout(HOUR, 20, reps("push-up", 10)))
    assert body["achievements"] == [
        {
            "slug": "first-blood",
            "name": "First Sweat",
            "reward_coins": 10,
            "badge_url": "/static/achievements/first-blood.svg",
        }
    ]
    assert body["coins"] == body["coins_earned"] + 10
    assert awards(world, player) == [("achievement", 10, "achievement:first-blood")]
    user = world.user(player)
    assert user.coins == body["coins"] == world.ledger_sum(player)
    with world.sessions() as session:
        notices = session.execute(select(Notification.kind, Notification.dedupe_key)).all()
    assert [tuple(n) for n in notices] == [("achievement", "achievement:first-blood")]

    again = log(world, player, workout(HOUR / 2, 20, reps("push-up", 10)))
    assert again["achievements"] == []
    assert awards(world, player) == [("achievement", 10, "achievement:first-blood")]
    assert world.user(player).coins == world.ledger_sum(player)
    assert world.client.get("/static/achievements/first-blood.svg").status_code == 200


def test_a_telegram_player_hears_of_it_from_the_bot_in_their_language_once(world):
    player = world.player(timezone=evening_zone(), telegram_id=4242, locale="ru")
    log(world, player, workout(2 * HOUR, 20, reps("push-up", 10)))
    log(world, player, workout(HOUR, 20, reps("push-up", 10)))
    with world.sessions() as session:
        queued = session.execute(
            select(OutboxMessage.kind, OutboxMessage.dedupe_key, OutboxMessage.params).where(
                OutboxMessage.user_id == player.id
            )
        ).all()
    assert [(kind, key) for kind, key, _ in queued] == [("achievement", "achievement:first-blood")]
    assert json.loads(queued[0].params) == {"title": "Первый пот", "slug": "first-blood"}


def test_names_come_in_the_callers_language(world):
    player = world.player(timezone=evening_zone())  # no time-of-day achievement by chance
    body = log(world, player, workout(HOUR, 20, reps("push-up", 10)), **{"Accept-Language": "ru"})
    assert [a["name"] for a in body["achievements"]] == ["Первый пот"]


def test_one_workout_can_earn_several_each_paid(world):
    player = world.player(timezone=evening_zone())  # no time-of-day achievement by chance
    body = log(
        world,
        player,
        workout(HOUR, 50, reps("push-up", 30), reps("pull-up", 10), reps("squat", 40), reps("crunch", 25)),
    )
    assert earned_in(body) == {"first-blood", "all-rounder", "long-haul", "hundred-reps"}
    paid = sum(REWARD[s] for s in earned_in(body))
    assert body["coins"] == body["coins_earned"] + paid == world.ledger_sum(player)
    assert sorted(reference for *_, reference in awards(world, player)) == sorted(
        f"achievement:{s}" for s in earned_in(body)
    )


def test_a_retried_request_replays_its_achievements_and_pays_nothing_again(world):
    player = world.player(timezone=evening_zone())  # no time-of-day achievement by chance
    body, key = workout(HOUR, 20, reps("push-up", 10)), {"Idempotency-Key": "one-tap"}
    first = log(world, player, body, **key)
    retry = world.client.post("/api/workouts", json=body, headers={**player.headers, **key})
    assert retry.status_code == 201 and retry.json() == first
    assert earned_in(first) == {"first-blood"}
    assert awards(world, player) == [("achievement", 10, "achievement:first-blood")]


# --- Each number fires when crossed, and not one short of it --------------------------


def test_workouts_logged(world):
    player = world.player(timezone=evening_zone())  # no time-of-day achievement by chance
    history(world, player, *[[("squat", 10, None)]] * 8)
    ninth = log(world, player, workout(2 * HOUR, 20, reps("push-up", 5)))
    assert "workout-10" not in earned_in(ninth) and "first-blood" in earned_in(ninth)
    tenth = log(world, player, workout(HOUR, 20, reps("push-up", 5)))
    assert earned_in(tenth) == {"workout-10"}


def test_reps_per_family(world):
    player = world.player()
    history(world, player, [("push-up", 490, None), ("pull-up", 249, None)], [("pike-push-up", 1, None)])
    short = log(world, player, workout(3 * HOUR, 20, reps("push-up", 8)))  # 499 push reps
    assert not earned_in(short) & {"push-500", "pull-250"}
    crossing = log(world, player, workout(2 * HOUR, 20, reps("diamond-push-up", 1)))  # 500
    assert "push-500" in earned_in(crossing) and "pull-250" not in earned_in(crossing)
    pulled = log(world, player, workout(HOUR, 20, reps("pull-up", 1)))  # 250 pull reps
    assert earned_in(pulled) & {"push-500", "pull-250"} == {"pull-250"}


def test_seconds_of_static_holds(world):
    player = world.player()
    history(world, player, [("plank", None, 590)])
    short = log(world, player, workout(2 * HOUR, 20, seconds("plank", 9)))
    assert "hold-10-minutes" not in earned_in(short)
    crossing = log(world, player, workout(HOUR, 20, seconds("side-plank", 1)))
    assert "hold-10-minutes" in earned_in(crossing)


def test_variety_of_exercises(world):
    player = world.player()
    history(world, player, [("push-up", 5, None), ("squat", 5, None)], [("squat", 5, None), ("crunch", 5, None)])
    fourth = log(world, player, workout(2 * HOUR, 20, reps("push-up", 5), reps("lunge", 5)))
    assert "variety-5" not in earned_in(fourth)
    fifth = log(world, player, workout(HOUR, 20, reps("burpee", 5)))
    assert "variety-5" in earned_in(fifth)


def test_level(world):
    player = world.player(total_xp=1560, level=4)
    replies = []
    while not replies or replies[-1]["level"] < 5:
        replies.append(log(world, player, workout(HOUR * (3 - len(replies) / 2), 10, reps("push-up", 10))))
    assert "level-5" in earned_in(replies[-1])
    assert all("level-5" not in earned_in(r) for r in replies[:-1]) and len(replies) >= 2


@pytest.mark.parametrize("streak_before, earned", [(1, False), (2, True)])
def test_best_streak(world, streak_before, earned):
    zone = noon_zone()
    yesterday = local_today(zone) - timedelta(days=1)
    player = world.player(
        timezone=zone, current_streak=streak_before, max_streak=streak_before, last_workout_date=yesterday
    )
    body = log(world, player, workout(HOUR, 20, reps("push-up", 5)))
    assert body["current_streak"] == streak_before + 1
    assert ("streak-3" in earned_in(body)) is earned


def test_personal_records(world):
    player = world.player()
    history(world, player, [("push-up", 20, None), ("plank", None, 60)])
    equal = log(world, player, workout(2 * HOUR, 20, reps("push-up", 20), seconds("plank", 60)))
    assert not earned_in(equal) & {"record-first", "record-hold"}
    beaten = log(world, player, workout(HOUR, 20, reps("push-up", 19), reps("push-up", 21), seconds("plank", 61)))
    assert earned_in(beaten) >= {"record-first", "record-hold"}
    assert "record-double" not in earned_in(beaten)


def test_a_first_go_at_an_exercise_is_no_record(world):
    player = world.player()
    history(world, player, [("push-up", 20, None)])
    body = log(world, player, workout(HOUR, 20, reps("squat", 50)))
    assert "record-first" not in earned_in(body)


def test_shop_achievements_come_with_the_purchase(world):
    player = world.player(coins=1000, level=10)
    first = world.client.post("/api/avatars/phoenix/purchase", headers=player.headers)
    assert first.status_code == 201, first.text
    body = first.json()
    assert [a["slug"] for a in body["achievements"]] == ["shop-first"]
    assert body["coins"] == 1000 - 100 + REWARD["shop-first"] == world.ledger_sum(player)
    second = world.client.post("/api/avatars/griffin/purchase", headers=player.headers).json()
    assert second["achievements"] == []
    third = world.client.post("/api/avatars/cerberus/purchase", headers=player.headers).json()
    assert [a["slug"] for a in third["achievements"]] == ["shop-3"]
    assert world.user(player).coins == world.ledger_sum(player)


# --- Times of day, through the stored workout, on a daylight-saving change day ----------


def log_at(world, player, started: datetime, zone: str, minutes: int = 20):
    """The workout flow itself at a fixed moment: the API only takes recent workouts."""
    with world.sessions.begin() as session:
        session.execute(text("UPDATE users SET timezone = :zone WHERE id = :id"), {"zone": zone, "id": player.id})
    data = WorkoutCreate.model_validate(
        {
            "started_at": started.isoformat(),
            "finished_at": (started + timedelta(minutes=minutes)).isoformat(),
            "sets": [reps("push-up", 5)],
        }
    )

    async def use_case(session):
        locked = await load_player(session, player.id, lock=True)
        return await flows.log_workout(session, locked, data, await load_catalogue(session), now=started + HOUR)

    return {e.achievement.slug for e in world._write(use_case).achievements}


@pytest.mark.parametrize(
    "zone, started, expected",
    [
        ("UTC", "2026-03-29T05:30", {"early-bird"}),
        ("Europe/Berlin", "2026-03-28T05:30", {"early-bird"}),  # 06:30 CET
        ("Europe/Berlin", "2026-03-29T05:30", set()),  # 07:30 CEST: the clocks went forward
        ("Europe/Berlin", "2026-03-29T04:30", {"early-bird"}),  # 06:30 CEST
        ("Asia/Tokyo", "2026-03-29T13:00", {"night-owl"}),  # 22:00-22:20 JST
        ("America/New_York", "2026-11-01T05:40", {"night-owl"}),  # finishes at the second 01:00
    ],
)
def test_times_of_day_follow_the_players_zone(world, zone, started, expected):
    player = world.player()
    earned = log_at(world, player, datetime.fromisoformat(started).replace(tzinfo=UTC), zone)
    assert earned & {"early-bird", "night-owl", "lunch-break", "midnight-oil", "new-year"} == expected
    assert world.user(player).coins == world.ledger_sum(player)


# --- The listing ---------------------------------------------------------------------


def test_the_listing_shows_every_achievement_with_progress(world):
    player = world.player(level=3, max_streak=5, current_streak=0, last_workout_date=date(2026, 1, 1))
    history(world, player, *[[("push-up", 50, None), ("plank", None, 30)]] * 6)
    world.credit(player.id, 500)
    bought = world.client.post("/api/avatars/phoenix/purchase", headers=player.headers)
    assert bought.status_code == 201
    response = world.client.get("/api/achievements", headers=player.headers)
    assert response.status_code == 200 and response.headers["vary"] == "Accept-Language"
    listed = {a["slug"]: a for a in response.json()}
    assert list(listed) == [a.slug for a in load_achievements()]
    progress = {slug: (a["current"], a["target"], a["earned_at"] is not None) for slug, a in listed.items()}
    assert progress["workout-10"] == (6, 10, False)
    assert progress["first-blood"] == (1, 1, False)  # reached before achievements: awarded with the next workout
    assert progress["push-500"] == (300, 500, False)
    assert progress["pull-250"] == (0, 250, False)
    assert progress["hold-10-minutes"] == (180, 600, False)
    assert progress["variety-5"] == (2, 5, False)
    assert progress["level-5"] == (3, 5, False)
    assert progress["streak-3"] == (3, 3, False) and progress["week-warrior"] == (5, 7, False)
    assert progress["shop-first"] == (1, 1, True) and progress["shop-3"] == (1, 3, False)
    assert progress["early-bird"] == (0, 1, False)
    first = listed["workout-10"]
    assert first["kind"] == "workouts" and first["name"] == "Getting Into It"
    assert first["description"] == "Log 10 workouts." and first["reward_coins"] == REWARD["workout-10"]
    assert first["badge_url"] == "/static/achievements/workout-10.svg"

    log(world, player, workout(HOUR, 20, reps("push-up", 5)))
    after = {a["slug"]: a for a in world.client.get("/api/achievements", headers=player.headers).json()}
    assert after["first-blood"]["earned_at"] is not None and after["streak-3"]["earned_at"] is not None
    assert after["workout-10"]["current"] == 7

    russian = world.client.get("/api/achievements", headers={**player.headers, "Accept-Language": "ru"}).json()
    assert russian[4]["name"] == "Втягиваюсь" and russian[4]["description"] == "Запишите 10 тренировок."


def test_the_listing_needs_a_signed_in_player(world):
    assert world.client.get("/api/achievements").status_code == 401


# --- Cost: one statement more per workout when nothing is earned -------------------------


def kind(statement: str) -> str:
    """ "INSERT workout_sets", "SELECT users", ...: what a statement does, and to what."""
    words = statement.split()
    verb = words[0].upper()
    if verb == "UPDATE":
        return f"UPDATE {words[1]}"
    keyword = {"INSERT": "INTO", "SELECT": "FROM", "DELETE": "FROM"}.get(verb)
    upper = [w.upper() for w in words]
    return f"{verb} {words[upper.index(keyword) + 1]}" if keyword in upper else verb


def logged_with_statements(world, player, body) -> tuple[dict, list[str]]:
    """The workout's reply, and the statements that read or wrote rows, in order."""
    statements: list[str] = []
    engine = world.client.app.state.database.engine.sync_engine

    def count(_conn, _cursor, statement, *_):
        statements.append(kind(statement))

    event.listen(engine, "before_cursor_execute", count)
    try:
        reply = log(world, player, body)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return reply, [s for s in statements if s.split()[0] in ("SELECT", "INSERT", "UPDATE", "DELETE")]


def test_a_workout_that_earns_nothing_costs_one_statement_more(world):
    player = world.player(timezone=evening_zone())  # no time-of-day achievement by chance
    body = workout(2 * HOUR, 20, *[reps("push-up", 30)] * 3)
    assert earned_in(log(world, player, body)) == {"first-blood"}
    again, statements = logged_with_statements(world, player, workout(HOUR, 20, *[reps("push-up", 30)] * 3))
    assert again["achievements"] == [] and again["coins_earned"] > 0
    assert statements == [
        "SELECT users",
        "SELECT workout_sets",  # the previous bests, for the records the workout beats
        "INSERT workouts",
        "INSERT workout_sets",
        "UPDATE users",  # progress
        "INSERT weekly_scores",
        "UPDATE users",  # coins
        "INSERT coin_transactions",
        "SELECT user_achievements",  # what is earned, and the numbers still needed: one UNION ALL
    ]


def test_earning_many_achievements_at_once_costs_the_same_few_statements_as_one(world):
    def first_workout(*sets, minutes: int = 30) -> tuple[Player, set[str], list[str]]:
        player = world.player(timezone=evening_zone())
        link_telegram(world.engine, player.id, 7000 + player.id)  # notices go to the bot too
        reply, statements = logged_with_statements(world, player, workout(HOUR, minutes, *sets))
        return player, earned_in(reply), statements

    _, one, few = first_workout(reps("push-up", 5))
    player, many, lots = first_workout(
        *[reps("push-up", 100)] * 5,
        reps("pull-up", 30),
        reps("squat", 100),
        reps("crunch", 50),
        seconds("plank", 60),
        minutes=50,
    )
    assert one == {"first-blood"} and len(many) >= 5, many

    # From the achievements' read on, the award, one credit of their sum with a ledger
    # row each, the notices, the bot's recipient and its messages: one statement
    # each, however many were earned.
    def awarding(statements: list[str]) -> list[str]:
        return statements[statements.index("SELECT user_achievements") :]

    assert (
        awarding(lots)
        == awarding(few)
        == [
            "SELECT user_achievements",
            "INSERT user_achievements",
            "UPDATE users",
            "INSERT coin_transactions",
            "INSERT notifications",
            "SELECT users",
            "INSERT telegram_outbox",
        ]
    )
    # A ledger row per achievement, each balance counted on from the one before.
    with world.engine.connect() as connection:
        rows = connection.execute(
            select(CoinTransaction.amount, CoinTransaction.balance_after, CoinTransaction.reason)
            .where(CoinTransaction.user_id == player.id)
            .order_by(CoinTransaction.id)
        ).all()
        messages = connection.execute(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.user_id == player.id)
        ).scalar_one()
    assert len([r for r in rows if r.reason == "achievement"]) == len(many) == messages
    balance = 0
    for amount, balance_after, _ in rows:
        balance += amount
        assert balance_after == balance
    assert balance == world.user(player).coins
    notices = world.client.get("/api/notifications", headers=player.headers).json()["items"]
    assert sorted(n["params"]["slug"] for n in notices) == sorted(many)


def test_a_player_who_has_earned_everything_earns_nothing_more(world):
    player = world.player()
    with world.sessions.begin() as session:
        session.add_all(UserAchievement(user_id=player.id, achievement_slug=a.slug) for a in load_achievements())
    body = log(world, player, workout(HOUR, 50, *[reps("burpee", 50)] * 4, reps("pull-up", 5)))
    assert body["achievements"] == [] and body["coins"] == body["coins_earned"] == world.ledger_sum(player)
    listed = world.client.get("/api/achievements", headers=player.headers).json()
    assert all(a["earned_at"] is not None and a["current"] == a["target"] for a in listed)
