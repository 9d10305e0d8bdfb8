"""Registration, login and bearer tokens, through the HTTP API on a real database."""

from datetime import UTC, datetime, timedelta

import jwt
from sqlalchemy import text

from bodyweight.auth.tokens import issue_access_token
from support.api import SECRET

PASSWORD = "correct horse battery"


def register(client, username="ada", password=PASSWORD, **extra):
    return client.post("/api/auth/register", json={"username": username, "password": password, **extra})


def login(client, username, password=PASSWORD):
    return client.post("/api/auth/login", json={"username": username, "password": password})


def error_of(response) -> str:
    return response.json()["error"]["code"]


# --- registration ----------------------------------------------------------------


def test_register_returns_201_with_a_bearer_token_and_a_fresh_profile(client):
    response = register(client, "ada", email="ada@example.org")

    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"access_token", "token_type", "user"}
    assert body["token_type"] == "bearer"
    assert body["access_token"]
    user = body["user"]
    assert user["username"] == "ada"
    assert isinstance(user["id"], int)
    assert (user["level"], user["total_xp"], user["coins"]) == (1, 0, 0)
    assert (user["current_streak"], user["max_streak"]) == (0, 0)
    assert user["avatar_id"] == "shadow-wolf"
    assert user["timezone"] == "UTC"
    assert user["xp_to_next_level"] == 100


def test_register_token_authenticates_the_new_player(client):
    body = register(client, "ada").json()

    me = client.get("/api/users/me", headers={"Authorization": f"Bearer {body['access_token']}"})

    assert me.status_code == 200
    assert me.json()["id"] == body["user"]["id"]


def test_password_is_stored_as_an_argon2id_hash_and_never_returned(client, migrated_engine):
    response = register(client, "ada", password="s3cret-passphrase")

    assert "s3cret-passphrase" not in response.text
    assert "password" not in response.text
    with migrated_engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM users WHERE username = 'ada'")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert "s3cret-passphrase" not in stored


def test_two_players_with_the_same_password_get_different_hashes(client, migrated_engine):
    register(client, "ada")
    register(client, "grace")

    with migrated_engine.connect() as connection:
        hashes = connection.execute(text("SELECT password_hash FROM users")).scalars().all()
    assert len(set(hashes)) == 2


def test_usernames_are_case_insensitive_and_stored_lowercase(world):
    first = register(world.client, "Ada")
    assert first.status_code == 201
    assert first.json()["user"]["username"] == "ada"
    before = world.counts()

    second = register(world.client, "ada")

    assert second.status_code == 409
    assert error_of(second) == "username_taken"
    assert world.counts() == before


def test_a_taken_username_is_409_username_taken(world):
    world.player(username="grace")
    before = world.state()

    response = register(world.client, "grace", password="another password")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "username_taken"
    assert response.json()["error"]["message"]
    assert world.state() == before


def test_an_email_in_use_is_not_revealed_and_not_linked(world):
    """Sign-up must not tell anyone whose email is registered: the account is made
    as any other, and the email (unique regardless of case) stays with its owner."""
    ada = register(world.client, "ada", email="ada@example.org")
    assert ada.status_code == 201

    grace = register(world.client, "grace", email="ADA@Example.ORG")

    assert grace.status_code == 201
    assert grace.json().keys() == ada.json().keys()
    assert world.user_by_name("grace").email is None
    assert world.user_by_name("ada").email == "ada@example.org"


def test_registration_without_an_email_is_allowed_for_many_players(client):
    assert register(client, "ada").status_code == 201
    assert register(client, "grace").status_code == 201


BAD_USERNAMES = {
    "too short": "ab",
    "too long": "a" * 33,
    "empty": "",
    "inner space": "ada lovelace",
    "leading space": " ada",
    "trailing newline": "ada\n",
    "non-ASCII letters": "ädä",
    "fullwidth letters": "ａｄａ",
    "emoji": "ada💪",
    "zero-width joiner": "ad\u200da",
    "NUL": "ada\u0000",
    "leading dot": ".ada",
    "leading dash": "-ada",
    "at sign": "ada@home",
    "slash": "ada/../x",
}


