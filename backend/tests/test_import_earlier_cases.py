"""`bodyweight import earlier` beyond the plain case, on both engines: players who
are here already, achievements once `user_achievements` exists, the variants of
the earlier app's databases, refusals, a player that fails, signing in afterwards,
and the command itself as operators run it."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from bodyweight.importer.results import ALREADY, CREATED, FAILED, MERGED
from bodyweight.importer.source import ImportRefused
from bodyweight.rules import level_for_xp
from support.api import make_client
from support.clock import reps, workout
from support.earlier import NEWEST, OLDEST, build_earlier_database, build_first_day, build_shape, derive
from support.importing import contents, empty_database, numbers, on, rows, run_import
from support.init_data import init_data, telegram, user_json
from support.processes import bodyweight

ALICE, BORIS, VIKTOR = 100000001, 5000000002, 200000003


@pytest.fixture
def earlier(request, migrated_url, tmp_path):
    """An empty database on the engine of `migrated_url`, for the earlier app's tables."""
    return empty_database(request, "sqlite" if migrated_url.startswith("sqlite") else "postgresql", tmp_path)


def ledger_equals_balance(url: str) -> bool:
    return rows(
        url,
        "SELECT count(*) FROM users u WHERE u.coins <>"
        " (SELECT coalesce(sum(t.amount), 0) FROM coin_transactions t WHERE t.user_id = u.id)",
    ) == [(0,)]


def test_a_taken_username_is_renamed_and_a_telegram_player_already_here_is_merged(world, migrated_url, earlier):
    build_shape(earlier, NEWEST)
    # Here already: "alice", someone else with a password; and iron_vet, who signed
    # in with Telegram under another handle, earned 40 coins and logged a workout.
    someone = world.player(username="alice", coins=25)
    signed_in = telegram(world.client, init_data(user=user_json(telegram_id=VIKTOR, username="viktor_here")))
    assert signed_in.status_code == 200, signed_in.text
    viktor_headers = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
    viktor_id = signed_in.json()["user"]["id"]
    world.credit(viktor_id, 40)
    logged = world.client.post(
        "/api/workouts", json=workout(timedelta(hours=1), 20, reps("push-up", 10)), headers=viktor_headers
    )
    assert logged.status_code == 201, logged.text
    before = rows(migrated_url, "SELECT coins, total_xp, avatar_id FROM users WHERE id = :id", id=viktor_id)[0]
    someone_before = world.state()[0][0]

    dry = run_import(earlier, migrated_url, dry_run=True)
    text = "\n".join(dry.lines())
    assert "Telegram 100000001 (@alice): alice -> alice_100000001" in text
    assert "Telegram 200000003 (@iron_vet) -> viktor_here" in text
    report = run_import(earlier, migrated_url)
    assert report.ok, "\n".join(report.lines())
    assert numbers(report) == numbers(dry)
    assert {p.plan.earlier.telegram_id: p.kind for p in report.players}[VIKTOR] == MERGED

    # alice's name was taken: hers is the next one Telegram sign-in would give her.
    assert rows(migrated_url, "SELECT username FROM users WHERE telegram_id = :t", t=ALICE) == [("alice_100000001",)]
    assert world.state()[0][0] == someone_before  # the other alice is untouched
    assert world.user(someone).telegram_id is None

    # iron_vet: XP and coins add up (coins through the ledger), the best streak is
    # the best of both, what he chose here stays, his purchases and workout come over.
    coins, total_xp, avatar = rows(
        migrated_url, "SELECT coins, total_xp, avatar_id FROM users WHERE id = :id", id=viktor_id
    )[0]
    assert (coins, total_xp, avatar) == (before[0] + 130, before[1] + 5200, before[2])
    assert rows(migrated_url, "SELECT level, max_streak FROM users WHERE id = :id", id=viktor_id) == [
        (level_for_xp(total_xp), 12)
    ]
    assert rows(
        migrated_url, "SELECT amount, reason FROM coin_transactions WHERE user_id = :id ORDER BY id DESC", id=viktor_id
    )[0] == (130, "import")
    assert ledger_equals_balance(migrated_url)
    assert rows(
        migrated_url, "SELECT avatar_id FROM user_avatar_purchases WHERE user_id = :id ORDER BY 1", id=viktor_id
    ) == [("griffin",), ("phoenix",)]
    assert rows(migrated_url, "SELECT count(*) FROM workouts WHERE user_id = :id", id=viktor_id) == [(2,)]
    assert rows(migrated_url, "SELECT merged FROM imported_players WHERE telegram_id = :t", t=VIKTOR) in (
        [(True,)],
        [(1,)],
    )
    alice_id = rows(migrated_url, "SELECT id FROM users WHERE telegram_id = :t", t=ALICE)[0][0]
    low, high = sorted((alice_id, viktor_id))
    assert rows(migrated_url, "SELECT status FROM friendships WHERE low_id = :l AND high_id = :h", l=low, h=high) == [
        ("accepted",)
    ]

    after = contents(migrated_url)
    assert [p.kind for p in run_import(earlier, migrated_url).players] == [ALREADY] * 4
    assert contents(migrated_url) == after


