"""Writes in flight per player, in this worker.

A write request holds a pooled connection (and on PostgreSQL the player's row
lock) until it commits, so a hundred simultaneous writes from one player would
queue on that lock holding every connection of the pool while other players
wait. Each player may have a few writes in flight per worker; more are refused
at once with 429 and Retry-After, before they take a connection.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from bodyweight.errors import TooManyRequests

RETRY_AFTER_S = 1


class WriteSlots:
    def __init__(self, per_player: int) -> None:
        self.per_player = per_player
        self._in_flight: dict[int, int] = {}

    @contextmanager
    def hold(self, player_id: int) -> Iterator[None]:
        """One of the player's slots for the duration; TooManyRequests when none is
        free. (One event loop per worker: no lock needed between check and count.)"""
        held = self._in_flight.get(player_id, 0)
        if held >= self.per_player:
            raise TooManyRequests(retry_after=RETRY_AFTER_S)
        self._in_flight[player_id] = held + 1
        try:
            yield
        finally:
            left = self._in_flight[player_id] - 1
            if left:
                self._in_flight[player_id] = left
            else:
                del self._in_flight[player_id]

    def in_flight(self, player_id: int) -> int:
        return self._in_flight.get(player_id, 0)
