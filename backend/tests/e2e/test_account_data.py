"""Settings: download one's data (JSON, CSV) and delete the account for good, in
English and in Russian."""

import csv
import json
from datetime import timedelta

from playwright.sync_api import Page, expect

from e2e.browsing import screenshot, sign_in, stored_token
from e2e.live_server import LiveApp
from support.clock import reps, workout
from support.ownership import references_to

PASSWORD = "correct horse battery"


def test_download_the_data_then_delete_the_account(app_on_each_engine: LiveApp, phone: Page):
    world = app_on_each_engine.world
    player = world.player(coins=40)
    body = workout(timedelta(hours=1), 20, reps("push-up", 15))
    logged = world.client.post("/api/workouts", json=body, headers=player.headers)
    assert logged.status_code == 201, logged.text
    sign_in(phone, app_on_each_engine.address, player)
    phone.goto(f"{app_on_each_engine.address}/settings")

    data = phone.locator("[data-export]")
    with phone.expect_download() as waiting:
        data.get_by_role("button", name="Download all my data (JSON)").click()
    exported = json.loads(waiting.value.path().read_text(encoding="utf-8"))
    assert exported["account"]["username"] == player.username
    assert [s["reps"] for w in exported["workouts"] for s in w["sets"]] == [15]
    assert sum(row["amount"] for row in exported["coin_transactions"]) == exported["account"]["coins"]

    with phone.expect_download() as waiting:
        data.get_by_role("button", name="Download my sets (CSV)").click()
    with waiting.value.path().open(encoding="utf-8", newline="") as sets:
        rows = list(csv.DictReader(sets))
    assert [(r["exercise_id"], r["reps"]) for r in rows] == [("push-up", "15")]

    danger = phone.locator("[data-delete-account]")
    danger.get_by_role("button", name="Delete my account…").click()
    danger.get_by_label("Your password, to confirm").fill("not my password")
    danger.get_by_role("button", name="Delete for good").click()
    expect(danger.get_by_role("alert")).to_have_text("That password is not right, so nothing was deleted.")
    assert world.user(player).id == player.id
    screenshot(phone, "phone-en-delete-account")

    danger.get_by_label("Your password, to confirm").fill(PASSWORD)
    danger.get_by_role("button", name="Delete for good").click()
    expect(phone.locator("[data-toast] p")).to_have_text("Your account and all its data are deleted.")
    expect(phone).to_have_url(f"{app_on_each_engine.address}/signin")
    assert stored_token(phone) is None
    assert references_to(world.engine, player.id) == {}
    assert world.client.get("/api/users/me", headers=player.headers).status_code == 401


def test_in_russian_the_account_can_be_kept_or_deleted(live_app: LiveApp, russian_phone: Page):
    player = live_app.world.player(locale="ru")
    sign_in(russian_phone, live_app.address, player)
    russian_phone.goto(f"{live_app.address}/settings")
    danger = russian_phone.locator("[data-delete-account]")
    expect(danger.get_by_role("heading")).to_have_text("Удаление аккаунта")
    expect(
        russian_phone.locator("[data-export]").get_by_role("button", name="Скачать все мои данные (JSON)")
    ).to_be_visible()

    danger.get_by_role("button", name="Удалить аккаунт…").click()
    danger.get_by_role("button", name="Оставить аккаунт").click()
    danger.get_by_role("button", name="Удалить аккаунт…").click()
    danger.get_by_label("Ваш пароль для подтверждения").fill(PASSWORD)
    danger.get_by_role("button", name="Удалить навсегда").click()
    expect(russian_phone.locator("[data-toast] p")).to_have_text("Ваш аккаунт и все его данные удалены.")
    assert references_to(live_app.world.engine, player.id) == {}
