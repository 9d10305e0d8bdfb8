"""In-app notifications through the hook other features call, the API that lists
them and marks them read, and the reminder settings on the profile."""

from support.telegram import link_telegram, outbox_rows


def test_a_notice_is_created_once_counted_listed_and_marked_read(world):
    player = world.player()
    other = world.player()
    assert world.notify(player.id, "achievement", {"title": "First workout"}, "achievement:first") is True
    assert world.notify(player.id, "achievement", {"title": "First workout"}, "achievement:first") is False
    assert world.notify(player.id, "friend_request", {"from_name": "<b>Ann</b>"}, "friend:7") is True

    assert world.client.get("/api/notifications/unread", headers=player.headers).json() == {"unread": 2}
    assert world.client.get("/api/notifications/unread", headers=other.headers).json() == {"unread": 0}
    listed = world.client.get("/api/notifications", headers=player.headers).json()
    assert listed["unread"] == 2
    assert [(n["kind"], n["params"], n["read_at"]) for n in listed["items"]] == [
        ("friend_request", {"from_name": "<b>Ann</b>"}, None),
        ("achievement", {"title": "First workout"}, None),
    ]
    first = listed["items"][1]["id"]
    # Someone else's notice is not theirs to mark.
    assert world.client.post("/api/notifications/read", json={"ids": [first]}, headers=other.headers).json() == {
        "unread": 0
    }
    assert world.client.post("/api/notifications/read", json={"ids": [first]}, headers=player.headers).json() == {
        "unread": 1
    }
    for ids in ([0], [2**31], [2**63], [-1], ["x"]):
        response = world.client.post("/api/notifications/read", json={"ids": ids}, headers=player.headers)
        assert response.status_code == 422, ids
        assert response.json()["error"]["code"] == "validation_error"
    assert world.client.get("/api/notifications/unread", headers=player.headers).json() == {"unread": 1}
    assert world.client.post("/api/notifications/read", json={}, headers=player.headers).json() == {"unread": 0}
    assert all(n["read_at"] for n in world.client.get("/api/notifications", headers=player.headers).json()["items"])
    # Nobody here uses Telegram: nothing for the bot to send.
    assert outbox_rows(world.engine) == []


def test_a_notice_goes_to_the_bot_once_for_telegram_players(world):
    player = world.player()
    link_telegram(world.engine, player.id, 6001)
    blocked = world.player()
    link_telegram(world.engine, blocked.id, 6002, bot_messages=False)
    for _ in range(2):
        world.notify(player.id, "goal_reached", {"title": "3 workouts"}, "goal:2026-W10")
        world.notify(blocked.id, "goal_reached", {"title": "3 workouts"}, "goal:2026-W10")
    rows = outbox_rows(world.engine)
    assert [(row.user_id, row.kind, row.dedupe_key, row.status) for row in rows] == [
        (player.id, "goal_reached", "goal:2026-W10", "pending")
    ]


def test_reminder_settings_on_the_profile(world):
    player = world.player()
    me = world.client.get("/api/users/me", headers=player.headers).json()
    assert (me["reminder_time"], me["streak_notice"], me["bot_messages"], me["telegram"]) == (None, False, True, False)
    changed = world.client.patch(
        "/api/users/me", json={"reminder_time": "07:45", "streak_notice": True}, headers=player.headers
    ).json()
    assert (changed["reminder_time"], changed["streak_notice"]) == ("07:45", True)
    # Other changes leave the reminder alone; null turns it off.
    assert (
        world.client.patch("/api/users/me", json={"timezone": "Asia/Tokyo"}, headers=player.headers).json()[
            "reminder_time"
        ]
        == "07:45"
    )
    assert (
        world.client.patch("/api/users/me", json={"reminder_time": None}, headers=player.headers).json()[
            "reminder_time"
        ]
        is None
    )
    refused = world.client.patch("/api/users/me", json={"reminder_time": "24:00"}, headers=player.headers)
    assert refused.status_code == 422


def test_the_profile_says_whether_the_bot_can_write_to_the_player(world):
    player = world.player()
    assert world.client.get("/api/users/me", headers=player.headers).json()["telegram"] is False
    link_telegram(world.engine, player.id, 6003)
    assert world.client.get("/api/users/me", headers=player.headers).json()["telegram"] is True