def test_achievements_are_brought_once_where_this_app_has_them(migrated_url, earlier):
    """Stamped head without 005's renaming (variant B), plus one the app never
    awarded: renamed, the duplicate collapsed to the earliest, the ones this app does
    not have reported, and no reward paid for them a second time."""
    build_shape(earlier, NEWEST)
    derive(earlier, "B")
    on(
        earlier,
        lambda c: c.exec_driver_sql(
            "INSERT INTO user_achievements (id, user_id, achievement_slug, unlocked_at)"
            " VALUES (8, 1, 'perfectionist', '2026-01-01 19:50:00')"
        ),
    )
    before = contents(migrated_url)
    dry = "\n".join(run_import(earlier, migrated_url, dry_run=True).lines())
    assert "would be written to user_achievements: 5; there already: 0" in dry
    assert "perfectionist: 1" in dry and "xp-1000: 1" in dry  # no such achievements here
    assert "2 held names from before the earlier app's revision 005" in dry
    assert "1 were the same achievement twice once renamed: the earliest kept" in dry
    assert contents(migrated_url) == before

    first = run_import(earlier, migrated_url)
    assert first.ok, "\n".join(first.lines())
    earned = rows(
        migrated_url,
        "SELECT u.telegram_id, a.achievement_slug, a.earned_at FROM user_achievements a"
        " JOIN users u ON u.id = a.user_id ORDER BY 1, 2",
    )
    assert [(tg, slug, str(at)[:19]) for tg, slug, at in earned] == [
        (ALICE, "early-bird", "2025-12-31 06:35:00"),
        (ALICE, "first-blood", "2025-12-31 06:35:00"),
        (VIKTOR, "first-blood", "2025-12-28 02:30:00"),
        (VIKTOR, "level-5", "2025-12-29 12:00:00"),
        (VIKTOR, "streak-3", "2025-12-30 09:00:00"),
    ]
    # Nothing else moved: coins are not paid again for imported achievements.
    assert rows(migrated_url, "SELECT count(*) FROM coin_transactions") == [(2,)]

    after = contents(migrated_url)
    again = run_import(earlier, migrated_url)
    assert "written to user_achievements: 0; there already: 5" in "\n".join(again.lines())
    assert contents(migrated_url) == after