def test_malformed_usernames_are_rejected_with_422_and_nothing_stored(world):
    before = world.counts()

    for case, username in BAD_USERNAMES.items():
        response = register(world.client, username)

        assert response.status_code == 422, (case, response.text)
        assert error_of(response) == "validation_error", case
        assert "username" in response.json()["error"]["message"], case
    assert world.counts() == before


def test_well_formed_usernames_at_the_edges_are_accepted(client):
    for username in ["abc", "a" * 32, "_ada.l-9", "007"]:
        response = register(client, username)

        assert response.status_code == 201, (username, response.text)
        assert response.json()["user"]["username"] == username


def registration(**fields) -> dict:
    """A valid registration body with some fields replaced (`...`: left out)."""
    body = {"username": "ada", "password": PASSWORD, **fields}
    return {key: value for key, value in body.items() if value is not ...}


BAD_REGISTRATIONS = {
    "short password": (registration(password="short"), "password"),
    "7-character password": (registration(password="x" * 7), "password"),
    "long password": (registration(password="x" * 129), "password"),
    "missing password": (registration(password=...), "password"),
    "missing username": (registration(username=...), "username"),
    "email without @": (registration(email="not-an-email"), "email"),
    "email without a dot in the domain": (registration(email="ada@localhost"), "email"),
    "email with a space": (registration(email="a da@example.org"), "email"),
    "empty email": (registration(email=""), "email"),
    "too long email": (registration(email="a" * 250 + "@example.org"), "email"),
    "unknown field": (registration(is_admin=True), "is_admin"),
    "self-granted coins": (registration(coins=10_000), "coins"),
    "number username": (registration(username=12345), "username"),
    "list username": (registration(username=["ada"]), "username"),
    "number password": (registration(password=12345678), "password"),
    "null password": (registration(password=None), "password"),
    "number email": (registration(email=7), "email"),
}


def test_invalid_registration_bodies_are_422_validation_error_and_store_nothing(world):
    before = world.state()

    for case, (body, field) in BAD_REGISTRATIONS.items():
        response = world.client.post("/api/auth/register", json=body)

        assert response.status_code == 422, (case, response.text)
        error = response.json()["error"]
        assert error["code"] == "validation_error", case
        assert field in error["message"], (case, error["message"])
    assert world.state() == before


def test_a_body_that_is_not_a_json_object_is_422_and_stores_nothing(world):
    before = world.counts()

    for raw in [b"", b"{not json", b'["ada", "password"]', b'"ada"', b"null"]:
        response = world.client.post("/api/auth/register", content=raw, headers={"Content-Type": "application/json"})

        assert response.status_code == 422, (raw, response.text)
        assert error_of(response) == "validation_error", raw
    assert world.counts() == before


# --- login -----------------------------------------------------------------------


