"""The training content shipped with the app: exercise categories, exercises, preset routines.

`data/exercises.toml` and `data/routines.toml` are the one source of truth. They are read
once per process and checked while they are read: a malformed entry raises
`CatalogueError` naming the entry, so a bad edit fails the tests and the start-up, never a
player's request.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Literal, get_args

Equipment = Literal[
    "none",
    "wall",
    "chair_or_bench",
    "step",
    "pull_up_bar",
    "dip_bars",
    "rings",
    "vertical_pole",
    "resistance_band",
    "ab_wheel",
]
Muscle = Literal[
    "chest",
    "shoulders",
    "triceps",
    "biceps",
    "forearms",
    "upper_back",
    "lats",
    "neck",
    "abs",
    "obliques",
    "lower_back",
    "glutes",
    "hip_flexors",
    "adductors",
    "quads",
    "hamstrings",
    "calves",
    "full_body",
]
EQUIPMENT: frozenset[str] = frozenset(get_args(Equipment))
MUSCLES: frozenset[str] = frozenset(get_args(Muscle))
Theme = Literal["morning", "home", "pull_up_bar", "dip_bars"]
THEMES: tuple[str, ...] = get_args(Theme)
LANGUAGES = ("ru", "en")

MIN_INSTRUCTIONS = 150  # characters, in each language
MAX_NAME = 100  # the database's column
MAX_SLUG = 50
DIFFICULTY = range(1, 6)
BASE_XP = range(1, 101)
LEVELS = range(1, 4)
SETS = range(1, 11)
REPS = range(1, 1001)
SECONDS = range(1, 3601)
REST_SECONDS = range(15, 301)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class CatalogueError(ValueError):
    """The shipped content is malformed; the message names the entry."""


@dataclass(frozen=True, slots=True)
class Text:
    ru: str
    en: str

    def of(self, locale: str) -> str:
        """The text in `locale` ("ru" or "en")."""
        return self.ru if locale == "ru" else self.en


@dataclass(frozen=True, slots=True)
class Category:
    slug: str
    name: Text
    position: int
    icon: str  # a file in static/exercises/


@dataclass(frozen=True, slots=True)
class Exercise:
    slug: str
    category: str
    name: Text
    instructions: Text
    muscles: tuple[str, ...]
    equipment: str
    difficulty: int
    timed: bool
    base_xp: int
    easier: str | None = None
    harder: str | None = None
    aliases: tuple[str, ...] = ()  # the earlier app's slugs for the same movement


@dataclass(frozen=True, slots=True)
class RoutineStep:
    exercise: str
    sets: int
    rest_seconds: int
    reps: int | None = None  # exactly one of reps and seconds, as the exercise is measured
    seconds: int | None = None


@dataclass(frozen=True, slots=True)
class Routine:
    slug: str
    theme: str
    level: int
    name: Text
    description: Text
    steps: tuple[RoutineStep, ...]


_REQUIRED = object()


class _Entry:
    """One TOML table being read: typed look-ups, then a check that nothing was left over."""

    def __init__(self, table: Any, where: str) -> None:
        if not isinstance(table, dict):
            raise CatalogueError(f"{where}: expected a table")
        self.rest = dict(table)
        self.where = where

    def error(self, message: str) -> CatalogueError:
        return CatalogueError(f"{self.where}: {message}")

    def take(self, key: str, kind: type, default: Any = _REQUIRED) -> Any:
        if key not in self.rest:
            if default is _REQUIRED:
                raise self.error(f"missing {key!r}")
            return default
        value = self.rest.pop(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(f"{key!r} must be {kind.__name__}, not {value!r}")
        return value

    def number(self, key: str, bounds: range, default: Any = _REQUIRED) -> Any:
        value = self.take(key, int, default)
        if value is not None and value not in bounds:
            raise self.error(f"{key!r} is {value}, outside {bounds.start}..{bounds.stop - 1}")
        return value

    def slug(self, key: str, default: Any = _REQUIRED) -> Any:
        value = self.take(key, str, default)
        if value is not None and (len(value) > MAX_SLUG or not SLUG.fullmatch(value)):
            raise self.error(f"{key!r} = {value!r} is not a kebab-case slug of at most {MAX_SLUG} characters")
        return value

    def choice(self, key: str, allowed: Iterable[str]) -> str:
        value: str = self.take(key, str)
        if value not in allowed:
            raise self.error(f"{key!r} = {value!r} is not one of {sorted(allowed)}")
        return value

    def text(self, key: str, min_length: int = 1, max_length: int | None = None) -> Text:
        entry = _Entry(self.take(key, dict), f"{self.where}, {key}")
        values = {lang: " ".join(entry.take(lang, str).split()) for lang in LANGUAGES}
        entry.done()
        for lang, value in values.items():
            if len(value) < min_length:
                raise self.error(f"{key}.{lang} has {len(value)} characters, fewer than {min_length}")
            if max_length is not None and len(value) > max_length:
                raise self.error(f"{key}.{lang} has more than {max_length} characters")
        return Text(**values)

    def done(self) -> None:
        if self.rest:
            raise self.error(f"unknown keys {sorted(self.rest)}")


def _entries(data: Mapping[str, Any], key: str) -> list[tuple[int, Any]]:
    tables = data.get(key)
    if not isinstance(tables, list) or not tables:
        raise CatalogueError(f"no [[{key}]] tables")
    return [(n, table) for n, table in enumerate(tables, 1)]


def _where(what: str, n: int, table: Any) -> str:
    slug = table.get("slug") if isinstance(table, dict) else None
    return f"{what} {slug!r}" if isinstance(slug, str) else f"{what} #{n}"


def _unique(items: Iterable[Any], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.slug in seen:
            raise CatalogueError(f"{what} {item.slug!r} appears twice")
        seen.add(item.slug)


def parse_categories(data: Mapping[str, Any]) -> tuple[Category, ...]:
    categories = []
    for n, table in _entries(data, "categories"):
        entry = _Entry(table, _where("category", n, table))
        slug = entry.slug("slug")
        icon = entry.take("icon", str)
        if icon != f"{slug}.svg":
            raise entry.error(f"icon must be {slug}.svg")
        categories.append(
            Category(
                slug=slug,
                name=entry.text("name", max_length=MAX_NAME),
                position=entry.number("position", range(1, 100)),
                icon=icon,
            )
        )
        entry.done()
    _unique(categories, "category")
    return tuple(sorted(categories, key=lambda c: c.position))


def parse_exercises(data: Mapping[str, Any], categories: Iterable[Category]) -> tuple[Exercise, ...]:
    category_slugs = {c.slug for c in categories}
    exercises = []
    for n, table in _entries(data, "exercises"):
        entry = _Entry(table, _where("exercise", n, table))
        muscles = tuple(entry.take("muscles", list))
        if not muscles or len(set(muscles)) != len(muscles) or not set(muscles) <= MUSCLES:
            raise entry.error(f"muscles {list(muscles)} must be distinct names from {sorted(MUSCLES)}")
        aliases = tuple(entry.take("aliases", list, []))
        if not all(isinstance(a, str) and SLUG.fullmatch(a) for a in aliases):
            raise entry.error(f"aliases {list(aliases)} must be kebab-case slugs")
        exercises.append(
            Exercise(
                slug=entry.slug("slug"),
                category=entry.choice("category", category_slugs),
                name=entry.text("name", max_length=MAX_NAME),
                instructions=entry.text("instructions", MIN_INSTRUCTIONS),
                muscles=muscles,
                equipment=entry.choice("equipment", EQUIPMENT),
                difficulty=entry.number("difficulty", DIFFICULTY),
                timed=entry.take("timed", bool),
                base_xp=entry.number("base_xp", BASE_XP),
                easier=entry.slug("easier", None),
                harder=entry.slug("harder", None),
                aliases=aliases,
            )
        )
        entry.done()
    _unique(exercises, "exercise")
    _check_aliases(exercises)
    _check_ladders(exercises)
    return tuple(exercises)


def _check_aliases(exercises: list[Exercise]) -> None:
    slugs = {e.slug for e in exercises}
    owner: dict[str, str] = {}
    for exercise in exercises:
        for alias in exercise.aliases:
            if alias in slugs or alias in owner:
                raise CatalogueError(f"exercise {exercise.slug!r}: alias {alias!r} is already taken")
            owner[alias] = exercise.slug


def _check_ladders(exercises: list[Exercise]) -> None:
    """Every neighbour exists and points back, and no ladder climbs into a loop."""
    by_slug = {e.slug: e for e in exercises}
    for exercise in exercises:
        for step, back in (("harder", "easier"), ("easier", "harder")):
            other = getattr(exercise, step)
            if other is None:
                continue
            if other not in by_slug:
                raise CatalogueError(f"exercise {exercise.slug!r}: {step} {other!r} does not exist")
            if getattr(by_slug[other], back) != exercise.slug:
                raise CatalogueError(f"exercise {exercise.slug!r}: {other!r} does not name it as {back}")
    for exercise in exercises:
        seen = {exercise.slug}
        current = exercise
        while current.harder is not None:
            if current.harder in seen:
                raise CatalogueError(f"exercise {exercise.slug!r}: its ladder loops at {current.harder!r}")
            seen.add(current.harder)
            current = by_slug[current.harder]


def parse_routines(data: Mapping[str, Any], exercises: Iterable[Exercise]) -> tuple[Routine, ...]:
    by_slug = {e.slug: e for e in exercises}
    routines = []
    for n, table in _entries(data, "routines"):
        entry = _Entry(table, _where("routine", n, table))
        slug = entry.slug("slug")
        steps = []
        for k, step_table in enumerate(entry.take("steps", list), 1):
            step = _Entry(step_table, f"routine {slug!r}, step {k}")
            exercise = step.choice("exercise", by_slug)
            timed = by_slug[exercise].timed
            parsed = RoutineStep(
                exercise=exercise,
                sets=step.number("sets", SETS),
                reps=step.number("reps", REPS, None),
                seconds=step.number("seconds", SECONDS, None),
                rest_seconds=step.number("rest_seconds", REST_SECONDS),
            )
            if (parsed.seconds is None) == timed or (parsed.reps is None) != timed:
                raise step.error(f"{exercise!r} is measured in {'seconds' if timed else 'reps'}: give that alone")
            step.done()
            steps.append(parsed)
        if not steps:
            raise entry.error("has no steps")
        routines.append(
            Routine(
                slug=slug,
                theme=entry.choice("theme", THEMES),
                level=entry.number("level", LEVELS),
                name=entry.text("name", max_length=MAX_NAME),
                description=entry.text("description"),
                steps=tuple(steps),
            )
        )
        entry.done()
    _unique(routines, "routine")
    return tuple(routines)


def _read(name: str, keys: set[str]) -> dict[str, Any]:
    data = tomllib.loads(files(__package__).joinpath("data", name).read_text(encoding="utf-8"))
    if set(data) != keys:
        raise CatalogueError(f"{name} must hold exactly {sorted(keys)}, not {sorted(data)}")
    return data


_EXERCISE_FILE = {"categories", "exercises"}


@cache
def load_categories() -> tuple[Category, ...]:
    return parse_categories(_read("exercises.toml", _EXERCISE_FILE))


@cache
def load_exercises() -> tuple[Exercise, ...]:
    return parse_exercises(_read("exercises.toml", _EXERCISE_FILE), load_categories())


@cache
def load_routines() -> tuple[Routine, ...]:
    return parse_routines(_read("routines.toml", {"routines"}), load_exercises())
