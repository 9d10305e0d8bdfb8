"""The bot's commands: /start (with an optional invite payload), /stats, /help,
/language. One `Dispatcher` serves both long polling (`bodyweight bot`) and the
webhook route of the API (router.py).

The bot knows a player by `users.telegram_id`, which signing in to the Mini App
records; someone who has not opened the app yet is greeted in their Telegram
language and offered the app.
"""

from typing import Any

from aiogram import Bot, Dispatcher, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.types import User as TelegramUser
from sqlalchemy import bindparam, select, update

from bodyweight import i18n, rules
from bodyweight.config import Settings
from bodyweight.db import Database, ReadSession, WriteSession
from bodyweight.models import User
from bodyweight.telegram.messages import app_url, language_choice, locale, open_app_button, say
from bodyweight.users.player import PLAYER_COLUMNS, Player

_users = User.__table__
_BY_TELEGRAM_ID = select(*PLAYER_COLUMNS).where(_users.c.telegram_id == bindparam("telegram_id"))


async def player_by_telegram_id(session: ReadSession, telegram_id: int) -> Player | None:
    row = (await session.execute(_BY_TELEGRAM_ID, {"telegram_id": telegram_id})).one_or_none()
    return None if row is None else Player(*row)


async def _update(session: WriteSession, telegram_id: int, **values: Any) -> None:
    await session.execute(update(_users).where(_users.c.telegram_id == telegram_id).values(**values))


def _who(user: TelegramUser | None, player: Player | None) -> tuple[i18n.Locale, str]:
    """The language to answer in and the name to greet."""
    if player is not None:
        return locale(player.locale), player.display_name or player.username
    return locale(user.language_code if user else None), (user.first_name if user else "") or ""


async def start(message: Message, command: CommandObject, database: Database, settings: Settings) -> None:
    user = message.from_user
    if user is None:
        return
    async with database.writing() as session:
        player = await player_by_telegram_id(session, user.id)
        if player is not None:
            # Writing to the bot again undoes a block: messages are welcome again.
            await _update(session, user.id, bot_messages=True)
    lang, name = _who(user, player)
    payload = command.args.strip() if command.args else None
    url = app_url(settings.webapp_url, payload)
    text = say(lang, "bot.start_invite" if payload else "bot.start", {"name": name})
    button = open_app_button(lang, url)
    if button is None:
        text += "\n\n" + say(lang, "bot.no_app")
    await message.answer(text, reply_markup=button)


async def _sender(message: Message, database: Database) -> Player | None:
    """The player who wrote, if they have opened the app."""
    if message.from_user is None:
        return None
    async with database.reading() as session:
        return await player_by_telegram_id(session, message.from_user.id)


async def help_(message: Message, database: Database) -> None:
    lang, _ = _who(message.from_user, await _sender(message, database))
    await message.answer(say(lang, "bot.help"))


async def stats(message: Message, database: Database, settings: Settings) -> None:
    player = await _sender(message, database)
    lang, name = _who(message.from_user, player)
    if player is None:
        await message.answer(
            say(lang, "bot.stats_unknown"), reply_markup=open_app_button(lang, app_url(settings.webapp_url))
        )
        return
    streak = rules.streak_now(
        message.date,
        player.timezone,
        player.last_workout_date,
        player.last_workout_zone,
        player.current_streak,
        player.streak_freezes,
    )
    params = {
        "name": name,
        "level": player.level,
        "xp": player.total_xp,
        "coins": player.coins,
        "streak": streak,
        "best": player.max_streak,
    }
    await message.answer(say(lang, "bot.stats", params))


async def language(message: Message, database: Database) -> None:
    lang, _ = _who(message.from_user, await _sender(message, database))
    await message.answer(say(lang, "bot.language_prompt"), reply_markup=language_choice())


async def language_chosen(query: CallbackQuery, database: Database) -> None:
    lang = locale((query.data or "").removeprefix("lang:"))
    async with database.writing() as session:
        await _update(session, query.from_user.id, locale=lang)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(say(lang, "bot.language_set"))


def make_dispatcher(database: Database, settings: Settings) -> Dispatcher:
    """A dispatcher with the commands, whose handlers get the database and settings."""
    router = Router(name="bodyweight")
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    router.message.register(stats, Command("stats"))
    router.message.register(language, Command("language"))
    router.callback_query.register(language_chosen, F.data.in_({"lang:ru", "lang:en"}))
    dispatcher = Dispatcher(database=database, settings=settings)
    dispatcher.include_router(router)
    return dispatcher


async def poll(bot: Bot, database: Database, settings: Settings) -> None:
    """Long polling, for development: removes the webhook first (Telegram
    refuses getUpdates while one is set)."""
    await bot.delete_webhook(drop_pending_updates=False)
    await make_dispatcher(database, settings).start_polling(bot, handle_signals=True)
