"""`bodyweight users list|show|ban|unban|rename|delete|export`, run as operators run
them, against the API the players use; a ban refuses every request and sign-in."""

import json
from datetime import timedelta

from sqlalchemy import func, select

from bodyweight.models import UserAchievement
from support.api import World
from support.clock import reps, seconds, workout
from support.init_data import init_data, telegram, user_json
from support.ownership import references_to
from support.processes import bodyweight
from support.schema import downgrade, migrate, sql

HOUR = timedelta(hours=1)
PASSWORD = "correct horse battery"


def admin(world: World, *args: str):
    return bodyweight("users", *args, database_url=world.engine.url.render_as_string(hide_password=False))


def audit_lines(stderr: str) -> list[dict]:
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("logger") == "bodyweight.admin"]


def active_player(world: World, username: str = "ada"):
    """A player with a workout, a purchase and coins left over."""
    player = world.player(username=username, coins=300, level=5)
    body = workout(HOUR, 30, reps("push-up", 12), seconds("plank", 60))
    assert world.client.post("/api/workouts", json=body, headers=player.headers).status_code == 201
    assert world.client.post("/api/avatars/phoenix/purchase", headers=player.headers).status_code == 201
    return player


def login(world: World, username: str, password: str = PASSWORD):
    return world.client.post("/api/auth/login", json={"username": username, "password": password})


def test_ban_refuses_every_request_and_sign_in_until_unbanned(world):
    ada = active_player(world)
    bob = world.player(username="bob")
    assert world.client.get("/api/users/me", headers=ada.headers).status_code == 200

    banned = admin(world, "ban", "Ada", "--reason", "cheating on the leaderboard")
    assert banned.returncode == 0, banned.stderr
    assert "Banned ada" in banned.stdout

    for method, path in (("GET", "/api/users/me"), ("GET", "/api/workouts"), ("POST", "/api/avatars/griffin/purchase")):
        refused = world.client.request(method, path, headers=ada.headers)
        assert refused.status_code == 403, (path, refused.text)
        assert refused.json()["error"]["code"] == "account_suspended"
        assert "cheating" not in refused.text  # the operator's reason stays private
    russian = world.client.get("/api/users/me", headers={**ada.headers, "Accept-Language": "ru"})
    assert "заблокирована" in russian.json()["error"]["message"]

    refused = login(world, "ada")
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "account_suspended")
    wrong = login(world, "ada", "not the password")  # says nothing about the ban to a stranger
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (401, "invalid_credentials")
    assert world.client.get("/api/users/me", headers=bob.headers).status_code == 200
    assert world.user(ada).ban_reason == "cheating on the leaderboard"

    lifted = admin(world, "unban", "ada")
    assert lifted.returncode == 0, lifted.stderr
    assert world.client.get("/api/users/me", headers=ada.headers).status_code == 401  # signed out by the ban
    again = login(world, "ada")
    assert again.status_code == 200, again.text
    assert again.json()["user"]["coins"] == world.user(ada).coins == world.ledger_sum(ada)

    actions = [
        (line["action"], line["username"], line["operator"]) for line in audit_lines(banned.stderr + lifted.stderr)
    ]
    assert [action[:2] for action in actions] == [("ban", "ada"), ("unban", "ada")]
    assert all(action[2] for action in actions)
    ban_line = audit_lines(banned.stderr)[0]
    assert ban_line["reason"] == "cheating on the leaderboard" and ban_line["time"]
    assert PASSWORD not in banned.stderr + lifted.stderr


def test_a_banned_telegram_player_cannot_sign_in(world):
    first = telegram(world.client, init_data(user=user_json(telegram_id=777, username="tg_ada")))
    assert first.status_code == 200
    token = first.json()["access_token"]
    assert admin(world, "ban", "tg_ada", "--reason", "spam").returncode == 0
    refused = telegram(world.client, init_data(user=user_json(telegram_id=777, username="tg_ada")))
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "account_suspended")
    old = world.client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"})
    assert (old.status_code, old.json()["error"]["code"]) == (403, "account_suspended")


def test_ban_needs_a_reason_and_a_player(world):
    world.player(username="ada")
    no_reason = admin(world, "ban", "ada", "--reason", "  ")
    assert no_reason.returncode == 1 and "reason" in no_reason.stderr
    nobody = admin(world, "ban", "nobody", "--reason", "x")
    assert nobody.returncode == 1 and "No player is called nobody" in nobody.stderr
    assert sql(
        world.engine.url.render_as_string(hide_password=False), "SELECT count(*) FROM users WHERE banned_at IS NOT NULL"
    ) == [(0,)]


def test_list_filters_and_pages(world):
    for name in ("ada", "adam", "bob", "carol", "dave"):
        world.player(username=name)
    assert admin(world, "ban", "bob", "--reason", "spam").returncode == 0

    everyone = admin(world, "list")
    assert everyone.returncode == 0, everyone.stderr
    assert [line.split()[1] for line in everyone.stdout.splitlines()[1:-1]] == ["ada", "adam", "bob", "carol", "dave"]
    assert "5 players match; showing 1-5" in everyone.stdout

    page = admin(world, "list", "--limit", "2", "--offset", "2")
    assert [line.split()[1] for line in page.stdout.splitlines()[1:-1]] == ["bob", "carol"]
    assert "next page: --offset 4" in page.stdout

    searched = admin(world, "list", "--search", "AD")
    assert [line.split()[1] for line in searched.stdout.splitlines()[1:-1]] == ["ada", "adam"]
    banned = admin(world, "list", "--banned")
    assert [line.split()[1] for line in banned.stdout.splitlines()[1:-1]] == ["bob"]
    assert "banned" in banned.stdout.splitlines()[1]
    active = admin(world, "list", "--active", "--search", "%")
    assert "0 players match; showing none" in active.stdout  # % is a character, not a wildcard


