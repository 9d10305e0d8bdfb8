"""The Telegram bot (bot.py), its webhook (router.py), the messages it sends
(messages.py), reminders (reminders.py), the outbox (outbox.py) and the one
process that schedules and sends them (worker.py, `bodyweight worker`)."""
