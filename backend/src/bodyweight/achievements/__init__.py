"""Achievements: shipped milestones (data/achievements.toml), awarded by the server once
each, in the transaction that earns them, and paid through the ledger."""
