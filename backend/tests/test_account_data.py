"""A player's own data: GET /api/users/me/export (JSON, CSV of sets) and
DELETE /api/users/me, after which nothing in any table refers to them."""

import csv
import io
from datetime import timedelta

from bodyweight.users.account import EXPORTED_APART, NOT_EXPORTED
from support.api import World
from support.clock import reps, seconds, workout
from support.init_data import init_data, telegram, user_json
from support.ownership import references_to, tables_referring_to_users

HOUR = timedelta(hours=1)
PASSWORD = "correct horse battery"


def busy_player(world: World, username: str = "ada"):
    """Two workouts, a purchase made with an Idempotency-Key, a grant: a row in every table
    (the achievements the workouts and the purchase earn included)."""
    player = world.player(username=username, coins=150, level=3)
    for ago, sets in ((3 * HOUR, (reps("push-up", 10), reps("squat", 20))), (HOUR, (seconds("plank", 45),))):
        assert (
            world.client.post("/api/workouts", json=workout(ago, 20, *sets), headers=player.headers).status_code == 201
        )
    bought = world.client.post(
        "/api/avatars/phoenix/purchase", headers={**player.headers, "Idempotency-Key": f"buy-{username}"}
    )
    assert bought.status_code == 201, bought.text
    return player


def test_the_export_holds_everything_of_the_player_and_no_secret(world):
    ada = busy_player(world)
    busy_player(world, "bob")
    answer = world.client.get("/api/users/me/export", headers=ada.headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-disposition"].startswith("attachment;")
    body = answer.json()
    user = world.user(ada)

    assert body["format"] == "bodyweight-export" and body["version"] == 1
    account = body["account"]
    assert (account["id"], account["username"], account["coins"], account["level"]) == (
        ada.id,
        "ada",
        user.coins,
        user.level,
    )
    assert not {"password_hash", "token_key", "ban_reason"} & set(account)
    assert PASSWORD not in answer.text and user.token_key not in answer.text

    history = world.client.get("/api/workouts", headers=ada.headers).json()["items"]
    assert [w["id"] for w in body["workouts"]] == [w["id"] for w in reversed(history)]
    assert [[s["exercise_id"] for s in w["sets"]] for w in body["workouts"]] == [["push-up", "squat"], ["plank"]]
    assert sum(w["coins_earned"] for w in body["workouts"]) > 0

    ledger = body["coin_transactions"]
    paid = [f"workout:{w['id']}" for w in body["workouts"] if w["coins_earned"]]
    references = [row["reference"] for row in ledger]
    assert [r for r in references if not r.startswith("achievement:")] == ["test set-up", *paid, "avatar:phoenix"]
    # The achievements earned (the first workout, the first purchase) and what they paid.
    earned = [row["achievement_slug"] for row in body["other"]["user_achievements"]]
    assert {"first-blood", "shop-first"} <= set(earned)
    assert [r.removeprefix("achievement:") for r in references if r.startswith("achievement:")] == earned
    assert sum(row["amount"] for row in ledger) == ledger[-1]["balance_after"] == user.coins
    assert [row["avatar_id"] for row in body["avatar_purchases"]] == ["phoenix"]

    # Every table that refers to players is in the export, or deliberately not.
    for name in tables_referring_to_users(world.engine):
        assert name in EXPORTED_APART | NOT_EXPORTED | set(body["other"]), name


def test_the_csv_has_one_line_per_set(world):
    ada = busy_player(world)
    answer = world.client.get("/api/users/me/export", params={"format": "csv"}, headers=ada.headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [(r["exercise_id"], r["reps"], r["seconds"], r["position"]) for r in rows] == [
        ("push-up", "10", "", "1"),
        ("squat", "20", "", "2"),
        ("plank", "", "45", "1"),
    ]
    sets = world.client.get("/api/users/me/export", headers=ada.headers).json()["workouts"]
    assert [int(r["xp"]) for r in rows] == [s["xp"] for w in sets for s in w["sets"]]


def test_the_export_needs_a_signed_in_player(world):
    assert world.client.get("/api/users/me/export").status_code == 401
    ada = world.player()
    assert world.client.get("/api/users/me/export?format=xml", headers=ada.headers).status_code == 422


def test_deleting_with_the_password_leaves_no_row_behind(world):
    ada = busy_player(world)
    bob = busy_player(world, "bob")
    before = world.state()
    for wrong in ({"password": "not my password"}, {"username": "ada"}, {}):
        refused = world.client.request("DELETE", "/api/users/me", json=wrong, headers=ada.headers)
        assert refused.status_code == 403, refused.text
        assert refused.json()["error"]["params"] == {"expected": "password"}
    assert world.state() == before

    deleted = world.client.request("DELETE", "/api/users/me", json={"password": PASSWORD}, headers=ada.headers)
    assert deleted.status_code == 204, deleted.text
    assert references_to(world.engine, ada.id) == {}
    assert world.client.get("/api/users/me", headers=ada.headers).status_code == 401
    login = world.client.post("/api/auth/login", json={"username": "ada", "password": PASSWORD})
    assert login.status_code == 401
    assert world.client.get("/api/users/me", headers=bob.headers).json()["coins"] == world.ledger_sum(bob)
    assert world.counts()["idempotency_keys"] == 1  # bob's


def test_a_telegram_only_player_confirms_with_the_username_and_comes_back_new(world):
    launch = init_data(user=user_json(telegram_id=9001, username="tg_ada"))
    first = telegram(world.client, launch).json()
    headers = {"Authorization": f"Bearer {first['access_token']}"}
    assert first["user"]["telegram_only"] is True
    body = workout(HOUR, 20, reps("push-up", 30))
    assert world.client.post("/api/workouts", json=body, headers=headers).status_code == 201

    for wrong in ({"username": "someone_else"}, {"password": "anything at all"}):
        refused = world.client.request("DELETE", "/api/users/me", json=wrong, headers=headers)
        assert refused.status_code == 403
        assert refused.json()["error"]["params"] == {"expected": "username"}
        assert (
            "username"
            in world.client.request(
                "DELETE", "/api/users/me", json=wrong, headers={**headers, "Accept-Language": "ru"}
            ).json()["error"]["params"]["expected"]
        )

    assert (
        world.client.request("DELETE", "/api/users/me", json={"username": "TG_Ada"}, headers=headers).status_code == 204
    )
    assert references_to(world.engine, first["user"]["id"]) == {}
    assert world.client.get("/api/users/me", headers=headers).status_code == 401

    again = telegram(world.client, init_data(user=user_json(telegram_id=9001, username="tg_ada"))).json()
    # SQLite may hand the new player the freed id; the old token still fits nobody.
    assert world.client.get("/api/users/me", headers=headers).status_code == 401
    assert (
        world.client.get("/api/workouts", headers={"Authorization": f"Bearer {again['access_token']}"}).json()["items"]
        == []
    )
    assert (again["user"]["total_xp"], again["user"]["coins"], again["user"]["level"]) == (0, 0, 1)


def test_deleting_needs_a_signed_in_player(world):
    assert world.client.request("DELETE", "/api/users/me", json={"password": PASSWORD}).status_code == 401
