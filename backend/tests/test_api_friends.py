"""Friends: requests, accepting, declining, withdrawing, removing, blocking and
invite links, on both engines."""

from sqlalchemy import text

from support.social import befriend, public_id


def lists(world, player) -> dict[str, list[str]]:
    body = world.client.get("/api/friends", headers=player.headers).json()
    return {key: [p["id"] for p in value] for key, value in body.items() if key != "cards"}


def test_request_accept_and_remove(world):
    ada, bo = world.player(username="ada"), world.player(username="bob")
    ada_id, bo_id = public_id(world, ada), public_id(world, bo)

    asked = world.client.post("/api/friends/requests", json={"player_id": bo_id}, headers=ada.headers)
    assert asked.json() == {
        "player": {"id": bo_id, "display_name": "bob", "avatar_id": "shadow-wolf"},
        "friendship": "outgoing",
    }
    # Asking again changes nothing.
    again = world.client.post("/api/friends/requests", json={"player_id": bo_id}, headers=ada.headers)
    assert again.json()["friendship"] == "outgoing"
    assert lists(world, ada) == {"friends": [], "incoming": [], "outgoing": [bo_id], "blocked": []}
    assert lists(world, bo) == {"friends": [], "incoming": [ada_id], "outgoing": [], "blocked": []}
    # bo hears of it once.
    notices = world.client.get("/api/notifications", headers=bo.headers).json()["items"]
    assert [(n["kind"], n["params"]) for n in notices] == [("friend_request", {"from_name": "ada"})]

    # Only the one asked can accept.
    assert world.client.post(f"/api/friends/requests/{bo_id}/accept", headers=ada.headers).status_code == 404
    accepted = world.client.post(f"/api/friends/requests/{ada_id}/accept", headers=bo.headers)
    assert accepted.json()["friendship"] == "friends"
    assert lists(world, ada)["friends"] == [bo_id]
    assert lists(world, bo)["friends"] == [ada_id]

    removed = world.client.delete(f"/api/friends/{ada_id}", headers=bo.headers)
    assert removed.json()["friendship"] == "none"
    assert lists(world, ada)["friends"] == [] == lists(world, bo)["friends"]
    assert world.client.delete(f"/api/friends/{ada_id}", headers=bo.headers).json()["error"]["code"] == (
        "friend_not_found"
    )


def test_decline_and_cancel(world):
    ada, bo = world.player(), world.player()
    ada_id, bo_id = public_id(world, ada), public_id(world, bo)
    world.client.post("/api/friends/requests", json={"player_id": bo_id}, headers=ada.headers)
    declined = world.client.post(f"/api/friends/requests/{ada_id}/decline", headers=bo.headers)
    assert declined.json()["friendship"] == "none"
    assert lists(world, ada)["outgoing"] == []

    world.client.post("/api/friends/requests", json={"player_id": bo_id}, headers=ada.headers)
    # Withdrawing is the asker's; declining the one asked.
    assert world.client.delete(f"/api/friends/requests/{ada_id}", headers=bo.headers).status_code == 404
    assert world.client.post(f"/api/friends/requests/{bo_id}/decline", headers=ada.headers).status_code == 404
    cancelled = world.client.delete(f"/api/friends/requests/{bo_id}", headers=ada.headers)
    assert cancelled.json()["friendship"] == "none"
    assert lists(world, bo)["incoming"] == []
    missing = world.client.delete(f"/api/friends/requests/{bo_id}", headers=ada.headers)
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "friend_request_not_found")


def test_asking_someone_who_asked_you_makes_friends_once(world):
    ada, bo = world.player(), world.player()
    world.client.post("/api/friends/requests", json={"player_id": public_id(world, bo)}, headers=ada.headers)
    crossed = world.client.post("/api/friends/requests", json={"player_id": public_id(world, ada)}, headers=bo.headers)
    assert crossed.json()["friendship"] == "friends"
    with world.engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM friendships")).scalars().all() == ["accepted"]


