"""The week boards' tally (social/tally.py): how many listed players hold each score
of a week. After any mix of workouts (the same day twice, a capped day, one
back-dated into last week), changes of visibility and a deleted account it equals
the count from scratch; the caller's rank counted from it is right outside the top
50, blocks and all; a listed workout costs one statement more, and only when its
score moves. On both engines, through the real migrations."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event, text

from bodyweight.social import scores
from bodyweight.social.boards import BOARD_SIZE
from support.clock import reps, workout
from support.social import board_at, public_id, recounted_tally, set_visibility, week_tally
from test_api_achievements import kind
from test_boards import bulk_players

PASSWORD = "correct horse battery"  # support.api registers every player with it
HUGE = [reps("burpee", 1000)] * 100  # far above a day's cap on its own


def tally_is_exact(world) -> dict[tuple[date, int], int]:
    with world.engine.connect() as connection:
        stored, recounted = week_tally(connection), recounted_tally(connection)
    assert stored == recounted
    return stored


def log(world, player, finished_ago: timedelta, minutes: int, *sets: dict) -> dict:
    response = world.client.post("/api/workouts", json=workout(finished_ago, minutes, *sets), headers=player.headers)
    assert response.status_code == 201, response.text
    return response.json()


def week_score(world, player, week: date) -> int:
    with world.engine.connect() as connection:
        found = connection.execute(
            text("SELECT score FROM weekly_scores WHERE user_id = :id AND week_start = :week"),
            {"id": player.id, "week": week},
        ).scalar()
    return found or 0


def local_week(world, player, finished_ago: timedelta) -> date:
    """The week, in the player's own zone, of a workout that ended `finished_ago`."""
    zone = ZoneInfo(world.user(player).timezone)
    return scores.week_start((datetime.now(UTC) - finished_ago).astimezone(zone).date())


def test_the_tally_follows_workouts_visibility_and_deletion(world):
    ada, bo, cy = world.player(), world.player(), world.player()  # cy stays "friends": never counted
    for player in (ada, bo):
        set_visibility(world, player, "public")
    assert tally_is_exact(world) == {}

    # The same day's workouts, in the same order, for ada and bo: equal scores share a row.
    day = [(timedelta(hours=9), [reps("push-up", 20)]), (timedelta(hours=8), [reps("squat", 30)])]
    this_week = local_week(world, ada, day[0][0])
    for player in (ada, bo, cy):
        for finished_ago, sets in day:
            log(world, player, finished_ago, 15, *sets)
            tally_is_exact(world)
    both = week_score(world, ada, this_week)
    assert both == week_score(world, bo, this_week) > 0
    assert tally_is_exact(world) == {(this_week, both): 2}

    # A capped day: the huge workout adds the rest of the cap, the next one nothing.
    log(world, ada, timedelta(minutes=1), 350, *HUGE)
    assert week_score(world, ada, this_week) == scores.DAILY_SCORE_CAP
    log(world, ada, timedelta(hours=7), 15, reps("push-up", 10))
    assert week_score(world, ada, this_week) == scores.DAILY_SCORE_CAP
    assert tally_is_exact(world) == {(this_week, scores.DAILY_SCORE_CAP): 1, (this_week, both): 1}

    # Back-dated six days and 22 hours: the same weekday a week ago, last week's board.
    back = timedelta(days=6, hours=22)
    last_week = local_week(world, ada, back)
    assert last_week == this_week - timedelta(days=7)
    for player in (ada, bo, cy):
        log(world, player, back, 15, reps("push-up", 25))
    before = week_score(world, ada, last_week)
    assert before == week_score(world, bo, last_week) > 0
    assert tally_is_exact(world)[(last_week, before)] == 2

    # Visibility: ada leaves the global boards (both weeks), hides, and comes back.
    expected_with_ada = tally_is_exact(world)
    for visibility in ("friends", "hidden", "public", "public", "hidden", "friends"):
        set_visibility(world, ada, visibility)
        counted = tally_is_exact(world)
        if visibility == "public":
            assert counted == expected_with_ada
        else:
            assert counted == {(this_week, both): 1, (last_week, before): 1}
    set_visibility(world, ada, "public")
    assert tally_is_exact(world) == expected_with_ada

    # bo deletes the account: their listed scores leave the tally with them.
    deleted = world.client.request("DELETE", "/api/users/me", json={"password": PASSWORD}, headers=bo.headers)
    assert deleted.status_code == 204, deleted.text
    assert tally_is_exact(world) == {(this_week, scores.DAILY_SCORE_CAP): 1, (last_week, before): 1}
    # A private account's deletion takes nothing away.
    deleted = world.client.request("DELETE", "/api/users/me", json={"password": PASSWORD}, headers=cy.headers)
    assert deleted.status_code == 204, deleted.text
    assert tally_is_exact(world) == {(this_week, scores.DAILY_SCORE_CAP): 1, (last_week, before): 1}


