"""Leaderboards: shared ranks on ties, the caller's rank outside the top 50, the
ISO week of each player's own time zone, the daily cap, and the weekly
aggregate (and its tally) equal to a full recomputation after any mix of workouts."""

import itertools
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from bodyweight.models import User, WeeklyScore, Workout
from bodyweight.models.users import new_public_id
from bodyweight.social import scores
from bodyweight.social.boards import BOARD_SIZE
from support.clock import reps, workout
from support.social import (
    add_week_score,
    befriend,
    board_at,
    public_id,
    recounted_tally,
    set_visibility,
    week_tally,
)

NOW = datetime.now(UTC)
_serial = itertools.count()


def bulk_players(world, count: int, visibility: str = "public") -> list[int]:
    """Players written straight into the table: the ranking tests need many."""
    with world.engine.begin() as connection:
        return [
            connection.execute(
                text(
                    "INSERT INTO users (username, public_id, visibility) VALUES (:name, :pid, :visibility) RETURNING id"
                ),
                {"name": f"bulk{next(_serial)}", "pid": new_public_id(), "visibility": visibility},
            ).scalar_one()
            for n in range(count)
        ]


def test_ties_share_a_rank(world):
    me = world.player()
    set_visibility(world, me, "public")
    week = scores.week_start(NOW.date())
    a, b, c, d = bulk_players(world, 4)
    for user_id, score in ((a, 300), (b, 200), (c, 200), (d, 100)):
        add_week_score(world, user_id, week, score)
    add_week_score(world, me.id, week, 200)
    board = board_at(world, me, "week", "global", NOW)
    assert [(e.rank, e.score) for e in board.entries] == [(1, 300), (2, 200), (2, 200), (2, 200), (5, 100)]
    assert (board.me.rank, board.me.score) == (2, 200)


def test_own_rank_outside_the_top_fifty(world):
    me = world.player()
    set_visibility(world, me, "public")
    week = scores.week_start(NOW.date())
    for n, user_id in enumerate(bulk_players(world, BOARD_SIZE + 10)):
        add_week_score(world, user_id, week, 1000 - n)
    hidden = bulk_players(world, 5, visibility="hidden")
    for user_id in hidden:  # not listed: they neither show nor push anyone down
        add_week_score(world, user_id, week, 5000, listed=False)
    add_week_score(world, me.id, week, 1)
    board = board_at(world, me, "week", "global", NOW)
    assert len(board.entries) == BOARD_SIZE
    assert [e.rank for e in board.entries] == list(range(1, BOARD_SIZE + 1))
    assert (board.me.rank, board.me.score) == (BOARD_SIZE + 11, 1)
    assert board.me.player.id == public_id(world, me)
    # The same on the API, and on the all-time board.
    body = world.client.get("/api/boards/week", headers=me.headers).json()
    assert (body["me"]["rank"], len(body["entries"])) == (BOARD_SIZE + 11, BOARD_SIZE)
    with world.engine.begin() as connection:
        connection.execute(text("UPDATE users SET total_xp = 100 WHERE username LIKE 'bulk%'"))
    everyone = world.client.get("/api/boards/all", headers=me.headers).json()
    assert everyone["me"]["rank"] == BOARD_SIZE + 11 and everyone["me"]["score"] == 0


def test_an_empty_board_still_ranks_the_caller_first(world):
    me = world.player()  # "friends" by default: on no global board
    for period in ("week", "all"):
        board = board_at(world, me, period, "global", NOW)
        assert board.entries == [] and (board.me.rank, board.me.score) == (1, 0), period


def test_a_block_either_way_hides_both_from_the_global_boards_and_the_rank(world):
    me, blocked_by_me, blocking_me, bystander = (world.player() for _ in range(4))
    week = scores.week_start(NOW.date())
    for player, score in ((blocked_by_me, 400), (blocking_me, 300), (bystander, 200), (me, 100)):
        set_visibility(world, player, "public")
        add_week_score(world, player.id, week, score)
    with world.engine.begin() as connection:
        connection.execute(text("UPDATE users SET total_xp = 10 * id"))
    for blocker, blocked in ((me, blocked_by_me), (blocking_me, me)):
        response = world.client.put(f"/api/friends/blocks/{public_id(world, blocked)}", headers=blocker.headers)
        assert response.status_code == 200, response.text
    for period in ("week", "all"):
        board = board_at(world, me, period, "global", NOW)
        shown = [e.player.id for e in board.entries]
        assert shown == [public_id(world, bystander), public_id(world, me)], period
        assert board.me.rank == 2, period
    # The bystander blocked no one: all four show, and the rank counts them all.
    board = board_at(world, bystander, "week", "global", NOW)
    assert [e.score for e in board.entries] == [400, 300, 200, 100] and board.me.rank == 3


