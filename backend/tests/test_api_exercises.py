"""The exercise catalogue, as the migrations seed it, served without authentication:
filters, search in both languages, one exercise with its ladder."""

import re

import pytest

from bodyweight.auth.tokens import issue_access_token
from bodyweight.exercises.catalogue import EQUIPMENT, MUSCLES, load_exercises

FIELDS = {
    "id",
    "name",
    "category_id",
    "difficulty",
    "base_xp",
    "is_timed",
    "equipment",
    "muscles",
    "easier",
    "harder",
}
RU = {"Accept-Language": "ru"}
EN = {"Accept-Language": "en"}


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
        assert exercise["equipment"] in EQUIPMENT, exercise
        assert exercise["muscles"] and set(exercise["muscles"]) <= MUSCLES, exercise


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
    assert all(set(c) == {"id", "name", "icon", "exercise_count"} for c in categories)
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


def test_the_whole_shipped_catalogue_is_served_category_by_category(client):
    served = client.get("/api/exercises").json()
    position = {c["id"]: n for n, c in enumerate(client.get("/api/exercises/categories").json())}

    assert len(served) == len(load_exercises()) >= 200
    assert {e["id"] for e in served} == {e.slug for e in load_exercises()}
    order = [position[e["category_id"]] for e in served]
    assert order == sorted(order)


def test_names_come_in_the_callers_language(client):
    russian = {e["id"]: e["name"] for e in client.get("/api/exercises", headers=RU).json()}
    english = {e["id"]: e["name"] for e in client.get("/api/exercises", headers=EN).json()}

    assert english["push-up"] == "Push-up"
    assert russian["push-up"] == "Отжимания"
    assert all(re.search("[а-яё]", name, re.IGNORECASE) for name in russian.values())
    response = client.get("/api/exercises/categories", headers=RU)
    assert response.headers["vary"] == "Accept-Language"
    assert {c["id"]: c["name"] for c in response.json()}["static"] == "Статика"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("отжимания", "push-up"),  # Russian, as a player types it
        ("ОТЖИМАНИЯ", "push-up"),  # any case
        ("push up", "push-up"),  # a space for the hyphen
        ("PUSH-UP", "push-up"),
        ("подтягивания", "pull-up"),
        ("планка", "plank"),
        ("подъем", "hanging-leg-raise"),  # е finds ё («подъём»)
        ("подъём", "hanging-leg-raise"),
        ("diamond", "diamond-push-up"),
        ("бёрпи", "burpee"),
        ("берпи", "burpee"),
    ],
)
def test_search_finds_names_in_both_languages(client, query, expected):
    response = client.get("/api/exercises", params={"q": query})

    assert response.status_code == 200
    assert expected in [e["id"] for e in response.json()], query


def test_search_needs_every_word_and_can_find_nothing(client):
    both = [e["id"] for e in client.get("/api/exercises", params={"q": "отжимания алмазные"}).json()]
    none = client.get("/api/exercises", params={"q": "жонглирование"})

    assert both == ["diamond-push-up"]
    assert none.status_code == 200 and none.json() == []


def test_filters_hold_together(client):
    everything = client.get("/api/exercises").json()
    bar = client.get("/api/exercises", params={"equipment": "pull_up_bar"}).json()
    bar_or_nothing = client.get("/api/exercises", params=[("equipment", "pull_up_bar"), ("equipment", "none")]).json()
    easy_bar_back = client.get(
        "/api/exercises",
        params=[("equipment", "pull_up_bar"), ("muscle", "lats"), ("difficulty", "1"), ("difficulty", "2")],
    ).json()

    assert bar and {e["equipment"] for e in bar} == {"pull_up_bar"}
    assert {"pull-up", "dead-hang", "hanging-leg-raise"} <= {e["id"] for e in bar}
    assert [e for e in everything if e["equipment"] in ("pull_up_bar", "none")] == bar_or_nothing
    assert easy_bar_back == [e for e in bar if "lats" in e["muscles"] and e["difficulty"] in (1, 2)] and easy_bar_back
    legs = client.get("/api/exercises", params={"category": "legs", "q": "присед"}).json()
    assert legs and all(e["category_id"] == "legs" for e in legs) and "squat" in {e["id"] for e in legs}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"equipment": "trampoline"}, "equipment.0"),
        ({"muscle": "heart"}, "muscle.0"),
        ({"difficulty": "6"}, "difficulty.0"),
        ({"difficulty": "0"}, "difficulty.0"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_a_filter_outside_its_list_is_a_clear_422(client, params, field):
    response = client.get("/api/exercises", params=params)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["params"]["field"] == field


def test_one_exercise_with_its_instructions_and_whole_ladder(client):
    english = client.get("/api/exercises/push-up", headers=EN)
    russian = client.get("/api/exercises/push-up", headers=RU).json()

    assert english.status_code == 200
    detail = english.json()
    assert set(detail) == FIELDS | {"instructions", "icon", "ladder"}
    assert detail["name"] == "Push-up" and russian["name"] == "Отжимания"
    assert len(detail["instructions"]) >= 150 and len(russian["instructions"]) >= 150
    assert re.search("[а-яё]", russian["instructions"]) and not re.search("[а-яё]", detail["instructions"])
    assert detail["icon"] == "/static/exercises/push.svg"
    assert client.get(detail["icon"]).status_code == 200
    ladder = [step["id"] for step in detail["ladder"]]
    assert ladder.index("push-up") == ladder.index(detail["easier"]) + 1 == ladder.index(detail["harder"]) - 1
    assert ladder[0] == "pushup-wall" and ladder[-1] == "pushup-one-arm"
    assert "diamond-push-up" in ladder and "archer-push-up" in ladder
    difficulties = [step["difficulty"] for step in detail["ladder"]]
    assert difficulties == sorted(difficulties)
    # Every rung names the same ladder.
    for step in detail["ladder"]:
        assert [s["id"] for s in client.get(f"/api/exercises/{step['id']}").json()["ladder"]] == ladder


def test_an_exercise_off_any_ladder_is_its_own_ladder(client):
    loners = [e for e in client.get("/api/exercises").json() if e["easier"] is None and e["harder"] is None]

    assert loners
    detail = client.get(f"/api/exercises/{loners[0]['id']}").json()
    assert [step["id"] for step in detail["ladder"]] == [loners[0]["id"]]


def test_an_unknown_exercise_is_404_exercise_not_found(client):
    for slug in ["moonwalk", "PUSH-UP", "categories-x"]:
        response = client.get(f"/api/exercises/{slug}", headers=RU)

        assert response.status_code == 404, slug
        error = response.json()["error"]
        assert error["code"] == "exercise_not_found" and error["params"] == {"exercise": slug}
        assert slug in error["message"] and "Упражнения" in error["message"]
    assert client.get("/api/exercises/" + "x" * 51).status_code == 422
