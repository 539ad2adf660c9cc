import { customerIdentities, customers } from "@helpdesk/db";
import { findOrCreateCustomer } from "@helpdesk/api/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, uniqueEmail, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe("findOrCreateCustomer", () => {
  test("ten concurrent first contacts from one address make one customer", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.db.transaction((tx) =>
          findOrCreateCustomer(
            tx,
            { kind: "email", value: i % 2 ? email.toUpperCase() : email },
            { name: `Racer ${i}` },
          ),
        ),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const identities = await h.db.select().from(customerIdentities).where(eq(customerIdentities.value, email));
    expect(identities).toHaveLength(1);
    // The losers' provisional customer rows were removed, not left orphaned.
    const named = await h.db.select().from(customers).where(eq(customers.id, results[0]!.id));
    expect(named).toHaveLength(1);
  });

  test("names a customer after the address when no name is given", async () => {
    const email = uniqueEmail("noname");
    const { id } = await h.db.transaction((tx) => findOrCreateCustomer(tx, { kind: "email", value: email }, {}));
    const [row] = await h.db.select().from(customers).where(eq(customers.id, id));
    expect(row!.name).toBe(email.split("@")[0]);
  });
});
