"""Avatar catalogue: the one source of truth for the BodyWeight avatar shop.

Every avatar that can be shown, bought or equipped is listed in ``AVATARS``
below, together with its price in coins and the level a user must reach
before buying it.  Anything else in the code base (shop endpoints, the
purchase logic, the default avatar for new users, the static images) must
look avatars up here instead of keeping its own list.

Each avatar has an original 8-bit pixel-art SVG image at
``static/avatars/<avatar-id>.svg`` inside the ``bodyweight`` package; use
:func:`avatar_image_file` to locate it.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "AVATARS",
    "AVATARS_BY_ID",
    "AVATAR_IMAGE_DIR",
    "Avatar",
    "DEFAULT_AVATAR_ID",
    "avatar_image_file",
    "get_avatar",
]


@dataclass(frozen=True, slots=True)
class Avatar:
    """One purchasable (or free) avatar.

    ``id`` is a stable kebab-case identifier (at most 50 characters) that is
    stored in the database and used as the image file name; ``name`` is the
    human-readable display name; ``price`` is in coins; ``required_level`` is
    the minimum user level needed to buy it.
    """

    id: str
    name: str
    price: int
    required_level: int

    @property
    def is_free(self) -> bool:
        """True if the avatar costs nothing (every user owns it)."""
        return self.price == 0


AVATARS: tuple[Avatar, ...] = (
    # Free starter avatars, available to everyone from level 1.
    Avatar("shadow-wolf", "Shadow Wolf", 0, 1),
    Avatar("iron-bear", "Iron Bear", 0, 1),
    Avatar("fire-fox", "Fire Fox", 0, 1),
    Avatar("night-panther", "Night Panther", 0, 1),
    # Paid avatars: price in coins / required level.
    Avatar("phoenix", "Phoenix", 100, 3),
    Avatar("griffin", "Griffin", 200, 5),
    Avatar("cerberus", "Cerberus", 300, 7),
    Avatar("thunder-fang", "Thunder Fang", 350, 7),
    Avatar("cyber-ape", "Cyber Ape", 375, 7),
    Avatar("solar-lion", "Solar Lion", 350, 8),
    Avatar("hydra", "Hydra", 400, 10),
    Avatar("crystal-stag", "Crystal Stag", 450, 10),
    Avatar("minotaur", "Minotaur", 500, 12),
    Avatar("storm-eagle", "Storm Eagle", 600, 14),
    Avatar("kraken", "Kraken", 750, 15),
    Avatar("void-serpent", "Void Serpent", 900, 18),
    Avatar("leviathan", "Leviathan", 1000, 20),
    Avatar("magma-golem", "Magma Golem", 1200, 22),
    Avatar("titan", "Titan", 1500, 25),
)

DEFAULT_AVATAR_ID = "shadow-wolf"
"""Avatar given to every new user."""

AVATARS_BY_ID: Mapping[str, Avatar] = types.MappingProxyType({avatar.id: avatar for avatar in AVATARS})

AVATAR_IMAGE_DIR: Path = Path(__file__).resolve().parent.parent / "static" / "avatars"
"""Directory holding one ``<avatar-id>.svg`` per catalogue entry."""


def get_avatar(avatar_id: str) -> Avatar | None:
    """Return the avatar with ``avatar_id``, or ``None`` if there is none."""
    return AVATARS_BY_ID.get(avatar_id)


_AVATAR_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def avatar_image_file(avatar_id: str) -> Path:
    """Path of the SVG image for ``avatar_id``.

    The file's existence is not checked (every catalogue entry has one).
    Raises ``ValueError`` if ``avatar_id`` is not a kebab-case id, so a
    caller can never be tricked into building a path outside the avatar
    directory (e.g. with ``"../secret"``).
    """
    if len(avatar_id) > 50 or not _AVATAR_ID_RE.fullmatch(avatar_id):
        raise ValueError(f"invalid avatar id: {avatar_id!r}")
    return AVATAR_IMAGE_DIR / f"{avatar_id}.svg"
