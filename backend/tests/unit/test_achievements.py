"""The achievement catalogue, its badges, and the rules that decide each achievement:
every one fires at its target and just misses one below it; the times of day are
the player's own, across daylight-saving changes."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bodyweight.achievements import badges
from bodyweight.achievements.catalogue import BADGE_DIR, KINDS, Achievement, load_achievements
from bodyweight.achievements.rules import SetDone, WorkoutDone, current, feats, newly_met
from bodyweight.config import BACKEND_DIR
from bodyweight.exercises.catalogue import load_categories, load_exercises
from bodyweight.shop.catalogue import AVATARS

ACHIEVEMENTS = load_achievements()
BY_SLUG = {a.slug: a for a in ACHIEVEMENTS}
CUMULATIVE = {"workouts", "volume", "streak", "level", "variety", "avatars"}
# The earlier app's slugs kept for the same achievement (its reference, section 5.3).
EARLIER_SLUGS = {
    "first-blood": 1,
    "workout-10": 10,
    "workout-50": 50,
    "centurion": 100,
    "workout-365": 365,
    "streak-3": 3,
    "week-warrior": 7,
    "streak-14": 14,
    "month-master": 30,
    "iron-will": 60,
    "unstoppable": 100,
    "streak-365": 365,
    "level-5": 5,
    "level-10": 10,
    "legend": 25,
    "level-50": 50,
    "early-bird": 1,
    "night-owl": 1,
}

# --- The catalogue ----------------------------------------------------------------


def test_there_are_enough_achievements_of_enough_kinds():
    assert len(ACHIEVEMENTS) >= 40
    assert {a.kind for a in ACHIEVEMENTS} == set(KINDS) and len(KINDS) >= 7


def test_slugs_are_unique_kebab_case_and_fit_the_column():
    assert len(BY_SLUG) == len(ACHIEVEMENTS)
    for a in ACHIEVEMENTS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a.slug) and len(a.slug) <= 100


@pytest.mark.parametrize("slug, target", EARLIER_SLUGS.items())
def test_the_earlier_apps_slugs_are_kept_for_the_same_achievement(slug, target):
    assert BY_SLUG[slug].target == target


@pytest.mark.parametrize("achievement", ACHIEVEMENTS, ids=lambda a: a.slug)
def test_each_is_written_in_both_languages(achievement: Achievement):
    for text in (achievement.name, achievement.description):
        assert text.ru and text.en and text.ru != text.en
        assert re.search("[а-яё]", text.ru.lower()) and not re.search("[а-яё]", text.en.lower())
    assert achievement.description.en.endswith(".") and achievement.description.ru.endswith(".")


def test_names_are_unique_in_each_language():
    for language in ("ru", "en"):
        names = [a.name.of(language) for a in ACHIEVEMENTS]
        assert len(set(names)) == len(names), language


def test_volume_counts_real_families_in_the_measure_their_exercises_use():
    categories = {c.slug for c in load_categories()}
    measured = {(e.category, "seconds" if e.timed else "reps") for e in load_exercises()}
    for a in ACHIEVEMENTS:
        if a.rule == "volume":
            assert a.family in categories and (a.family, a.measure) in measured, a.slug


def test_the_whole_shop_means_every_paid_avatar():
    paid = [avatar for avatar in AVATARS if not avatar.is_free]
    assert max(a.target for a in ACHIEVEMENTS if a.rule == "avatars") == len(paid)


def test_tiers_of_one_number_pay_more_the_further_they_are():
    by_metric: dict[str, list[Achievement]] = {}
    for a in ACHIEVEMENTS:
        by_metric.setdefault(a.metric, []).append(a)
    for metric, group in by_metric.items():
        targets = [a.target for a in group]
        assert targets == sorted(targets) and len(set(targets)) == len(targets), metric
        if metric != "records":  # three records at once is rarer than one, and pays more, as it is
            assert [a.reward for a in group] == sorted(a.reward for a in group), metric


def test_the_reward_budget_keeps_the_shop_meaningful_and_is_the_documented_figure():
    budget = sum(a.reward for a in ACHIEVEMENTS)
    shop = sum(avatar.price for avatar in AVATARS)
    # Every achievement together buys under a quarter of the shop, and no single one
    # pays more than the cheapest paid avatar's price and a half.
    assert budget * 4 <= shop
    assert max(a.reward for a in ACHIEVEMENTS) <= 1.5 * min(avatar.price for avatar in AVATARS if avatar.price)
    progression = (BACKEND_DIR.parent / "docs" / "progression.md").read_text(encoding="utf-8")
    assert "## Achievements" in progression
    assert f"{budget:,} coins" in progression and f"{shop:,} coins" in progression


# --- The badges ----------------------------------------------------------------------


def test_every_achievement_has_its_badge_and_no_badge_is_orphaned():
    assert {p.name for p in BADGE_DIR.glob("*")} == {f"{a.slug}.svg" for a in ACHIEVEMENTS}


def test_the_committed_badges_are_the_drawings_of_the_catalogue_and_all_differ():
    drawn = badges.badges()
    for name, svg in drawn.items():
        assert (BADGE_DIR / name).read_text(encoding="utf-8") == svg, f"{name}: run python -m {badges.__name__}"
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 16 16"
    assert len(set(drawn.values())) == len(drawn)


def test_writing_the_badges_removes_orphans(tmp_path: Path):
    (tmp_path / "retired-achievement.svg").write_text("<svg/>")
    badges.write(tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {f"{a.slug}.svg" for a in ACHIEVEMENTS}


# --- Cumulative numbers: each fires at its target and just misses below it ----------


@pytest.mark.parametrize("achievement", [a for a in ACHIEVEMENTS if a.rule in CUMULATIVE], ids=lambda a: a.slug)
def test_a_cumulative_achievement_fires_at_its_target_and_not_one_below(achievement: Achievement):
    assert newly_met(ACHIEVEMENTS, {achievement.metric: achievement.target}, earned=()).count(achievement) == 1
    assert achievement not in newly_met(ACHIEVEMENTS, {achievement.metric: achievement.target - 1}, earned=())
    # Earned already: never again, however far past the target.
    assert achievement not in newly_met(ACHIEVEMENTS, {achievement.metric: 10**6}, earned={achievement.slug})


def test_progress_runs_from_zero_to_the_target():
    a = BY_SLUG["workout-10"]
    assert [current(a, {"workouts": n}, earned=False) for n in (0, 3, 10, 12)] == [0, 3, 10, 10]
    assert current(a, {}, earned=True) == 10
    assert current(BY_SLUG["early-bird"], {}, earned=False) == 0


def test_volume_of_one_family_is_not_another_s():
    values = {"volume:pull:reps": 10_000}
    assert {a.slug for a in newly_met(ACHIEVEMENTS, values, earned=())} == {"pull-250", "pull-1000", "pull-5000"}


# --- Feats of one workout -------------------------------------------------------------

START = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)


def s(exercise: str, family: str, reps: int | None = None, seconds: int | None = None) -> SetDone:
    return SetDone(exercise, family, reps, seconds)


def workout(*sets: SetDone, start: datetime = START, minutes: int = 30, zone: str = "UTC") -> WorkoutDone:
    return WorkoutDone(start, start + timedelta(minutes=minutes), zone, sets)


def met(done: WorkoutDone, earlier_best: dict[str, int] | None = None) -> set[str]:
    values = feats(done, earlier_best or {})
    return {a.slug for a in newly_met(ACHIEVEMENTS, values, earned=()) if a.rule not in CUMULATIVE}


PUSH, PULL, LEGS, CORE = s("push-up", "push", 5), s("pull-up", "pull", 5), s("squat", "legs", 5), s("crunch", "core", 5)


def test_a_plain_workout_meets_no_feat():
    assert met(workout(PUSH)) == set()


def test_all_rounder_needs_push_pull_legs_and_core_in_one_workout():
    assert "all-rounder" in met(workout(PUSH, PULL, LEGS, CORE))
    assert "all-rounder" not in met(workout(PUSH, PULL, LEGS, s("plank", "static", seconds=60)))


def test_long_haul_needs_45_minutes():
    assert "long-haul" in met(workout(PUSH, minutes=45))
    assert "long-haul" not in met(workout(PUSH, minutes=44))


def test_a_hundred_reps_counts_timed_sets_as_ten_seconds_a_rep():
    assert "hundred-reps" in met(workout(s("squat", "legs", 90), s("plank", "static", seconds=100)))
    assert "hundred-reps" not in met(workout(s("squat", "legs", 90), s("plank", "static", seconds=99)))


def test_records_count_exercises_whose_best_set_beats_every_earlier_one():
    sets = [s(f"ex{n}", "push", 11) for n in range(5)]
    earlier = {f"ex{n}": 10 for n in range(5)}
    assert {"record-first", "record-hat-trick", "record-five"} <= met(workout(*sets), earlier)
    # Four beaten, one only equalled: four records.
    equalled = {**earlier, "ex4": 11}
    assert met(workout(*sets), equalled) & {"record-first", "record-hat-trick", "record-five"} == {
        "record-first",
        "record-hat-trick",
    }
    # Two beaten: no hat-trick.
    assert "record-hat-trick" not in met(workout(*sets[:2], *sets[:2]), earlier)
    # The first time an exercise is done is no record.
    assert met(workout(*sets), {}) & {"record-first"} == set()


def test_the_best_set_of_the_workout_is_what_counts():
    assert "record-first" in met(workout(s("pull-up", "pull", 3), s("pull-up", "pull", 9)), {"pull-up": 8})
    assert "record-first" not in met(workout(s("pull-up", "pull", 3), s("pull-up", "pull", 8)), {"pull-up": 8})


def test_doubling_a_best_of_ten_or_more():
    assert "record-double" in met(workout(s("push-up", "push", 20)), {"push-up": 10})
    assert "record-double" not in met(workout(s("push-up", "push", 19)), {"push-up": 10})
    assert "record-double" not in met(workout(s("push-up", "push", 18)), {"push-up": 9})  # a best below 10


def test_a_hold_record_is_a_record_on_a_timed_exercise():
    assert "record-hold" in met(workout(s("plank", "static", seconds=61)), {"plank": 60})
    assert "record-hold" not in met(workout(s("plank", "static", seconds=60)), {"plank": 60})
    assert "record-hold" not in met(workout(s("push-up", "push", 30)), {"push-up": 20})


# Times of day, table-driven: (zone, start in UTC, minutes, expected time-of-day achievements).
# 2026-03-29 is the day Europe/Berlin moves from UTC+1 to UTC+2 at 02:00 local; 2026-11-01
# the day America/New_York moves from UTC-4 back to UTC-5 at 02:00 local.
TIME_OF_DAY = [
    # Early bird: a start at 04:00-06:59 local.
    ("UTC", "2026-03-29T06:59", 20, {"early-bird"}),
    ("UTC", "2026-03-29T07:00", 20, set()),
    ("UTC", "2026-03-29T03:59", 20, set()),
    ("Europe/Berlin", "2026-03-28T05:30", 20, {"early-bird"}),  # 06:30 CET, the day before
    ("Europe/Berlin", "2026-03-29T04:30", 20, {"early-bird"}),  # 06:30 CEST, the change day
    ("Europe/Berlin", "2026-03-29T05:30", 20, set()),  # 07:30 CEST: in UTC+1 it would have been 06:30
    ("Europe/Berlin", "2026-03-29T01:30", 20, {"night-owl"}),  # 03:30-03:50 CEST: still night, not yet early
    ("Europe/Berlin", "2026-03-29T02:00", 20, {"early-bird"}),  # 04:00 CEST
    ("Asia/Tokyo", "2026-03-28T21:10", 20, {"early-bird"}),  # 06:10 JST on the 29th
    ("America/New_York", "2026-11-01T10:30", 20, {"early-bird"}),  # 05:30 EST, after falling back
    ("America/New_York", "2026-11-01T09:30", 20, {"early-bird"}),  # 04:30 EST
    ("America/New_York", "2026-11-01T08:30", 20, {"night-owl"}),  # 03:30-03:50 EST: night, not yet early
    # Night owl: a finish at 22:00-03:59 local.
    ("UTC", "2026-06-10T21:40", 20, {"night-owl"}),  # finishes 22:00
    ("UTC", "2026-06-10T21:39", 20, set()),  # finishes 21:59
    ("Europe/Berlin", "2026-03-28T20:40", 20, {"night-owl"}),  # finishes 22:00 CET
    ("Europe/Berlin", "2026-03-29T19:39", 20, set()),  # finishes 21:59 CEST; UTC+1 would say 20:59
    ("Europe/Berlin", "2026-03-29T19:40", 20, {"night-owl"}),  # finishes 22:00 CEST
    ("America/New_York", "2026-11-01T05:40", 20, {"night-owl"}),  # finishes 01:00 EST (the second 01:00)
    ("America/New_York", "2026-11-01T07:40", 20, {"night-owl"}),  # finishes 03:00 EST
    ("America/New_York", "2026-11-01T08:40", 20, set()),  # 03:40-04:00 EST: neither night nor early
    ("Asia/Tokyo", "2026-06-10T12:50", 20, {"night-owl"}),  # finishes 22:10 JST
    ("Asia/Tokyo", "2026-06-10T12:30", 20, set()),  # finishes 21:50 JST
    # Lunch break: a start at 12:00-13:59 local.
    ("Europe/Berlin", "2026-03-29T10:00", 20, {"lunch-break"}),  # 12:00 CEST
    ("Europe/Berlin", "2026-03-29T09:59", 20, set()),  # 11:59 CEST
    ("Europe/Berlin", "2026-03-28T12:59", 20, {"lunch-break"}),  # 13:59 CET
    ("Europe/Berlin", "2026-03-29T12:00", 20, set()),  # 14:00 CEST
    # Past midnight: started on one local day, finished on the next.
    ("UTC", "2026-06-10T23:50", 20, {"midnight-oil", "night-owl"}),
    ("UTC", "2026-06-10T23:30", 29, {"night-owl"}),  # finishes 23:59
    ("Europe/Berlin", "2026-03-28T22:50", 20, {"midnight-oil", "night-owl"}),  # 23:50 -> 00:10 CET
    ("Asia/Tokyo", "2026-06-10T14:50", 20, {"midnight-oil", "night-owl"}),  # 23:50 -> 00:10 JST
    # New year: on 1 January, local.
    ("Asia/Tokyo", "2025-12-31T15:30", 30, {"new-year", "night-owl"}),  # 00:30-01:00 JST on 1 January
    ("Asia/Tokyo", "2025-12-31T14:00", 30, {"night-owl"}),  # 23:00-23:30 JST on the 31st
    ("America/New_York", "2026-01-01T03:00", 30, {"night-owl"}),  # 22:00 EST on 31 December
    ("America/New_York", "2026-01-01T15:00", 30, {"new-year"}),  # 10:00 EST on 1 January
    ("UTC", "2025-12-31T23:45", 30, {"new-year", "midnight-oil", "night-owl"}),
]
TIME_SLUGS = {a.slug for a in ACHIEVEMENTS if a.kind == "time_of_day"}


@pytest.mark.parametrize("zone, start, minutes, expected", TIME_OF_DAY)
def test_times_of_day_are_the_players_own(zone, start, minutes, expected):
    started = datetime.fromisoformat(start).replace(tzinfo=UTC)
    assert met(workout(PUSH, start=started, minutes=minutes, zone=zone)) & TIME_SLUGS == expected


def test_the_table_really_crosses_daylight_saving_changes():
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    assert datetime(2026, 3, 28, 12, tzinfo=berlin).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 3, 29, 12, tzinfo=berlin).utcoffset() == timedelta(hours=2)
    assert datetime(2026, 10, 31, 12, tzinfo=new_york).utcoffset() == timedelta(hours=-4)
    assert datetime(2026, 11, 1, 12, tzinfo=new_york).utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize("slug", sorted(TIME_SLUGS))
def test_each_time_of_day_achievement_is_in_the_table_both_met_and_missed(slug):
    assert any(slug in expected for *_, expected in TIME_OF_DAY)
    assert any(slug not in expected for *_, expected in TIME_OF_DAY)
