from fastapi import APIRouter, Request, Response

from bodyweight.auth import service, tokens
from bodyweight.auth.limits import SignInLimitsDep, client_address
from bodyweight.auth.schemas import LoginRequest, RegisterRequest, TelegramRequest, TokenResponse
from bodyweight.auth.telegram import InvalidInitData, TelegramNotConfigured, verify_init_data
from bodyweight.config import Settings
from bodyweight.deps import DatabaseDep, LockedPlayer, RequestLocale, SettingsDep, WriteSession
from bodyweight.errors import SIGNED_IN, AccountSuspended, RateLimited, responses
from bodyweight.schemas import reply
from bodyweight.users.player import Player
from bodyweight.users.schemas import Profile

router = APIRouter(prefix="/api/auth", tags=["auth"])


def signed_in(player: Player, settings: Settings, status_code: int = 200) -> Response:
    token = tokens.issue_access_token(player.id, player.token_key, settings.secret_key)
    return reply(TokenResponse(access_token=token, user=Profile.of(player)), status_code)


# Sign-up and sign-in open their sessions themselves, around the statements
# only: the password hashing between them holds no connection.


@router.post(
    "/register",
    status_code=201,
    response_model=TokenResponse,
    responses=responses(service.UsernameTaken),
    summary="Create an account with a username and password",
)
async def register(
    data: RegisterRequest, database: DatabaseDep, settings: SettingsDep, request_locale: RequestLocale
) -> Response:
    password_hash = await service.hash_in_thread(data.password)
    async with database.writing() as session:
        player = await service.register(
            session, data.username, password_hash, data.email, data.locale or request_locale
        )
    return signed_in(player, settings, 201)


@router.post(
    "/login",
    response_model=TokenResponse,
    responses=responses(service.InvalidCredentials, AccountSuspended, RateLimited),
    summary="Sign in with a username and password",
    description="Attempts are limited per account and per client address (429 `rate_limited`, with Retry-After).",
)
async def login(
    data: LoginRequest, request: Request, database: DatabaseDep, settings: SettingsDep, limits: SignInLimitsDep
) -> Response:
    address = client_address(request)
    await limits.attempt(data.username, address)
    async with database.reading() as session:
        account = await service.find_account(session, data.username)
    try:
        player = await service.check_password(account, data.password)
    except service.InvalidCredentials:
        await limits.failed(data.username, address)
        raise
    await limits.succeeded(data.username, address)
    return signed_in(player, settings)


@router.post(
    "/telegram",
    response_model=TokenResponse,
    responses=responses(InvalidInitData, TelegramNotConfigured, AccountSuspended),
    summary="Sign in from a Telegram Mini App (the player is created on first sight)",
)
async def telegram(data: TelegramRequest, session: WriteSession, settings: SettingsDep) -> Response:
    telegram_user = verify_init_data(data.init_data, settings.telegram_bot_token)
    return signed_in(await service.sign_in_with_telegram(session, telegram_user), settings)


@router.post(
    "/logout",
    status_code=204,
    responses=responses(*SIGNED_IN, validation=False),
    summary="Sign out everywhere: every token issued to the caller stops working",
)
async def logout(player: LockedPlayer, session: WriteSession) -> Response:
    await service.revoke_tokens(session, player.id)
    return Response(status_code=204)
