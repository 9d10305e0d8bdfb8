"""Field types and shapes shared by every feature's request and response models."""

import base64
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, TypeAdapter, model_validator

from bodyweight import rules
from bodyweight.errors import DomainError

T = TypeVar("T")


def _printable(text: str) -> str:
    """Trim, normalise (NFC) and refuse invisible control or format characters."""
    text = unicodedata.normalize("NFC", text.strip())
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise ValueError("must not contain control or invisible characters")
    return text


PrintableText = Annotated[str, AfterValidator(_printable)]


def normalize_username(text: str) -> str:
    """Usernames compare case-insensitively and by meaning (NFKC folds look-alike
    compatibility forms such as full-width letters into the plain ones)."""
    return unicodedata.normalize("NFKC", text.strip()).lower()


_USERNAME_SHAPE = re.compile(r"[a-zа-яё0-9_][a-zа-яё0-9_.-]{2,31}")


def _username(text: str) -> str:
    """Latin or Cyrillic letters (one alphabet per name, so "аdmin" with a Cyrillic
    "а" cannot pass for "admin"; no full-width or other compatibility forms),
    digits, '_', '.' and '-'."""
    name = text.lower()
    if unicodedata.normalize("NFKC", name) != name:
        raise ValueError("plain letters only: no full-width or other compatibility forms")
    scripts = {"latin" if ch <= "z" else "cyrillic" for ch in name if ch.isalpha()}
    if not _USERNAME_SHAPE.fullmatch(name) or len(scripts) > 1:
        raise ValueError("3-32 letters of one alphabet (Latin or Cyrillic), digits, '_', '.' or '-'")
    return name


Username = Annotated[
    str,
    Field(
        min_length=3,
        max_length=32,
        examples=["ada_lovelace", "иван_петров"],
        description="3-32 letters of one alphabet (Latin or Cyrillic), digits, '_', '.' or '-'; case-insensitive",
    ),
    AfterValidator(_username),
]
AvatarId = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, extra="forbid")


StrictInt = Annotated[int, Strict()]
RowId = Annotated[int, Field(ge=1, le=2**31 - 1)]
"""An id of a table row: the INTEGER ids' range, so a larger number is a 422, not a
driver's overflow."""
ExerciseId = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Measured(Schema):
    """An amount of one exercise, in repetitions or in seconds as the exercise is
    measured (the catalogue checks which): exactly one of the two."""

    reps: StrictInt | None = Field(None, ge=rules.MIN_REPS, le=rules.MAX_REPS)
    seconds: StrictInt | None = Field(None, ge=rules.MIN_SECONDS, le=rules.MAX_SECONDS)

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> "Measured":
        if (self.reps is None) == (self.seconds is None):
            raise ValueError("give either reps or seconds, not both or neither")
        return self


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page; null on the last page")


class InvalidCursor(DomainError):
    status_code, code = 422, "invalid_cursor"


def encode_cursor(*values: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode()


def decode_cursor(cursor: str, *parsers: Callable[[Any], Any]) -> tuple[Any, ...]:
    """The values `encode_cursor` packed, each passed through its parser."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(values, list) or len(values) != len(parsers):
            raise ValueError("wrong shape")
        return tuple(parse(value) for parse, value in zip(parsers, values, strict=True))
    except (ValueError, TypeError, UnicodeError, OverflowError) as exc:
        raise InvalidCursor() from exc


def row_id(value: Any) -> int:
    """An id as the cursors carry it: a positive integer that fits the INTEGER ids."""
    if type(value) is not int or not 0 < value < 2**31:
        raise ValueError("not a row id")
    return value


def aware_datetime(text: Any) -> datetime:
    """A moment as the cursors carry it: ISO 8601 with an offset, in a sane range."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None or not 1970 <= moment.year <= 2999:
        raise ValueError("not a cursor's moment")
    return moment


PageLimit = Annotated[int, Query(ge=1, le=100, description="Items per page")]
"""Routes fetch one item more than the page holds: it says whether there is more."""
PageCursor = Annotated[str | None, Query(max_length=200, description="`next_cursor` of the previous page")]


def page_of(
    rows: Sequence[Any], limit: int, schema: type[BaseModel], cursor_of: Callable[[Any], tuple[Any, ...]]
) -> "Page[Any]":
    """A page from `limit + 1` fetched rows: the extra row only says there is more."""
    items = [schema.model_validate(row) for row in rows[:limit]]
    more = len(rows) > limit
    return Page(items=items, next_cursor=encode_cursor(*cursor_of(rows[limit - 1])) if more else None)


_ANY_JSON: TypeAdapter[Any] = TypeAdapter(Any)


def reply(content: BaseModel | Sequence[BaseModel], status_code: int = 200) -> Response:
    """A route's answer, serialised once (a returned model would be validated
    against `response_model` again first); `response_model` still documents it."""
    body = content.model_dump_json() if isinstance(content, BaseModel) else _ANY_JSON.dump_json(content)
    return Response(body, status_code=status_code, media_type="application/json")
