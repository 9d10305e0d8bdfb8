from bodyweight.schemas import Schema


class ExerciseRead(Schema):
    id: str
    name: str
    category_id: str
    description: str
    difficulty: int
    base_xp: int
    is_timed: bool


class CategoryRead(Schema):
    id: str
    name: str
    exercise_count: int