def test_the_rank_outside_the_top_fifty_counts_from_the_tally(world):
    """Scores written by the real code (social.scores.record, tally moves and all), in
    several workouts each; ties, hidden players, a block and a score that overtakes."""
    me = world.player()
    set_visibility(world, me, "public")
    now = datetime.now(UTC)
    today = now.astimezone(ZoneInfo(world.user(me).timezone)).date()
    week = scores.week_start(today)
    others = bulk_players(world, BOARD_SIZE + 20)
    hidden = bulk_players(world, 4, visibility="hidden")
    # Scores of 60 to about 1,000 with ties: some on two days, some days capped.
    planned = {
        player: [(today - timedelta(days=n % today.isoweekday()), 40 + 35 * (n % 23)), (today, 20 + 10 * (n % 7))]
        for n, player in enumerate(others)
    }
    planned.update({player: [(today, 450), (today, 400)] for player in hidden})

    async def write(session):
        for player, workouts in planned.items():
            for day, xp in workouts:
                await scores.record(session, player, player not in hidden, day, xp)

    world._write(write)
    blocked = others[-1]  # one of the best: blocked by me, counted for nobody else's view of me
    with world.engine.connect() as connection:
        blocked_pid = connection.execute(text("SELECT public_id FROM users WHERE id = :id"), {"id": blocked}).scalar()
    assert world.client.put(f"/api/friends/blocks/{blocked_pid}", headers=me.headers).status_code == 200

    def expected_rank(mine: int) -> int:
        with world.engine.connect() as connection:
            listed = dict(
                connection.execute(
                    text("SELECT user_id, score FROM weekly_scores WHERE week_start = :week AND listed = :yes"),
                    {"week": week, "yes": True},
                ).all()
            )
        return 1 + sum(1 for player, score in listed.items() if score > mine and player != blocked)

    ranks = []
    for xp in (25, 30, 40):  # my score: 25, then 55, then 95, overtaking a few
        world._write(lambda session, xp=xp: scores.record(session, me.id, True, today, xp))
        tally_is_exact(world)
        mine = week_score(world, me, week)
        board = board_at(world, me, "week", "global", now)
        assert (board.me.rank, board.me.score) == (expected_rank(mine), mine)
        assert board.me.player.id == public_id(world, me)
        assert len(board.entries) == BOARD_SIZE
        ranks.append(board.me.rank)
    assert BOARD_SIZE < ranks[-1] < ranks[0]
    body = world.client.get("/api/boards/week", headers=me.headers).json()
    assert (body["me"]["rank"], body["me"]["score"]) == (board.me.rank, board.me.score)


def test_a_listed_workout_costs_one_statement_more_and_only_when_its_score_moves(world):
    listed, unlisted = world.player(), world.player()
    set_visibility(world, listed, "public")
    statements: list[str] = []
    engine = world.client.app.state.database.engine.sync_engine

    def count(_conn, _cursor, statement, *_):
        statements.append(kind(statement))

    def written(player, finished_ago: timedelta, minutes: int, *sets: dict) -> list[str]:
        statements.clear()
        log(world, player, finished_ago, minutes, *sets)
        return [s for s in statements if s.startswith(("INSERT", "UPDATE", "DELETE"))]

    event.listen(engine, "before_cursor_execute", count)
    try:
        first = written(listed, timedelta(hours=8), 15, reps("push-up", 10))
        assert first[first.index("INSERT weekly_scores") + 1] == "INSERT weekly_score_tally"
        assert first.count("INSERT weekly_score_tally") == 1
        again = written(listed, timedelta(hours=7), 15, reps("push-up", 10))
        assert again.count("INSERT weekly_score_tally") == 1
        written(listed, timedelta(minutes=1), 350, *HUGE)  # caps the day
        assert "INSERT weekly_score_tally" not in written(listed, timedelta(hours=6), 15, reps("push-up", 10))
        assert "INSERT weekly_score_tally" not in written(unlisted, timedelta(hours=8), 15, reps("push-up", 10))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    tally_is_exact(world)
