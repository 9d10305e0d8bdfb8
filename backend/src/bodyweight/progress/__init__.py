"""The player's game state: XP, level, streaks and the daily coin cap."""
