"""`bodyweight import earlier`: databases of the earlier app, built from its
description at its oldest and newest shapes on both engines, imported into both
engines: every count and balance checked afterwards, the dry run writes nothing
and predicts the import, a second run changes nothing."""

from datetime import date

import pytest

from bodyweight.importer.results import ALREADY, CREATED
from support.earlier import NEWEST, OLDEST, UNMATCHED_SLUG, build_shape
from support.importing import contents, empty_database, migrated_target, numbers, rows, run_import

ENGINES = ("sqlite", "postgresql")
CASES = [(source, target, shape) for shape in (OLDEST, NEWEST) for source in ENGINES for target in ENGINES]

ALICE, BORIS, VIKTOR, OLD = 100000001, 5000000002, 200000003, 300000004


@pytest.fixture(params=CASES, ids=[f"{s}-to-{t}-{shape}" for s, t, shape in CASES])
def case(request, tmp_path):
    source_engine, target_engine, shape = request.param
    source = empty_database(request, source_engine, tmp_path)
    build_shape(source, shape)
    return source, migrated_target(request, target_engine, tmp_path), shape


def players(url: str) -> dict[int, tuple]:
    return {
        row[0]: row[1:]
        for row in rows(
            url,
            "SELECT telegram_id, username, display_name, level, total_xp, coins, current_streak, max_streak,"
            " last_workout_date, avatar_id, locale, timezone, visibility FROM users",
        )
    }


def user_id(url: str, telegram_id: int) -> int:
    return rows(url, "SELECT id FROM users WHERE telegram_id = :t", t=telegram_id)[0][0]


def as_date(value) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(str(value))


