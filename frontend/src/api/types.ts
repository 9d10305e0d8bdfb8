// The shapes the app uses, named once, from the types generated out of openapi.json.

import type { components } from "./schema";

type Schemas = components["schemas"];

export type CoinsBreakdown = Schemas["CoinBreakdownRead"];
export type Profile = Schemas["Profile"];
export type ProfileUpdate = Schemas["ProfileUpdate"];
export type TokenResponse = Omit<Schemas["TokenResponse"], "user"> & { user: Profile };
export type Exercise = Schemas["ExerciseRead"];
export type ExerciseDetail = Schemas["ExerciseDetail"];
export type ExerciseRecord = Schemas["ExerciseRecordRead"];
export type Equipment = Exercise["equipment"];
export type Muscle = Exercise["muscles"][number];
export type Category = Schemas["CategoryRead"];
export type Routine = Schemas["RoutineRead"];
export type RoutineStep = Schemas["StepRead"];
export type RoutineWrite = Schemas["RoutineWrite"];
export type StepWrite = Schemas["StepWrite"];
export type Avatar = Schemas["AvatarRead"];
export type PurchaseResult = Schemas["PurchaseResult"];
export type WorkoutCreate = Schemas["WorkoutCreate"];
export type SetCreate = Schemas["SetCreate"];
export type Workout = Schemas["WorkoutRead"];
export type WorkoutSet = Schemas["SetRead"];
export type WorkoutResult = Schemas["WorkoutResult"];
export type LedgerEntry = Schemas["CoinTransactionRead"];
export type Notice = Schemas["NotificationRead"];
export type NoticeList = Schemas["NotificationList"];
export type PlayerRef = Schemas["PlayerRef"];
export type FriendCard = Schemas["PlayerCard"];
export type FriendLists = Schemas["FriendLists"];
export type Relation = Schemas["Relation"];
export type Invite = Schemas["InviteRead"];
export type Board = Schemas["BoardRead"];
export type BoardEntry = Schemas["BoardEntry"];
export type BoardPeriod = Board["period"];
export type BoardScope = Board["scope"];
export type Achievement = Schemas["AchievementRead"];
export type EarnedAchievement = Schemas["EarnedAchievementRead"];
export type StreakFreezes = Schemas["StreakFreezesRead"];
export type FreezePurchase = Schemas["FreezePurchaseResult"];
export type WeeklyGoal = Schemas["WeeklyGoalRead"];
export type GoalMetric = Schemas["WeeklyGoalSet"]["metric"];
export type Stats = Schemas["StatsRead"];
export type NewRecord = Schemas["RecordRead"];
export type Visibility = Schemas["VisibilityRead"]["visibility"];

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}
