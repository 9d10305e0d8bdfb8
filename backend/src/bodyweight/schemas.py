"""Field types and shapes shared by every feature's request and response models."""

import base64
import json
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from bodyweight.errors import DomainError

T = TypeVar("T")


def _printable(text: str) -> str:
    """Trim, normalise (NFC) and refuse invisible control or format characters."""
    text = unicodedata.normalize("NFC", text.strip())
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise ValueError("must not contain control or invisible characters")
    return text


PrintableText = Annotated[str, AfterValidator(_printable)]
Username = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]{2,31}$", examples=["ada_lovelace"],
          description="3-32 letters, digits, '_', '.' or '-'; case-insensitive"),
    AfterValidator(str.lower),
]
AvatarId = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, extra="forbid")


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page"
    )


class InvalidCursor(DomainError):
    status_code, code, message = 422, "invalid_cursor", "The cursor is not one this API gave out."


def encode_cursor(*values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode()


def decode_cursor(cursor: str, *parsers: Callable[[Any], Any]) -> tuple:
    """The values `encode_cursor` packed, each passed through its parser."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(values, list) or len(values) != len(parsers):
            raise ValueError("wrong shape")
        return tuple(parse(value) for parse, value in zip(parsers, values, strict=True))
    except (ValueError, TypeError, UnicodeError) as exc:
        raise InvalidCursor() from exc


def aware_datetime(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment


PageLimit = Annotated[int, Query(ge=1, le=100, description="Items per page")]
PageCursor = Annotated[str | None, Query(max_length=200, description="`next_cursor` of the previous page")]


def page_of(rows: Sequence, limit: int, schema: type[BaseModel], cursor_of: Callable[[Any], tuple]) -> "Page":
    """A page from `limit + 1` fetched rows: the extra row only says there is more."""
    items = [schema.model_validate(row) for row in rows[:limit]]
    more = len(rows) > limit
    return Page(items=items, next_cursor=encode_cursor(*cursor_of(rows[limit - 1])) if more else None)
