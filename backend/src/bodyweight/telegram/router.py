"""The webhook Telegram calls in production (`bodyweight bot webhook URL` sets it).

Telegram sends the secret given to setWebhook in the
X-Telegram-Bot-Api-Secret-Token header; a request without it is refused before
anything is parsed. Updates are handled by the same dispatcher as long polling.
"""

import hmac
from typing import Annotated, Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from fastapi import APIRouter, Header, Request, Response

from bodyweight.deps import SettingsDep
from bodyweight.errors import DomainError, responses
from bodyweight.telegram.bot import make_dispatcher
from bodyweight.telegram.client import BotNotConfigured, make_bot


class InvalidWebhookSecret(DomainError):
    status_code, code = 403, "invalid_webhook_secret"


router = APIRouter(prefix="/api/telegram", tags=["telegram"])


def _bot_and_dispatcher(request: Request) -> tuple[Bot, Dispatcher]:
    """Made on the first update a worker gets, and kept (app.state.telegram)."""
    state = request.app.state
    if getattr(state, "telegram", None) is None:
        state.telegram = (make_bot(state.settings), make_dispatcher(state.database, state.settings))
    return state.telegram  # type: ignore[no-any-return]


@router.post(
    "/webhook",
    status_code=200,
    responses=responses(InvalidWebhookSecret, BotNotConfigured, validation=False),
    summary="Updates from Telegram (the bot's webhook)",
)
async def webhook(
    request: Request,
    settings: SettingsDep,
    secret: Annotated[str | None, Header(alias="X-Telegram-Bot-Api-Secret-Token")] = None,
) -> Response:
    expected = settings.telegram_webhook_secret
    if not expected or secret is None or not hmac.compare_digest(secret.encode(), expected.encode()):
        raise InvalidWebhookSecret()
    bot, dispatcher = _bot_and_dispatcher(request)
    update = Update.model_validate(await request.json(), context={"bot": bot})
    await dispatcher.feed_update(bot, update)
    return Response(status_code=200)


async def close(state: Any) -> None:
    """Close the bot's HTTP session at shutdown, if one was opened."""
    telegram = getattr(state, "telegram", None)
    if telegram is not None:
        await telegram[0].session.close()
