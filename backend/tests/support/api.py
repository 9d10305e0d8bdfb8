"""The app under test, on a real database, and typed builders for its players."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, pool, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bodyweight.app import create_app
from bodyweight.config import Settings
from bodyweight.db import Database, WriteSession, make_async_engine
from bodyweight.ledger.service import change_coins
from bodyweight.models import CoinTransaction, IdempotencyKey, User, UserAvatarPurchase, Workout, WorkoutSet
from bodyweight.notifications import service as notifications
from support.aio import run
from support.clock import noon_zone

BOT_TOKEN = "123456:TEST-bot-token-for-bodyweight"
SECRET = "test-secret-key-that-is-long-enough-for-hs256"
T = TypeVar("T")


def make_client(database_url: str) -> TestClient:
    settings = Settings(_env_file=None, database_url=database_url, secret_key=SECRET, telegram_bot_token=BOT_TOKEN)
    return TestClient(create_app(settings))


@dataclass
class Player:
    id: int
    username: str
    token: str
    headers: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.headers = {"Authorization": f"Bearer {self.token}"}


class World:
    """Arranges the database for a test through the real models and services."""

    def __init__(self, client: TestClient, engine: Engine) -> None:
        self.client = client
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self._count = 0

    def _write(self, use_case: Callable[[WriteSession], Awaitable[T]]) -> T:
        """Run a real use case in one write transaction of the app's database."""

        async def work() -> T:
            database = Database(make_async_engine(self.engine.url, poolclass=pool.NullPool))
            try:
                async with database.writing() as session:
                    return await use_case(session)
            finally:
                await database.dispose()

        return run(work())

    def credit(self, player_id: int, amount: int, reference: str = "test set-up") -> int | None:
        """Coins through the real ledger code, as support grants them."""
        return self._write(lambda session: change_coins(session, player_id, amount, "support_grant", reference))

    def notify(self, player_id: int, kind: str, params: dict[str, Any], key: str, at: datetime | None = None) -> bool:
        """A notice through the hook features call (achievements, friend requests)."""
        return self._write(lambda session: notifications.notify(session, player_id, kind, params, key, now=at))

    def player(self, *, coins: int = 0, level: int = 1, username: str | None = None, **columns) -> Player:
        """A registered player; coins arrive as a ledger credit, level with its XP.

        They live where it is about noon (unless `timezone` says otherwise), so a
        workout logged "now" earns no time-of-day achievement, whatever the hour the
        suite runs at, and falls on the same date as in UTC. `timezone=None` keeps
        the zone registration gives."""
        columns.setdefault("timezone", noon_zone())
        if columns["timezone"] is None:
            del columns["timezone"]
        self._count += 1
        username = username or f"player{self._count}"
        response = self.client.post(
            "/api/auth/register", json={"username": username, "password": "correct horse battery"}
        )
        assert response.status_code == 201, response.text
        body = response.json()
        player = Player(id=body["user"]["id"], username=username, token=body["access_token"])
        if level > 1:
            columns.setdefault("total_xp", 100 * (level - 1) ** 2)
            columns["level"] = level
        if columns:
            with self.sessions.begin() as session:
                session.execute(update(User).where(User.id == player.id).values(columns))
        if coins:
            self.credit(player.id, coins)
        return player

    def user(self, player: Player) -> User:
        with Session(self.engine, expire_on_commit=False) as session:
            user = session.get(User, player.id)
            assert user is not None
            return user

    def user_by_name(self, username: str) -> User:
        with Session(self.engine, expire_on_commit=False) as session:
            user = session.scalar(select(User).where(User.username == username))
            assert user is not None
            return user

    def ledger_sum(self, player: Player) -> int:
        with self.sessions() as session:
            return session.scalar(
                select(func.coalesce(func.sum(CoinTransaction.amount), 0)).where(CoinTransaction.user_id == player.id)
            )

    def ledger_entries(self, player: Player) -> int:
        with self.sessions() as session:
            return session.scalar(select(func.count()).where(CoinTransaction.user_id == player.id))

    def ledger_rows(self, player_id: int) -> int:
        with self.sessions() as session:
            return session.scalar(
                select(func.count()).select_from(CoinTransaction).where(CoinTransaction.user_id == player_id)
            )

    def achievement_coins(self, player_id: int) -> int:
        """What the player's achievements have paid: it may depend on the time of day a
        test runs (early bird, night owl...), so tests that count coins read it."""
        with self.sessions() as session:
            return session.scalar(
                select(func.coalesce(func.sum(CoinTransaction.amount), 0)).where(
                    CoinTransaction.user_id == player_id, CoinTransaction.reason == "achievement"
                )
            )

    def counts(self) -> dict[str, int]:
        """Rows per table: what "nothing changed" is checked against."""
        with self.sessions() as session:
            return {
                model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (User, Workout, WorkoutSet, CoinTransaction, UserAvatarPurchase, IdempotencyKey)
            }

    def state(self) -> tuple:
        """Every row of every table the game writes to, for before/after equality."""
        with self.engine.connect() as connection:
            return tuple(
                tuple(tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1")))
                for table in (
                    "users",
                    "workouts",
                    "workout_sets",
                    "coin_transactions",
                    "user_avatar_purchases",
                    "idempotency_keys",
                    "streak_freeze_uses",
                    "weekly_goal_rewards",
                )
            )


def books_balance(engine: Engine) -> None:
    """Every balance equals its ledger, none is negative, every purchase was paid."""
    with engine.connect() as connection:
        mismatched = connection.execute(
            text(
                "SELECT u.id FROM users u LEFT JOIN coin_transactions t ON t.user_id = u.id "
                "GROUP BY u.id, u.coins HAVING u.coins <> coalesce(sum(t.amount), 0)"
            )
        ).all()
        negative = connection.execute(
            text("SELECT count(*) FROM coin_transactions WHERE balance_after < 0")
        ).scalar_one()
        unpaid = connection.execute(
            text(
                "SELECT count(*) FROM user_avatar_purchases p WHERE NOT EXISTS (SELECT 1 FROM coin_transactions t"
                " WHERE t.user_id = p.user_id AND t.reason = 'purchase' AND t.reference = 'avatar:' || p.avatar_id)"
            )
        ).scalar_one()
    assert mismatched == [] and negative == 0 and unpaid == 0, (mismatched, negative, unpaid)
