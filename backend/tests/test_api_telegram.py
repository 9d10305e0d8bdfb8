"""Signing in from a Telegram Mini App with initData signed as Telegram documents it.

https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app
secret = HMAC-SHA256(key="WebAppData", msg=bot_token);
hash = hex(HMAC-SHA256(key=secret, msg=data_check_string)), where the
data-check-string is every field but `hash` as "key=value", sorted by key, joined by "\\n".
"""

import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from bodyweight.app import create_app
from bodyweight.config import Settings
from support.api import BOT_TOKEN, SECRET
from support.init_data import init_data, init_fields, sign, telegram, user_json

DAY = 24 * 60 * 60


# --- genuine initData --------------------------------------------------------------


def test_genuine_init_data_signs_in_and_creates_the_player(world):
    before = world.counts()

    response = telegram(world.client, init_data(user=user_json(username="Ada_TG")))

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["access_token"]
    user = body["user"]
    assert user["username"] == "ada_tg"
    assert user["display_name"] == "Ada"
    assert (user["level"], user["coins"], user["avatar_id"]) == (1, 0, "shadow-wolf")
    assert world.counts()["users"] == before["users"] + 1


def test_the_telegram_players_token_works_on_the_profile(client):
    body = telegram(client, init_data()).json()

    me = client.get("/api/users/me", headers={"Authorization": f"Bearer {body['access_token']}"})

    assert me.status_code == 200
    assert me.json()["id"] == body["user"]["id"]
    assert me.json()["username"] == "ada_tg"


def test_signing_in_again_finds_the_same_player(world):
    first = telegram(world.client, init_data()).json()
    after_first = world.counts()

    # A later launch: new query_id, new auth_date, and the player renamed on Telegram.
    again = telegram(
        world.client,
        init_data(
            query_id="AAHdF6IQAAAAAN0XohDhrOrd",
            auth_date=str(int(time.time()) - 60),
            user=user_json(username="renamed", first_name="Augusta"),
        ),
    )

    assert again.status_code == 200, again.text
    assert again.json()["user"]["id"] == first["user"]["id"]
    assert again.json()["user"]["username"] == "ada_tg"
    assert world.counts() == after_first


def test_a_taken_telegram_username_still_creates_a_new_player_under_another_name(world):
    taken = world.player(username="Ada_TG")

    response = telegram(world.client, init_data())

    assert response.status_code == 200, response.text
    user = response.json()["user"]
    assert user["id"] != taken.id
    assert user["username"] != "ada_tg"
    # The existing player's account is untouched: it still signs in with its password.
    login = world.client.post("/api/auth/login", json={"username": "ada_tg", "password": "correct horse battery"})
    assert login.json()["user"]["id"] == taken.id


def test_squatters_on_every_predictable_name_cannot_lock_a_telegram_user_out(world):
    """`handle`, `handle_<id>` and `tg<id>` registered first by someone else: the
    genuine Telegram user still gets in, under a name of their own, every time."""
    squatters = [world.player(username=name) for name in ("ada_tg", "ada_tg_424242", "tg424242")]
    for name in ("bob", "bob_777", "tg777"):
        world.player(username=name)

    first = telegram(world.client, init_data())
    nameless = telegram(world.client, init_data(user='{"id":777,"first_name":"Bob","username":"bob"}'))

    assert first.status_code == 200, first.text
    assert nameless.status_code == 200, nameless.text
    user = first.json()["user"]
    assert user["id"] not in {squatter.id for squatter in squatters}
    assert user["username"].startswith("ada_tg_")
    assert user["username"] not in {"ada_tg", "ada_tg_424242", "tg424242"}
    # The same Telegram user comes back to the same player.
    assert telegram(world.client, init_data()).json()["user"]["id"] == user["id"]
    me = world.client.get("/api/users/me", headers={"Authorization": f"Bearer {first.json()['access_token']}"})
    assert me.json()["id"] == user["id"]


def test_a_player_without_a_usable_telegram_username_gets_tg_and_their_id(client):
    for telegram_id, user in [
        (3001, '{"id":3001,"first_name":"Ada"}'),
        (3002, '{"id":3002,"first_name":"Ada","username":null}'),
        (3003, '{"id":3003,"first_name":"Ada","username":""}'),
        (3004, '{"id":3004,"first_name":"Ada","username":["ada"]}'),
    ]:
        response = telegram(client, init_data(user=user))

        assert response.status_code == 200, (user, response.text)
        assert response.json()["user"]["username"] == f"tg{telegram_id}"


def test_the_display_name_is_the_first_name_without_invisible_characters(client):
    for telegram_id, first_name, expected in [
        (2001, "  Ада  ", "Ада"),
        (2002, "A\u0000d\u200ba\u202e", "Ada"),
        (2003, "\u0007\u200d", "name_2003"),  # nothing printable left: the username
        (2004, "x" * 100, "x" * 64),
    ]:
        user = user_json(telegram_id, username=f"name_{telegram_id}", first_name=first_name)

        response = telegram(client, init_data(user=user))

        assert response.status_code == 200, (first_name, response.text)
        assert response.json()["user"]["display_name"] == expected


def test_two_telegram_users_become_two_players(world):
    first = telegram(world.client, init_data(user=user_json(telegram_id=1001, username="first")))
    second = telegram(world.client, init_data(user=user_json(telegram_id=1002, username="second")))

    assert first.json()["user"]["id"] != second.json()["user"]["id"]
    assert world.counts()["users"] == 2


def test_a_telegram_player_cannot_sign_in_with_a_password(client):
    telegram(client, init_data())

    for password in ["whatever1", "None"]:
        response = client.post("/api/auth/login", json={"username": "ada_tg", "password": password})

        assert response.status_code == 401, password
        assert response.json()["error"]["code"] == "invalid_credentials"


