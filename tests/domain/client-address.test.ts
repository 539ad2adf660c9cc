import { describe, expect, test } from "vitest";
import { clientAddress } from "../../api/src/http-shared/client-address.ts";

describe("the client's address for per-IP limits", () => {
  test("without a trusted proxy the header is ignored: a client could name any address", () => {
    expect(clientAddress("203.0.113.7", "198.51.100.1", false)).toBe("203.0.113.7");
  });

  test("behind our proxy the address it appended (the right-most) counts, not what the client claimed", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.1, 203.0.113.7", true)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.2", ["198.51.100.1", "203.0.113.9 "], true)).toBe("203.0.113.9");
  });

  test("falls back to the connection's address, or says it does not know", () => {
    expect(clientAddress("10.0.0.2", " , ", true)).toBe("10.0.0.2");
    expect(clientAddress(undefined, undefined, true)).toBe("unknown");
  });
});
