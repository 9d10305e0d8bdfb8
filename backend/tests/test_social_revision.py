"""Revision cdb58204fe5a (friends, blocks, invites, weekly scores, public ids,
visibility) up, down and up again with rows present, on both engines: what was
there before it is kept in both directions; the weekly scores it builds from the
workouts equal a full recomputation each time; what it adds goes with it on the
way down, as its docstring says."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import inspect

from bodyweight.db import make_engine
from bodyweight.social.scores import week_score
from support.schema import downgrade, migrate, sql

SOCIAL = "cdb58204fe5a"
BEFORE_SOCIAL = "b7e3c91d4a20"
SOCIAL_TABLES = {"friendships", "player_blocks", "friend_invites", "weekly_scores", "search_quotas"}

# (user, local day, XP): two weeks for ada, a day above the cap for bo, nothing for cy.
MONDAY = date(2026, 3, 2)
WORKOUTS = [
    (1, MONDAY, 120),
    (1, MONDAY, 90),
    (1, MONDAY + timedelta(days=6), 300),  # Sunday: the same week
    (1, MONDAY + timedelta(days=7), 40),  # the next Monday: the next week
    (2, MONDAY + timedelta(days=2), 450),
    (2, MONDAY + timedelta(days=2), 250),  # 700 that day: 500 counts
]
USERS_BEFORE = "SELECT id, username, coins, total_xp, level, current_streak, timezone FROM users ORDER BY id"
WORKOUTS_SQL = "SELECT id, user_id, local_date, xp_earned FROM workouts ORDER BY id"
SCORES_SQL = (
    "SELECT user_id, week_start, score, listed, day1_xp, day2_xp, day3_xp, day4_xp, day5_xp, day6_xp, day7_xp"
    " FROM weekly_scores ORDER BY user_id, week_start"
)


def as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def expected_scores() -> dict[tuple[int, date], int]:
    by_day: dict[int, dict[date, int]] = {}
    for user, day, xp in WORKOUTS:
        by_day.setdefault(user, {})[day] = by_day.setdefault(user, {}).get(day, 0) + xp
    return {(user, week): score for user, days in by_day.items() for week, score in week_score(days).items()}


def scores(url: str) -> dict[tuple[int, date], int]:
    return {(row[0], as_date(row[1])): row[2] for row in sql(url, SCORES_SQL)}


def public_ids(url: str) -> dict[int, str]:
    return dict(sql(url, "SELECT id, public_id FROM users ORDER BY id"))


def add_players_and_workouts(url: str) -> None:
    sql(
        url,
        "INSERT INTO users (id, username, coins, total_xp, level, current_streak, max_streak, timezone)"
        " VALUES (1, 'ada', 40, 550, 3, 2, 5, 'Europe/Berlin'), (2, 'бодибилдер', 0, 700, 3, 1, 1, 'Asia/Tokyo'),"
        " (3, 'cy_quiet', 0, 0, 1, 0, 0, 'UTC')",
    )
    for number, (user, day, xp) in enumerate(WORKOUTS, start=1):
        started = datetime.combine(day, datetime.min.time()) + timedelta(hours=8, minutes=number)
        sql(
            url,
            "INSERT INTO workouts (id, user_id, started_at, finished_at, local_date, xp_earned, coins_earned)"
            " VALUES (:id, :user, :started, :finished, :day, :xp, 0)",
            id=number,
            user=user,
            started=started,
            finished=started + timedelta(minutes=20),
            day=day,
            xp=xp,
        )


def add_social_rows(url: str) -> None:
    """What players do once the revision is in: friends, a request, a block, a link,
    a public profile, a search."""
    sql(url, "INSERT INTO friendships (low_id, high_id, status, requested_by) VALUES (1, 2, 'accepted', 1)")
    sql(url, "INSERT INTO friendships (low_id, high_id, status, requested_by) VALUES (2, 3, 'pending', 3)")
    sql(url, "INSERT INTO player_blocks (blocker_id, blocked_id) VALUES (3, 1)")
    sql(url, "INSERT INTO friend_invites (user_id, code) VALUES (1, 'ada-link-code')")
    sql(url, "UPDATE users SET visibility = 'public' WHERE id = 2")
    sql(url, "UPDATE weekly_scores SET listed = :yes WHERE user_id = 2", yes=True)
    sql(url, "INSERT INTO search_quotas (user_id, window_start, used) VALUES (1, :now, 3)", now=datetime(2026, 3, 9))


@pytest.fixture
def before_social(database_url):
    migrate(database_url, BEFORE_SOCIAL)
    add_players_and_workouts(database_url)
    return database_url


def test_social_revision_up_down_up_keeps_every_row_it_did_not_add(before_social):
    url = before_social
    users, workouts = sql(url, USERS_BEFORE), sql(url, WORKOUTS_SQL)
    assert len(users) == 3 and len(workouts) == len(WORKOUTS)

    # Up: every player gets a random public id and the default visibility; the
    # weekly scores are built from the workouts, capped per day, listed for nobody.
    migrate(url, SOCIAL)
    assert sql(url, USERS_BEFORE) == users
    assert sql(url, WORKOUTS_SQL) == workouts
    first_ids = public_ids(url)
    assert all(pid and len(pid) == 16 for pid in first_ids.values()) and len(set(first_ids.values())) == 3
    assert {v for (v,) in sql(url, "SELECT visibility FROM users")} == {"friends"}
    assert scores(url) == expected_scores()
    assert scores(url)[(2, MONDAY)] == 500
    assert {bool(listed) for (listed,) in sql(url, "SELECT listed FROM weekly_scores")} == {False}
    ada_week = [row for row in sql(url, SCORES_SQL) if row[0] == 1 and as_date(row[1]) == MONDAY][0]
    assert list(ada_week[4:]) == [210, 0, 0, 0, 0, 0, 300]

    add_social_rows(url)

    # Down: the social tables and the two columns go; players and workouts stay.
    downgrade(url, BEFORE_SOCIAL)
    assert sql(url, USERS_BEFORE) == users
    assert sql(url, WORKOUTS_SQL) == workouts
    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        assert not SOCIAL_TABLES & set(inspector.get_table_names())
        assert not {"public_id", "visibility"} & {column["name"] for column in inspector.get_columns("users")}
    finally:
        engine.dispose()

    # Up again: the same players and workouts, new public ids, the scores rebuilt
    # exactly; friendships, blocks, links, quotas and visibility were lost with the
    # tables (the revision's docstring says so) and start empty.
    migrate(url, SOCIAL)
    assert sql(url, USERS_BEFORE) == users
    assert sql(url, WORKOUTS_SQL) == workouts
    again = public_ids(url)
    assert all(pid and len(pid) == 16 for pid in again.values()) and len(set(again.values())) == 3
    assert scores(url) == expected_scores()
    assert {v for (v,) in sql(url, "SELECT visibility FROM users")} == {"friends"}
    for table in ("friendships", "player_blocks", "friend_invites", "search_quotas"):
        assert sql(url, f"SELECT count(*) FROM {table}") == [(0,)], table

    # And the rows players add work again, under the same rules.
    add_social_rows(url)
    assert sql(url, "SELECT count(*) FROM friendships") == [(2,)]