def test_init_data_a_few_hours_old_or_slightly_ahead_is_accepted(client):
    for offset in [-23 * 60 * 60, +60]:
        auth_date = str(int(time.time()) + offset)

        response = telegram(client, init_data(auth_date=auth_date))

        assert response.status_code == 200, (offset, response.text)


# --- rejected initData ---------------------------------------------------------------


def tampered(**changes) -> str:
    """Genuine initData whose fields were then changed without re-signing."""
    fields = init_fields()
    signature = sign(fields)
    return urlencode({**fields, **changes, "hash": signature})


def without_hash() -> str:
    return urlencode(init_fields())


def with_hash(value: str) -> str:
    return urlencode({**init_fields(), "hash": value})


def signed_without(field: str) -> str:
    fields = init_fields()
    del fields[field]
    return urlencode({**fields, "hash": sign(fields)})


def with_duplicate(field: str, value: str) -> str:
    fields = init_fields()
    genuine = urlencode({**fields, "hash": sign(fields)})
    return f"{genuine}&{urlencode({field: value})}"


REJECTED = {
    "user id changed after signing": lambda: tampered(user=user_json(telegram_id=1)),
    "username changed after signing": lambda: tampered(user=user_json(username="admin")),
    "auth_date changed after signing": lambda: tampered(auth_date=str(int(time.time()) + 1)),
    "extra field added after signing": lambda: tampered(start_param="x"),
    "missing hash": without_hash,
    "empty hash": lambda: with_hash(""),
    "hash of the wrong length": lambda: with_hash(sign(init_fields())[:-2]),
    "hash that is not hex": lambda: with_hash("z" * 64),
    "hash with non-ASCII characters": lambda: with_hash("é" * 64),
    "signed with another bot's token": lambda: init_data(bot_token="654321:another-bot-token"),
    "signed with the bot token as the key": lambda: urlencode(
        {**init_fields(), "hash": hmac.new(BOT_TOKEN.encode(), b"", hashlib.sha256).hexdigest()}
    ),
    "auth_date older than 24 hours": lambda: init_data(auth_date=str(int(time.time()) - DAY - 60)),
    "auth_date an hour in the future": lambda: init_data(auth_date=str(int(time.time()) + 3600)),
    "auth_date far in the future": lambda: init_data(auth_date=str(10**11)),
    "auth_date out of any calendar": lambda: init_data(auth_date=str(10**20)),
    "auth_date not a number": lambda: init_data(auth_date="yesterday"),
    "auth_date missing": lambda: signed_without("auth_date"),
    "user missing": lambda: signed_without("user"),
    "user not JSON": lambda: init_data(user="ada"),
    "user not an object": lambda: init_data(user="[424242]"),
    "user without an id": lambda: init_data(user='{"first_name":"Ada"}'),
    "user id not a number": lambda: init_data(user='{"id":"ada","first_name":"Ada"}'),
    "user id a string of digits": lambda: init_data(user='{"id":"424242"}'),
    "user id a fraction": lambda: init_data(user='{"id":4242.5}'),
    "user id a boolean": lambda: init_data(user='{"id":true}'),
    "user id zero": lambda: init_data(user='{"id":0}'),
    "user id negative": lambda: init_data(user='{"id":-424242}'),
    "user id beyond 64 bits": lambda: init_data(user=f'{{"id":{2**63}}}'),
    "user id astronomically large": lambda: init_data(user='{"id":1e300}'),
    "duplicated user field": lambda: with_duplicate("user", user_json(telegram_id=1)),
    "duplicated hash field": lambda: with_duplicate("hash", "0" * 64),
    "malformed query string": lambda: "user%3D%7B%7D&&auth_date",
    "not a query string at all": lambda: "just some text",
    "a JSON object instead of a query string": lambda: json.dumps(init_fields()),
}


def test_forged_or_stale_init_data_is_401_invalid_init_data_and_creates_no_one(world):
    assert telegram(world.client, tampered()).status_code == 200  # untouched, it is genuine
    before = world.counts()

    for case, make in REJECTED.items():
        response = telegram(world.client, make())

        assert response.status_code == 401, (case, response.text)
        assert response.json()["error"]["code"] == "invalid_init_data", case
        assert response.json()["error"]["message"], case
    assert world.counts() == before


def test_a_forged_sign_in_cannot_reach_an_existing_telegram_player(world):
    assert telegram(world.client, init_data()).status_code == 200
    before = world.state()

    response = telegram(world.client, tampered(user=user_json(first_name="Mallory")))

    assert response.status_code == 401
    assert "access_token" not in response.text
    assert world.state() == before


def test_init_data_must_be_a_non_empty_string_of_bounded_length(world):
    before = world.counts()

    for body in [
        {},
        {"init_data": ""},
        {"init_data": 42},
        {"init_data": "a" * 4097},
        {"init_data": init_data(), "bot": "x"},
    ]:
        response = world.client.post("/api/auth/telegram", json=body)

        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "validation_error"
    assert world.counts() == before


def test_telegram_sign_in_is_refused_when_the_server_has_no_bot_token(migrated_url):
    settings = Settings(_env_file=None, database_url=migrated_url, secret_key=SECRET, telegram_bot_token="")
    with TestClient(create_app(settings)) as client:
        for bot_token in [BOT_TOKEN, ""]:
            response = telegram(client, init_data(bot_token=bot_token))

            assert response.status_code == 503, bot_token
            assert response.json()["error"]["code"] == "telegram_not_configured"