def sets_of(url: str, telegram_id: int) -> list[list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for workout, exercise, reps, seconds, xp in rows(
        url,
        "SELECT w.id, s.exercise_id, s.reps, s.seconds, s.xp FROM workouts w JOIN users u ON u.id = w.user_id"
        " LEFT JOIN workout_sets s ON s.workout_id = w.id WHERE u.telegram_id = :t ORDER BY w.finished_at, s.position",
        t=telegram_id,
    ):
        found.setdefault(workout, []).append((exercise, reps, seconds, xp))
    return list(found.values())


def test_every_player_comes_over_with_balances_that_hold(case):
    source, target, shape = case
    before = contents(target)

    dry = run_import(source, target, dry_run=True)
    assert dry.ok, "\n".join(dry.lines())
    assert contents(target) == before  # the dry run wrote nothing, not even a sequence

    report = run_import(source, target)
    text = "\n".join(report.lines())
    assert report.ok, text
    assert numbers(report) == numbers(dry)  # the dry run said exactly what happened
    assert [p.kind for p in report.players] == [CREATED] * 4
    assert "players: 4 in the source = 4 new here" in text
    assert "workouts: 4 in the source = 3 imported + 1 not completed" in text
    assert "sets: 16 in the source = 14 imported + 2 kept aside" in text
    assert "coins: 211 in the source = 211 credited through the ledger" in text
    assert f"{UNMATCHED_SLUG}: 1 row, 2 sets (exercise not in this catalogue)" in text
    assert "Telegram 300000004 (@old_timer): level 0 -> 1" in text

    # Players: Telegram identity, names, XP, level by this app's rules, coins, streaks;
    # the oldest shape had no avatar column (everyone wears the default).
    newest = shape == NEWEST
    found = {tg: (*row[:7], as_date(row[7]), *row[8:]) for tg, row in players(target).items()}
    assert found == {
        ALICE: (
            "alice", "Alice", 2, 367, 81, 2, 2, date(2026, 1, 1),
            "fire-fox" if newest else "shadow-wolf", "ru", "UTC", "friends",
        ),
        BORIS: ("tg5000000002", "Борис", 1, 0, 0, 0, 0, None, "shadow-wolf", "ru", "UTC", "friends"),
        VIKTOR: (
            "iron_vet", "Viktor", 8, 5200, 130, 4, 12, date(2025, 12, 30),
            "griffin" if newest else "shadow-wolf", "ru", "UTC", "friends",
        ),
        OLD: ("old_timer", "Old", 1, 0, 0, 0, 0, None, "shadow-wolf", "ru", "UTC", "friends"),
    }  # fmt: skip
    joined = rows(target, "SELECT created_at FROM users WHERE telegram_id = :t", t=ALICE)[0][0]
    assert str(joined)[:19] == "2025-12-30 21:00:00"
    # Every imported player can sign in: tokens need a key.
    assert all(key for (key,) in rows(target, "SELECT token_key FROM users"))

    # Coins: exactly one opening ledger row per player with coins, and the ledger equals the balance.
    ledger = rows(
        target,
        "SELECT u.telegram_id, t.amount, t.balance_after, t.reason FROM coin_transactions t"
        " JOIN users u ON u.id = t.user_id ORDER BY u.telegram_id",
    )
    assert ledger == [(ALICE, 81, 81, "import"), (VIKTOR, 130, 130, "import")]
    assert rows(
        target,
        "SELECT count(*) FROM users u WHERE u.coins <>"
        " (SELECT coalesce(sum(t.amount), 0) FROM coin_transactions t WHERE t.user_id = u.id)",
    ) == [(0,)]

    # Avatars bought: the purchases table exists only at the newest shape.
    purchases = rows(target, "SELECT p.avatar_id FROM user_avatar_purchases p ORDER BY p.avatar_id")
    assert purchases == ([("griffin",), ("phoenix",)] if newest else [])

    # Workouts: completed ones only, their times and totals as they were; sets
    # rebuilt from the per-exercise totals, XP split the same way.
    workouts = rows(
        target,
        "SELECT w.started_at, w.finished_at, w.local_date, w.xp_earned, w.coins_earned FROM workouts w"
        " JOIN users u ON u.id = w.user_id WHERE u.telegram_id = :t ORDER BY w.finished_at",
        t=ALICE,
    )
    assert [(str(w[1])[:19], as_date(w[2]), w[3], w[4]) for w in workouts] == [
        ("2025-12-31 06:35:00", date(2025, 12, 31), 99, 75),
        ("2026-01-01 19:50:00", date(2026, 1, 1), 118, 6),
    ]
    assert sets_of(target, ALICE) == [
        [
            ("push-up", 10, None, 18), ("push-up", 9, None, 18), ("push-up", 9, None, 17),
            ("plank", None, 53, 10), ("plank", None, 52, 10),
            ("squat", 20, None, 13), ("squat", 20, None, 13),
        ],
        [("push-up", 12, None, 18)] * 3 + [("burpee", 10, None, 32)] * 2,
    ]  # fmt: skip
    assert sets_of(target, VIKTOR) == [[("lunge", 15, None, 11), ("lunge", 15, None, 11)]]
    # The exercise this catalogue lacks is kept with its workout, not dropped.
    assert rows(
        target,
        "SELECT k.earlier_exercise_slug, k.reason, k.sets, k.reps, k.seconds, k.xp, w.xp_earned"
        " FROM imported_unmatched_sets k JOIN workouts w ON w.id = k.workout_id",
    ) == [(UNMATCHED_SLUG, "unknown_exercise", 2, 24, 0, 18, 40)]
    # The weekly boards count imported workouts like any other.
    weekly = rows(
        target,
        "SELECT sum(day1_xp + day2_xp + day3_xp + day4_xp + day5_xp + day6_xp + day7_xp) FROM weekly_scores s"
        " JOIN users u ON u.id = s.user_id WHERE u.telegram_id = :t",
        t=ALICE,
    )
    assert weekly == [(99 + 118,)]

    # Friends: the accepted pair (two rows there) is one friendship; the request stays a request.
    alice, boris, viktor = (user_id(target, tg) for tg in (ALICE, BORIS, VIKTOR))
    friendships = rows(target, "SELECT low_id, high_id, status, requested_by FROM friendships ORDER BY 1, 2")
    assert sorted(friendships) == sorted(
        [(*sorted((alice, viktor)), "accepted", alice), (*sorted((alice, boris)), "pending", boris)]
    )
    assert rows(target, "SELECT count(*) FROM imported_players") == [(4,)]

    # Twice: nothing changes the second time.
    after = contents(target)
    again = run_import(source, target)
    assert again.ok and [p.kind for p in again.players] == [ALREADY] * 4
    assert contents(target) == after
