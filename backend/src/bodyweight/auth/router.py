from fastapi import APIRouter

from bodyweight.auth import service, tokens
from bodyweight.auth.schemas import LoginRequest, RegisterRequest, TelegramRequest, TokenResponse
from bodyweight.auth.telegram import InvalidInitData, verify_init_data
from bodyweight.config import Settings
from bodyweight.deps import SessionDep, SettingsDep
from bodyweight.errors import responses
from bodyweight.models import User
from bodyweight.users.service import profile

router = APIRouter(prefix="/api/auth", tags=["auth"])


def signed_in(user: User, settings: Settings) -> TokenResponse:
    return TokenResponse(
        access_token=tokens.issue_access_token(user.id, settings.secret_key), user=profile(user)
    )


@router.post(
    "/register", status_code=201, response_model=TokenResponse,
    responses=responses(service.UsernameTaken, service.EmailTaken),
    summary="Create an account with a username and password",
)
def register(data: RegisterRequest, session: SessionDep, settings: SettingsDep) -> TokenResponse:
    return signed_in(service.register(session, data), settings)


@router.post(
    "/login", response_model=TokenResponse, responses=responses(service.InvalidCredentials),
    summary="Sign in with a username and password",
)
def login(data: LoginRequest, session: SessionDep, settings: SettingsDep) -> TokenResponse:
    return signed_in(service.login(session, data.username, data.password), settings)


@router.post(
    "/telegram", response_model=TokenResponse, responses=responses(InvalidInitData),
    summary="Sign in from a Telegram Mini App (the player is created on first sight)",
)
def telegram(data: TelegramRequest, session: SessionDep, settings: SettingsDep) -> TokenResponse:
    telegram_user = verify_init_data(data.init_data, settings.telegram_bot_token)
    return signed_in(service.sign_in_with_telegram(session, telegram_user), settings)