def test_the_week_is_each_players_own_iso_week(world):
    """A workout at Sunday 23:30 in Moscow is Monday 05:30 in Tokyo: the same
    moment ends one player's week and starts the other's."""
    moscow, tokyo = world.player(username="moscow"), world.player(username="tokyo")
    for player, zone in ((moscow, "Europe/Moscow"), (tokyo, "Asia/Tokyo")):
        world.client.patch("/api/users/me", json={"timezone": zone}, headers=player.headers)
    befriend(world, moscow, tokyo)
    # The latest Sunday 23:30 in Moscow that is already past.
    local = NOW.astimezone(ZoneInfo("Europe/Moscow"))
    sunday = local - timedelta(days=(local.isoweekday() % 7))
    moment = sunday.replace(hour=23, minute=30, second=0, microsecond=0)
    if moment > NOW:
        moment -= timedelta(days=7)
    finished_ago = NOW - moment
    xp = {}
    for player in (moscow, tokyo):
        logged = world.client.post(
            "/api/workouts", json=workout(finished_ago, 20, reps("push-up", 15)), headers=player.headers
        )
        assert logged.status_code == 201, logged.text
        # Its own XP: logged two local days late, a workout earns no first-of-day bonus
        # (docs/progression.md), and "late" depends on each player's calendar.
        xp[player.username] = logged.json()["xp_earned"]
    monday_before = moment.date() - timedelta(days=6)
    monday_after = moment.date() + timedelta(days=1)
    with world.engine.connect() as connection:
        weekly = WeeklyScore.__table__
        rows = connection.execute(select(weekly.c.user_id, weekly.c.week_start, weekly.c.score).order_by("user_id"))
        assert [tuple(r) for r in rows] == [
            (moscow.id, monday_before, xp["moscow"]),
            (tokyo.id, monday_after, xp["tokyo"]),
        ]
    # A minute later, each sees their own week on the friends board.
    just_after = moment + timedelta(minutes=1)
    seen_in_moscow = board_at(world, moscow, "week", "friends", just_after)
    seen_in_tokyo = board_at(world, tokyo, "week", "friends", just_after)
    assert seen_in_moscow.week_start == monday_before and seen_in_tokyo.week_start == monday_after
    assert [(e.player.display_name, e.score) for e in seen_in_moscow.entries] == [
        ("moscow", xp["moscow"]),
        ("tokyo", 0),
    ]
    assert [(e.player.display_name, e.score) for e in seen_in_tokyo.entries] == [("tokyo", xp["tokyo"]), ("moscow", 0)]


def test_one_huge_workout_counts_one_days_cap(world):
    padder, honest = world.player(), world.player()
    huge = workout(timedelta(minutes=1), 350, *[reps("burpee", 1000)] * 100)
    assert world.client.post("/api/workouts", json=huge, headers=padder.headers).json()["xp_earned"] > (
        scores.DAILY_SCORE_CAP * 7
    )
    befriend(world, padder, honest)
    board = world.client.get("/api/boards/week", params={"scope": "friends"}, headers=honest.headers).json()
    assert board["entries"][0]["score"] == scores.DAILY_SCORE_CAP == board["daily_cap"]


def recomputed(world) -> dict[tuple[int, object], int]:
    """Weekly scores straight from every workout: the rule, applied from scratch."""
    per_day: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    with world.engine.connect() as connection:
        workouts = Workout.__table__
        for user_id, day, xp in connection.execute(
            select(workouts.c.user_id, workouts.c.local_date, workouts.c.xp_earned)
        ):
            per_day[user_id][day] += xp
    return {
        (user_id, week): score
        for user_id, days in per_day.items()
        for week, score in scores.week_score(dict(days)).items()
    }


def stored(world) -> tuple[dict[tuple[int, object], int], bool]:
    with world.engine.connect() as connection:
        weekly, users = WeeklyScore.__table__, User.__table__
        rows = connection.execute(
            select(weekly.c.user_id, weekly.c.week_start, weekly.c.score, weekly.c.listed, users.c.visibility).join(
                users, users.c.id == weekly.c.user_id
            )
        ).all()
    weeks = {(r.user_id, r.week_start): r.score for r in rows}
    return weeks, all(r.listed == (r.visibility == "public") for r in rows)


ZONES = ["UTC", "Europe/Moscow", "Pacific/Kiritimati", "America/Adak", "Asia/Kolkata"]
SLOT = timedelta(minutes=20)  # workouts on a grid of slots never overlap
SLOTS = int((timedelta(days=7) - timedelta(hours=1)) / SLOT)

actions = st.lists(
    st.one_of(
        st.tuples(
            st.just("workout"),
            st.integers(0, 2),
            st.integers(1, SLOTS),
            st.lists(st.sampled_from(["push-up", "squat", "burpee"]), min_size=1, max_size=4),
            st.integers(1, 400),
        ),
        st.tuples(st.just("timezone"), st.integers(0, 2), st.sampled_from(ZONES)),
        st.tuples(st.just("visibility"), st.integers(0, 2), st.sampled_from(["hidden", "friends", "public"])),
    ),
    min_size=1,
    max_size=12,
)


def test_the_aggregate_equals_a_full_recomputation(world):
    players = [world.player() for _ in range(3)]
    used: set[tuple[int, int]] = set()

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actions)
    def check(steps):
        for step in steps:
            kind, who = step[0], players[step[1]]
            if kind == "workout":
                _, index, slot, exercises, count = step
                if (index, slot) in used:
                    continue
                used.add((index, slot))
                body = workout(slot * SLOT, 15, *[reps(name, count) for name in exercises])
                response = world.client.post("/api/workouts", json=body, headers=who.headers)
                assert response.status_code == 201, response.text
            elif kind == "timezone":
                world.client.patch("/api/users/me", json={"timezone": step[2]}, headers=who.headers)
            else:
                set_visibility(world, who, step[2])
        weeks, listed_right = stored(world)
        assert weeks == recomputed(world)
        assert listed_right
        with world.engine.connect() as connection:  # and the week boards' tally counts them
            assert week_tally(connection) == recounted_tally(connection)

    check()