def test_login_returns_200_with_a_token_for_the_same_player(world):
    player = world.player(username="ada")

    response = login(world.client, "ada")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["user"]["id"] == player.id
    me = world.client.get("/api/users/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["id"] == player.id


def test_login_ignores_username_case_and_surrounding_spaces(world):
    player = world.player(username="ada")

    for typed in ["ADA", " Ada "]:
        response = login(world.client, typed)

        assert response.status_code == 200, (typed, response.text)
        assert response.json()["user"]["id"] == player.id


def test_wrong_password_and_unknown_user_are_the_same_401(world):
    world.player(username="ada")

    wrong_password = login(world.client, "ada", "not the password")
    unknown_user = login(world.client, "nobody")

    for response in (wrong_password, unknown_user):
        assert response.status_code == 401
        assert error_of(response) == "invalid_credentials"
    same = [{**r.json()["error"], "request_id": None} for r in (wrong_password, unknown_user)]
    assert same[0] == same[1]


def test_a_username_no_account_could_have_is_just_invalid_credentials(world):
    world.player(username="ada")

    for username in ["ada\u0000", "ädä"]:
        response = login(world.client, username)

        assert response.status_code == 401, (username, response.text)
        assert error_of(response) == "invalid_credentials"


def test_the_password_is_case_sensitive(world):
    world.player(username="ada")

    response = login(world.client, "ada", PASSWORD.upper())

    assert response.status_code == 401
    assert error_of(response) == "invalid_credentials"


def test_malformed_login_bodies_are_422(world):
    world.player(username="ada")

    for body in [
        {"username": "ada"},
        {"username": "", "password": PASSWORD},
        {"username": "ada", "password": ""},
        {"username": "a" * 33, "password": PASSWORD},
        {"username": "ada", "password": PASSWORD, "remember": True},
        {"username": 1, "password": PASSWORD},
    ]:
        response = world.client.post("/api/auth/login", json=body)

        assert response.status_code == 422, (body, response.text)
        assert error_of(response) == "validation_error", body


# --- bearer tokens ---------------------------------------------------------------


def assert_not_authenticated(response) -> None:
    assert response.status_code == 401, response.text
    assert error_of(response) == "not_authenticated"
    assert response.json()["error"]["message"]
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_missing_bearer_token_is_401_not_authenticated(client):
    for headers in [
        {},
        {"Authorization": ""},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic YWRhOnBhc3N3b3Jk"},
    ]:
        assert_not_authenticated(client.get("/api/users/me", headers=headers))


def forged_tokens(user_id: int, key: str) -> dict[str, str]:
    now = datetime.now(UTC)
    later = now + timedelta(days=1)

    def signed(**claims) -> str:
        return jwt.encode({"exp": later, **claims}, SECRET, algorithm="HS256")

    return {
        "garbage": "not-a-jwt",
        "three garbage parts": "aaa.bbb.ccc",
        "signed with another secret": issue_access_token(user_id, key, "another-secret-" + SECRET),
        "expired": issue_access_token(user_id, key, SECRET, now=now - timedelta(days=365)),
        "another key": issue_access_token(user_id, "0" * 32, SECRET),
        "alg none": jwt.encode({"sub": str(user_id), "key": key, "exp": later}, None, algorithm="none"),
        "no expiry": jwt.encode({"sub": str(user_id), "key": key}, SECRET, algorithm="HS256"),
        "no subject": signed(key=key),
        "no key": signed(sub=str(user_id)),
        "non-numeric subject": signed(sub="ada", key=key),
        "subject beyond any id": signed(sub=str(2**63), key=key),
        "subject of 5000 digits": signed(sub="9" * 5000, key=key),
        "negative subject": signed(sub="-1", key=key),
        "numeric, not text, subject": signed(sub=user_id, key=key),
    }


def test_an_invalid_token_is_401_not_authenticated(world):
    player = world.player()

    for case, token in forged_tokens(player.id, world.user(player).token_key).items():
        response = world.client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"})

        assert response.status_code == 401, case
        assert_not_authenticated(response)


def test_an_expired_token_says_the_session_expired(world):
    player = world.player()
    token = issue_access_token(
        player.id, world.user(player).token_key, SECRET, now=datetime.now(UTC) - timedelta(days=31)
    )

    response = world.client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"})

    assert_not_authenticated(response)
    assert "expired" in response.json()["error"]["message"]


def test_a_token_still_inside_its_lifetime_is_accepted(world):
    player = world.player()
    token = issue_access_token(
        player.id, world.user(player).token_key, SECRET, now=datetime.now(UTC) - timedelta(days=29)
    )

    response = world.client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200


def test_the_token_of_a_deleted_player_is_401(world):
    player = world.player()
    with world.engine.begin() as connection:
        connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": player.id})

    assert_not_authenticated(world.client.get("/api/users/me", headers=player.headers))


def test_a_token_is_bound_to_its_own_player(world):
    ada = world.player(username="ada")
    grace = world.player(username="grace")

    assert world.client.get("/api/users/me", headers=ada.headers).json()["id"] == ada.id
    assert world.client.get("/api/users/me", headers=grace.headers).json()["id"] == grace.id
