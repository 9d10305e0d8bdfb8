"""The Bot API client: aiogram's, pointed at the configured API server."""

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from bodyweight.config import Settings
from bodyweight.errors import DomainError


class BotNotConfigured(DomainError):
    status_code, code = 503, "bot_not_configured"


def make_bot(settings: Settings) -> Bot:
    if not settings.telegram_bot_token:
        raise BotNotConfigured()
    session = AiohttpSession(
        api=TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/")),
        timeout=settings.send_timeout,
    )
    return Bot(
        settings.telegram_bot_token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
