"""Create the game schema: players, the exercise catalogue, workouts, the coin ledger.

Everything the game needs except the avatar purchases, which 67aca3c3bf83 adds.
The exercise catalogue is seeded here; later changes to it are new revisions.

Revision ID: f91f0456139b
Revises:
Create Date: 2026-11-24 00:22:16
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bodyweight.dbops.adopt import refuse_if_created_outside_migrations

revision: str = "f91f0456139b"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CATEGORIES = [
    # id, name
    ("push", "Push"),
    ("pull", "Pull"),
    ("legs", "Legs"),
    ("core", "Core"),
    ("cardio", "Cardio"),
    ("mobility", "Mobility"),
    ("skills", "Skills"),
]

EXERCISES = [
    # id, category, name, difficulty 1..5, base XP, timed, description
    ("knee-push-up", "push", "Knee Push-up", 1, 6, False, "Push-up from the knees; body straight from knees to head."),
    ("incline-push-up", "push", "Incline Push-up", 1, 7, False, "Hands on a bench or table, body straight."),
    ("push-up", "push", "Push-up", 2, 10, False, "Chest to a fist's height from the floor, elbows at 45 degrees."),
    ("wide-push-up", "push", "Wide Push-up", 2, 10, False, "Hands wider than the shoulders."),
    ("bench-dip", "push", "Bench Dip", 2, 9, False, "Hands on a bench behind you, lower until the elbows reach 90 degrees."),
    ("decline-push-up", "push", "Decline Push-up", 3, 12, False, "Feet raised on a bench or step."),
    ("diamond-push-up", "push", "Diamond Push-up", 3, 13, False, "Thumbs and index fingers touching under the chest."),
    ("pike-push-up", "push", "Pike Push-up", 3, 14, False, "Hips high, lower the head towards the floor."),
    ("parallel-bar-dip", "push", "Parallel Bar Dip", 3, 15, False, "On parallel bars, lower until the shoulders pass the elbows."),
    ("archer-push-up", "push", "Archer Push-up", 4, 18, False, "One arm bends while the other stays straight out to the side."),
    ("handstand-push-up", "push", "Handstand Push-up", 5, 25, False, "Against a wall, head to the floor and back up."),
    ("door-frame-row", "pull", "Door Frame Row", 1, 6, False, "Hold a door frame and pull the chest towards it."),
    ("australian-row", "pull", "Australian Row", 2, 10, False, "Under a low bar, body straight, pull the chest to the bar."),
    ("negative-pull-up", "pull", "Negative Pull-up", 3, 14, False, "Jump to the top and lower yourself slowly."),
    ("chin-up", "pull", "Chin-up", 3, 18, False, "Palms facing you, chin over the bar."),
    ("pull-up", "pull", "Pull-up", 4, 20, False, "Palms facing away, chin over the bar from a dead hang."),
    ("muscle-up", "pull", "Muscle-up", 5, 30, False, "Pull-up that transitions over the bar into a dip."),
    ("glute-bridge", "legs", "Glute Bridge", 1, 5, False, "On your back, drive the hips up."),
    ("calf-raise", "legs", "Calf Raise", 1, 4, False, "Rise onto the toes and lower slowly."),
    ("squat", "legs", "Squat", 1, 6, False, "Hips below the knees, heels down."),
    ("step-up", "legs", "Step-up", 1, 6, False, "Step onto a sturdy box or stair, alternating legs."),
    ("lunge", "legs", "Lunge", 2, 8, False, "Back knee just above the floor, alternating legs."),
    ("single-leg-glute-bridge", "legs", "Single-leg Glute Bridge", 2, 9, False, "A glute bridge on one leg."),
    ("jump-squat", "legs", "Jump Squat", 2, 10, False, "Squat, then jump as high as you can."),
    ("wall-sit", "legs", "Wall Sit", 2, 8, True, "Back against a wall, thighs parallel to the floor."),
    ("bulgarian-split-squat", "legs", "Bulgarian Split Squat", 3, 13, False, "Rear foot on a bench, front leg does the work."),
    ("nordic-curl", "legs", "Nordic Curl", 5, 24, False, "Kneel with the heels held, lower the body forwards slowly."),
    ("pistol-squat", "legs", "Pistol Squat", 5, 25, False, "A full squat on one leg, the other held out in front."),
    ("crunch", "core", "Crunch", 1, 4, False, "Curl the shoulders off the floor."),
    ("sit-up", "core", "Sit-up", 1, 5, False, "From lying to sitting, feet on the floor."),
    ("russian-twist", "core", "Russian Twist", 2, 7, False, "Seated, feet up, rotate the torso side to side."),
    ("mountain-climber", "core", "Mountain Climber", 2, 8, False, "In a plank, drive the knees to the chest in turn."),
    ("plank", "core", "Plank", 2, 8, True, "On the forearms, body in one straight line."),
    ("leg-raise", "core", "Leg Raise", 2, 9, False, "Lying on your back, raise straight legs to vertical."),
    ("side-plank", "core", "Side Plank", 2, 9, True, "On one forearm, hips high."),
    ("v-up", "core", "V-up", 3, 12, False, "Raise legs and torso together to touch the toes."),
    ("hollow-body-hold", "core", "Hollow Body Hold", 3, 12, True, "Lower back pressed down, arms and legs off the floor."),
    ("hanging-leg-raise", "core", "Hanging Leg Raise", 4, 18, False, "Hanging from a bar, raise straight legs to the bar's height."),
    ("jumping-jack", "cardio", "Jumping Jack", 1, 3, False, "Jump feet apart with arms overhead, and back."),
    ("high-knees", "cardio", "High Knees", 1, 4, True, "Run in place, knees to hip height."),
    ("skater-jump", "cardio", "Skater Jump", 2, 8, False, "Leap sideways from one leg to the other."),
    ("bear-crawl", "cardio", "Bear Crawl", 2, 10, True, "On hands and feet, knees just off the floor, crawl."),
    ("tuck-jump", "cardio", "Tuck Jump", 3, 12, False, "Jump and pull the knees to the chest."),
    ("burpee", "cardio", "Burpee", 3, 14, False, "Squat, kick back to a push-up, return and jump."),
    ("bird-dog", "mobility", "Bird Dog", 1, 4, False, "On all fours, extend the opposite arm and leg."),
    ("deep-squat-hold", "mobility", "Deep Squat Hold", 1, 4, True, "Sit in the bottom of a squat, heels down."),
    ("superman", "mobility", "Superman", 1, 5, False, "Face down, lift arms and legs off the floor."),
    ("dead-hang", "mobility", "Dead Hang", 2, 8, True, "Hang from a bar with straight arms."),
    ("wheel-bridge", "mobility", "Wheel Bridge", 4, 16, True, "Back bend pushed up from the floor on hands and feet."),
    ("frog-stand", "skills", "Frog Stand", 3, 12, True, "Knees on the elbows, balance on the hands."),
    ("crow-pose", "skills", "Crow Pose", 4, 16, True, "Knees on the backs of the arms, feet off the floor."),
    ("l-sit", "skills", "L-sit", 4, 18, True, "Support on the hands with straight legs held level."),
    ("handstand-hold", "skills", "Handstand Hold", 5, 22, True, "Balance upside down, against a wall or free."),
    ("human-flag", "skills", "Human Flag", 5, 30, True, "Hold the body out sideways from a vertical pole."),
]


def category_rows() -> list[dict]:
    return [{"id": id_, "name": name, "position": n} for n, (id_, name) in enumerate(CATEGORIES)]


def exercise_rows() -> list[dict]:
    return [
        {
            "id": id_, "category_id": category, "name": name, "difficulty": difficulty,
            "base_xp": base_xp, "is_timed": timed, "description": description, "position": n,
        }
        for n, (id_, category, name, difficulty, base_xp, timed, description) in enumerate(EXERCISES)
    ]


def upgrade() -> None:
    if not op.get_context().as_sql:  # offline SQL has no database to look at
        refuse_if_created_outside_migrations(op.get_bind())
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("telegram_id", sa.BigInteger(), nullable=True),
        sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False),
        sa.Column("level", sa.Integer(), server_default="1", nullable=False),
        sa.Column("total_xp", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("coins", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("current_streak", sa.Integer(), server_default="0", nullable=False),
        sa.Column("max_streak", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_workout_date", sa.Date(), nullable=True),
        sa.Column("daily_coins_date", sa.Date(), nullable=True),
        sa.Column("daily_coins_earned", sa.Integer(), server_default="0", nullable=False),
        sa.Column("avatar_id", sa.String(length=50), server_default="shadow-wolf", nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("coins >= 0", name=op.f("ck_users_coins_non_negative")),
        sa.CheckConstraint("total_xp >= 0", name=op.f("ck_users_total_xp_non_negative")),
        sa.CheckConstraint("level >= 1", name=op.f("ck_users_level_positive")),
        sa.CheckConstraint("current_streak >= 0", name=op.f("ck_users_current_streak_non_negative")),
        sa.CheckConstraint("max_streak >= current_streak", name=op.f("ck_users_max_streak_is_best")),
        sa.CheckConstraint("daily_coins_earned >= 0", name=op.f("ck_users_daily_coins_non_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.UniqueConstraint("telegram_id", name=op.f("uq_users_telegram_id")),
    )
    op.create_table(
        "coin_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("balance_after", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("amount <> 0", name=op.f("ck_coin_transactions_amount_non_zero")),
        sa.CheckConstraint(
            "balance_after >= 0", name=op.f("ck_coin_transactions_balance_after_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_coin_transactions_user_id_users"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coin_transactions")),
    )
    op.create_index("ix_coin_transactions_user_id_id", "coin_transactions", ["user_id", "id"])
    op.create_table(
        "idempotency_keys",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_idempotency_keys_user_id_users"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "key", name=op.f("pk_idempotency_keys")),
    )

    categories = op.create_table(
        "exercise_categories",
        sa.Column("id", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_categories")),
    )
    exercises = op.create_table(
        "exercises",
        sa.Column("id", sa.String(length=50), nullable=False),
        sa.Column("category_id", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("difficulty", sa.Integer(), nullable=False),
        sa.Column("base_xp", sa.Integer(), nullable=False),
        sa.Column("is_timed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("difficulty BETWEEN 1 AND 5", name=op.f("ck_exercises_difficulty_range")),
        sa.CheckConstraint("base_xp > 0", name=op.f("ck_exercises_base_xp_positive")),
        sa.ForeignKeyConstraint(
            ["category_id"], ["exercise_categories.id"],
            name=op.f("fk_exercises_category_id_exercise_categories"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercises")),
    )
    op.create_index(op.f("ix_exercises_category_id"), "exercises", ["category_id"])
    op.bulk_insert(categories, category_rows())
    op.bulk_insert(exercises, exercise_rows())

    op.create_table(
        "workouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("xp_earned", sa.Integer(), nullable=False),
        sa.Column("coins_earned", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("finished_at >= started_at", name=op.f("ck_workouts_finishes_after_start")),
        sa.CheckConstraint("xp_earned >= 0", name=op.f("ck_workouts_xp_non_negative")),
        sa.CheckConstraint("coins_earned >= 0", name=op.f("ck_workouts_coins_non_negative")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_workouts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workouts")),
    )
    op.create_index("ix_workouts_user_id_finished_at", "workouts", ["user_id", "finished_at"])
    op.create_table(
        "workout_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=50), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("xp", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(reps IS NULL) <> (seconds IS NULL)", name=op.f("ck_workout_sets_reps_xor_seconds")
        ),
        sa.CheckConstraint("reps BETWEEN 1 AND 1000", name=op.f("ck_workout_sets_reps_range")),
        sa.CheckConstraint("seconds BETWEEN 1 AND 3600", name=op.f("ck_workout_sets_seconds_range")),
        sa.CheckConstraint("xp >= 0", name=op.f("ck_workout_sets_xp_non_negative")),
        sa.ForeignKeyConstraint(
            ["workout_id"], ["workouts.id"],
            name=op.f("fk_workout_sets_workout_id_workouts"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercises.id"], name=op.f("fk_workout_sets_exercise_id_exercises")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workout_sets")),
    )
    op.create_index(op.f("ix_workout_sets_workout_id"), "workout_sets", ["workout_id"])


def downgrade() -> None:
    op.drop_table("workout_sets")
    op.drop_table("workouts")
    op.drop_table("exercises")
    op.drop_table("exercise_categories")
    op.drop_table("idempotency_keys")
    op.drop_table("coin_transactions")
    op.drop_table("users")
