"""Money under real concurrency (PostgreSQL): many simultaneous requests against a
real multi-process server over real connections. No sequence or race of requests
can mint or lose a coin."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx2 as httpx
import pytest
from sqlalchemy import text

from bodyweight.achievements.catalogue import achievements_by_slug
from bodyweight.shop.catalogue import AVATARS_BY_ID
from support.api import books_balance
from support.clock import reps, workout
from support.servers import serving


@pytest.fixture(scope="module")
def server(postgres_server):
    if postgres_server is None:
        pytest.skip("PostgreSQL is not available")
    with serving(postgres_server, WRITES_IN_FLIGHT_PER_PLAYER="100") as running:
        yield running


@pytest.fixture
def on_postgres(request):
    request.node.user_properties.append(("engine", "postgresql"))


pytestmark = [pytest.mark.postgresql, pytest.mark.usefixtures("on_postgres")]

_names = iter(range(10**6))
REWARD = {slug: a.reward for slug, a in achievements_by_slug().items()}


def rewards(responses: list[httpx.Response]) -> int:
    """Coins the achievements listed in successful replies paid."""
    return sum(a["reward_coins"] for r in responses if r.status_code == 201 for a in r.json()["achievements"])


def new_player(server, *, coins: int, level: int) -> tuple[int, dict]:
    base, engine = server
    username = f"racer{next(_names)}"
    body = httpx.post(f"{base}/api/auth/register", json={"username": username, "password": "p" * 12}).json()
    user_id = body["user"]["id"]
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE users SET level = :level, total_xp = :xp, coins = :coins WHERE id = :id"),
            {"level": level, "xp": 100 * (level - 1) ** 2, "coins": coins, "id": user_id},
        )
        if coins:
            connection.execute(
                text(
                    "INSERT INTO coin_transactions (user_id, amount, balance_after, reason) "
                    "VALUES (:id, :coins, :coins, 'support_grant')"
                ),
                {"id": user_id, "coins": coins},
            )
    return user_id, {"Authorization": f"Bearer {body['access_token']}"}


def all_at_once(requests: list) -> list[httpx.Response]:
    """Send every request at the same moment, each from its own thread."""
    barrier = threading.Barrier(len(requests))
    with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=len(requests))) as client:

        def send(request):
            method, url, kwargs = request
            barrier.wait()
            return client.request(method, url, **kwargs)

        with ThreadPoolExecutor(len(requests)) as pool:
            return list(pool.map(send, requests))


def money(server, user_id: int) -> tuple[int, int, int]:
    """(balance, ledger sum, purchases) for one player."""
    _, engine = server
    with engine.connect() as connection:
        return tuple(
            connection.execute(
                text(
                    "SELECT coins, (SELECT sum(amount) FROM coin_transactions WHERE user_id = u.id),"
                    " (SELECT count(*) FROM user_avatar_purchases WHERE user_id = u.id)"
                    " FROM users u WHERE id = :id"
                ),
                {"id": user_id},
            ).one()
        )


def test_fifty_simultaneous_purchases_of_one_avatar_charge_once(server):
    base, _ = server
    user_id, headers = new_player(server, coins=1000, level=5)
    responses = all_at_once([("POST", f"{base}/api/avatars/griffin/purchase", {"headers": headers})] * 50)
    assert Counter(r.status_code for r in responses) == {201: 1, 409: 49}
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"already_owned"}
    # The one purchase also earns the first-purchase achievement, once.
    assert sum(len(r.json()["achievements"]) for r in responses if r.status_code == 201) == 1
    assert money(server, user_id) == (800 + REWARD["shop-first"], 800 + REWARD["shop-first"], 1)


def test_coins_for_exactly_three_buy_exactly_three(server):
    base, _ = server
    # 100 + 200 + 300 = 600 coins; the five dearer avatars each cost more than all of it,
    # and the cheap ones are asked for twice more, so every order ends the same way.
    cheap = ["phoenix", "griffin", "cerberus"]
    dear = ["kraken", "void-serpent", "leviathan", "magma-golem", "titan"]
    user_id, headers = new_player(server, coins=600, level=30)
    wanted = cheap + dear + ["phoenix", "griffin"]
    responses = all_at_once([("POST", f"{base}/api/avatars/{a}/purchase", {"headers": headers}) for a in wanted])
    by_avatar = [(a, r.status_code) for a, r in zip(wanted, responses, strict=True)]
    assert Counter(status for _, status in by_avatar) == {201: 3, 402: 5, 409: 2}
    assert {a for a, status in by_avatar if status == 201} == set(cheap)
    # All spent; what is left is the first purchase's and the third's achievement.
    left = REWARD["shop-first"] + REWARD["shop-3"]
    assert money(server, user_id) == (left, left, 3)


def test_racing_purchases_never_overspend(server):
    base, _ = server
    # Ten avatars whose prices add up to far more than the balance: which ones win
    # depends on timing, but the books must balance whatever happens.
    wanted = [
        "phoenix",
        "griffin",
        "cerberus",
        "thunder-fang",
        "cyber-ape",
        "solar-lion",
        "hydra",
        "crystal-stag",
        "minotaur",
        "storm-eagle",
    ]
    user_id, headers = new_player(server, coins=1000, level=30)
    responses = all_at_once([("POST", f"{base}/api/avatars/{a}/purchase", {"headers": headers}) for a in wanted])
    bought = [a for a, r in zip(wanted, responses, strict=True) if r.status_code == 201]
    assert {r.status_code for r in responses} <= {201, 402}
    balance, ledger, purchases = money(server, user_id)
    assert balance == ledger == 1000 - sum(AVATARS_BY_ID[a].price for a in bought) + rewards(responses) >= 0
    assert purchases == len(bought) >= 1
    refused = [AVATARS_BY_ID[a].price for a, r in zip(wanted, responses, strict=True) if r.status_code == 402]
    assert all(price > balance for price in refused)  # nothing affordable was refused


def test_purchases_racing_with_workout_credits_lose_nothing(server):
    base, _ = server
    user_id, headers = new_player(server, coins=450, level=30)
    # Twelve sessions of 50 minutes an hour apart: one player's workouts never overlap.
    sessions = [workout(timedelta(hours=n + 1), 50, *[reps("burpee", 30)] * 5) for n in range(12)]
    requests = [("POST", f"{base}/api/workouts", {"headers": headers, "json": session}) for session in sessions]
    requests += [
        ("POST", f"{base}/api/avatars/{a}/purchase", {"headers": headers})
        for a in ("phoenix", "griffin", "cerberus", "hydra", "minotaur", "titan")
    ]
    responses = all_at_once(requests)
    workouts, purchases = responses[:12], responses[12:]
    assert all(r.status_code == 201 for r in workouts), [r.text for r in workouts]
    earned = sum(r.json()["coins_earned"] for r in workouts)
    assert earned > 0
    spent = sum(
        AVATARS_BY_ID[a].price
        for a, r in zip(("phoenix", "griffin", "cerberus", "hydra", "minotaur", "titan"), purchases, strict=True)
        if r.status_code == 201
    )
    balance, ledger, owned = money(server, user_id)
    assert balance == ledger == 450 + earned - spent + rewards(responses)
    assert owned == sum(r.status_code == 201 for r in purchases)


def test_one_idempotency_key_sent_ten_times_at_once_stores_one_workout(server):
    base, engine = server
    user_id, headers = new_player(server, coins=0, level=1)
    body = workout(timedelta(hours=1), 30, reps("push-up", 10))
    request = ("POST", f"{base}/api/workouts", {"headers": {**headers, "Idempotency-Key": "double-tap"}, "json": body})
    responses = all_at_once([request] * 10)
    assert {r.status_code for r in responses} == {201}
    assert len({r.text for r in responses}) == 1  # every caller sees the first response
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM workouts WHERE user_id = :id"), {"id": user_id})
        assert stored.scalar() == 1
    balance, ledger, _ = money(server, user_id)
    assert balance == (ledger or 0) == responses[0].json()["coins"]


def earned_rows(server, user_id: int) -> dict[str, tuple[int, int]]:
    """{slug: (rows in user_achievements, ledger rows paying it)} for one player."""
    _, engine = server
    with engine.connect() as connection:
        return {
            slug: (stored, paid)
            for slug, stored, paid in connection.execute(
                text(
                    "SELECT a.achievement_slug, count(*),"
                    " (SELECT count(*) FROM coin_transactions t WHERE t.user_id = a.user_id"
                    "  AND t.reason = 'achievement' AND t.reference = 'achievement:' || a.achievement_slug)"
                    " FROM user_achievements a WHERE a.user_id = :id GROUP BY a.user_id, a.achievement_slug"
                ),
                {"id": user_id},
            )
        }


def test_workouts_crossing_a_threshold_together_award_it_once_and_pay_once(server):
    base, engine = server
    user_id, headers = new_player(server, coins=0, level=1)
    with engine.begin() as connection:  # eight workouts logged long ago: the ninth and tenth are near
        connection.execute(
            text(
                "INSERT INTO workouts (user_id, started_at, finished_at, local_date, xp_earned, coins_earned)"
                " SELECT :id, d - interval '20 minutes', d, d::date, 10, 0"
                " FROM generate_series(timestamp '2026-01-01 18:00', timestamp '2026-01-08 18:00', interval '1 day') d"
            ),
            {"id": user_id},
        )
    # Six workouts at once, at six different times of the last few hours.
    bodies = [workout(timedelta(hours=n + 1), 20, reps("push-up", 10)) for n in range(6)]
    responses = all_at_once([("POST", f"{base}/api/workouts", {"headers": headers, "json": b}) for b in bodies])
    assert [r.status_code for r in responses] == [201] * 6, [r.text for r in responses]
    listed = Counter(a["slug"] for r in responses for a in r.json()["achievements"])
    assert listed["workout-10"] == 1 and listed["first-blood"] == 1
    assert set(listed.values()) == {1}  # nothing listed twice
    earned = earned_rows(server, user_id)
    assert set(earned) == set(listed) and set(earned.values()) == {(1, 1)}  # stored once, paid once
    balance, ledger, _ = money(server, user_id)
    assert balance == ledger == sum(r.json()["coins_earned"] for r in responses) + rewards(responses)


def test_purchases_crossing_shop_thresholds_together_award_each_once(server):
    base, _ = server
    user_id, headers = new_player(server, coins=2000, level=30)
    wanted = ["phoenix", "griffin", "cerberus", "thunder-fang", "cyber-ape", "phoenix", "griffin"]
    responses = all_at_once([("POST", f"{base}/api/avatars/{a}/purchase", {"headers": headers}) for a in wanted])
    assert Counter(r.status_code for r in responses) == {201: 5, 409: 2}
    listed = Counter(a["slug"] for r in responses if r.status_code == 201 for a in r.json()["achievements"])
    assert listed == {"shop-first": 1, "shop-3": 1, "shop-5": 1}
    assert earned_rows(server, user_id) == {"shop-first": (1, 1), "shop-3": (1, 1), "shop-5": (1, 1)}
    balance, ledger, owned = money(server, user_id)
    spent = sum(AVATARS_BY_ID[a].price for a in set(wanted))
    assert balance == ledger == 2000 - spent + REWARD["shop-first"] + REWARD["shop-3"] + REWARD["shop-5"]
    assert owned == 5


def test_ledger_always_equals_balance_for_everyone(server):
    _, engine = server
    books_balance(engine)
