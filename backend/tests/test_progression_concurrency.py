"""Freezes, weekly goals and fair play under real concurrency (PostgreSQL): a real
multi-process server, many simultaneous requests over real connections. The
database, not luck, keeps each purchase, reward and workout exactly once."""

from collections import Counter
from datetime import timedelta

import httpx2 as httpx
import pytest
from sqlalchemy import text

from support.api import books_balance
from support.clock import local_today, noon_zone, reps, workout
from support.servers import serving
from test_concurrency import all_at_once, money, new_player

pytestmark = [pytest.mark.postgresql]


@pytest.fixture(scope="module")
def server(postgres_server):
    if postgres_server is None:
        pytest.skip("PostgreSQL is not available")
    with serving(postgres_server, startup=180, WRITES_IN_FLIGHT_PER_PLAYER="100") as running:
        yield running


@pytest.fixture
def on_postgres(request):
    request.node.user_properties.append(("engine", "postgresql"))


pytestmark.append(pytest.mark.usefixtures("on_postgres"))


def one(engine, query: str, **params):
    with engine.connect() as connection:
        return connection.execute(text(query), params).one()


def achievement_coins(engine, user_id: int) -> int:
    """What achievements paid the player: the workouts may earn some (first workout,
    time of day), paid through the ledger like everything else."""
    sql = "SELECT coalesce(sum(amount), 0) FROM coin_transactions WHERE user_id = :id AND reason = 'achievement'"
    return int(one(engine, sql, id=user_id)[0])


def test_twenty_simultaneous_freeze_purchases_buy_two(server):
    base, engine = server
    user_id, headers = new_player(server, coins=1000, level=1)

    responses = all_at_once([("POST", f"{base}/api/streak-freezes/purchase", {"headers": headers})] * 20)

    assert Counter(r.status_code for r in responses) == {201: 2, 409: 18}, [r.text for r in responses]
    assert sorted(r.json()["held"] for r in responses if r.status_code == 201) == [1, 2]
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"streak_freezes_full"}
    assert money(server, user_id)[:2] == (900, 900)
    assert one(engine, "SELECT streak_freezes FROM users WHERE id = :id", id=user_id) == (2,)
    paid = one(
        engine, "SELECT count(*) FROM coin_transactions WHERE user_id = :id AND reason = 'streak_freeze'", id=user_id
    )
    assert paid == (2,)


def test_one_purchase_key_sent_ten_times_at_once_buys_one_freeze(server):
    base, engine = server
    user_id, headers = new_player(server, coins=500, level=1)
    request = ("POST", f"{base}/api/streak-freezes/purchase", {"headers": {**headers, "Idempotency-Key": "tap"}})

    responses = all_at_once([request] * 10)

    assert {r.status_code for r in responses} == {201}
    assert len({r.text for r in responses}) == 1
    assert money(server, user_id)[:2] == (450, 450)
    assert one(engine, "SELECT streak_freezes FROM users WHERE id = :id", id=user_id) == (1,)


def test_purchases_racing_a_workout_that_spends_a_freeze_keep_the_books(server):
    """A missed day, one freeze held, and five purchases at the moment the next
    workout arrives: whatever the order, the day is bridged once, no more than two
    freezes are held, and every freeze held was paid for."""
    base, engine = server
    user_id, headers = new_player(server, coins=300, level=1)
    zone = noon_zone()
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE users SET timezone = :zone, current_streak = 5, max_streak = 5, streak_freezes = 1,"
                " last_workout_date = :last WHERE id = :id"
            ),
            {"zone": zone, "last": local_today(zone) - timedelta(days=2), "id": user_id},
        )
    session = workout(timedelta(hours=1), 20, reps("push-up", 10))
    requests = [("POST", f"{base}/api/workouts", {"headers": headers, "json": session})]
    requests += [("POST", f"{base}/api/streak-freezes/purchase", {"headers": headers})] * 5

    responses = all_at_once(requests)

    logged, purchases = responses[0], responses[1:]
    assert logged.status_code == 201 and logged.json()["current_streak"] == 6, logged.text
    assert {r.status_code for r in purchases} <= {201, 409}
    bought = sum(r.status_code == 201 for r in purchases)
    held, uses = one(
        engine,
        "SELECT streak_freezes, (SELECT count(*) FROM streak_freeze_uses WHERE user_id = u.id) FROM users u"
        " WHERE id = :id",
        id=user_id,
    )
    assert uses == 1 and held == 1 + bought - uses <= 2
    balance, ledger, _ = money(server, user_id)
    earned = logged.json()["coins_earned"] + achievement_coins(engine, user_id)
    assert balance == ledger == 300 + earned - 50 * bought


def test_a_weekly_goal_reached_by_simultaneous_workouts_pays_once(server):
    base, engine = server
    user_id, headers = new_player(server, coins=0, level=1)
    assert httpx.patch(f"{base}/api/users/me", json={"timezone": noon_zone()}, headers=headers).status_code == 200
    goal = httpx.put(f"{base}/api/goals/weekly", json={"metric": "workouts", "target": 2}, headers=headers)
    assert goal.status_code == 200
    # Eight workouts of ten minutes, a quarter of an hour apart: none overlaps another.
    sessions = [workout(timedelta(minutes=15 * n + 5), 10, reps("squat", 20)) for n in range(8)]

    responses = all_at_once([("POST", f"{base}/api/workouts", {"headers": headers, "json": s}) for s in sessions])

    assert {r.status_code for r in responses} == {201}, [r.text for r in responses]
    paid = [r.json()["weekly_goal"] for r in responses if r.json()["weekly_goal"] is not None]
    assert len(paid) == 1 and paid[0]["coins"] == 10
    assert one(engine, "SELECT count(*) FROM weekly_goal_rewards WHERE user_id = :id", id=user_id) == (1,)
    rewards = one(
        engine,
        "SELECT count(*), sum(amount) FROM coin_transactions WHERE user_id = :id AND reason = 'weekly_goal'",
        id=user_id,
    )
    assert tuple(rewards) == (1, 10)
    balance, ledger, _ = money(server, user_id)
    earned = sum(r.json()["coins_earned"] for r in responses) + achievement_coins(engine, user_id)
    assert balance == ledger == earned + 10
    week = httpx.get(f"{base}/api/goals/weekly", headers=headers).json()
    assert (week["current"], week["reward"]["coins"]) == (8, 10)


def test_the_same_workout_sent_ten_times_at_once_is_stored_once(server):
    base, engine = server
    user_id, headers = new_player(server, coins=0, level=1)
    body = workout(timedelta(hours=1), 30, reps("push-up", 10))

    responses = all_at_once([("POST", f"{base}/api/workouts", {"headers": headers, "json": body})] * 10)

    assert Counter(r.status_code for r in responses) == {201: 1, 422: 9}
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 422} == {"workout_overlaps"}
    assert one(engine, "SELECT count(*) FROM workouts WHERE user_id = :id", id=user_id) == (1,)


def test_ledger_always_equals_balance_for_everyone(server):
    _, engine = server
    books_balance(engine)
