"""The avatar shop: buying once, equipping, the ledger (PRODUCT.md section 4)."""

import pytest

from bodyweight.achievements.catalogue import achievements_by_slug
from bodyweight.shop.catalogue import AVATARS

FIRST_PURCHASE = achievements_by_slug()["shop-first"].reward  # the first avatar bought earns it


def buy(world, player, avatar_id, **headers):
    return world.client.post(f"/api/avatars/{avatar_id}/purchase", headers={**player.headers, **headers})


def test_buying_debits_once_and_records_purchase_and_ledger(world):
    player = world.player(coins=250, level=5)
    response = buy(world, player, "griffin")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["avatar_id"] == "griffin" and body["coins"] == 50 + FIRST_PURCHASE
    assert body["purchased_at"]
    assert [a["slug"] for a in body["achievements"]] == ["shop-first"]

    assert world.user(player).coins == 50 + FIRST_PURCHASE
    assert world.ledger_sum(player) == 50 + FIRST_PURCHASE
    ledger = world.client.get("/api/users/me/coins", headers=player.headers).json()["items"]
    assert [(t["amount"], t["balance_after"], t["reason"], t["reference"]) for t in ledger] == [
        (FIRST_PURCHASE, 50 + FIRST_PURCHASE, "achievement", "achievement:shop-first"),
        (-200, 50, "purchase", "avatar:griffin"),
        (250, 250, "support_grant", "test set-up"),
    ]
    mine = world.client.get("/api/users/me/avatars", headers=player.headers).json()
    assert [p["avatar_id"] for p in mine] == ["griffin"]


def test_catalogue_marks_owned_and_equipped_for_the_caller(world):
    player = world.player(coins=100, level=3)
    buy(world, player, "phoenix")
    avatars = {a["id"]: a for a in world.client.get("/api/avatars", headers=player.headers).json()}
    assert [a.id for a in AVATARS] == list(avatars)
    assert avatars["phoenix"] | {"owned": True, "equipped": False} == avatars["phoenix"]
    assert avatars["shadow-wolf"]["owned"] and avatars["shadow-wolf"]["equipped"]
    assert avatars["iron-bear"]["owned"]  # free avatars belong to everyone
    assert not avatars["titan"]["owned"]
    assert (avatars["griffin"]["unlocked"], avatars["griffin"]["affordable"]) == (False, False)  # level 5, 200
    assert (avatars["phoenix"]["unlocked"], avatars["phoenix"]["affordable"]) == (True, True)  # owned
    assert (avatars["titan"]["price"], avatars["titan"]["required_level"]) == (1500, 25)
    image = world.client.get(avatars["phoenix"]["image_url"])
    assert image.status_code == 200 and image.headers["content-type"].startswith("image/svg+xml")


ERRORS = {
    "unknown avatar": (dict(coins=1000, level=30), "golden-unicorn", 404, "avatar_not_found"),
    "level too low": (dict(coins=1000, level=2), "phoenix", 403, "level_too_low"),
    "not enough coins": (dict(coins=99, level=3), "phoenix", 402, "insufficient_coins"),
    "free avatar": (dict(coins=10), "iron-bear", 409, "already_owned"),
}


@pytest.mark.parametrize(("setup", "avatar_id", "status", "code"), ERRORS.values(), ids=ERRORS.keys())
def test_refused_purchases_change_nothing(world, setup, avatar_id, status, code):
    player = world.player(**setup)
    before = world.state()
    response = buy(world, player, avatar_id)
    assert (response.status_code, response.json()["error"]["code"]) == (status, code)
    assert response.json()["error"]["message"]
    assert world.state() == before


def test_second_purchase_is_already_owned_and_charges_nothing(world):
    player = world.player(coins=300, level=3)
    assert buy(world, player, "phoenix").status_code == 201
    before = world.state()
    again = buy(world, player, "phoenix")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_owned")
    assert world.state() == before
    assert world.user(player).coins == 200 + FIRST_PURCHASE


@pytest.mark.parametrize("avatar_id", ["a" * 51, "Phoenix", "phoenix%00", "phœnix", "../griffin"])
def test_odd_avatar_ids_are_refused(world, avatar_id):
    player = world.player(coins=1000, level=30)
    before = world.state()
    response = buy(world, player, avatar_id)
    assert response.status_code in (404, 422)
    assert response.json()["error"]["code"] in ("avatar_not_found", "validation_error", "not_found")
    assert world.state() == before


def test_buying_needs_a_signed_in_player(world):
    response = world.client.post("/api/avatars/phoenix/purchase")
    assert (response.status_code, response.json()["error"]["code"]) == (401, "not_authenticated")


def test_equip_free_and_owned_avatars_only(world):
    player = world.player(coins=100, level=3)
    equip = lambda avatar_id: world.client.put(  # noqa: E731
        "/api/users/me/avatar", json={"avatar_id": avatar_id}, headers=player.headers
    )
    assert equip("fire-fox").json()["avatar_id"] == "fire-fox"

    refused = equip("phoenix")
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "avatar_not_owned")
    assert world.user(player).avatar_id == "fire-fox"

    missing = equip("golden-unicorn")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "avatar_not_found")

    buy(world, player, "phoenix")
    assert equip("phoenix").json()["avatar_id"] == "phoenix"
    assert world.client.get("/api/users/me", headers=player.headers).json()["avatar_id"] == "phoenix"


def test_ledger_pages_newest_first(world):
    player = world.player(coins=5, level=30)
    for _ in range(4):
        world.client.post("/api/avatars/phoenix/purchase", headers=player.headers)  # 402s add nothing
    for amount in (10, 20, 30):
        world.credit(player.id, amount, f"grant {amount}")
    amounts, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = world.client.get("/api/users/me/coins", params=params, headers=player.headers).json()
        amounts += [t["amount"] for t in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert amounts == [30, 20, 10, 5]
    assert world.ledger_sum(player) == world.user(player).coins == 65
