from typing import Literal

from pydantic import Field

from bodyweight.i18n import Locale
from bodyweight.schemas import PrintableText, Schema, Username
from bodyweight.users.schemas import Profile

Password = Field(min_length=8, max_length=128, description="8 to 128 characters")


class RegisterRequest(Schema):
    username: Username
    password: str = Password
    email: PrintableText | None = Field(
        None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", examples=["ada@example.org"]
    )
    locale: Locale | None = Field(None, description="The player's language; by default Accept-Language's")


class LoginRequest(Schema):
    username: str = Field(min_length=1, max_length=32)
    password: str = Field(min_length=1, max_length=128)


class TelegramRequest(Schema):
    init_data: str = Field(min_length=1, max_length=4096, description="Telegram.WebApp.initData, as is")


class TokenResponse(Schema):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    user: Profile
