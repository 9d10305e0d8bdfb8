"""Bulk-load a realistic, valid game into a migrated database, server-side.

Every row is generated inside PostgreSQL by `INSERT ... SELECT generate_series`,
so nothing crosses the wire and 1,000,000 sets load in seconds. The data obeys
the app's own invariants, so the server under test sees a normal database:

- players have a level matching their XP and a starting support grant big enough
  to buy every avatar (each request of the benchmark must be able to pay);
- every coin change is a ledger row whose running sum is `balance_after`, and
  `users.coins` is the ledger's sum;
- workouts have 5 to 15 sets of catalogue exercises (reps or seconds as the
  exercise is counted), XP per set and coins per workout;
- purchases are spread over the paid catalogue, only where the level allows;
- a third of the workouts fall in the current week, so its boards are crowded;
- every player has a public id and a visibility (half public, 40% friends, 10%
  hidden), about FRIENDS_EACH * 2 friends, and the weekly scores a recomputation
  from the workouts gives (social/scores.py: XP capped per local day), with their
  tally (social/tally.py).

`setseed` makes the same options load the same data.
"""

import time
from dataclasses import dataclass

import psycopg
from psycopg import sql

from bench.bulk import indexes_and_foreign_keys_deferred
from bodyweight.achievements.catalogue import load_achievements
from bodyweight.shop.catalogue import AVATARS
from bodyweight.social.scores import DAILY_SCORE_CAP

MAX_LEVEL = 30
STARTING_GRANT = 30_000  # coins; plus up to as much again, at random
OWNED_SHARE = 0.2  # chance that a player owns an avatar their level allows
# A workout has 5 + (id mod 11) sets: 10 on average, exactly 110 per 11 workouts.
SET_CYCLE_WORKOUTS, SET_CYCLE_SETS = 11, 110
FRIENDS_EACH = 5  # friendships each player starts: about twice as many friends on average


@dataclass(frozen=True)
class LoadedData:
    players: int
    workouts: int
    sets: int
    purchases: int
    ledger_rows: int
    friendships: int
    weekly_scores: int
    seconds: float


def _paid_avatars() -> tuple[list[str], list[int], list[int]]:
    paid = [a for a in AVATARS if not a.is_free]
    return [a.id for a in paid], [a.price for a in paid], [a.required_level for a in paid]


_PAID = "unnest(%(avatar_ids)s::text[], %(prices)s::int[], %(levels)s::int[]) AS a(id, price, required_level)"

