"""The `bodyweight` command, run as operators run it."""

import secrets
import subprocess

import pytest
from sqlalchemy import text

from bodyweight.db import make_engine
from support.processes import BIN, bodyweight, free_port, operator_env, wait_for_http
from support.schema import BASE, CHAIN, HEAD, migrate


def test_db_commands_walk_the_chain(database_url):
    up = bodyweight("db", "upgrade", database_url=database_url)
    assert up.returncode == 0, up.stderr
    assert '"direction": "upgrade"' in up.stderr  # one structured line per step
    assert bodyweight("db", "current", database_url=database_url).stdout.strip() == f"{HEAD} (head)"

    history = bodyweight("db", "history", database_url=database_url).stdout
    assert f"-> {HEAD} (head) (current)" in history
    assert f"<base> -> {BASE}" in history

    down = bodyweight("db", "downgrade", "-1", database_url=database_url)
    assert down.returncode == 0, down.stderr
    assert bodyweight("db", "current", database_url=database_url).stdout.strip() == CHAIN[-2]

    assert bodyweight("db", "upgrade", HEAD, database_url=database_url).returncode == 0
    assert bodyweight("db", "current", database_url=database_url).stdout.strip() == f"{HEAD} (head)"


def test_db_upgrade_sql_prints_reviewable_sql_and_changes_nothing(postgresql_url):
    result = bodyweight("db", "upgrade", "--sql", database_url=postgresql_url)
    assert result.returncode == 0, result.stderr
    assert "CREATE TABLE user_avatar_purchases" in result.stdout
    assert "CREATE INDEX ix_user_avatar_purchases_user_id" in result.stdout
    assert bodyweight("db", "current", database_url=postgresql_url).stdout.strip() == ""


def test_db_downgrade_to_an_unknown_revision_fails_cleanly(migrated_url):
    result = bodyweight("db", "downgrade", "deadbeef0000", database_url=migrated_url)
    assert result.returncode == 1
    assert "bodyweight: error:" in result.stderr
    assert bodyweight("db", "current", database_url=migrated_url).stdout.strip() == f"{HEAD} (head)"


def balances(url: str) -> list[tuple]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [
                tuple(r)
                for r in connection.execute(
                    text(
                        "SELECT u.username, u.coins, t.amount, t.balance_after, t.reason, t.reference"
                        " FROM users u LEFT JOIN coin_transactions t ON t.user_id = u.id ORDER BY t.id"
                    )
                )
            ]
    finally:
        engine.dispose()


def test_grant_coins_credits_and_records_it_in_the_ledger(migrated_engine, migrated_url):
    with migrated_engine.begin() as connection:
        connection.execute(text("INSERT INTO users (username) VALUES ('ada')"))
    first = bodyweight("users", "grant-coins", "ada", "150", "--reason", "contest prize", database_url=migrated_url)
    assert first.returncode == 0, first.stderr
    assert "balance is now 150" in first.stdout
    bodyweight("users", "grant-coins", "ada", "25", "--reason", "sorry for the outage", database_url=migrated_url)
    assert balances(migrated_url) == [
        ("ada", 175, 150, 150, "support_grant", "contest prize"),
        ("ada", 175, 25, 175, "support_grant", "sorry for the outage"),
    ]


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["nobody", "10", "--reason", "x"], "No player is called nobody"),
        (["ada", "10", "--reason", "   "], "A reason is required"),
        (["ada", "1000001", "--reason", "x"], "between 1 and 1000000"),
    ],
)
def test_grant_coins_refuses_bad_input_and_changes_nothing(migrated_engine, migrated_url, args, complaint):
    with migrated_engine.begin() as connection:
        connection.execute(text("INSERT INTO users (username) VALUES ('ada')"))
    result = bodyweight("users", "grant-coins", *args, database_url=migrated_url)
    assert result.returncode == 1
    assert complaint in result.stderr
    assert balances(migrated_url) == [("ada", 0, None, None, None, None)]


@pytest.mark.parametrize("amount", ["0", "-5", "ten"])
def test_grant_coins_rejects_amounts_that_are_not_positive_whole_numbers(sqlite_url, amount):
    result = bodyweight("users", "grant-coins", "ada", amount, "--reason", "x", database_url=sqlite_url)
    assert result.returncode == 2
    assert "amount" in result.stderr


