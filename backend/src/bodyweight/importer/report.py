"""The operator's account of an import: what the source held, what became of it,
and totals that must balance (source = imported + reported as not imported).

A dry run prints the same report in the conditional; an import whose totals do
not balance, or in which a player failed, exits with status 1.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bodyweight.importer.read import EarlierData
from bodyweight.importer.recognise import Shape
from bodyweight.importer.results import ALREADY, CREATED, FAILED, MERGED, FriendResult, PlayerResult

REASONS = {
    "unknown_exercise": "exercise not in this catalogue",
    "measure_differs": "measured in reps there and seconds here, or the reverse",
    "out_of_range": "sets outside this app's bounds",
    "nothing_recorded": "no reps or seconds recorded",
}


@dataclass(frozen=True)
class Balance:
    what: str
    source: int
    parts: tuple[tuple[str, int], ...]

    @property
    def holds(self) -> bool:
        return self.source == sum(n for _, n in self.parts)

    def __str__(self) -> str:
        shown = " + ".join(f"{n} {label}" for label, n in self.parts if n or label == self.parts[0][0])
        return f"{self.what}: {self.source} in the source = {shown}" + ("" if self.holds else "  DOES NOT BALANCE")


@dataclass
class Report:
    source: str
    target: str
    shape: Shape
    data: EarlierData
    players: list[PlayerResult]
    friends: FriendResult
    friend_rows_skipped: Counter[str]
    dry_run: bool
    achievements_table: bool
    ledger_mismatches: list[str] = field(default_factory=list)

    def _of(self, *kinds: str) -> list[PlayerResult]:
        return [p for p in self.players if p.kind in kinds]

    def balances(self) -> list[Balance]:
        data = self.data
        imported = self._of(CREATED, MERGED)
        skipped = self._of(ALREADY)
        failed = self._of(FAILED)
        sessions = [s for p in data.sessions.values() for s in p]
        completed = [s for s in sessions if s.status == "completed"]

        def of(players: Iterable[PlayerResult], what: str) -> int:
            ids = {p.plan.earlier.id for p in players}
            if what == "workouts":
                return sum(1 for s in completed if s.user_id in ids)
            if what == "rows":
                return sum(len(s.rows) for s in completed if s.user_id in ids)
            if what == "sets":
                return sum(s.sets for s in completed if s.user_id in ids)
            if what == "coins":
                return sum(p.coins for p in data.players if p.id in ids)
            if what == "xp":
                return sum(p.total_xp for p in data.players if p.id in ids)
            return sum(len(data.purchases.get(i, [])) for i in ids)

        done = "would be " if self.dry_run else ""
        return [
            Balance(
                "players",
                len(data.players),
                (
                    (f"{done}new here", len(self._of(CREATED))),
                    (f"{done}merged into a player with the same Telegram id", len(self._of(MERGED))),
                    ("imported before", len(skipped)),
                    ("failed", len(failed)),
                ),
            ),
            Balance(
                "workouts",
                len(sessions) + data.orphans.get("workout_sessions", 0),
                (
                    (f"{done}imported", sum(p.workouts for p in imported)),
                    ("not completed (cancelled or unfinished: not imported)", len(sessions) - len(completed)),
                    ("of players imported before", of(skipped, "workouts")),
                    ("of failed players", of(failed, "workouts")),
                    ("of players missing from the source", data.orphans.get("workout_sessions", 0)),
                ),
            ),
            Balance(
                "exercise rows of completed workouts",
                sum(len(s.rows) for s in completed),
                (
                    (f"{done}made into sets", sum(w.matched_rows for p in imported for w in p.plan.workouts)),
                    (f"{done}kept aside", sum(p.kept_rows for p in imported)),
                    ("of players imported before", of(skipped, "rows")),
                    ("of failed players", of(failed, "rows")),
                ),
            ),
            Balance(
                "sets",
                sum(s.sets for s in completed),
                (
                    (f"{done}imported", sum(p.sets for p in imported)),
                    (f"{done}kept aside", sum(p.kept_sets for p in imported)),
                    ("of players imported before", of(skipped, "sets")),
                    ("of failed players", of(failed, "sets")),
                ),
            ),
            Balance(
                "coins",
                sum(p.coins for p in data.players),
                (
                    (f"{done}credited through the ledger", sum(p.coins for p in imported)),
                    ("negative balances read as 0", sum(min(p.plan.earlier.coins, 0) for p in imported)),
                    ("of players imported before", of(skipped, "coins")),
                    ("of failed players", of(failed, "coins")),
                ),
            ),
            Balance(
                "XP",
                sum(p.total_xp for p in data.players),
                (
                    (f"{done}imported", sum(p.xp for p in imported)),
                    ("negative XP read as 0", sum(min(p.plan.earlier.total_xp, 0) for p in imported)),
                    ("of players imported before", of(skipped, "xp")),
                    ("of failed players", of(failed, "xp")),
                ),
            ),
            Balance(
                "avatars bought",
                sum(len(v) for v in data.purchases.values()) + data.orphans.get("user_avatar_purchases", 0),
                (
                    (f"{done}imported", sum(p.purchases for p in imported)),
                    ("owned here already", sum(p.purchases_owned for p in imported)),
                    ("not carried over", sum(len(p.plan.purchases_refused) for p in imported)),
                    ("of players imported before", of(skipped, "purchases")),
                    ("of failed players", of(failed, "purchases")),
                    ("of players missing from the source", data.orphans.get("user_avatar_purchases", 0)),
                ),
            ),
        ]

    @property
    def ok(self) -> bool:
        return all(b.holds for b in self.balances()) and not self._of(FAILED) and not self.ledger_mismatches

    def lines(self) -> list[str]:
        out = [f"Source: {self.source}"]
        stamped = self.shape.stamped or "none"
        built = self.shape.built or "the model before revision 001"
        out.append(f"  alembic_version: {stamped}; tables: {built}")
        out += [f"  note: {note}" for note in self.shape.notes]
        out.append(
            f"Dry run: nothing was written to {self.target}."
            if self.dry_run
            else f"Imported into {self.target}, one transaction per player."
        )
        out.append("")
        out += self._balance_lines()
        out += self._player_lines()
        out += self._exercise_lines()
        out += self._achievement_lines()
        out += self._friend_lines()
        out += self._other_lines()
        out.append("")
        if self.ok:
            out.append("Everything balances." + (" Run again without --dry-run to import." if self.dry_run else ""))
        else:
            out.append("PROBLEMS: see the lines above marked DOES NOT BALANCE, FAILED or LEDGER.")
        return out

    def _balance_lines(self) -> list[str]:
        return [str(b) for b in self.balances()]

    def _player_lines(self) -> list[str]:
        out: list[str] = []

        def section(title: str, items: list[str]) -> None:
            if items:
                out.append(f"{title} ({len(items)}):")
                out.extend(f"  {item}" for item in items)

        def name(p: PlayerResult) -> str:
            earlier = p.plan.earlier
            handle = f"@{earlier.username}" if earlier.username else "no username"
            return f"Telegram {earlier.telegram_id} ({handle})"

        section("Failed, nothing of them written", [f"{name(p)}: FAILED: {p.error}" for p in self._of(FAILED)])
        section(
            "Merged into the player who already signed in here with the same Telegram id (their XP and coins "
            "add up; their name, avatar and settings here are kept)",
            [f"{name(p)} -> {p.username}" for p in self._of(MERGED)],
        )
        section(
            "Username taken here, given the next free one",
            [f"{name(p)}: {p.plan.renamed_from} -> {p.username}" for p in self._of(CREATED) if p.plan.renamed_from],
        )
        section(
            "Level recomputed from XP by this app's rules (the stored level could lag)",
            [
                f"{name(p)}: level {p.plan.earlier.level} -> {p.plan.level} ({p.plan.total_xp} XP)"
                for p in self._of(CREATED, MERGED)
                if p.plan.level != p.plan.earlier.level
            ],
        )
        section(
            "Avatar back to the default",
            [f"{name(p)}: {p.plan.avatar_note}" for p in self._of(CREATED) if p.plan.avatar_note],
        )
        section(
            "Avatar purchases not carried over",
            [f"{name(p)}: {why}" for p in self._of(CREATED, MERGED) for why in p.plan.purchases_refused],
        )
        section(
            "Values corrected",
            [f"{name(p)}: {note}" for p in self._of(CREATED, MERGED) for note in p.plan.notes]
            + [
                f"{name(p)}: workout {w.earlier_id} ended before it started; it now starts when it ended"
                for p in self._of(CREATED, MERGED)
                for w in p.plan.workouts
                if w.corrected
            ],
        )
        section(
            "Changed in the earlier app since they were imported (not imported again)",
            [f"{name(p)}: {', '.join(p.changed_since)}" for p in self._of(ALREADY) if p.changed_since],
        )
        return out

    def _exercise_lines(self) -> list[str]:
        out: list[str] = []
        imported = self._of(CREATED, MERGED)
        kept: Counter[tuple[str, str]] = Counter()
        kept_sets: Counter[tuple[str, str]] = Counter()
        for p in imported:
            for w in p.plan.workouts:
                for k in w.kept:
                    key = (k.reason, k.earlier_slug or f"exercise id {k.earlier_exercise_id} (no such exercise)")
                    kept[key] += 1
                    kept_sets[key] += k.sets
        if kept:
            out.append("Exercise rows kept aside in imported_unmatched_sets, with their workouts (not dropped):")
            for (reason, slug), rows in sorted(kept.items()):
                sets = kept_sets[(reason, slug)]
                out.append(
                    f"  {slug}: {rows} row{'s' * (rows != 1)}, {sets} set{'s' * (sets != 1)} ({REASONS[reason]})"
                )
        rebuilt = sum(p.sets for p in imported)
        if rebuilt:
            out.append(f"Sets rebuilt from the earlier app's per-exercise totals, split evenly: {rebuilt}")
        by_alias: Counter[tuple[str, str]] = Counter()
        for p in imported:
            for alias, slug in p.plan.aliases_used:
                by_alias[(alias, slug)] += 1
        if by_alias:
            out.append("Exercises matched by the earlier name this catalogue lists for them:")
            out += [f"  {alias} -> {slug}: {_n(n, 'row')}" for (alias, slug), n in sorted(by_alias.items())]
        return out

    def _achievement_lines(self) -> list[str]:
        imported = self._of(CREATED, MERGED, ALREADY)
        total = sum(len(v) for v in self.data.achievements.values())
        if not total:
            return []
        done = "would be " if self.dry_run else ""
        mapped = sum(len(p.plan.achievements) for p in imported)
        out = [f"Achievements: {total} in the source"]
        if self.achievements_table:
            out.append(
                f"  {done}written to user_achievements: {sum(p.achievements for p in imported)}; "
                f"there already: {sum(p.achievements_present for p in imported)}"
            )
        else:
            out.append(f"  not imported: this database has no user_achievements table yet ({mapped} could be)")
        renamed = sum(p.plan.achievements_renamed for p in imported)
        if renamed:
            out.append(f"  {renamed} held names from before the earlier app's revision 005 (it never ran): renamed")
        duplicates = sum(p.plan.achievements_duplicates for p in imported)
        if duplicates:
            out.append(f"  {duplicates} were the same achievement twice once renamed: the earliest kept")
        unmapped = Counter(slug for p in imported for slug in p.plan.achievements_unmapped)
        for slug, n in sorted(unmapped.items()):
            out.append(f"  unmapped (no such achievement here): {slug}: {n}")
        failed = sum(len(self.data.achievements.get(p.plan.earlier.id, [])) for p in self._of(FAILED))
        if failed:
            out.append(f"  of failed players: {failed}")
        return out

    def _friend_lines(self) -> list[str]:
        if not self.data.friendships:
            return []
        f = self.friends
        out = [
            f"Friends: {_n(len(self.data.friendships), 'row')} in the source (two per friendship there): "
            f"{'would import' if self.dry_run else 'imported'} {_n(f.accepted, 'friendship')} and "
            f"{_n(f.pending, 'open request')}; already linked here: {f.present}"
        ]
        for why, n in sorted((self.friends.skipped + self.friend_rows_skipped).items()):
            out.append(f"  not imported ({why}): {n}")
        return out

    def _other_lines(self) -> list[str]:
        out = []
        if self.data.not_carried:
            listed = ", ".join(f"{label} {n}" for label, n in self.data.not_carried.items())
            out.append(f"Not imported, no counterpart here: {listed}")
        if self.data.orphans:
            listed = ", ".join(f"{table} {n}" for table, n in sorted(self.data.orphans.items()))
            out.append(f"Rows of players who do not exist in the source (not imported): {listed}")
        out += [f"LEDGER: {mismatch}" for mismatch in self.ledger_mismatches]
        return out


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
