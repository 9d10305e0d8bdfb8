"""An app factory whose worker process dies as it loads, for the supervisor's tests."""

import os


def create_app() -> None:
    os._exit(7)
