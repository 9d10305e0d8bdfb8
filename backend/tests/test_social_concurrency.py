"""Friends under real concurrency (PostgreSQL): a real multi-process server, many
simultaneous requests over real connections."""

import httpx2 as httpx
import pytest
from sqlalchemy import text

from support.servers import serving
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
