"""The raw-SQL limit: the same database work as the endpoints, run by pgbench with
prepared statements and no application in between, at the same client counts.

The purchase script is the shop's transaction statement for statement: read and
lock the caller's row (as the request's authentication does), claim the (player,
avatar) pair, debit only if the balance covers the price, write the ledger row
with the new balance. Its avatar ids are random and never repeat, so
every transaction buys (as every benchmarked request does) and the ledger stays
equal to the balances. (The ledger reference has no colon: pgbench would read
one as a variable.) The listing script is "my avatars": the caller's row, then
the purchases.
"""

import glob
import os
import shutil
import subprocess
import time
from pathlib import Path

from sqlalchemy.engine import make_url

from bench.stats import summarize

# The caller's row, as users/player.py reads it for every authenticated request.
CALLER = (
    "SELECT id, username, display_name, timezone, locale, token_key, level, total_xp, coins, "
    "current_streak, max_streak, last_workout_date, daily_coins_date, daily_coins_earned, "
    "avatar_id, created_at FROM users WHERE id = :player"
)

SCRIPTS = {
    "purchase": f"""\
\\set player random(1, :players)
\\set price random(100, 1500)
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
}


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
