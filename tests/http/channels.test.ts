import { randomBytes } from "node:crypto";
import { channels } from "@helpdesk/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";

/** The channel admin API: create, change and read email channels with their IMAP/SMTP credentials. */
let h: Harness;
let admin: SignedIn;
let agent: SignedIn;

beforeAll(async () => {
  h = await createHarness();
  [admin, agent] = await Promise.all([h.signIn("admin"), h.signIn("agent")]);
});
afterAll(() => h?.close());

const imapPassword = "imap-Pa55word-only-in-the-vault";
const smtpPassword = "smtp-Pa55word-only-in-the-vault";
const uniqueAddress = (name = "support") => `${name}-${randomBytes(4).toString("hex")}@acme-channels.test`;

function emailChannel(address = uniqueAddress()) {
  return {
    kind: "email" as const,
    name: "Acme Billing",
    address,
    settings: {
      signature: "Acme Billing team",
      acknowledgement: true,
      imap: { host: "imap.acme-mail.test", username: "billing@acme-mail.test", password: imapPassword },
      smtp: { host: "smtp.acme-mail.test", username: "billing@acme-mail.test", password: smtpPassword },
    },
  };
}

async function create(body: unknown, signedIn: SignedIn = admin) {
  return h.client.api.channels.$post({ json: body as ReturnType<typeof emailChannel> }, { headers: signedIn.headers });
}

/** The stored row as Postgres has it: the settings jsonb as text, the way a database dump would show it. */
async function storedRow(id: string) {
  const [row] = await h.db
    .select({ settings: channels.settings, settingsText: sql<string>`${channels.settings}::text` })
    .from(channels)
    .where(eq(channels.id, id));
  return row!;
}

describe("an admin manages an email channel", () => {
  test("creating one stores the passwords encrypted and never returns them", async () => {
    const input = emailChannel();
    const res = await create(input);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      kind: "email",
      name: "Acme Billing",
      address: input.address,
      active: true,
      imapSync: null,
      settings: {
        signature: "Acme Billing team",
        acknowledgement: true,
        senderLimitPerHour: 30,
        senderName: null,
        imap: {
          host: "imap.acme-mail.test",
          port: 993,
          secure: true,
          username: "billing@acme-mail.test",
          mailbox: "INBOX",
          hasPassword: true,
        },
        smtp: {
          host: "smtp.acme-mail.test",
          port: 587,
          secure: false,
          username: "billing@acme-mail.test",
          hasPassword: true,
        },
      },
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain(imapPassword);
    expect(text).not.toContain(smtpPassword);
    expect(text).not.toMatch(/"password(Encrypted)?"/);

    if (!("id" in body)) throw new Error("expected a channel");
    const row = await storedRow(body.id);
    expect(row.settingsText).not.toContain(imapPassword);
    expect(row.settingsText).not.toContain(smtpPassword);
    const stored = row.settings as { imap: { passwordEncrypted: string }; smtp: { passwordEncrypted: string } };
    expect(stored.imap.passwordEncrypted).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(h.secrets.open(stored.imap.passwordEncrypted)).toBe(imapPassword);
    expect(h.secrets.open(stored.smtp.passwordEncrypted)).toBe(smtpPassword);

    const read = await h.client.api.channels[":id"].$get({ param: { id: body.id } }, { headers: admin.headers });
    expect(read.status).toBe(200);
    const readBody = await read.json();
    expect(readBody).toEqual(body);
    expect(JSON.stringify(readBody)).not.toContain(imapPassword);
  });

  test("changing it without a password keeps the stored one; a new password replaces it; null removes an account", async () => {
    const created = await (await create(emailChannel())).json();
    if (!("id" in created)) throw new Error("expected a channel");
    const before = (await storedRow(created.id)).settings as { imap: { passwordEncrypted: string } };

    const patched = await h.client.api.channels[":id"].$patch(
      {
        param: { id: created.id },
        json: {
          name: "Acme Invoices",
          settings: {
            signature: "Invoices team",
            imap: {
              host: "imap2.acme-mail.test",
              port: 143,
              secure: false,
              username: "billing@acme-mail.test",
              password: null,
            },
          },
        },
      },
      { headers: admin.headers },
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      name: "Acme Invoices",
      settings: {
        signature: "Invoices team",
        // Untouched fields stay as they were.
        acknowledgement: true,
        imap: { host: "imap2.acme-mail.test", port: 143, secure: false, hasPassword: true },
        smtp: { host: "smtp.acme-mail.test", hasPassword: true },
      },
    });
    const kept = (await storedRow(created.id)).settings as { imap: { passwordEncrypted: string } };
    expect(kept.imap.passwordEncrypted).toBe(before.imap.passwordEncrypted);

    await h.client.api.channels[":id"].$patch(
      {
        param: { id: created.id },
        json: {
          settings: {
            imap: {
              host: "imap2.acme-mail.test",
              username: "billing@acme-mail.test",
              password: "a-brand-new-password",
            },
          },
        },
      },
      { headers: admin.headers },
    );
    const replaced = await storedRow(created.id);
    expect(replaced.settingsText).not.toContain("a-brand-new-password");
    expect(h.secrets.open((replaced.settings as { imap: { passwordEncrypted: string } }).imap.passwordEncrypted)).toBe(
      "a-brand-new-password",
    );

    const removed = await h.client.api.channels[":id"].$patch(
      { param: { id: created.id }, json: { active: false, settings: { smtp: null } } },
      { headers: admin.headers },
    );
    expect(await removed.json()).toMatchObject({
      active: false,
      settings: { smtp: null, imap: { hasPassword: true } },
    });
    expect((await storedRow(created.id)).settings).not.toHaveProperty("smtp");
  });

  test("agents still list channels in the same shape, and see no settings", async () => {
    const created = await (await create(emailChannel())).json();
    const res = await h.client.api.channels.$get({}, { headers: agent.headers });
    expect(res.status).toBe(200);
    const body = await res.json();
    if (!("items" in body)) throw new Error("expected a list");
    const listed = body.items.find((c) => "id" in created && c.id === created.id);
    expect(listed).toEqual({
      id: (created as { id: string }).id,
      kind: "email",
      name: "Acme Billing",
      address: (created as { address: string }).address,
      active: true,
    });
  });
});

