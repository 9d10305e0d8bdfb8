"""Idempotency-Key on the requests that spend or earn (PRODUCT.md section 5)."""

from datetime import timedelta

import pytest

from bodyweight.achievements.catalogue import achievements_by_slug
from support.clock import reps, workout


def test_a_retried_purchase_returns_the_first_response_and_charges_once(world):
    player = world.player(coins=250, level=5)
    headers = {**player.headers, "Idempotency-Key": "buy-griffin-1"}
    first = world.client.post("/api/avatars/griffin/purchase", headers=headers)
    assert first.status_code == 201
    before = world.state()
    retry = world.client.post("/api/avatars/griffin/purchase", headers=headers)
    assert (retry.status_code, retry.json()) == (201, first.json())
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert world.state() == before
    assert world.user(player).coins == 50 + achievements_by_slug()["shop-first"].reward  # the first purchase's


def test_a_retried_workout_is_stored_once(world):
    player = world.player()
    body = workout(timedelta(hours=1), 30, reps("push-up", 10))
    headers = {**player.headers, "Idempotency-Key": "7b0f5c1e-workout"}
    first = world.client.post("/api/workouts", json=body, headers=headers)
    before = world.state()
    retry = world.client.post("/api/workouts", json=body, headers=headers)
    assert (retry.status_code, retry.json()) == (201, first.json())
    assert world.state() == before
    assert world.counts()["workouts"] == 1


def test_the_same_key_with_another_body_is_refused(world):
    player = world.player()
    headers = {**player.headers, "Idempotency-Key": "k1"}
    world.client.post("/api/workouts", json=workout(timedelta(hours=1), 30, reps("push-up", 10)), headers=headers)
    before = world.state()
    other = world.client.post(
        "/api/workouts", json=workout(timedelta(hours=1), 30, reps("push-up", 11)), headers=headers
    )
    assert (other.status_code, other.json()["error"]["code"]) == (422, "idempotency_key_reused")
    reused_on_purchase = world.client.post("/api/avatars/phoenix/purchase", headers=headers)
    assert reused_on_purchase.json()["error"]["code"] == "idempotency_key_reused"
    assert world.state() == before


def test_keys_belong_to_one_player(world):
    ada, bo = world.player(), world.player()
    body = workout(timedelta(hours=1), 30, reps("push-up", 10))
    for player in (ada, bo):
        response = world.client.post("/api/workouts", json=body, headers={**player.headers, "Idempotency-Key": "same"})
        assert response.status_code == 201
    assert world.counts()["workouts"] == 2


def test_a_failed_request_is_not_remembered(world):
    player = world.player(coins=50, level=3)
    headers = {**player.headers, "Idempotency-Key": "try-phoenix"}
    assert world.client.post("/api/avatars/phoenix/purchase", headers=headers).status_code == 402
    assert world.counts()["idempotency_keys"] == 0
    world.credit(player.id, 50, "top-up")
    assert world.client.post("/api/avatars/phoenix/purchase", headers=headers).status_code == 201


@pytest.mark.parametrize("key", ["", "x" * 256, "has space", "ключ"])
def test_malformed_keys_are_refused(world, key):
    player = world.player(coins=500, level=5)
    before = world.state()
    response = world.client.post(
        "/api/avatars/phoenix/purchase",
        headers={**player.headers, "Idempotency-Key": key.encode()},
    )
    assert (response.status_code, response.json()["error"]["code"]) == (422, "validation_error")
    assert world.state() == before
