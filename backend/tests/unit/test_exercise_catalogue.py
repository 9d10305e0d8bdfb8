"""The shipped training content: exercises, categories, routines (no database)."""

from __future__ import annotations

import copy
import importlib.util
import re
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

from bodyweight.exercises import catalogue
from bodyweight.exercises.catalogue import (
    EQUIPMENT,
    MUSCLES,
    THEMES,
    CatalogueError,
    load_categories,
    load_exercises,
    load_routines,
    parse_categories,
    parse_exercises,
    parse_routines,
)

BACKEND = Path(__file__).resolve().parents[2]
FIRST_REVISION = BACKEND / "alembic" / "versions" / "f91f0456139b_create_game_schema.py"
EARLIER_APP = BACKEND.parent.parent / "shared" / "reference" / "earlier-app-database.md"
ICONS = BACKEND / "src" / "bodyweight" / "static" / "exercises"

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]+")
SHAPE_LETTERS = {"L", "T", "V", "W", "Y"}  # «подъём рук буквой Y», «V-уголок»

EXERCISES = load_exercises()
BY_SLUG = {e.slug: e for e in EXERCISES}
CATEGORIES = load_categories()
ROUTINES = load_routines()


def first_catalogue() -> list[tuple]:
    """The 54 exercises the first revision seeded: logged sets point at them."""
    spec = importlib.util.spec_from_file_location("first_revision", FIRST_REVISION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.EXERCISES


def raw_data() -> dict:
    return tomllib.loads(files("bodyweight.exercises").joinpath("data", "exercises.toml").read_text("utf-8"))


# ---------------------------------------------------------------- the exercises


def test_there_are_enough_exercises_and_categories():
    assert len(EXERCISES) >= 200
    assert len(CATEGORIES) >= 7
    per_category = Counter(e.category for e in EXERCISES)
    assert set(per_category) == {c.slug for c in CATEGORIES}
    assert min(per_category.values()) >= 10, per_category


def test_slugs_are_unique_and_kebab_case():
    slugs = [e.slug for e in EXERCISES]
    assert len(slugs) == len(set(slugs))
    aliases = [a for e in EXERCISES for a in e.aliases]
    assert len(aliases) == len(set(aliases))
    assert not set(aliases) & set(slugs)
    for slug in slugs + aliases:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 50, slug


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_each_exercise_is_complete_in_both_languages(exercise):
    assert exercise.name.ru.strip() and exercise.name.en.strip()
    assert CYRILLIC.search(exercise.name.ru), exercise.name.ru
    assert set(LATIN.findall(exercise.name.ru)) <= SHAPE_LETTERS, exercise.name.ru
    assert not CYRILLIC.search(exercise.name.en + exercise.instructions.en)
    assert len(exercise.instructions.ru) >= 150
    assert len(exercise.instructions.en) >= 150
    letters = re.findall(r"[^\W\d_]", exercise.instructions.ru)
    assert sum(bool(CYRILLIC.match(ch)) for ch in letters) / len(letters) > 0.97
    assert exercise.instructions.ru != exercise.instructions.en


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_each_exercise_keeps_to_the_closed_lists_and_bounds(exercise):
    assert exercise.equipment in EQUIPMENT
    assert exercise.muscles and set(exercise.muscles) <= MUSCLES
    assert len(set(exercise.muscles)) == len(exercise.muscles)
    assert 1 <= exercise.difficulty <= 5
    assert isinstance(exercise.timed, bool)
    assert 1 <= exercise.base_xp <= 100


def test_names_are_unique_in_each_language():
    for lang in ("ru", "en"):
        names = Counter(getattr(e.name, lang).casefold() for e in EXERCISES)
        assert [n for n, k in names.items() if k > 1] == [], lang


def test_every_exercise_of_the_first_catalogue_is_kept_as_it_was_measured_and_scored():
    first = first_catalogue()
    assert len(first) == 54
    for slug, _category, _name, _difficulty, base_xp, timed, _description in first:
        assert slug in BY_SLUG, slug
        assert (BY_SLUG[slug].timed, BY_SLUG[slug].base_xp) == (timed, base_xp), slug


# ---------------------------------------------------------------- ladders


def test_ladders_are_symmetric_and_every_neighbour_exists():
    for exercise in EXERCISES:
        if exercise.harder is not None:
            assert BY_SLUG[exercise.harder].easier == exercise.slug, exercise.slug
        if exercise.easier is not None:
            assert BY_SLUG[exercise.easier].harder == exercise.slug, exercise.slug


def test_ladders_are_acyclic_and_never_get_easier_going_up():
    for exercise in EXERCISES:
        seen, current = {exercise.slug}, exercise
        while current.harder is not None:
            step_up = BY_SLUG[current.harder]
            assert step_up.slug not in seen, f"loop through {exercise.slug}"
            assert step_up.difficulty >= current.difficulty, (current.slug, step_up.slug)
            seen.add(step_up.slug)
            current = step_up


@pytest.mark.parametrize(
    "chain",
    [
        [
            "pushup-wall",
            "incline-push-up",
            "knee-push-up",
            "push-up",
            "diamond-push-up",
            "archer-push-up",
            "pushup-one-arm",
        ],
        [
            "dead-hang",
            "active-hang",
            "scapula-pull-up",
            "flexed-arm-hang",
            "negative-pull-up",
            "chin-up",
            "pull-up",
            "pullup-archer",
            "pullup-one-arm",
        ],
        ["chair-squat", "squat", "squat-split", "bulgarian-split-squat", "squat-pistol-assisted", "pistol-squat"],
        ["plank-high", "plank", "plank-leg-raise", "plank-arm-leg"],
        ["dip-support-hold", "dip-negative", "parallel-bar-dip", "dip-ring"],
    ],
)
def test_the_main_ladders_climb_as_a_beginner_expects(chain):
    for easier, harder in zip(chain, chain[1:], strict=False):
        assert BY_SLUG[easier].harder == harder


def test_a_player_with_only_a_pull_up_bar_has_a_way_up_from_a_hang_to_a_pull_up():
    current, bar_only = BY_SLUG["dead-hang"], {"none", "pull_up_bar"}
    while current.slug != "pull-up":
        assert current.equipment in bar_only, current.slug
        current = BY_SLUG[current.harder]


# ---------------------------------------------------------------- categories and icons


def test_categories_have_names_positions_and_an_icon_that_exists():
    assert [c.position for c in CATEGORIES] == sorted({c.position for c in CATEGORIES})
    for category in CATEGORIES:
        assert category.name.ru and category.name.en and CYRILLIC.search(category.name.ru)
        icon = ICONS / category.icon
        assert icon.is_file(), icon
        root = ET.parse(icon).getroot()
        assert root.get("shape-rendering") == "crispEdges"
        assert root.get("viewBox") in ("0 0 16 16", "0 0 24 24")
        assert root.findall(".//{http://www.w3.org/2000/svg}rect")
        assert b"href" not in icon.read_bytes()  # pixels only, no link to another file


def test_no_icon_is_left_without_its_category():
    assert {p.name for p in ICONS.glob("*.svg")} == {c.icon for c in CATEGORIES}


# ---------------------------------------------------------------- routines


def test_there_are_presets_for_each_theme_at_three_levels():
    assert len(ROUTINES) >= 12
    assert {(r.theme, r.level) for r in ROUTINES} >= {(t, lv) for t in THEMES for lv in (1, 2, 3)}
    assert len({r.slug for r in ROUTINES}) == len(ROUTINES)


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.slug)
def test_each_routine_names_real_exercises_with_their_own_measure_and_sane_numbers(routine):
    assert CYRILLIC.search(routine.name.ru) and CYRILLIC.search(routine.description.ru)
    assert routine.name.en and routine.description.en
    assert routine.steps
    for step in routine.steps:
        exercise = BY_SLUG[step.exercise]
        assert 1 <= step.sets <= 10
        assert 15 <= step.rest_seconds <= 300
        if exercise.timed:
            assert step.reps is None and 1 <= step.seconds <= 3600, step
        else:
            assert step.seconds is None and 1 <= step.reps <= 1000, step


