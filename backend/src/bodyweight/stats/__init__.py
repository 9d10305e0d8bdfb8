"""The player's training over time, for the stats page's charts."""
