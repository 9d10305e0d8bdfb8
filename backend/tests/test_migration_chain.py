"""The revision chain: one head, every step reversible, models in step with it."""

import re

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bodyweight.config import BACKEND_DIR
from bodyweight.migrations import alembic_config, current_revisions, script_directory
from bodyweight.models import Base
from support.schema import PURCHASES_REVISION, chain, downgrade, migrate, snapshot


def test_one_linear_chain_with_one_head():
    script = script_directory()
    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1
    for revision in script.walk_revisions():
        assert not revision.is_merge_point, f"{revision.revision} merges branches"
        assert not revision.is_branch_point, f"{revision.revision} branches"


def test_purchases_revision_is_where_the_guide_says():
    path = BACKEND_DIR / "alembic/versions/67aca3c3bf83_add_user_avatar_purchases_table.py"
    assert path.is_file()
    assert script_directory().get_revision(PURCHASES_REVISION).path == str(path)
    # The head of the first release; later revisions follow it in the one chain.
    assert PURCHASES_REVISION in chain()[1:]


def test_every_revision_file_is_named_after_its_id():
    for revision in script_directory().walk_revisions():
        assert re.fullmatch(rf"{revision.revision}_[a-z0-9_]+\.py", revision.path.rsplit("/", 1)[1])


def test_upgrade_from_empty_to_head(engine, database_url):
    migrate(database_url)
    with engine.connect() as connection:
        assert current_revisions(connection) == (chain()[-1],)
    tables = set(snapshot(database_url))
    assert {
        "users",
        "exercise_categories",
        "exercises",
        "workouts",
        "workout_sets",
        "coin_transactions",
        "idempotency_keys",
        "user_avatar_purchases",
    } <= tables


def test_models_match_migrations_at_head(migrated_engine, migrated_url):
    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    command.check(alembic_config(migrated_url))  # what `alembic check` runs


@pytest.mark.parametrize("revision", chain())
def test_revision_upgrades_downgrades_and_upgrades_again(database_url, revision):
    previous = script_directory().get_revision(revision).down_revision or "base"
    migrate(database_url, previous)
    before = snapshot(database_url)
    migrate(database_url, revision)
    after = snapshot(database_url)
    if getattr(script_directory().get_revision(revision).module, "DATA_ONLY", False):
        assert after == before, f"{revision} says it changes only data"
    else:
        assert after != before, f"{revision} changed nothing"

    downgrade(database_url, previous)
    assert snapshot(database_url) == before, f"downgrading {revision} left the schema changed"

    migrate(database_url, revision)
    assert snapshot(database_url) == after, f"re-applying {revision} built another schema"
