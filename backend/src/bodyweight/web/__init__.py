"""The player's web app: HTML pages that play the game through the JSON API."""
