"""Privacy: for every visibility, who finds the player by username, who sees them
on the boards, who gets their card; nothing beyond the documented fields; a
player one may not see answers exactly like one who does not exist. The search
quota."""

from datetime import timedelta

import pytest

from bodyweight.social.limits import SEARCHES_PER_WINDOW
from support.clock import reps, workout
from support.social import befriend, public_id, set_visibility

CARD_KEYS = {"id", "display_name", "avatar_id", "level", "current_streak", "week_score"}
REF_KEYS = {"id", "display_name", "avatar_id"}
ENTRY_KEYS = {"rank", "player", "level", "score"}
BOARD_KEYS = {"period", "scope", "week_start", "daily_cap", "entries", "me"}

# Who may see a player of each visibility: (search, global boards, friends' boards, card)
SEEN_BY_STRANGER = {
    "hidden": (False, False, False, False),
    "friends": (True, False, False, False),
    "public": (True, True, False, True),
}
SEEN_BY_FRIEND = {
    "hidden": (False, False, False, False),
    "friends": (True, False, True, True),
    "public": (True, True, True, True),
}


def without_request_id(response) -> tuple[int, dict]:
    body = response.json()
    return response.status_code, {**body, "error": {**body["error"], "request_id": None}}


def on_board(world, viewer, target_id: str, period: str, scope: str) -> bool:
    board = world.client.get(f"/api/boards/{period}", params={"scope": scope}, headers=viewer.headers).json()
    assert set(board) == BOARD_KEYS
    for entry in [*board["entries"], board["me"]]:
        assert set(entry) == ENTRY_KEYS and set(entry["player"]) == REF_KEYS
    return target_id in {entry["player"]["id"] for entry in board["entries"]}


@pytest.mark.parametrize("visibility", ["hidden", "friends", "public"])
def test_who_sees_a_player_of_each_visibility(world, visibility):
    target = world.player(username="target")
    friend, stranger = world.player(), world.player()
    befriend(world, target, friend)
    assert (
        world.client.post(
            "/api/workouts", json=workout(timedelta(minutes=5), 20, reps("push-up", 15)), headers=target.headers
        ).status_code
        == 201
    )
    set_visibility(world, target, visibility)
    target_id = public_id(world, target)
    unknown = world.client.get("/api/players/AAAAAAAAAAAAAAAA", headers=stranger.headers)
    assert unknown.status_code == 404

    for viewer, expected in ((stranger, SEEN_BY_STRANGER[visibility]), (friend, SEEN_BY_FRIEND[visibility])):
        found = world.client.post("/api/players/search", json={"username": "TARGET"}, headers=viewer.headers)
        card = world.client.get(f"/api/players/{target_id}", headers=viewer.headers)
        seen = (
            found.status_code == 200,
            on_board(world, viewer, target_id, "week", "global")
            and on_board(world, viewer, target_id, "all", "global"),
            on_board(world, viewer, target_id, "week", "friends")
            and on_board(world, viewer, target_id, "all", "friends"),
            card.status_code == 200,
        )
        assert seen == expected, viewer.username
        if found.status_code == 200:
            assert set(found.json()) == {"player", "friendship"}
            assert set(found.json()["player"]) == REF_KEYS
            assert found.json()["player"]["id"] == target_id
        else:
            assert without_request_id(found) == without_request_id(unknown)
        if card.status_code == 200:
            assert set(card.json()) == CARD_KEYS
            assert card.json()["id"] == target_id and card.json()["week_score"] > 0
        else:
            # Not allowed to see and does not exist are one and the same answer.
            assert without_request_id(card) == without_request_id(unknown)
            assert card.headers["content-length"] == unknown.headers["content-length"]

    # The player always sees themselves.
    own = world.client.get(f"/api/players/{target_id}", headers=target.headers)
    assert own.status_code == 200 and set(own.json()) == CARD_KEYS
    me = world.client.get("/api/users/me", headers=target.headers).json()
    assert me["visibility"] == visibility


def test_friends_is_the_default_and_the_card_says_only_what_it_documents(world):
    ada, bob = world.player(username="ada"), world.player(username="bob")
    assert world.client.get("/api/users/me", headers=ada.headers).json()["visibility"] == "friends"
    befriend(world, ada, bob)
    card = world.client.get(f"/api/players/{public_id(world, ada)}", headers=bob.headers).json()
    assert card == {
        "id": public_id(world, ada),
        "display_name": "ada",
        "avatar_id": "shadow-wolf",
        "level": 1,
        "current_streak": 0,
        "week_score": 0,
    }
    refused = world.client.put("/api/users/me/visibility", json={"visibility": "everyone"}, headers=ada.headers)
    assert refused.status_code == 422


def test_the_friends_list_describes_only_friends_who_are_not_hidden(world):
    ada, bob, cy = world.player(username="ada"), world.player(username="bob"), world.player(username="cyd")
    befriend(world, ada, bob)
    befriend(world, ada, cy)
    world.client.post("/api/workouts", json=workout(timedelta(minutes=5), 20, reps("push-up", 20)), headers=bob.headers)

    def cards() -> dict[str, dict]:
        body = world.client.get("/api/friends", headers=ada.headers).json()
        assert set(body) == {"friends", "incoming", "outgoing", "blocked", "cards"}
        for card in body["cards"]:
            assert set(card) == CARD_KEYS
        return {card["id"]: card for card in body["cards"]}

    seen = cards()
    assert set(seen) == {public_id(world, bob), public_id(world, cy)}
    bob_card = world.client.get(f"/api/players/{public_id(world, bob)}", headers=ada.headers).json()
    assert seen[public_id(world, bob)] == bob_card and bob_card["week_score"] > 0
    set_visibility(world, cy, "hidden")
    assert set(cards()) == {public_id(world, bob)}


def test_public_ids_are_random_not_sequential(world):
    ids = [public_id(world, world.player()) for _ in range(3)]
    assert len(set(ids)) == 3
    assert all(len(i) == 16 and not i.isdigit() for i in ids)


def test_search_is_by_exact_username_only(world):
    world.player(username="alexandra")
    seeker = world.player()
    for partial in ("alex", "alexandr", "alexandra_", "%", "alex%", "a*"):
        response = world.client.post("/api/players/search", json={"username": partial}, headers=seeker.headers)
        assert response.status_code == 404, partial
    found = world.client.post("/api/players/search", json={"username": " Alexandra "}, headers=seeker.headers)
    assert found.status_code == 200


def test_search_is_rate_limited_per_player(world):
    world.player(username="needle")
    seeker, other = world.player(), world.player()
    for n in range(SEARCHES_PER_WINDOW):
        name = "needle" if n % 2 else f"guess{n}"
        response = world.client.post("/api/players/search", json={"username": name}, headers=seeker.headers)
        assert response.status_code in (200, 404)
    refused = world.client.post("/api/players/search", json={"username": "needle"}, headers=seeker.headers)
    assert refused.status_code == 429
    error = refused.json()["error"]
    assert error["code"] == "too_many_searches" and 0 < error["params"]["retry_after"] <= 600
    # Refusals do not free the quota; another player has their own.
    assert (
        world.client.post("/api/players/search", json={"username": "needle"}, headers=seeker.headers).status_code == 429
    )
    assert (
        world.client.post("/api/players/search", json={"username": "needle"}, headers=other.headers).status_code == 200
    )
