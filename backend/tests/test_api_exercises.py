"""The exercise catalogue, as the migrations seed it, served without authentication."""

import re

from bodyweight.auth.tokens import issue_access_token

FIELDS = {"id", "name", "category_id", "description", "difficulty", "base_xp", "is_timed"}


def test_the_catalogue_is_public_and_holds_at_least_40_exercises_in_6_categories(client):
    response = client.get("/api/exercises")

    assert response.status_code == 200
    exercises = response.json()
    assert len(exercises) >= 40
    assert len({e["category_id"] for e in exercises}) >= 6
    assert len({e["id"] for e in exercises}) == len(exercises)


def test_every_exercise_is_well_formed(client):
    for exercise in client.get("/api/exercises").json():
        assert set(exercise) == FIELDS, exercise
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", exercise["id"]), exercise
        assert exercise["name"].strip(), exercise
        assert exercise["difficulty"] in {1, 2, 3, 4, 5}, exercise
        assert isinstance(exercise["difficulty"], int), exercise
        assert isinstance(exercise["base_xp"], int) and exercise["base_xp"] > 0, exercise
        assert isinstance(exercise["is_timed"], bool), exercise


def test_timed_and_counted_exercises_are_both_present(client):
    by_id = {e["id"]: e for e in client.get("/api/exercises").json()}

    assert by_id["plank"]["is_timed"] is True
    assert by_id["squat"]["is_timed"] is False
    assert {e["difficulty"] for e in by_id.values()} == {1, 2, 3, 4, 5}


def test_filtering_by_category_returns_exactly_that_category(client):
    everything = client.get("/api/exercises").json()

    response = client.get("/api/exercises", params={"category": "legs"})

    assert response.status_code == 200
    legs = response.json()
    assert legs, "the legs category is empty"
    assert {e["category_id"] for e in legs} == {"legs"}
    assert legs == [e for e in everything if e["category_id"] == "legs"]
    assert "squat" in {e["id"] for e in legs}


def test_an_unknown_category_is_404_category_not_found(client):
    for category in ["dance", "", "LEGS", "legs' OR '1'='1", "le\u0000gs"]:
        response = client.get("/api/exercises", params={"category": category})

        assert response.status_code == 404, category
        assert response.json()["error"]["code"] == "category_not_found", category


def test_an_overlong_category_is_422(client):
    response = client.get("/api/exercises", params={"category": "x" * 51})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_categories_count_their_exercises_and_add_up_to_the_catalogue(client):
    exercises = client.get("/api/exercises").json()

    response = client.get("/api/exercises/categories")

    assert response.status_code == 200
    categories = response.json()
    assert len(categories) >= 6
    assert all(set(c) == {"id", "name", "exercise_count"} for c in categories)
    assert sum(c["exercise_count"] for c in categories) == len(exercises)
    for category in categories:
        in_it = [e for e in exercises if e["category_id"] == category["id"]]
        assert category["exercise_count"] == len(in_it), category["id"]
        filtered = client.get("/api/exercises", params={"category": category["id"]}).json()
        assert len(filtered) == category["exercise_count"], category["id"]


def test_the_catalogue_ignores_any_bearer_token(client):
    anonymous = client.get("/api/exercises").json()
    garbage = {"Authorization": "Bearer not-a-token"}
    other_server = issue_access_token(999, "0" * 32, "a-secret-of-another-server-entirely")
    foreign = {"Authorization": f"Bearer {other_server}"}

    for headers in (garbage, foreign):
        assert client.get("/api/exercises", headers=headers).json() == anonymous
        assert client.get("/api/exercises/categories", headers=headers).status_code == 200
