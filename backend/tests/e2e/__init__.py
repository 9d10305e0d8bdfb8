"""Browser tests of the web app (see conftest.py)."""
