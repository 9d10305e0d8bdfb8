"""BodyWeight's benchmark: purchases, workouts and reads under load on PostgreSQL,
against the raw-SQL limit measured in the same run. Run `python -m bench` from
backend/ (see bench/run.py); the results go to docs/benchmarks.md."""
