"""What the import did (or, in a dry run, would do) with each player and pair."""

from collections import Counter
from dataclasses import dataclass, field

from bodyweight.importer.plan import PlayerPlan

CREATED, MERGED, ALREADY, FAILED = "created", "merged", "already imported", "failed"


@dataclass
class PlayerResult:
    plan: PlayerPlan
    kind: str
    user_id: int | None = None  # None: a new player in a dry run, or one that failed
    username: str | None = None  # their username here
    workouts: int = 0
    sets: int = 0
    kept_rows: int = 0
    kept_sets: int = 0
    coins: int = 0  # credited through the ledger
    xp: int = 0
    purchases: int = 0
    purchases_owned: int = 0  # a merged player who had bought it here too
    achievements: int = 0
    achievements_present: int = 0  # already in user_achievements
    error: str | None = None
    changed_since: list[str] = field(default_factory=list)  # for players imported before


@dataclass
class FriendResult:
    accepted: int = 0
    pending: int = 0
    present: int = 0  # the pair is friends (or asked) here already: left as it is
    skipped: Counter[str] = field(default_factory=Counter)
