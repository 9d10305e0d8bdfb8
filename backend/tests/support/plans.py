"""What the database would do with a statement: its query plan as one string."""

from sqlalchemy import Connection, text
from sqlalchemy.sql import ClauseElement


def query_plan(connection: Connection, statement: ClauseElement) -> str:
    """The plan of `statement` (its parameters bound) on the connection's engine.
    On PostgreSQL sequential scans are turned off: the test tables are tiny, and the
    question is which index it would use."""
    query = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    if connection.dialect.name == "sqlite":
        return " ".join(str(row[-1]) for row in connection.execute(text(f"EXPLAIN QUERY PLAN {query}")))
    connection.execute(text("SET enable_seqscan = off"))
    return " ".join(row[0] for row in connection.execute(text(f"EXPLAIN {query}")))
