"""BodyWeight: a self-hostable, gamified bodyweight-training tracker."""