def test_grant_coins_on_a_schema_behind_head_names_the_fix(database_url):
    migrate(database_url, BASE)
    result = bodyweight("users", "grant-coins", "ada", "10", "--reason", "x", database_url=database_url)
    assert result.returncode == 1
    assert "bodyweight db upgrade" in result.stderr


def start_server(database_url: str, *flags: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "bodyweight"), "serve", "--port", str(port), *flags],
        env=operator_env(database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen) -> tuple[str, str]:
    process.terminate()
    return process.communicate(timeout=30)


def test_serve_on_sqlite_applies_pending_migrations_and_prints_the_address(sqlite_url):
    process, address = start_server(sqlite_url)
    try:
        ready = wait_for_http(f"{address}/readyz", process)
        assert ready.status_code == 200
        assert ready.json() == {"status": "ready", "revision": HEAD}
        assert "x-request-id" in ready.headers
    finally:
        out, err = stop(process)
    assert f"open {address}/" in out
    assert '"path": "/readyz"' in err and '"request_id"' in err  # one log line per request


def test_serve_on_postgresql_refuses_a_schema_behind_head(postgresql_url):
    migrate(postgresql_url, BASE)
    result = bodyweight("serve", "--port", str(free_port()), database_url=postgresql_url)
    assert result.returncode == 1
    assert f"pending: {', '.join(CHAIN[1:])}" in result.stderr
    assert "bodyweight db upgrade" in result.stderr


def test_serve_with_migrate_upgrades_postgresql_first(postgresql_url):
    process, address = start_server(postgresql_url, "--migrate", "--workers", "2")
    try:
        assert wait_for_http(f"{address}/readyz", process).json()["revision"] == HEAD
    finally:
        stop(process)


def test_demo_fills_players_with_workouts_scored_by_the_rules(migrated_engine, migrated_url):
    first = bodyweight("demo", database_url=migrated_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("password:") == 5
    with migrated_engine.connect() as connection:
        players = connection.execute(
            text(
                "SELECT u.username, u.coins, u.total_xp, (SELECT coalesce(sum(amount), 0)"
                " FROM coin_transactions t WHERE t.user_id = u.id),"
                " (SELECT coalesce(sum(xp_earned), 0) FROM workouts w WHERE w.user_id = u.id) FROM users u"
            )
        ).all()
    assert len(players) == 5
    for username, coins, total_xp, ledger, workout_xp in players:
        assert username.startswith("demo_")
        assert coins == ledger > 0 and total_xp == workout_xp > 0
    again = bodyweight("demo", database_url=migrated_url)
    assert "already exist" in again.stdout


def test_demo_refuses_in_production(migrated_url):
    result = subprocess.run(
        [str(BIN / "bodyweight"), "demo"],
        capture_output=True,
        text=True,
        env=operator_env(migrated_url, BODYWEIGHT_ENV="production", SECRET_KEY=secrets.token_urlsafe(32)),
    )
    assert result.returncode == 1
    assert "refusing in production" in result.stderr


def test_idempotency_prune_forgets_only_old_stored_responses(migrated_url):
    sql = [
        "INSERT INTO users (id, username) VALUES (1, 'ada')",
        "INSERT INTO idempotency_keys (user_id, key, request_fingerprint, status_code, response_body, created_at)"
        " VALUES (1, 'old', 'f', 201, '{}', '2000-01-01 00:00:00'), (1, 'new', 'f', 201, '{}', CURRENT_TIMESTAMP)",
    ]
    engine = make_engine(migrated_url)
    try:
        with engine.begin() as connection:
            for statement in sql:
                connection.execute(text(statement))
        result = bodyweight("idempotency", "prune", "--older-than-hours", "24", database_url=migrated_url)
        assert result.returncode == 0, result.stderr
        assert "Forgot 1 stored responses" in result.stdout
        with engine.connect() as connection:
            assert connection.execute(text("SELECT key FROM idempotency_keys")).scalars().all() == ["new"]
    finally:
        engine.dispose()