@pytest.mark.parametrize("variant", ["A", "C", "D", "E"])
def test_the_variants_of_the_earlier_database_are_read_as_they_are(variant, request, migrated_url, earlier, tmp_path):
    if variant == "C" and not earlier.startswith("sqlite"):
        earlier = empty_database(request, "sqlite", tmp_path)  # text booleans are SQLite's: into PostgreSQL from it
    build_shape(earlier, NEWEST)
    derive(earlier, variant)
    report = run_import(earlier, migrated_url)
    text = "\n".join(report.lines())
    assert report.ok, text
    assert [p.kind for p in report.players] == [CREATED] * 4

    def of(telegram_id: int, column: str):
        return rows(migrated_url, f"SELECT {column} FROM users WHERE telegram_id = :t", t=telegram_id)[0][0]

    if variant == "A":  # revision 005: no purchases; the paid griffin was never bought
        assert (report.shape.stamped, report.shape.built) == (
            "005_update_achievement_slugs",
            "003_tags_favorites_routines",
        )
        assert "Telegram 200000003 (@iron_vet): wore griffin without a purchase on record" in text
        assert of(VIKTOR, "avatar_id") == "shadow-wolf"
        assert rows(migrated_url, "SELECT count(*) FROM user_avatar_purchases") == [(0,)]
    elif variant == "C":  # 'false' as text is false (the earlier app read it as true)
        assert of(VIKTOR, "reminder_time") is None
    elif variant == "D":
        assert report.shape.stamped is None
        assert "no alembic_version: never migrated; recognised by its tables alone" in text
        assert rows(migrated_url, "SELECT count(*) FROM workouts") == [(3,)]
    else:  # revision 006: the public-leaderboard opt-in becomes public visibility
        assert report.shape.built == "006_add_leaderboard_visible"
        assert {tg: of(tg, "visibility") for tg in (ALICE, BORIS, VIKTOR)} == {
            ALICE: "public",
            BORIS: "friends",
            VIKTOR: "friends",
        }
        listed = rows(
            migrated_url,
            "SELECT DISTINCT s.listed FROM weekly_scores s JOIN users u ON u.id = s.user_id WHERE u.telegram_id = :t",
            t=ALICE,
        )
        assert listed in ([(True,)], [(1,)])
        # ... and counted in the week boards' tally, week by week.
        tallied = rows(
            migrated_url,
            "SELECT week_start, score, players FROM weekly_score_tally WHERE players <> 0 ORDER BY 1, 2",
        )
        recounted = rows(
            migrated_url,
            "SELECT week_start, score, count(*) FROM weekly_scores WHERE listed = :yes AND score > 0"
            " GROUP BY week_start, score ORDER BY 1, 2",
            yes=True,
        )
        assert tallied == recounted != []
    if variant != "C":
        assert of(VIKTOR, "reminder_time") is not None  # 08:00, notifications on


def test_databases_of_other_shapes_are_refused_with_the_differences(request, migrated_url, tmp_path):
    engine = "sqlite" if migrated_url.startswith("sqlite") else "postgresql"
    before = contents(migrated_url)

    def refusal(name: str, build) -> str:
        url = empty_database(request, engine, tmp_path, f"{name}.db")
        build(url)
        with pytest.raises(ImportRefused) as refused:
            run_import(url, migrated_url)
        return str(refused.value)

    first_day = refusal("first-day", build_first_day)
    assert "users has experience, streak_days, total_workouts: the earlier app's first-day schema" in first_day
    assert "missing table workout_sessions" in first_day

    def newer(url: str) -> None:
        build_shape(url, NEWEST)
        on(url, lambda c: c.exec_driver_sql("ALTER TABLE users ADD COLUMN email VARCHAR(255)"))

    assert "column users.email: from the earlier app's revisions 008 and later" in refusal("newer", newer)

    def drifted(url: str) -> None:
        build_shape(url, OLDEST)
        on(url, lambda c: c.exec_driver_sql("DROP TABLE workout_exercises"))
        on(url, lambda c: c.exec_driver_sql("ALTER TABLE users ADD COLUMN nickname VARCHAR(20)"))

    message = refusal("drifted", drifted)
    assert "missing table workout_exercises" in message and "unexpected column users.nickname" in message

    foreign = refusal("stamped", lambda url: build_earlier_database(url, stamped="ffffffffffff"))
    assert "stamped ffffffffffff, which is not a revision of the earlier app" in foreign

    ours = refusal("ours", lambda url: __import__("support.schema").schema.migrate(url))
    assert "this is a BodyWeight database of this version, not the earlier app's" in ours

    if engine == "sqlite":
        (tmp_path / "notes.txt").write_text("not a database at all\n" * 100)
        with pytest.raises(ImportRefused, match="file is not a database"):
            run_import(str(tmp_path / "notes.txt"), migrated_url)
        with pytest.raises(ImportRefused, match="no such file"):
            run_import(str(tmp_path / "missing.db"), migrated_url)
        assert not (tmp_path / "missing.db").exists()  # never created by looking
    else:
        with pytest.raises(ImportRefused, match="cannot read PostgreSQL"):
            run_import(migrated_url.rsplit("/", 1)[0] + "/no_such_database_here", migrated_url)
    assert contents(migrated_url) == before


