// Whether the shop can sell one more streak freeze, from the server's count and price.

export type FreezeStanding = "for-sale" | "full" | "too-expensive";

export function freezeStanding(held: number, maxHeld: number, price: number, coins: number): FreezeStanding {
  if (held >= maxHeld) return "full";
  return coins >= price ? "for-sale" : "too-expensive";
}
