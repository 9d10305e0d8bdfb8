// The shapes the app uses, named once, from the types generated out of openapi.json.

import type { Locale } from "../i18n/types";
import type { components } from "./schema";

type Schemas = components["schemas"];

/**
 * Fields the server is gaining with issue 10 (locale on the profile, the reward's
 * before-and-after numbers). Optional until openapi.json has them; then they come
 * from the schema and this overlay shrinks.
 */
interface ProfileSoon { locale?: Locale }
interface WorkoutResultSoon {
  xp_before?: number;
  level_before?: number;
  level_xp?: number;
  next_level_xp?: number;
  streak_before?: number;
  coins_breakdown?: CoinsBreakdown;
  daily_coin_cap?: number;
  coins_earned_today?: number;
}

export interface CoinsBreakdown {
  from_xp: number;
  streak_bonus: number;
  long_workout_bonus: number;
  level_bonus: number;
  cut_by_daily_cap: number;
}

export type Profile = Schemas["Profile"] & ProfileSoon;
export type ProfileUpdate = Schemas["ProfileUpdate"] & { locale?: Locale };
export type TokenResponse = Omit<Schemas["TokenResponse"], "user"> & { user: Profile };
export type Exercise = Schemas["ExerciseRead"];
export type Category = Schemas["CategoryRead"];
export type Avatar = Schemas["AvatarRead"];
export type PurchaseResult = Schemas["PurchaseResult"];
export type WorkoutCreate = Schemas["WorkoutCreate"];
export type SetCreate = Schemas["SetCreate"];
export type Workout = Schemas["WorkoutRead"];
export type WorkoutSet = Schemas["SetRead"];
export type WorkoutResult = Schemas["WorkoutResult"] & WorkoutResultSoon;
export type LedgerEntry = Schemas["CoinTransactionRead"];

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}