def test_refusals(world):
    ada = world.player()
    ada_id = public_id(world, ada)
    self_ask = world.client.post("/api/friends/requests", json={"player_id": ada_id}, headers=ada.headers)
    assert (self_ask.status_code, self_ask.json()["error"]["code"]) == (422, "cannot_befriend_self")
    nobody = world.client.post("/api/friends/requests", json={"player_id": "no-such-player"}, headers=ada.headers)
    assert (nobody.status_code, nobody.json()["error"]["code"]) == (404, "player_not_found")
    assert world.client.get("/api/friends").status_code == 401


def test_block_ends_friendship_and_refuses_requests_both_ways(world):
    ada, bo = world.player(), world.player()
    ada_id, bo_id = public_id(world, ada), public_id(world, bo)
    befriend(world, ada, bo)
    blocked = world.client.put(f"/api/friends/blocks/{bo_id}", headers=ada.headers)
    assert blocked.json()["friendship"] == "blocked"
    assert lists(world, ada) == {"friends": [], "incoming": [], "outgoing": [], "blocked": [bo_id]}
    assert lists(world, bo) == {"friends": [], "incoming": [], "outgoing": [], "blocked": []}

    # bo cannot ask ada (and cannot tell a block from a wrong address)...
    refused = world.client.post("/api/friends/requests", json={"player_id": ada_id}, headers=bo.headers)
    unknown = world.client.post("/api/friends/requests", json={"player_id": "x" * 16}, headers=bo.headers)
    assert refused.status_code == unknown.status_code == 404
    assert {**refused.json()["error"], "request_id": None} == {**unknown.json()["error"], "request_id": None}
    # ...nor see her card; ada must unblock before asking bo.
    assert world.client.get(f"/api/players/{ada_id}", headers=bo.headers).status_code == 404
    own = world.client.post("/api/friends/requests", json={"player_id": bo_id}, headers=ada.headers)
    assert (own.status_code, own.json()["error"]["code"]) == (409, "player_blocked")

    assert world.client.delete(f"/api/friends/blocks/{bo_id}", headers=ada.headers).json()["friendship"] == "none"
    assert world.client.post("/api/friends/requests", json={"player_id": ada_id}, headers=bo.headers).status_code == 200


def test_invite_link_makes_friends_at_once_and_can_be_renewed(world):
    ada, bo, cy = world.player(username="ada"), world.player(), world.player()
    invite = world.client.get("/api/friends/invite", headers=ada.headers).json()
    assert set(invite) == {"code", "telegram_link"}
    assert invite == world.client.get("/api/friends/invite", headers=ada.headers).json()  # stable
    code = invite["code"]

    preview = world.client.get(f"/api/friends/invites/{code}", headers=bo.headers).json()
    assert preview["player"]["display_name"] == "ada" and preview["friendship"] == "none"
    own = world.client.post(f"/api/friends/invites/{code}/accept", headers=ada.headers)
    assert own.json()["error"]["code"] == "cannot_befriend_self"
    joined = world.client.post(f"/api/friends/invites/{code}/accept", headers=bo.headers)
    assert joined.json()["friendship"] == "friends"
    assert lists(world, ada)["friends"] == [public_id(world, bo)]
    # Opening it twice changes nothing.
    twice = world.client.post(f"/api/friends/invites/{code}/accept", headers=bo.headers)
    assert twice.json()["friendship"] == "friends"

    renewed = world.client.post("/api/friends/invite", headers=ada.headers).json()["code"]
    assert renewed != code
    stale = world.client.post(f"/api/friends/invites/{code}/accept", headers=cy.headers)
    assert (stale.status_code, stale.json()["error"]["code"]) == (404, "invite_not_found")
    assert world.client.post(f"/api/friends/invites/{renewed}/accept", headers=cy.headers).status_code == 200


def test_a_hidden_player_is_reached_only_by_their_invite_link(world):
    ada, bo = world.player(), world.player()
    world.client.put("/api/users/me/visibility", json={"visibility": "hidden"}, headers=ada.headers)
    asked = world.client.post("/api/friends/requests", json={"player_id": public_id(world, ada)}, headers=bo.headers)
    assert asked.status_code == 404
    code = world.client.get("/api/friends/invite", headers=ada.headers).json()["code"]
    joined = world.client.post(f"/api/friends/invites/{code}/accept", headers=bo.headers)
    assert joined.json()["friendship"] == "friends"
