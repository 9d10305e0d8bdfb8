"""Find a PostgreSQL server for the tests, or start a throwaway one.

Order: TEST_DATABASE_URL; a server on 127.0.0.1:5432 with trust auth; a temporary
cluster from the local PostgreSQL binaries. Each test then gets its own scratch
database, created here and dropped afterwards.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

LOCAL_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _reachable(url: str) -> bool:
    try:
        psycopg.connect(url, connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


def _binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayCluster:
    """initdb + pg_ctl in a temporary directory; as root, run as the postgres user."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="bodyweight-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.dir, account.pw_uid, account.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, text=True)

    def start(self) -> str:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.resume()
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def pause(self) -> None:
        """Stop the server as an operator's restart does (sessions are ended), keeping its data."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-m", "fast", "stop")

    def resume(self) -> None:
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.dir / "log"),
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )


class PostgresServer:
    def __init__(self, admin_url: str, cluster: ThrowawayCluster | None = None) -> None:
        # libpq's own URL form, whatever driver suffix the caller wrote.
        url = make_url(admin_url).set(drivername="postgresql")
        self.admin_url = url.render_as_string(hide_password=False)
        self.cluster = cluster

    @classmethod
    def find_or_start(cls) -> "PostgresServer | None":
        configured = os.environ.get("TEST_DATABASE_URL")
        if configured:
            return cls(configured)
        if _reachable(LOCAL_URL):
            return cls(LOCAL_URL)
        bindir = _binaries()
        if bindir is None:
            return None
        cluster = ThrowawayCluster(bindir)
        return cls(cluster.start(), cluster)

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_url, autocommit=True)

    def create_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of `template` (another one's URL)."""
        name = f"bodyweight_test_{uuid.uuid4().hex[:12]}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(make_url(template).database))
        with self._admin() as conn:
            conn.execute(statement)
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        with self._admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def stop(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()
