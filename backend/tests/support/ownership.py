"""What refers to a player, found from the live schema's foreign keys (every
table, not a list kept by hand)."""

from sqlalchemy import Engine, and_, column, exists, func, inspect, select, table


def references_to(engine: Engine, player_id: int) -> dict[str, int]:
    """Rows that still point at the player, per table: directly (a foreign key into
    users holding the id) or through a row that is gone (any foreign key, anywhere,
    whose parent row no longer exists). Empty when the player is wholly erased."""
    found: dict[str, int] = {}
    with engine.connect() as connection:
        inspector = inspect(connection)
        for name in inspector.get_table_names():
            for key in inspector.get_foreign_keys(name):
                child = table(name, *(column(c) for c in key["constrained_columns"]))
                # Aliased, so a table that refers to itself (exercise ladders) compares
                # a child row with another row, not with itself.
                parent = table(key["referred_table"], *(column(c) for c in key["referred_columns"])).alias("parent")
                pairs = list(zip(key["constrained_columns"], key["referred_columns"], strict=True))
                if key["referred_table"] == "users":
                    direct = and_(*(child.c[mine] == player_id for mine, _ in pairs))
                    count = connection.scalar(select(func.count()).select_from(child).where(direct))
                    if count:
                        found[f"{name} -> users"] = count
                dangling = and_(
                    *(child.c[mine].is_not(None) for mine, _ in pairs),
                    ~exists().where(and_(*(parent.c[theirs] == child.c[mine] for mine, theirs in pairs))),
                )
                count = connection.scalar(select(func.count()).select_from(child).where(dangling))
                if count:
                    found[f"{name} -> {key['referred_table']} (dangling)"] = count
    return found


def tables_referring_to_users(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        inspector = inspect(connection)
        return {
            name
            for name in inspector.get_table_names()
            if any(key["referred_table"] == "users" for key in inspector.get_foreign_keys(name))
        }