FAIL_BIG_WORKOUTS = {
    "sqlite": "CREATE TRIGGER test_refuse_big_workouts BEFORE INSERT ON workouts WHEN NEW.xp_earned >= 100"
    " BEGIN SELECT RAISE(ABORT, 'test_refuse_big_workouts'); END",
    "postgresql": "ALTER TABLE workouts ADD CONSTRAINT test_refuse_big_workouts CHECK (xp_earned < 100)",
}
ALLOW_BIG_WORKOUTS = {
    "sqlite": "DROP TRIGGER test_refuse_big_workouts",
    "postgresql": "ALTER TABLE workouts DROP CONSTRAINT test_refuse_big_workouts",
}


def test_a_player_that_fails_leaves_nothing_behind_and_a_rerun_brings_them(migrated_url, earlier):
    """One transaction per player: alice's second workout is refused (by the test),
    so nothing of hers is written; the others are imported; the report says so and
    fails; once fixed, a rerun imports her alone."""
    build_shape(earlier, NEWEST)
    engine = "sqlite" if migrated_url.startswith("sqlite") else "postgresql"
    on(migrated_url, lambda c: c.exec_driver_sql(FAIL_BIG_WORKOUTS[engine]))
    report = run_import(earlier, migrated_url)
    text = "\n".join(report.lines())
    assert not report.ok
    assert {p.plan.earlier.telegram_id: p.kind for p in report.players}[ALICE] == FAILED
    assert "Telegram 100000001 (@alice): FAILED: " in text and "test_refuse_big_workouts" in text
    assert "players: 4 in the source = 3 new here + 1 failed" in text
    assert "coins: 211 in the source = 130 credited through the ledger + 81 of failed players" in text
    assert rows(migrated_url, "SELECT count(*) FROM users WHERE telegram_id = :t", t=ALICE) == [(0,)]
    assert rows(migrated_url, "SELECT count(*) FROM workouts") == [(1,)]  # iron_vet's
    assert ledger_equals_balance(migrated_url)

    on(migrated_url, lambda c: c.exec_driver_sql(ALLOW_BIG_WORKOUTS[engine]))
    rerun = run_import(earlier, migrated_url)
    assert rerun.ok
    assert [p.kind for p in rerun.players] == [CREATED, ALREADY, ALREADY, ALREADY]
    assert rows(migrated_url, "SELECT count(*) FROM workouts") == [(3,)]
    assert rows(migrated_url, "SELECT count(*) FROM friendships") == [(2,)]
    assert ledger_equals_balance(migrated_url)


