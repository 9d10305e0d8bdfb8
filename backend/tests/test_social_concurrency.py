"""Friends, and the week boards' tally, under real concurrency (PostgreSQL): a real
multi-process server, many simultaneous requests over real connections."""

from collections import Counter
from datetime import timedelta

import httpx2 as httpx
import pytest
from sqlalchemy import text

from support.clock import reps, workout
from support.servers import serving
from support.social import recounted_tally, week_tally
from test_concurrency import all_at_once, new_player

pytestmark = [pytest.mark.postgresql]


@pytest.fixture(scope="module")
def server(postgres_server):
    if postgres_server is None:
        pytest.skip("PostgreSQL is not available")
    # Four workers importing the app can take a while on a busy 2-core machine.
    with serving(postgres_server, startup=180) as running:
        yield running


def public_id(base: str, headers: dict) -> str:
    return httpx.get(f"{base}/api/users/me", headers=headers).json()["public_id"]


def pair_rows(engine, a: int, b: int) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text("SELECT status FROM friendships WHERE low_id = :low AND high_id = :high"),
                {"low": min(a, b), "high": max(a, b)},
            )
        ]


@pytest.mark.parametrize("round_", range(5))
def test_two_players_asking_each_other_at_once_become_friends_once(server, round_):
    base, engine = server
    (ada, ada_headers), (bob, bob_headers) = new_player(server, coins=0, level=1), new_player(server, coins=0, level=1)
    ada_id, bob_id = public_id(base, ada_headers), public_id(base, bob_headers)
    responses = all_at_once(
        [
            ("POST", f"{base}/api/friends/requests", {"headers": ada_headers, "json": {"player_id": bob_id}}),
            ("POST", f"{base}/api/friends/requests", {"headers": bob_headers, "json": {"player_id": ada_id}}),
        ]
        * 4
    )
    assert {r.status_code for r in responses} == {200}, [r.text for r in responses]
    assert "friends" in {r.json()["friendship"] for r in responses}
    assert pair_rows(engine, ada, bob) == [("accepted",)]
    for headers, other in ((ada_headers, bob_id), (bob_headers, ada_id)):
        lists = httpx.get(f"{base}/api/friends", headers=headers).json()
        assert [p["id"] for p in lists["friends"]] == [other]
        assert lists["incoming"] == lists["outgoing"] == []


def test_opening_each_others_invite_links_at_once_makes_one_friendship(server):
    base, engine = server
    (ada, ada_headers), (bob, bob_headers) = new_player(server, coins=0, level=1), new_player(server, coins=0, level=1)
    ada_code = httpx.get(f"{base}/api/friends/invite", headers=ada_headers).json()["code"]
    bob_code = httpx.get(f"{base}/api/friends/invite", headers=bob_headers).json()["code"]
    responses = all_at_once(
        [
            ("POST", f"{base}/api/friends/invites/{bob_code}/accept", {"headers": ada_headers}),
            ("POST", f"{base}/api/friends/invites/{ada_code}/accept", {"headers": bob_headers}),
        ]
        * 4
    )
    assert {(r.status_code, r.json()["friendship"]) for r in responses} == {(200, "friends")}
    assert pair_rows(engine, ada, bob) == [("accepted",)]


def test_racing_workouts_visibility_and_deletions_keep_the_week_tally_exact(server):
    """Twelve public players log the same three workouts at once, three rounds over,
    so their scores meet on the same tally rows (one's old score is another's new),
    while some of them leave and rejoin the global boards and one deletes their
    account. No deadlock, no failure (a deadlock answers 503), and the tally equals
    the count from scratch after each round."""
    base, engine = server
    players = [new_player(server, coins=0, level=1) for _ in range(12)]
    for _, headers in players:
        made = httpx.put(f"{base}/api/users/me/visibility", headers=headers, json={"visibility": "public"})
        assert made.status_code == 200, made.text
    leaving = {"friends": "public", "public": "friends"}
    visibility = {n: "public" for n in range(len(players))}
    for round_ in range(3):
        requests = [
            ("POST", f"{base}/api/workouts", {"headers": headers, "json": body})
            for n, (_, headers) in enumerate(players)
            if not (round_ > 1 and n == 2)  # deleted in the round before
            for body in (workout(timedelta(hours=3 * round_ + k + 1), 20, reps("push-up", 15)) for k in range(3))
        ]
        for n in (0, 1, 3 + round_):  # flip, flip back in the next round, and others'
            visibility[n] = leaving[visibility[n]]
            requests.append(
                (
                    "PUT",
                    f"{base}/api/users/me/visibility",
                    {"headers": players[n][1], "json": {"visibility": visibility[n]}},
                )
            )
        if round_ == 1:
            requests.append(
                ("DELETE", f"{base}/api/users/me", {"headers": players[2][1], "json": {"password": "p" * 12}})
            )
        responses = all_at_once(requests)
        statuses = Counter(r.status_code for r in responses)
        assert set(statuses) <= {200, 201, 204, 401}, [r.text for r in responses if r.status_code >= 300]
        assert statuses[401] <= 3 and statuses[201] >= 3 * (len(players) - 1)  # only the deleted one's
        with engine.connect() as connection:
            counted = week_tally(connection)
            assert counted == recounted_tally(connection), round_
            listed = connection.execute(
                text("SELECT count(DISTINCT user_id) FROM weekly_scores WHERE listed AND score > 0")
            ).scalar()
        assert sum(counted.values()) >= listed > 0
