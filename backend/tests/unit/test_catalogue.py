"""Tests for the avatar catalogue (the single source of truth for the shop)."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

from bodyweight.shop.catalogue import (
    AVATARS,
    AVATARS_BY_ID,
    DEFAULT_AVATAR_ID,
    Avatar,
    avatar_image_file,
    get_avatar,
)

SVG_NS = "{http://www.w3.org/2000/svg}"
KEBAB_CASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# (id, price in coins, required level), in catalogue order, as specified.
EXPECTED = [
    ("shadow-wolf", 0, 1),
    ("iron-bear", 0, 1),
    ("fire-fox", 0, 1),
    ("night-panther", 0, 1),
    ("phoenix", 100, 3),
    ("griffin", 200, 5),
    ("cerberus", 300, 7),
    ("thunder-fang", 350, 7),
    ("cyber-ape", 375, 7),
    ("solar-lion", 350, 8),
    ("hydra", 400, 10),
    ("crystal-stag", 450, 10),
    ("minotaur", 500, 12),
    ("storm-eagle", 600, 14),
    ("kraken", 750, 15),
    ("void-serpent", 900, 18),
    ("leviathan", 1000, 20),
    ("magma-golem", 1200, 22),
    ("titan", 1500, 25),
]
FREE_IDS = {"shadow-wolf", "iron-bear", "fire-fox", "night-panther"}


def test_catalogue_has_exactly_the_specified_avatars_in_order() -> None:
    assert [a.id for a in AVATARS] == [row[0] for row in EXPECTED]
    assert isinstance(AVATARS, tuple)


@pytest.mark.parametrize(("avatar_id", "price", "required_level"), EXPECTED)
def test_price_and_required_level(avatar_id: str, price: int, required_level: int) -> None:
    avatar = get_avatar(avatar_id)
    assert avatar is not None
    assert avatar.price == price
    assert avatar.required_level == required_level
    assert avatar.is_free is (price == 0)


def test_ids_are_unique_kebab_case_and_short() -> None:
    ids = [a.id for a in AVATARS]
    assert len(ids) == len(set(ids))
    for avatar_id in ids:
        assert KEBAB_CASE.fullmatch(avatar_id), avatar_id
        assert len(avatar_id) <= 50


def test_names_are_display_names() -> None:
    names = [a.name for a in AVATARS]
    assert len(names) == len(set(names))
    for avatar in AVATARS:
        assert avatar.name == avatar.id.replace("-", " ").title()
    assert get_avatar("shadow-wolf").name == "Shadow Wolf"


def test_exactly_four_free_avatars_at_level_one() -> None:
    free = {a.id for a in AVATARS if a.is_free}
    assert free == FREE_IDS
    for avatar in AVATARS:
        if avatar.is_free:
            assert avatar.price == 0
            assert avatar.required_level == 1
        else:
            assert avatar.price > 0
            assert avatar.required_level > 1


def test_default_avatar_is_shadow_wolf_and_free() -> None:
    assert DEFAULT_AVATAR_ID == "shadow-wolf"
    default = get_avatar(DEFAULT_AVATAR_ID)
    assert default is not None
    assert default.is_free
    assert default.required_level == 1
    assert AVATARS[0] is default


def test_avatars_by_id_is_read_only_and_complete() -> None:
    assert set(AVATARS_BY_ID) == {a.id for a in AVATARS}
    for avatar in AVATARS:
        assert AVATARS_BY_ID[avatar.id] is avatar
        assert get_avatar(avatar.id) is avatar
    with pytest.raises(TypeError):
        AVATARS_BY_ID["new"] = AVATARS[0]  # type: ignore[index]


def test_avatar_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        AVATARS[0].price = 1  # type: ignore[misc]
    assert Avatar("x", "X", 0, 1).is_free
    assert not Avatar("x", "X", 5, 1).is_free


@pytest.mark.parametrize("unknown", ["", "unknown", "Shadow-Wolf", "shadow_wolf", "shadow-wolf "])
def test_get_avatar_unknown_is_none(unknown: str) -> None:
    assert get_avatar(unknown) is None


@pytest.mark.parametrize("avatar", AVATARS, ids=lambda a: a.id)
def test_every_avatar_has_a_valid_svg_image(avatar: Avatar) -> None:
    path = avatar_image_file(avatar.id)
    assert path.name == f"{avatar.id}.svg"
    assert path.is_file(), path
    assert path.stat().st_size < 12 * 1024
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox")
    title = root.find(f"{SVG_NS}title")
    assert title is not None
    assert title.text == avatar.name
    assert root.findall(f".//{SVG_NS}rect"), "expected pixel-art rects"


def test_no_image_files_without_a_catalogue_entry() -> None:
    image_dir = avatar_image_file(DEFAULT_AVATAR_ID).parent
    files = {p.name for p in image_dir.iterdir() if not p.name.startswith(".")}
    assert files == {f"{a.id}.svg" for a in AVATARS}


@pytest.mark.parametrize("bad", ["../catalogue", "a/b", "", "Shadow-Wolf", "x" * 51])
def test_avatar_image_file_rejects_unsafe_ids(bad: str) -> None:
    with pytest.raises(ValueError):
        avatar_image_file(bad)
