"""The import's pure rules: decoding the earlier app's values, rebuilding sets,
pairing friendships, naming sources, mapping achievements and avatars."""

from datetime import UTC, datetime, time

import pytest

from bodyweight.achievements.catalogue import achievements_by_slug
from bodyweight.importer import mapping
from bodyweight.importer.plan import plan_friendships, rebuild_sets, split
from bodyweight.importer.read import (
    EarlierData,
    EarlierExerciseRow,
    EarlierFriendship,
    as_bool,
    as_datetime,
    as_time,
)
from bodyweight.importer.source import ImportRefused, source_url

MATCHER = mapping.ExerciseMatcher(
    {"push-up": False, "plank": True, "high-knees": True}, {"pushup-regular": "push-up", "gone-alias": "gone"}
)


def row(sets: int, reps: int = 0, seconds: int = 0, xp: int = 30) -> EarlierExerciseRow:
    return EarlierExerciseRow(id=1, exercise_id=7, sets=sets, reps=reps, seconds=seconds, xp=xp)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (0, False), (1, True), ("false", False), ("FALSE", False), ("f", False), ("0", False),
     ("", False), ("true", True), ("t", True), ("1", True), ("yes", True), (None, True)],
)  # fmt: skip
def test_booleans_decode_by_value_as_sqlite_stored_them(value, expected):
    assert as_bool(value, default=True) is expected


def test_an_unreadable_boolean_is_an_error_not_a_guess():
    with pytest.raises(ValueError):
        as_bool("maybe", default=False)


def test_timestamps_are_naive_utc_with_or_without_fractions():
    assert as_datetime("2025-12-31 06:35:00.412000") == datetime(2025, 12, 31, 6, 35, 0, 412000, tzinfo=UTC)
    assert as_datetime("2025-12-31 06:35:00") == datetime(2025, 12, 31, 6, 35, tzinfo=UTC)
    assert as_datetime(datetime(2025, 12, 31, 6, 35)) == datetime(2025, 12, 31, 6, 35, tzinfo=UTC)
    assert as_time("08:00:00.000000") == time(8, 0)


def test_totals_split_evenly_larger_parts_first():
    assert split(28, 3) == [10, 9, 9]
    assert split(105, 2) == [53, 52]
    assert split(36, 3) == [12, 12, 12]


def test_sets_are_rebuilt_by_slug_or_alias_in_this_apps_measure():
    sets, kept = rebuild_sets(row(3, reps=28, xp=53), "pushup-regular", False, MATCHER)
    assert kept is None
    assert [(s.exercise_id, s.reps, s.seconds, s.xp) for s in sets] == [
        ("push-up", 10, None, 18),
        ("push-up", 9, None, 18),
        ("push-up", 9, None, 17),
    ]
    timed, kept = rebuild_sets(row(2, seconds=105, xp=20), "plank", True, MATCHER)
    assert kept is None and [(s.reps, s.seconds) for s in timed] == [(None, 53), (None, 52)]


def test_seconds_kept_in_the_reps_column_by_the_first_versions_are_seconds():
    sets, kept = rebuild_sets(row(2, reps=105), "plank", None, MATCHER)  # is_timed unknown: the first model
    assert kept is None and [s.seconds for s in sets] == [53, 52]
    sets, kept = rebuild_sets(row(2, reps=105), "plank", True, MATCHER)
    assert kept is None and [s.seconds for s in sets] == [53, 52]


@pytest.mark.parametrize(
    ("exercise_row", "slug", "earlier_timed", "reason"),
    [
        (row(2, reps=24), "superman-twist", False, "unknown_exercise"),
        (row(2, reps=24), None, None, "unknown_exercise"),  # an exercise id with no exercise (SQLite kept no keys)
        (row(2, reps=24), "gone-alias", False, "unknown_exercise"),  # an alias of an exercise not in the database
        (row(2, reps=40), "high-knees", False, "measure_differs"),  # reps there, seconds here
        (row(2, seconds=60), "push-up", True, "measure_differs"),
        (row(3, reps=2), "push-up", False, "out_of_range"),  # a set of 0 reps
        (row(1, reps=1500), "push-up", False, "out_of_range"),  # over 1000 reps in a set
        (row(0, reps=20), "push-up", False, "out_of_range"),
        (row(2), "push-up", False, "nothing_recorded"),
    ],
)
def test_rows_that_cannot_become_sets_are_kept_with_the_reason(exercise_row, slug, earlier_timed, reason):
    sets, kept = rebuild_sets(exercise_row, slug, earlier_timed, MATCHER)
    assert sets == [] and kept is not None
    assert (kept.reason, kept.earlier_slug, kept.sets, kept.reps, kept.seconds, kept.xp) == (
        reason,
        slug,
        max(exercise_row.sets, 0),
        exercise_row.reps,
        exercise_row.seconds,
        exercise_row.xp,
    )