STEPS: tuple[tuple[str, str], ...] = (
    (
        "players",
        """
        INSERT INTO users (id, username, token_key, timezone, level, total_xp, current_streak, max_streak,
                           created_at, updated_at)
        SELECT g, 'bench' || g, 'bench' || g,
               (ARRAY['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'])[1 + g %% 4],
               lvl, 100 * (lvl - 1) ^ 2 + floor(r_xp * 100 * (2 * lvl - 1)), streak, streak + extra,
               created, created
        FROM (
            SELECT g, 1 + floor(random() * %(max_level)s)::int AS lvl, random() AS r_xp,
                   floor(random() * 15)::int AS streak, floor(random() * 20)::int AS extra,
                   (now() AT TIME ZONE 'UTC') - interval '365 days' - random() * interval '365 days' AS created
            FROM generate_series(1, %(players)s) g
        ) p
        """,
    ),
    (
        "workouts",
        """
        INSERT INTO workouts (id, user_id, started_at, finished_at, local_date, xp_earned, coins_earned,
                              created_at)
        SELECT w.id, w.user_id, w.finished - w.duration, w.finished,
               (w.finished AT TIME ZONE 'UTC' AT TIME ZONE u.timezone)::date, 0, 0, w.finished
        FROM (
            SELECT g AS id, 1 + floor(random() * %(players)s)::int AS user_id,
                   (now() AT TIME ZONE 'UTC') - interval '1 hour' - random() * CASE WHEN g %% 3 = 0
                       THEN greatest(now() - date_trunc('week', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                                     - interval '1 hour', interval '0')
                       ELSE interval '90 days' END AS finished,
                   interval '20 minutes' + random() * interval '40 minutes' AS duration
            FROM generate_series(1, %(workouts)s) g
        ) w
        JOIN users u ON u.id = w.user_id
        """,
    ),
    (
        "sets",
        """
        WITH exercise AS (
            SELECT (row_number() OVER (ORDER BY id))::int - 1 AS n, id, is_timed, base_xp, difficulty
            FROM exercises
        ),
        pick AS MATERIALIZED (
            SELECT w.id AS workout_id, position,
                   floor(random() * (SELECT count(*) FROM exercises))::int AS n, random() AS r
            FROM workouts w, generate_series(0, 4 + w.id %% 11) AS position
        )
        INSERT INTO workout_sets (workout_id, position, exercise_id, reps, seconds, xp)
        SELECT workout_id, position, e.id,
               CASE WHEN NOT e.is_timed THEN 5 + floor(r * 26)::int END,
               CASE WHEN e.is_timed THEN 20 + floor(r * 101)::int END,
               floor(e.base_xp * (1 + (e.difficulty - 1) * 0.25)
                     * (1 + 0.02 * least(CASE WHEN e.is_timed THEN 2 + floor(r * 10) ELSE 5 + floor(r * 26) END, 20)))
        FROM pick JOIN exercise e USING (n)
        """,
    ),
    (
        "workout totals",
        """
        UPDATE workouts w SET xp_earned = s.xp, coins_earned = least(s.xp / 20, 200)
        FROM (SELECT workout_id, sum(xp)::int AS xp FROM workout_sets GROUP BY workout_id) s
        WHERE w.id = s.workout_id
        """,
    ),
    (
        "purchases",
        f"""
        INSERT INTO user_avatar_purchases (user_id, avatar_id, purchased_at)
        SELECT u.id, a.id, u.created_at + random() * ((now() AT TIME ZONE 'UTC') - u.created_at)
        FROM users u JOIN {_PAID} ON u.level >= a.required_level
        WHERE random() < %(owned_share)s
        """,
    ),
    (
        "ledger",
        f"""
        INSERT INTO coin_transactions (user_id, amount, balance_after, reason, reference, created_at)
        SELECT user_id, amount,
               sum(amount) OVER (PARTITION BY user_id ORDER BY at, kind ROWS UNBOUNDED PRECEDING),
               reason, reference, at
        FROM (
            SELECT id AS user_id, %(grant)s + floor(random() * %(grant)s)::int AS amount,
                   'support_grant' AS reason, 'benchmark starting balance' AS reference,
                   created_at AS at, 0 AS kind
            FROM users
            UNION ALL
            SELECT user_id, coins_earned, 'workout', 'workout:' || id, finished_at, 1
            FROM workouts WHERE coins_earned > 0
            UNION ALL
            SELECT p.user_id, -a.price, 'purchase', 'avatar:' || p.avatar_id, p.purchased_at, 2
            FROM user_avatar_purchases p JOIN {_PAID} ON a.id = p.avatar_id
        ) change
        ORDER BY at, user_id, kind
        """,
    ),
    (
        "balances",
        """
        UPDATE users u SET coins = t.balance, last_workout_date = t.last_day
        FROM (
            SELECT l.user_id, l.balance, w.last_day
            FROM (SELECT user_id, sum(amount) AS balance FROM coin_transactions GROUP BY user_id) l
            LEFT JOIN (SELECT user_id, max(local_date) AS last_day FROM workouts GROUP BY user_id) w
                USING (user_id)
        ) t
        WHERE u.id = t.user_id
        """,
    ),
    (
        "public ids and visibility",
        """
        UPDATE users SET public_id = 'bench' || lpad(to_hex(id), 11, '0'),
               visibility = CASE WHEN id %% 10 < 5 THEN 'public' WHEN id %% 10 < 9 THEN 'friends' ELSE 'hidden' END
        """,
    ),
    (
        "friendships",
        """
        INSERT INTO friendships (low_id, high_id, status, requested_by, created_at, accepted_at)
        SELECT DISTINCT least(a, b), greatest(a, b), 'accepted', least(a, b),
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
        FROM (
            SELECT g AS a, 1 + floor(random() * %(players)s)::int AS b
            FROM generate_series(1, %(players)s) g, generate_series(1, %(friends_each)s) k
        ) pairs
        WHERE a <> b
        """,
    ),
    (
        "weekly scores",
        """
        INSERT INTO weekly_scores (user_id, week_start, score, listed,
                                   day1_xp, day2_xp, day3_xp, day4_xp, day5_xp, day6_xp, day7_xp)
        SELECT d.user_id, d.week, sum(least(d.xp, %(daily_cap)s)), u.visibility = 'public',
               """
        + ", ".join(f"coalesce(sum(d.xp) FILTER (WHERE d.dow = {n}), 0)" for n in range(1, 8))
        + """
        FROM (
            SELECT user_id, extract(isodow FROM local_date)::int AS dow,
                   local_date - (extract(isodow FROM local_date)::int - 1) AS week, sum(xp_earned) AS xp
            FROM workouts GROUP BY user_id, local_date
        ) d JOIN users u ON u.id = d.user_id
        GROUP BY d.user_id, d.week, u.visibility
        """,
    ),
    (
        "weekly score tally",
        # What the app keeps (social/tally.py): listed players per week and score above 0.
        """
        INSERT INTO weekly_score_tally (week_start, score, players)
        SELECT week_start, score, count(*) FROM weekly_scores WHERE listed AND score > 0
        GROUP BY week_start, score
        """,
    ),
    (
        "achievements their history earned",
        # As a long-running database holds them: what a player's counts, level and best
        # streak already meet (the sets' volume and variety are left to be earned), so
        # a purchase or workout earns an achievement only when it crosses a threshold.
        """
        INSERT INTO user_achievements (user_id, achievement_slug)
        SELECT n.user_id, a.slug
        FROM (
            SELECT 'workouts' AS rule, user_id, count(*) AS n FROM workouts GROUP BY user_id
            UNION ALL
            SELECT 'avatars', user_id, count(*) FROM user_avatar_purchases GROUP BY user_id
            UNION ALL
            SELECT 'level', id, level FROM users
            UNION ALL
            SELECT 'streak', id, max_streak FROM users
        ) n
        JOIN unnest(%(earned_rules)s::text[], %(earned_slugs)s::text[], %(earned_targets)s::int[])
             AS a(rule, slug, target)
          ON a.rule = n.rule AND n.n >= a.target
        """,
    ),
    (
        "sequences",
        """
        SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users)),
               setval(pg_get_serial_sequence('workouts', 'id'), (SELECT max(id) FROM workouts))
        """,
    ),
)