def test_an_imported_player_signs_in_with_telegram_and_finds_their_progress(migrated_url, earlier):
    build_shape(earlier, NEWEST)
    assert run_import(earlier, migrated_url).ok
    with make_client(migrated_url) as client:
        signed_in = telegram(client, init_data(user=user_json(telegram_id=ALICE, username="alice", first_name="A")))
        assert signed_in.status_code == 200, signed_in.text
        headers = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
        me = client.get("/api/users/me", headers=headers).json()
        assert (me["username"], me["level"], me["total_xp"], me["coins"], me["avatar_id"]) == (
            "alice",
            2,
            367,
            81,
            "fire-fox",
        )
        assert me["max_streak"] == 2 and me["current_streak"] == 0  # her last workout is long past
        history = client.get("/api/workouts", headers=headers).json()["items"]
        assert [len(w["sets"]) for w in history] == [5, 7]  # newest first
        viktor = telegram(client, init_data(user=user_json(telegram_id=VIKTOR, username="iron_vet")))
        viktor_headers = {"Authorization": f"Bearer {viktor.json()['access_token']}"}
        owned = client.get("/api/users/me/avatars", headers=viktor_headers).json()
        assert sorted(a["avatar_id"] for a in owned) == ["griffin", "phoenix"]
    assert rows(migrated_url, "SELECT count(*) FROM users") == [(4,)]  # signing in created no one


def test_the_command_as_operators_run_it(migrated_url, tmp_path):
    """A subprocess with the earlier app's own async URL form: the dry run, the
    import, a refusal with its differences (exit 1), and a target not migrated yet."""
    source = tmp_path / "earlier-app.db"
    build_shape(f"sqlite:///{source}", OLDEST)
    before = contents(migrated_url)
    dry = bodyweight("import", "earlier", f"sqlite+aiosqlite:///{source}", "--dry-run", database_url=migrated_url)
    assert dry.returncode == 0, dry.stderr
    assert (
        "Dry run: nothing was written" in dry.stdout and "players: 4 in the source = 4 would be new here" in dry.stdout
    )
    assert contents(migrated_url) == before

    done = bodyweight("import", "earlier", str(source), database_url=migrated_url)
    assert done.returncode == 0, done.stderr
    assert "Everything balances." in done.stdout
    assert "superman-twist: 1 row, 2 sets (exercise not in this catalogue)" in done.stdout
    assert rows(migrated_url, "SELECT count(*) FROM imported_players") == [(4,)]

    foreign = tmp_path / "first-day.db"
    build_first_day(f"sqlite:///{foreign}")
    refused = bodyweight("import", "earlier", str(foreign), database_url=migrated_url)
    assert refused.returncode == 1
    assert "bodyweight: error: this is not a database of the earlier BodyWeight app" in refused.stderr
    assert "missing table workout_sessions" in refused.stderr

    behind = bodyweight("import", "earlier", str(source), database_url=f"sqlite:///{tmp_path / 'new.db'}")
    assert behind.returncode == 1 and "run `bodyweight db upgrade` first" in behind.stderr


def test_two_imports_at_once_bring_each_player_over_once(migrated_url, tmp_path):
    """Two operators (or a retried job) run the import together: the record of each
    imported player is written in the player's own transaction, so the database
    lets only one of them import each player; the other's attempt rolls back."""
    source = f"sqlite:///{tmp_path / 'earlier-app.db'}"
    build_shape(source, NEWEST)
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _: run_import(source, migrated_url), range(2)))
    assert all(report.ok for report in reports), "\n".join(reports[0].lines() + reports[1].lines())
    for n in range(4):
        assert sorted(report.players[n].kind for report in reports) == [ALREADY, CREATED]
    assert rows(migrated_url, "SELECT count(*) FROM users") == [(4,)]
    assert rows(migrated_url, "SELECT count(*), sum(amount) FROM coin_transactions") == [(2, 211)]
    assert rows(migrated_url, "SELECT count(*) FROM workouts") == [(3,)]
    assert rows(migrated_url, "SELECT count(*) FROM user_avatar_purchases") == [(2,)]
    assert rows(migrated_url, "SELECT count(*) FROM friendships") == [(2,)]
    assert ledger_equals_balance(migrated_url)
