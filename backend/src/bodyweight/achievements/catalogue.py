"""The achievements shipped with the app: `data/achievements.toml` is the one source of truth.

Read once per process and checked while read, like the exercise catalogue: a malformed
entry raises `CatalogueError` naming it, so a bad edit fails the tests and the start-up,
never a player's request.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, get_args

from bodyweight.exercises.catalogue import CatalogueError, Text, _Entry, load_categories

Kind = Literal["first_steps", "workouts", "volume", "streak", "level", "time_of_day", "variety", "records", "shop"]
Measure = Literal["reps", "seconds"]
KINDS: tuple[str, ...] = get_args(Kind)

# The rules each kind may use (achievements/rules.py computes them).
KIND_RULES: dict[str, frozenset[str]] = {
    "first_steps": frozenset({"workouts", "full_body", "long_workout", "workout_reps"}),
    "workouts": frozenset({"workouts"}),
    "volume": frozenset({"volume"}),
    "streak": frozenset({"streak"}),
    "level": frozenset({"level"}),
    "time_of_day": frozenset({"early_bird", "night_owl", "lunch_break", "midnight", "new_year"}),
    "variety": frozenset({"variety"}),
    "records": frozenset({"records", "record_doubled", "hold_record"}),
    "shop": frozenset({"avatars"}),
}
# Rules that a workout either meets or not: their target is 1.
YES_OR_NO = frozenset(
    {"full_body", "early_bird", "night_owl", "lunch_break", "midnight", "new_year", "record_doubled", "hold_record"}
)
TARGETS = range(1, 1_000_001)
REWARDS = range(1, 501)
MAX_DESCRIPTION = 300

BADGE_DIR: Path = Path(__file__).resolve().parent.parent / "static" / "achievements"


def volume_metric(family: str, measure: str) -> str:
    return f"volume:{family}:{measure}"


@dataclass(frozen=True, slots=True)
class Achievement:
    slug: str
    kind: str
    rule: str
    target: int
    reward: int  # coins
    name: Text
    description: Text
    family: str | None = None  # volume: the exercise category counted
    measure: str | None = None  # volume: "reps" or "seconds"

    @property
    def metric(self) -> str:
        """The name of the number this achievement waits for (rules.py fills them in)."""
        if self.rule == "volume":
            assert self.family is not None and self.measure is not None  # the loader sets both
            return volume_metric(self.family, self.measure)
        return self.rule

    @property
    def badge_url(self) -> str:
        return f"/static/achievements/{self.slug}.svg"


def parse_achievements(data: dict[str, Any], families: frozenset[str]) -> tuple[Achievement, ...]:
    tables = data.get("achievements")
    if set(data) != {"achievements"} or not isinstance(tables, list) or not tables:
        raise CatalogueError("achievements.toml must hold [[achievements]] tables and nothing else")
    achievements = []
    for n, table in enumerate(tables, 1):
        slug = table.get("slug") if isinstance(table, dict) else None
        entry = _Entry(table, f"achievement {slug!r}" if isinstance(slug, str) else f"achievement #{n}")
        kind = entry.choice("kind", KINDS)
        rule = entry.choice("rule", KIND_RULES[kind])
        family = measure = None
        if rule == "volume":
            family = entry.choice("family", families)
            measure = entry.choice("measure", get_args(Measure))
        achievement = Achievement(
            slug=entry.slug("slug"),
            kind=kind,
            rule=rule,
            target=entry.number("target", TARGETS),
            reward=entry.number("reward", REWARDS),
            name=entry.text("name", max_length=60),
            description=entry.text("description", max_length=MAX_DESCRIPTION),
            family=family,
            measure=measure,
        )
        if rule in YES_OR_NO and achievement.target != 1:
            raise entry.error(f"rule {rule!r} is met or not: its target is 1")
        entry.done()
        achievements.append(achievement)
    seen: set[str] = set()
    for achievement in achievements:
        if achievement.slug in seen:
            raise CatalogueError(f"achievement {achievement.slug!r} appears twice")
        seen.add(achievement.slug)
    return tuple(achievements)


@cache
def load_achievements() -> tuple[Achievement, ...]:
    data = tomllib.loads(files(__package__).joinpath("data", "achievements.toml").read_text(encoding="utf-8"))
    return parse_achievements(data, frozenset(c.slug for c in load_categories()))


@cache
def achievements_by_slug() -> dict[str, Achievement]:
    return {a.slug: a for a in load_achievements()}