def test_the_pull_up_bar_and_dip_bar_routines_need_nothing_else():
    allowed = {"pull_up_bar": {"none", "pull_up_bar"}, "dip_bars": {"none", "dip_bars"}}
    for routine in ROUTINES:
        if routine.theme in allowed:
            for step in routine.steps:
                assert BY_SLUG[step.exercise].equipment in allowed[routine.theme], (routine.slug, step.exercise)


def test_morning_and_home_routines_need_at_most_household_things():
    for routine in ROUTINES:
        if routine.theme in ("morning", "home"):
            for step in routine.steps:
                assert BY_SLUG[step.exercise].equipment in {"none", "wall", "chair_or_bench"}, step.exercise


# ---------------------------------------------------------------- the loader refuses bad data


def broken(mutate) -> dict:
    data = copy.deepcopy(raw_data())
    mutate(data)
    return data


def exercise(data, slug):
    return next(e for e in data["exercises"] if e["slug"] == slug)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: exercise(d, "push-up").update(colour="red"), "'push-up': unknown keys"),
        (lambda d: exercise(d, "push-up").update(equipment="kettlebell"), "'push-up': 'equipment'"),
        (lambda d: exercise(d, "push-up").update(muscles=["pecs"]), "'push-up': muscles"),
        (lambda d: exercise(d, "push-up").update(difficulty=6), "'push-up': 'difficulty' is 6"),
        (lambda d: exercise(d, "push-up").update(base_xp=0), "'push-up': 'base_xp' is 0"),
        (lambda d: exercise(d, "push-up").update(timed="no"), "'push-up': 'timed' must be bool"),
        (lambda d: exercise(d, "push-up")["instructions"].update(ru="Коротко."), "'push-up': instructions.ru"),
        (lambda d: exercise(d, "push-up")["name"].pop("en"), "'push-up', name: missing 'en'"),
        (lambda d: exercise(d, "push-up").update(category="arms"), "'push-up': 'category'"),
        (lambda d: exercise(d, "squat").update(slug="push-up"), "'push-up' appears twice"),
        (lambda d: exercise(d, "push-up").update(harder="no-such-move"), "'push-up': harder 'no-such-move'"),
        (lambda d: exercise(d, "crunch").update(harder="plank"), "'crunch': 'plank' does not name it"),
        (lambda d: exercise(d, "squat").update(aliases=["push-up"]), "'squat': alias 'push-up'"),
    ],
)
def test_a_bad_exercise_is_refused_naming_it(mutate, message):
    with pytest.raises(CatalogueError) as raised:
        parse_exercises(broken(mutate), CATEGORIES)
    assert message in str(raised.value)


