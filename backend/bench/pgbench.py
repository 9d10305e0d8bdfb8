"""The raw-SQL limit: the same database work as the endpoints, run by pgbench with
prepared statements and no application in between, at the same client counts.

The purchase script is the shop's transaction statement for statement: read and
lock the caller's row (as the request's authentication does), claim the (player,
avatar) pair, debit only if the balance covers the price, write the ledger row
with the new balance. Its prices are a few coins (the amount costs nothing to
the database), so no caller runs out however many transactions a quiet machine
runs on a small dataset. Its avatar ids are random and never repeat, so
every transaction buys (as every benchmarked request does) and the ledger stays
equal to the balances. (The ledger reference has no colon: pgbench would read
one as a variable.) The listing script is "my avatars": the caller's row, then
the purchases.

The two board scripts are the statements of `GET /api/boards/week` (social/boards.py)
after the caller's row, rendered from the app's own statement objects as the app's
driver (asyncpg) sends them, with the caller and the week as pgbench variables:
for the global board the top 50 public scores of the week, then the caller's own
score with the count of better ones; for the friends board the caller and their
friends who are not hidden, with their scores of the week. The week is the one
holding today in UTC (`:week`); the app takes the caller's zone, which moves the
boundary by hours, not the work.
"""

import glob
import os
import shutil
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import make_url
from sqlalchemy.sql import ClauseElement

from bench.stats import summarize
from bodyweight.social import boards
from bodyweight.users.player import PLAYER_COLUMNS

# The caller's row, as users/player.py reads it for every authenticated request.
# Rendered by SQLAlchemy, so derived columns (has_password) read as the app reads them.
CALLER = (
    str(select(*PLAYER_COLUMNS).compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})).replace(
        "\n", " "
    )
    + " WHERE users.id = :player"
)


def as_pgbench(statement: ClauseElement, variables: dict[str, str]) -> str:
    """The statement as the app's driver sends it ($1, $2, ... with their casts), each
    parameter named in `variables` replaced by that pgbench variable and every
    other one by its fixed value, rendered as a literal."""
    compiled = statement.compile(dialect=asyncpg_dialect())
    text = compiled.string
    # Highest position first, so that $1 is not replaced inside $10.
    for position, name in reversed(list(enumerate(compiled.positiontup or [], start=1))):
        if name in variables:
            value = variables[name]
        elif compiled.params[name] is not None:
            value = compiled.render_literal_value(compiled.params[name], compiled.binds[name].type)
        else:
            raise ValueError(f"parameter {name!r} has no value and no pgbench variable")
        text = text.replace(f"${position}", value)
    return text


_BOARD_VARIABLES = {"me": ":player", "week": ":week"}
SCRIPTS = {
    "purchase": f"""\
\\set player random(1, :players)
\\set price random(1, 20)
\\set debit -:price
\\set tag random(1, 1000000000000)
BEGIN;
{CALLER} FOR UPDATE;
INSERT INTO user_avatar_purchases (user_id, avatar_id) VALUES (:player, 'pgbench-' || :tag)
    ON CONFLICT (user_id, avatar_id) DO NOTHING RETURNING purchased_at;
UPDATE users SET coins = coins + :debit, updated_at = now()
    WHERE id = :player AND coins + :debit >= 0 RETURNING coins AS balance \\gset
INSERT INTO coin_transactions (user_id, amount, balance_after, reason, reference)
    VALUES (:player, :debit, :balance, 'purchase', 'pgbench-avatar-' || :tag);
COMMIT;
""",
    "listing": f"""\
\\set player random(1, :players)
{CALLER};
SELECT avatar_id, purchased_at FROM user_avatar_purchases WHERE user_id = :player
    ORDER BY purchased_at, id;
""",
    "week board": f"""\
\\set player random(1, :players)
{CALLER};
{as_pgbench(boards.WEEK_BOARD, _BOARD_VARIABLES)};
""",
    "friends board": f"""\
\\set player random(1, :players)
{CALLER};
{as_pgbench(boards.FRIENDS_WEEK, _BOARD_VARIABLES)};
""",
}


def this_week(today: date | None = None) -> date:
    """The Monday of the ISO week holding today in UTC."""
    today = today or datetime.now(UTC).date()
    return today - timedelta(days=today.isoweekday() - 1)


def pgbench_binary() -> str:
    found = shutil.which("pgbench")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise RuntimeError("pgbench not found: install PostgreSQL's client tools (postgresql-contrib on Debian)")
    return candidates[-1]


def _connection_args(database_url: str) -> tuple[list[str], dict[str, str]]:
    url = make_url(database_url)
    args = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres", url.database]
    env = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    return args, env


def run(
    database_url: str, script: str, *, clients: int, warmup: float, duration: float, players: int, workdir: Path
) -> dict:
    """Throughput and latency of the transactions pgbench completed in the window
    after `warmup` seconds, read from its per-transaction log."""
    script_path = workdir / f"{script}.sql"
    script_path.write_text(SCRIPTS[script])
    log_prefix = workdir / f"pgbench-{script}-{clients}-{time.monotonic_ns()}"
    connection, env = _connection_args(database_url)
    command = [
        pgbench_binary(),
        "--no-vacuum",
        "--protocol=prepared",
        f"--client={clients}",
        f"--jobs={min(clients, os.cpu_count() or 1)}",
        f"--time={int(warmup + duration)}",
        f"--define=players={players}",
        f"--define=week={this_week().isoformat()}",
        f"--file={script_path}",
        "--log",
        f"--log-prefix={log_prefix}",
        *connection,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=warmup + duration + 60)
    if done.returncode != 0:
        raise RuntimeError(f"pgbench {script} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    # Each log line: client, transaction, latency (us), script, end epoch (s), end (us).
    ends_and_latencies = []
    for log in glob.glob(f"{log_prefix}.*"):
        with open(log) as lines:
            for line in lines:
                fields = line.split()
                ends_and_latencies.append((int(fields[4]) + int(fields[5]) / 1e6, int(fields[2]) / 1e6))
        os.unlink(log)
    if not ends_and_latencies:
        raise RuntimeError(f"pgbench {script} logged no transactions: {done.stdout.strip()[-2000:]}")
    began = min(end - latency for end, latency in ends_and_latencies)
    measure_from, stop_at = began + warmup, began + warmup + duration
    latencies = [latency for end, latency in ends_and_latencies if measure_from <= end - latency and end <= stop_at]
    return summarize(latencies, duration)