def test_show_gives_profile_balance_and_counts(world):
    ada = active_player(world)
    shown = admin(world, "show", "ada")
    assert shown.returncode == 0, shown.stderr
    fields = dict(line.split(":", 1) for line in shown.stdout.splitlines())
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    user = world.user(ada)
    assert fields["id"] == str(ada.id)
    assert fields["coins"] == f"{user.coins} (equals the ledger)"
    assert fields["level"] == f"{user.level} ({user.total_xp} XP)"
    assert (fields["workouts"], fields["sets"], fields["avatars bought"]) == ("1", "2", "1")
    # The grant, the workout, the purchase, and one row per achievement they earned
    # (the first workout, level 5, the first purchase, maybe a time of day).
    with world.sessions() as session:
        earned = session.scalar(select(func.count()).where(UserAchievement.user_id == ada.id))
    assert earned >= 3 and fields["ledger rows"] == str(3 + earned)
    assert fields["signs in with"] == "password"
    assert fields["status"] == "active"


def test_rename_applies_the_rules_of_sign_up(world):
    ada = world.player(username="ada")
    world.player(username="bob")
    for bad, complaint in (
        ("a", "3 to 32"),
        ("аdmin", "one alphabet"),
        ("bob", "already taken"),
        ("BOB", "already taken"),
    ):
        refused = admin(world, "rename", "ada", bad)
        assert refused.returncode == 1, bad
        assert complaint in refused.stderr, (bad, refused.stderr)
    renamed = admin(world, "rename", "ada", "Ada_Lovelace")
    assert renamed.returncode == 0, renamed.stderr
    assert "Renamed ada to ada_lovelace" in renamed.stdout
    assert login(world, "ada_lovelace").status_code == 200
    assert login(world, "ada").status_code == 401
    assert world.client.get("/api/users/me", headers=ada.headers).json()["display_name"] == "ada_lovelace"
    assert audit_lines(renamed.stderr)[0]["new_username"] == "ada_lovelace"


def test_grant_coins_is_logged_and_goes_through_the_ledger(world):
    ada = world.player(username="ada")
    granted = admin(world, "grant-coins", "ada", "40", "--reason", "outage")
    assert granted.returncode == 0, granted.stderr
    assert world.user(ada).coins == world.ledger_sum(ada) == 40
    line = audit_lines(granted.stderr)[0]
    assert (line["action"], line["amount"], line["balance"]) == ("grant_coins", 40, 40)


def test_delete_asks_first_then_erases_everything_of_the_player(world):
    ada = active_player(world)
    bob = active_player(world, "bob")
    asked = admin(world, "delete", "ada")
    assert asked.returncode == 1
    assert "1 workouts, 2 sets" in asked.stderr and "--yes" in asked.stderr
    assert login(world, "ada").status_code == 200

    deleted = admin(world, "delete", "ada", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert references_to(world.engine, ada.id) == {}
    assert login(world, "ada").status_code == 401
    assert world.client.get("/api/users/me", headers=ada.headers).status_code == 401
    assert world.client.get("/api/users/me", headers=bob.headers).status_code == 200
    assert world.user(bob).coins == world.ledger_sum(bob)
    assert audit_lines(deleted.stderr)[0]["action"] == "delete"


def test_export_writes_the_players_own_export(world, tmp_path):
    ada = active_player(world)
    target = tmp_path / "ada.json"
    exported = admin(world, "export", "ada", "--output", str(target))
    assert exported.returncode == 0, exported.stderr
    from_file = json.loads(target.read_text(encoding="utf-8"))
    own = world.client.get("/api/users/me/export", headers=ada.headers).json()
    for body in (from_file, own):
        body.pop("exported_at")
    assert from_file == own
    assert [len(w["sets"]) for w in from_file["workouts"]] == [2]

    to_stdout = admin(world, "export", "ada", "--format", "csv")
    assert to_stdout.returncode == 0, to_stdout.stderr
    own_csv = world.client.get("/api/users/me/export?format=csv", headers=ada.headers).text
    assert to_stdout.stdout == own_csv.replace("\r\n", "\n")  # read as text: newlines translated
    assert audit_lines(to_stdout.stderr)[0]["to"] == "stdout"


def test_the_ban_revision_keeps_players_down_and_up(database_url):
    before, revision = "2693288871ab", "6b53b60b408b"
    migrate(database_url, before)
    sql(database_url, "INSERT INTO users (username, coins) VALUES ('ada', 0)")
    migrate(database_url, revision)
    assert sql(database_url, "SELECT username, banned_at, ban_reason FROM users") == [("ada", None, None)]
    sql(database_url, "UPDATE users SET banned_at = CURRENT_TIMESTAMP, ban_reason = 'spam'")
    downgrade(database_url, before)
    assert sql(database_url, "SELECT username FROM users") == [("ada",)]
    migrate(database_url, revision)
    assert sql(database_url, "SELECT username, banned_at, ban_reason FROM users") == [("ada", None, None)]
