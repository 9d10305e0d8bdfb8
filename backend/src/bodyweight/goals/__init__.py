"""Weekly goals: a target the player picks, progress from their workouts, a reward once a week."""
