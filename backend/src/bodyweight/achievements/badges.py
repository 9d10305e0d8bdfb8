"""Draws every achievement's pixel-art badge from the catalogue:

    python -m bodyweight.achievements.badges

writes `static/achievements/<slug>.svg`, one per achievement, and deletes badges no
achievement has any more. A badge is an octagonal medal on a 16 x 16 grid: its rim
and face in the colour of its tier (the achievement's rank among those waiting for
the same number: bronze, silver, gold, ...), and in the middle the pictogram of what
it is about. The files are committed; a test redraws them and compares, so a badge
never drifts from its entry.
"""

from collections.abc import Iterable
from html import escape
from pathlib import Path

from bodyweight.achievements.catalogue import BADGE_DIR, Achievement, load_achievements

SIZE = 16
INK = "#14101c"
# Tier colours, lowest first: bronze, silver, gold, emerald, sapphire, ruby, amethyst.
TIERS = ("#b8733a", "#9aa7b8", "#e3b022", "#2e9e5e", "#3c67c9", "#c8343f", "#8c48c4")

# 8 x 8 pictograms, "#" inked. Keyed by the metric's family for volume, else by rule.
PICTOGRAMS: dict[str, str] = {
    # first steps
    "workouts-first": """
        .##.....
        ####....
        ####..##
        .##..###
        .....###
        #.....##
        ##......
        ........""",
    "full_body": """
        ...##...
        ...##...
        ########
        ..####..
        ..####..
        ..#..#..
        .##..##.
        .#....#.""",
    "long_workout": """
        ########
        .#....#.
        ..#..#..
        ...##...
        ...##...
        ..#..#..
        .#.##.#.
        ########""",
    "workout_reps": """
        #.#.#.#.
        #.#.#.#.
        #.#####.
        ####.#..
        #.#.#.#.
        #.#.#.#.
        #.#.#.#.
        ........""",
    # workouts logged: a calendar page with a tick
    "workouts": """
        .#....#.
        ########
        #......#
        #.#.#.##
        #......#
        #.#.####
        #......#
        ########""",
    # volume, per family
    "push": """
        ...##...
        ..####..
        .######.
        ...##...
        ...##...
        ...##...
        ########
        ########""",
    "pull": """
        ########
        .#....#.
        .#....#.
        ..####..
        ...##...
        ..####..
        ...##...
        ..#..#..""",
    "legs": """
        ..###...
        ..###...
        ..###...
        ..###...
        ..#####.
        ..######
        ..######
        ........""",
    "core": """
        .######.
        .##..##.
        .######.
        .##..##.
        .######.
        .##..##.
        .######.
        ..####..""",
    "static": """
        ........
        ........
        ##......
        .#####..
        ....####
        .......#
        #......#
        ########""",
    # streak: a flame
    "streak": """
        ...#....
        ...##...
        ..###.#.
        .#####..
        .######.
        ###..###
        ##....##
        .######.""",
    # level: climbing chevrons
    "level": """
        ...##...
        ..####..
        .##..##.
        ##....##
        ...##...
        ..####..
        .##..##.
        ##....##""",
    # time of day
    "early_bird": """
        ...#....
        .#.#.#..
        ..###...
        .#####..
        ########
        ........
        ########
        ........""",
    "night_owl": """
        ..####..
        .##.....
        ##....#.
        ##......
        ##...#..
        ##......
        .##.....
        ..####..""",
    "lunch_break": """
        ........
        .#.#..#.
        .#.#..#.
        ........
        ########
        .######.
        ..####..
        ........""",
    "midnight": """
        ..####..
        .#..#.#.
        #...#..#
        #...#..#
        #......#
        #......#
        .#....#.
        ..####..""",
    "new_year": """
        #..#..#.
        .#.#.#..
        ..###...
        ###.###.
        ..###...
        .#.#.#..
        #..#..#.
        ........""",
    # variety: four different shapes
    "variety": """
        ##....#.
        ##...###
        ........
        ........
        .#...##.
        ###..##.
        .#......
        ........""",
    # records
    "records": """
        ########
        #.####.#
        #.####.#
        .######.
        ..####..
        ...##...
        ..####..
        .######.""",
    "record_doubled": """
        .#...#..
        ###.###.
        .#...#..
        .#...#..
        .#...#..
        .#...#..
        ........
        ########""",
    "hold_record": """
        ..###...
        ...#....
        .#####..
        #..#..#.
        #..##.#.
        #.....#.
        #.....#.
        .#####..""",
    # the shop: a bag
    "avatars": """
        ..#..#..
        .#....#.
        ########
        #......#
        #..##..#
        #..##..#
        #......#
        ########""",
}


