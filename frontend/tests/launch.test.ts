import { describe, expect, it } from "vitest";

import { pickStartParam } from "../src/telegram/launch";

describe("the Mini App's start parameter", () => {
  it("takes the first well-formed one among Telegram's places for it", () => {
    expect(pickStartParam([undefined, null, "invite_AbC-123", "other"])).toBe("invite_AbC-123");
    expect(pickStartParam(["", "from-url"])).toBe("from-url");
  });

  it("ignores what Telegram would never send", () => {
    expect(pickStartParam(["<script>", "a b", "x".repeat(513)])).toBeNull();
    expect(pickStartParam([])).toBeNull();
  });
});