describe("who may", () => {
  test.each([
    ["create a channel", (s: SignedIn) => create(emailChannel(), s)],
    [
      "read a channel's settings",
      (s: SignedIn) => h.client.api.channels[":id"].$get({ param: { id: "chn_any" } }, { headers: s.headers }),
    ],
    [
      "change a channel",
      (s: SignedIn) =>
        h.client.api.channels[":id"].$patch(
          { param: { id: "chn_any" }, json: { name: "Mine now" } },
          { headers: s.headers },
        ),
    ],
  ])("an agent may not %s (403); nobody signed out may (401)", async (_, call) => {
    const asAgent = await call(agent);
    expect(asAgent.status).toBe(403);
    expect(await asAgent.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    const lead = await h.signIn("lead");
    expect((await call(lead)).status).toBe(403);
    const signedOut = await call({ ...agent, headers: { authorization: "Bearer not-a-session" } });
    expect(signedOut.status).toBe(401);
  });
});

describe("bad input", () => {
  test.each([
    ["an address that is no e-mail address", { ...emailChannel(), address: "support at acme" }, ["address"]],
    ["no name", { ...emailChannel(), name: "" }, ["name"]],
    ["a kind that cannot be created here", { ...emailChannel(), kind: "fax" }, ["kind"]],
    [
      "an IMAP port out of range",
      { ...emailChannel(), settings: { imap: { host: "imap.test", username: "u", password: "p", port: 70000 } } },
      ["settings", "imap", "port"],
    ],
    [
      "an IMAP account without its password",
      { ...emailChannel(), settings: { imap: { host: "imap.test", username: "u" } } },
      ["settings", "imap", "password"],
    ],
    [
      "an SMTP login without its password",
      { ...emailChannel(), settings: { smtp: { host: "smtp.test", username: "u" } } },
      ["settings", "smtp", "password"],
    ],
  ])("%s is refused with 400 and says where", async (_, body, path) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    const error = (await res.json()) as unknown as {
      error: { code: string; message: string; details: { path: (string | number)[] }[] };
    };
    expect(error.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.any(String) });
    expect(error.error.details.map((d) => d.path)).toContainEqual(path);
  });

  test("a change of address is checked by the channel's kind", async () => {
    const created = (await (await create(emailChannel())).json()) as { id: string };
    const res = await h.client.api.channels[":id"].$patch(
      { param: { id: created.id }, json: { address: "not-an-address" } },
      { headers: admin.headers },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", details: [{ path: ["address"] }] } });
    const empty = await h.client.api.channels[":id"].$patch(
      { param: { id: created.id }, json: {} },
      { headers: admin.headers },
    );
    expect(empty.status).toBe(400);
  });

  test("an address another email channel uses is a 409, ignoring case and +tags", async () => {
    const address = uniqueAddress("sales");
    expect((await create(emailChannel(address))).status).toBe(201);
    const twin = await create(emailChannel(address.replace("sales-", "SALES-").replace("@", "+eu@")));
    expect(twin.status).toBe(409);
    expect(await twin.json()).toMatchObject({
      error: { code: "CHANNEL_ADDRESS_TAKEN", message: expect.stringContaining("already uses") },
    });

    const other = (await (await create(emailChannel())).json()) as { id: string };
    const moved = await h.client.api.channels[":id"].$patch(
      { param: { id: other.id }, json: { address } },
      { headers: admin.headers },
    );
    expect(moved.status).toBe(409);
  });

  test("an unknown channel is a 404", async () => {
    const res = await h.client.api.channels[":id"].$get({ param: { id: "chn_missing" } }, { headers: admin.headers });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "CHANNEL_NOT_FOUND" } });
  });
});

test("the OpenAPI document describes the channel routes", async () => {
  const res = await h.app.request("/api/openapi.json");
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  expect(Object.keys(doc.paths["/api/channels"] ?? {}).sort()).toEqual(["get", "post"]);
  expect(Object.keys(doc.paths["/api/channels/{id}"] ?? {}).sort()).toEqual(["get", "patch"]);
});