def pictogram_key(achievement: Achievement) -> str:
    if achievement.rule == "volume":
        assert achievement.family is not None
        return achievement.family
    if achievement.kind == "first_steps" and achievement.rule == "workouts":
        return "workouts-first"
    return achievement.rule


def tiers(achievements: Iterable[Achievement]) -> dict[str, int]:
    """Each achievement's rank (0 = lowest target) among those of the same metric."""
    by_metric: dict[str, list[Achievement]] = {}
    for a in achievements:
        key = "first-steps" if a.kind == "first_steps" else a.metric
        by_metric.setdefault(key, []).append(a)
    ranks = {}
    for group in by_metric.values():
        for rank, a in enumerate(sorted(group, key=lambda a: a.target)):
            ranks[a.slug] = 0 if a.kind == "first_steps" else rank
    return ranks


def _inside(x: int, y: int) -> bool:
    """The octagon: the square with its corners cut."""
    return 0 <= x < SIZE and 0 <= y < SIZE and min(x, SIZE - 1 - x) + min(y, SIZE - 1 - y) >= 3


def _tint(colour: str, towards_white: float) -> str:
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * towards_white):02x}" for c in channels)


def _pixels(achievement: Achievement, rank: int) -> dict[tuple[int, int], str]:
    colour = TIERS[rank]
    face = _tint(colour, 0.72)
    pixels = {}
    for y in range(SIZE):
        for x in range(SIZE):
            if not _inside(x, y):
                continue
            edge = not all(_inside(x + dx, y + dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)))
            rim = not all(_inside(x + dx, y + dy) for dx in (-2, 0, 2) for dy in (-2, 0, 2))
            pixels[(x, y)] = INK if edge else colour if rim else face
    rows = [row.strip() for row in PICTOGRAMS[pictogram_key(achievement)].strip().splitlines()]
    assert len(rows) == 8 and all(len(row) == 8 for row in rows), pictogram_key(achievement)
    for y, row in enumerate(rows):
        for x, cell in enumerate(row):
            if cell == "#":
                pixels[(x + 4, y + 4)] = INK
    return pixels


def draw(achievement: Achievement, rank: int) -> str:
    """The badge as SVG: one rect per horizontal run of a colour."""
    pixels = _pixels(achievement, rank)
    runs: dict[str, list[str]] = {}
    for y in range(SIZE):
        x = 0
        while x < SIZE:
            colour = pixels.get((x, y))
            start = x
            while x < SIZE and pixels.get((x, y)) == colour:
                x += 1
            if colour is not None:
                runs.setdefault(colour, []).append(f'<rect x="{start}" y="{y}" width="{x - start}" height="1"/>')
    groups = "\n".join(f'<g fill="{colour}">{"".join(rects)}</g>' for colour, rects in runs.items())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="64" height="64"'
        f' shape-rendering="crispEdges">\n<title>{escape(achievement.name.en)}</title>\n{groups}\n</svg>\n'
    )


def badges() -> dict[str, str]:
    """Every achievement's file name and SVG."""
    achievements = load_achievements()
    ranks = tiers(achievements)
    return {f"{a.slug}.svg": draw(a, ranks[a.slug]) for a in achievements}


def write(directory: Path = BADGE_DIR) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    wanted = badges()
    for orphan in set(p.name for p in directory.glob("*.svg")) - set(wanted):
        (directory / orphan).unlink()
    for name, svg in wanted.items():
        (directory / name).write_text(svg, encoding="utf-8")


if __name__ == "__main__":
    write()
