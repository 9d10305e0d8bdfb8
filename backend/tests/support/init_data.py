"""Telegram Mini App launches (initData), signed as Telegram signs them, for the tests."""

import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

from support.api import BOT_TOKEN


def user_json(telegram_id: int = 424242, username: str | None = "ada_tg", first_name: str = "Ada") -> str:
    user = {"id": telegram_id, "first_name": first_name}
    if username is not None:
        user["username"] = username
    return json.dumps(user, separators=(",", ":"), ensure_ascii=False)


def init_fields(**overrides) -> dict[str, str]:
    """The fields of a Mini App launch, before signing."""
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": user_json(),
        "auth_date": str(int(time.time())),
    }
    fields.update(overrides)
    return fields


def sign(fields: dict[str, str], bot_token: str = BOT_TOKEN) -> str:
    data_check_string = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, data_check_string.encode(), hashlib.sha256).hexdigest()


def init_data(bot_token: str = BOT_TOKEN, **overrides) -> str:
    fields = init_fields(**overrides)
    return urlencode({**fields, "hash": sign(fields, bot_token)})


def telegram(client, data: str):
    return client.post("/api/auth/telegram", json={"init_data": data})