LOADED_TABLES = (
    "users",
    "workouts",
    "workout_sets",
    "user_avatar_purchases",
    "coin_transactions",
    "friendships",
    "weekly_scores",
)


# VACUUM can mark a page all-visible only when no snapshot in the database is older
# than the load. Once, at 100,000 players, weekly_scores and friendships came out of
# the first VACUUM with no page all-visible, and the week board's rank count read
# the heap (10 ms instead of 3); a second VACUUM a moment later set them all.
ALL_VISIBLE_TRIES = 30


def _all_visible(conn: psycopg.Connection, log) -> None:
    """VACUUM again, a second apart, the loaded tables that still have pages not
    all-visible; gives up (and says so) after ALL_VISIBLE_TRIES."""
    for _ in range(ALL_VISIBLE_TRIES):
        behind = [
            row[0]
            for row in conn.execute(
                "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relallvisible < relpages",
                [list(LOADED_TABLES)],
            )
        ]
        if not behind:
            return
        time.sleep(1)
        for table in behind:
            conn.execute(sql.SQL("VACUUM {}").format(sql.Identifier(table)))
    log(f"  tables not all-visible after {ALL_VISIBLE_TRIES} vacuums: {', '.join(behind)}")


def _history_achievements() -> dict[str, list]:
    """The achievements a loaded history can be checked against in SQL, as columns."""
    counted = [a for a in load_achievements() if a.rule in ("workouts", "avatars", "level", "streak")]
    return {
        "earned_rules": [a.rule for a in counted],
        "earned_slugs": [a.slug for a in counted],
        "earned_targets": [a.target for a in counted],
    }


def load(database_url: str, players: int, sets: int, log=print) -> LoadedData:
    """Fill an empty, migrated database; returns what was loaded and how long it took."""
    avatar_ids, prices, levels = _paid_avatars()
    params = {
        "players": players,
        "workouts": SET_CYCLE_WORKOUTS * -(-sets // SET_CYCLE_SETS),  # at least `sets` sets
        "max_level": MAX_LEVEL,
        "owned_share": OWNED_SHARE,
        "grant": STARTING_GRANT,
        "avatar_ids": avatar_ids,
        "prices": prices,
        "levels": levels,
        "friends_each": FRIENDS_EACH,
        "daily_cap": DAILY_SCORE_CAP,
        **_history_achievements(),
    }
    started = time.perf_counter()
    with psycopg.connect(database_url) as conn:
        # A benchmark database: losing the last commit in a crash costs nothing.
        conn.execute("SET synchronous_commit = off")
        conn.execute("SET work_mem = '256MB'")
        conn.execute("SELECT setseed(0.2024)")
        with indexes_and_foreign_keys_deferred(conn, LOADED_TABLES):
            for name, statement in STEPS:
                step_started = time.perf_counter()
                conn.execute(statement, params)
                log(f"  loaded {name} in {time.perf_counter() - step_started:.1f} s")
            step_started = time.perf_counter()
        log(f"  built indexes and checked foreign keys in {time.perf_counter() - step_started:.1f} s")
        conn.commit()
        # Autovacuum may be off (it is on CI's server): give the planner statistics
        # and index-only scans a visibility map, as a long-running database has.
        conn.autocommit = True
        conn.execute("VACUUM (ANALYZE)")
        _all_visible(conn, log)
        counts = [conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in LOADED_TABLES]
    return LoadedData(*counts, seconds=time.perf_counter() - started)
