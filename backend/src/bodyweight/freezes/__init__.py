"""Streak freezes in the shop: bought with coins, at most two held."""