def friendships(*rows: tuple[int, int, str, int]) -> EarlierData:
    moments = [datetime(2025, 12, 31, hour, tzinfo=UTC) for _, _, _, hour in rows]
    return EarlierData(
        players=[],
        exercises={},
        sessions={},
        achievements={},
        purchases={},
        friendships=[EarlierFriendship(u, f, s, at) for (u, f, s, _), at in zip(rows, moments, strict=True)],
    )


def test_directed_friendship_rows_become_pairs():
    pairs, skipped = plan_friendships(
        friendships(
            (1, 3, "accepted", 7),
            (3, 1, "accepted", 8),  # the reverse row written when 3 accepted
            (2, 1, "pending", 9),
            (4, 5, "pending", 9),
            (5, 4, "pending", 10),  # asked each other: friends, as asking back does here
            (6, 6, "accepted", 9),
            (7, 8, "blocked", 9),
        )
    )
    assert [(p.first, p.second, p.status, p.requested_by, p.accepted_at and p.accepted_at.hour) for p in pairs] == [
        (1, 2, "pending", 2, None),
        (1, 3, "accepted", 1, 8),
        (4, 5, "accepted", 4, 10),
    ]
    assert skipped == {"a player befriending themselves": 1, "status 'blocked'": 1}


def test_achievements_map_through_005s_renaming_and_the_explicit_table():
    assert mapping.achievement("first_workout") == ("first-blood", True)
    assert mapping.achievement("workout_100") == ("centurion", True)
    assert mapping.achievement("early-bird") == ("early-bird", False)
    assert mapping.achievement("perfectionist") == (None, False)  # never awarded there
    assert mapping.achievement("xp_1000") == (None, True)  # renamed, but no such achievement here
    assert set(mapping.ACHIEVEMENTS.values()) <= set(achievements_by_slug())
    assert set(mapping.ACHIEVEMENTS) <= set(mapping.RENAMED_BY_005.values())


def test_avatars_worn_and_bought():
    assert mapping.equipped_avatar("fire-fox", set()) == ("fire-fox", None)
    assert mapping.equipped_avatar("griffin", {"griffin"}) == ("griffin", None)
    assert mapping.equipped_avatar("griffin", set()) == ("shadow-wolf", "wore griffin without a purchase on record")
    assert mapping.equipped_avatar("wolf", set()) == ("shadow-wolf", "wore wolf, which this app does not have")
    assert mapping.equipped_avatar(None, set()) == ("shadow-wolf", None)
    assert mapping.bought_avatar("phoenix") is None
    assert mapping.bought_avatar("iron-bear") == "iron-bear: free here, every player has it"
    assert mapping.bought_avatar("dragon") == "dragon: this app has no such avatar"


def test_sources_are_named_as_the_earlier_app_named_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert source_url("sqlite+aiosqlite:///./data/bodyweight.db").database == str(tmp_path / "data/bodyweight.db")
    assert source_url("data/bodyweight.db").database == str(tmp_path / "data/bodyweight.db")
    assert source_url("postgresql+asyncpg://bodyweight:pw@db:5432/bodyweight").drivername == "postgresql+psycopg"
    assert source_url("postgres://u@h/d").drivername == "postgresql+psycopg"
    with pytest.raises(ImportRefused, match="unsupported database 'mysql'"):
        source_url("mysql://u@h/d")
    with pytest.raises(ImportRefused, match="name the earlier app's SQLite file"):
        source_url("sqlite://")
