"""The explicit correspondences between the earlier app and this one: exercise
slugs, achievement slugs, avatars. Small tables on purpose, so a reader can check
every line against the earlier app's reference."""

from collections.abc import Mapping
from dataclasses import dataclass

from bodyweight.shop.catalogue import AVATARS_BY_ID, DEFAULT_AVATAR_ID

# Revision 005 of the earlier app renamed its achievements from underscore names to
# these; a database stamped past 005 without running it still holds the old ones.
RENAMED_BY_005: Mapping[str, str] = {
    "first_workout": "first-blood",
    "workout_10": "workout-10",
    "workout_50": "workout-50",
    "workout_100": "centurion",
    "workout_365": "workout-365",
    "streak_3": "streak-3",
    "streak_7": "week-warrior",
    "streak_14": "streak-14",
    "streak_30": "month-master",
    "streak_60": "iron-will",
    "streak_100": "unstoppable",
    "streak_365": "streak-365",
    "level_5": "level-5",
    "level_10": "level-10",
    "level_25": "legend",
    "level_50": "level-50",
    "level_100": "level-100",
    "early_bird": "early-bird",
    "night_owl": "night-owl",
    "pushup_100": "pushup-100",
    "pushup_500": "pushup-500",
    "pushup_1000": "pushup-1000",
    "squat_100": "squat-100",
    "squat_500": "squat-500",
    "squat_1000": "squat-1000",
    "burpee_50": "burpee-50",
    "burpee_100": "burpee-100",
    "burpee_500": "burpee-500",
    "pullup_100": "pullup-100",
    "pullup_500": "pullup-500",
    "xp_1000": "xp-1000",
    "xp_10000": "xp-10000",
    "xp_100000": "xp-100000",
}

# The earlier app's achievements (its slugs after 005) that this app has with the same
# meaning, under the same slug; they are written to `user_achievements`. The rest
# (per-exercise totals such as `pushup-500`, lifetime XP, level 100) have no
# counterpart here and are reported as not imported. `perfectionist` is absent: the
# earlier app never awarded it.
ACHIEVEMENTS: Mapping[str, str] = {
    slug: slug
    for slug in (
        "first-blood",
        "workout-10",
        "workout-50",
        "centurion",
        "workout-365",
        "streak-3",
        "week-warrior",
        "streak-14",
        "month-master",
        "iron-will",
        "unstoppable",
        "streak-365",
        "level-5",
        "level-10",
        "legend",
        "level-50",
        "early-bird",
        "night-owl",
    )
}


def achievement(slug: str) -> tuple[str | None, bool]:
    """This app's achievement for an earlier slug (None: none), and whether the
    slug was one of the names from before revision 005."""
    renamed = RENAMED_BY_005.get(slug)
    return ACHIEVEMENTS.get(renamed or slug), renamed is not None


@dataclass(frozen=True, slots=True)
class ExerciseMatch:
    exercise_id: str  # this app's slug
    timed: bool
    by_alias: bool  # matched through the earlier name this catalogue lists


class ExerciseMatcher:
    """Earlier exercise slugs -> this catalogue: the same slug, or the earlier name an
    exercise of this catalogue lists as an alias (data/exercises.toml)."""

    def __init__(self, ours: Mapping[str, bool], aliases: Mapping[str, str]) -> None:
        self.ours = ours  # slug -> timed, as the database has them
        self.aliases = {alias: slug for alias, slug in aliases.items() if slug in ours}

    def match(self, slug: str | None) -> ExerciseMatch | None:
        if slug is None:
            return None
        if slug in self.ours:
            return ExerciseMatch(slug, self.ours[slug], False)
        mine = self.aliases.get(slug)
        return None if mine is None else ExerciseMatch(mine, self.ours[mine], True)


def equipped_avatar(worn: str | None, bought: set[str]) -> tuple[str, str | None]:
    """The avatar a player wears here, and why it differs from the earlier one
    (None when it does not): a free avatar, or a paid one they bought."""
    if worn is None:  # the first model had no avatar column
        return DEFAULT_AVATAR_ID, None
    avatar = AVATARS_BY_ID.get(worn)
    if avatar is None:
        return DEFAULT_AVATAR_ID, f"wore {worn}, which this app does not have"
    if avatar.is_free or worn in bought:
        return worn, None
    return DEFAULT_AVATAR_ID, f"wore {worn} without a purchase on record"


def bought_avatar(avatar_id: str) -> str | None:
    """Why a purchase of the earlier app is not carried over; None when it is."""
    avatar = AVATARS_BY_ID.get(avatar_id)
    if avatar is None:
        return f"{avatar_id}: this app has no such avatar"
    if avatar.is_free:
        return f"{avatar_id}: free here, every player has it"
    return None