def test_a_ladder_that_loops_is_refused():
    def loop(data):
        exercise(data, "pistol-squat")["harder"] = "chair-squat"
        exercise(data, "chair-squat")["easier"] = "pistol-squat"

    with pytest.raises(CatalogueError, match="loops"):
        parse_exercises(broken(loop), CATEGORIES)


def test_a_bad_category_is_refused():
    data = broken(lambda d: d["categories"][0].update(icon="arrow.svg"))
    with pytest.raises(CatalogueError, match="category 'push': icon"):
        parse_categories(data)


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"exercise": "push-up", "sets": 3, "seconds": 30, "rest_seconds": 60}, "measured in reps"),
        ({"exercise": "plank", "sets": 3, "reps": 10, "rest_seconds": 60}, "measured in seconds"),
        ({"exercise": "push-up", "sets": 3, "reps": 10, "seconds": 5, "rest_seconds": 60}, "measured in reps"),
        ({"exercise": "no-such-move", "sets": 3, "reps": 10, "rest_seconds": 60}, "'exercise'"),
        ({"exercise": "push-up", "sets": 0, "reps": 10, "rest_seconds": 60}, "'sets' is 0"),
        ({"exercise": "push-up", "sets": 10_000, "reps": 10, "rest_seconds": 60}, "'sets' is 10000"),
        ({"exercise": "push-up", "sets": 3, "reps": 1001, "rest_seconds": 60}, "'reps' is 1001"),
        ({"exercise": "plank", "sets": 3, "seconds": 3601, "rest_seconds": 60}, "'seconds' is 3601"),
        ({"exercise": "push-up", "sets": 3, "reps": 10, "rest_seconds": 5}, "'rest_seconds' is 5"),
        ({"exercise": "push-up", "sets": 3, "reps": 10, "rest_seconds": 3600}, "'rest_seconds' is 3600"),
        ({"exercise": "push-up", "sets": 3, "reps": 10, "rest_seconds": 60, "tempo": "3-1-1"}, "unknown keys"),
    ],
)
def test_a_bad_routine_step_is_refused_naming_the_routine(step, message):
    data = {
        "routines": [
            {
                "slug": "bad-day",
                "theme": "home",
                "level": 1,
                "name": {"ru": "Плохой день", "en": "Bad day"},
                "description": {"ru": "Проверка.", "en": "A check."},
                "steps": [step],
            }
        ]
    }
    with pytest.raises(CatalogueError) as raised:
        parse_routines(data, EXERCISES)
    assert "routine 'bad-day', step 1" in str(raised.value) and message in str(raised.value)


def test_the_catalogue_is_read_once_per_process():
    assert load_exercises() is EXERCISES
    assert catalogue.load_routines() is ROUTINES


# ---------------------------------------------------------------- the earlier app


def earlier_app_exercises() -> dict[str, tuple[bool, int]]:
    """Slug -> (timed, base_xp) from the tables of §5.4 of the reference document."""
    section = EARLIER_APP.read_text("utf-8").split("### 5.4", 1)[1].split("### 5.5", 1)[0]
    rows = re.finditer(r"^([a-z0-9-]+)\|(T?)\|[a-z-]*\|[1-5]\|(\d+)\|\d+$", section, re.MULTILINE)
    return {m[1]: (m[2] == "T", int(m[3])) for m in rows}


@pytest.mark.skipif(not EARLIER_APP.is_file(), reason="the earlier app's reference is not beside this checkout")
def test_the_earlier_apps_slugs_are_reused_so_its_workouts_import():
    earlier = earlier_app_exercises()
    assert len(earlier) >= 200  # the tables parsed
    ours = {e.slug for e in EXERCISES} | {a for e in EXERCISES for a in e.aliases}
    reused = ours & set(earlier)
    print(f"{len(reused)} of the earlier app's {len(earlier)} exercise slugs are reused")
    assert len(reused) >= 150
    first = {row[0] for row in first_catalogue()}
    for exercise in EXERCISES:
        if exercise.slug in earlier and exercise.slug not in first:
            assert exercise.base_xp == earlier[exercise.slug][1], exercise.slug
    historical = EARLIER_APP.read_text("utf-8").split("### 5.5", 1)[1].split("\n##", 1)[0]
    for alias in (a for e in EXERCISES for a in e.aliases):
        assert alias in earlier or f"`{alias}`" in historical, alias
