import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createUser } from "@helpdesk/api/domain";
import { channels, newId } from "@helpdesk/db";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/browser.ts";
import { startBrowserWorld } from "../support/e2e.ts";
import { eventually } from "../support/eventually.ts";

/**
 * Live chat end to end in Chromium: a plain third-party page on another origin embeds the widget with one
 * script tag; a visitor chats; an agent in a second browser context sees the chat arrive in the inbox, sees
 * the visitor typing and where they are, and answers; the visitor gets the answer live; a reload restores the
 * conversation. The host page's hostile CSS must not reach into the widget, nor the widget's into the page.
 */
let world: Awaited<ReturnType<typeof startBrowserWorld>>;
let host: Server;
let hostPort: number;
let channelId: string;
const brand = "#0f766e";

// Everything a careless (or hostile) site might do to elements it does not own.
const hostPage = (helpdesk: string, channel: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Garden Supplies</title>
  <style>
    * { color: rgb(255, 0, 0) !important; font-size: 40px !important; font-family: "Comic Sans MS", cursive !important; }
    button { background: yellow !important; border: 6px solid lime !important; }
    body { margin: 24px; background: #fff8e7; }
  </style>
</head>
<body>
  <h1 class="host-title">Garden Supplies</h1>
  <p class="host-text">Spades, rakes and seeds.</p>
  <button type="button" id="to-pricing" onclick="history.pushState({}, '', '/pricing'); document.title = 'Pricing · Garden Supplies'">Pricing</button>
  <script src="${helpdesk}/widget.js" data-channel="${channel}" async></script>
</body>
</html>`;

beforeAll(async () => {
  world = await startBrowserWorld({
    user: { email: "chat.agent@example.test", name: "Erin Agent", role: "agent", password: "e2e-password" },
  });
  channelId = newId("channel");
  host = createServer((req, res) => {
    const channel = new URL(req.url ?? "/", "http://host").searchParams.get("channel") ?? channelId;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(hostPage(world.server.url, channel));
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostPort = (host.address() as AddressInfo).port;
  const now = new Date();
  await world.server.deps.db.insert(channels).values({
    id: channelId,
    kind: "web_chat",
    name: "Garden chat",
    address: `http://127.0.0.1:${hostPort}`,
    active: true,
    // Only the host page's origin: the same page under http://localhost:<port> is another site.
    settings: {
      allowedOrigins: [`http://127.0.0.1:${hostPort}`],
      greeting: "Hi! Ask us about anything green.",
      color: brand,
    },
    createdAt: now,
    updatedAt: now,
  });
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => host?.close(resolve));
  await world?.close();
});

const widget = (page: Page) => page.locator("helpdesk-widget");
/** A message bubble in the widget's log (Playwright's CSS locators pierce the open shadow root). */
const bubble = (page: Page, text: string) =>
  page.locator("helpdesk-widget .log li:not(.pending) .bubble", { hasText: text });

describe("live chat in Chromium", () => {
  test("the widget script is served to any site, small and cacheable", async () => {
    const response = await fetch(`${world.server.url}/widget.js`, {
      headers: { origin: "https://elsewhere.example", "accept-encoding": "gzip" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cache-control")).toContain("max-age");
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.byteLength).toBeGreaterThan(10_000);
  });

  test("a visitor chats from another site; an agent sees it live, answers, and the visitor gets the answer", async () => {
    const hostUrl = `http://127.0.0.1:${hostPort}/`;
    const agentContext: BrowserContext = await world.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const visitorContext: BrowserContext = await world.browser.newContext({ viewport: { width: 1100, height: 820 } });
    const agent = await agentContext.newPage();
    const visitor = await visitorContext.newPage();
    const errors: string[] = [];
    agent.on("pageerror", (e) => errors.push(`agent: ${e.message}`));
    visitor.on("pageerror", (e) => errors.push(`visitor: ${e.message}`));

    // The agent is online first, so the widget says someone is there.
    await world.signIn(agent, "/tickets", /\/tickets\?/);
    await eventually(async () => expect(await agent.locator("nav span.live.on").count()).toBe(1));

    await visitor.goto(hostUrl);
    const launcher = visitor.getByRole("button", { name: "Open chat" });
    await eventually(async () => expect(await launcher.count()).toBe(1));

    // The widget did not restyle the page: the page's own (hostile) rules still hold, and nothing was added to its styles.
    const hostStyles = await visitor.evaluate(() => {
      const text = getComputedStyle(document.querySelector(".host-text")!);
      return {
        color: text.color,
        fontSize: text.fontSize,
        sheets: document.styleSheets.length,
        bodyMargin: getComputedStyle(document.body).margin,
      };
    });
    expect(hostStyles).toEqual({ color: "rgb(255, 0, 0)", fontSize: "40px", sheets: 1, bodyMargin: "24px" });

    await launcher.click();
    const message = visitor.getByRole("textbox", { name: "Message", exact: true });
    await eventually(async () => expect(await message.isVisible()).toBe(true));
    await eventually(async () =>
      expect(await visitor.locator("helpdesk-widget header").getByText("We are online").count()).toBe(1),
    );
    // The host page's CSS did not reach into the widget.
    const inside = await visitor.evaluate(() => {
      const root = document.querySelector("helpdesk-widget")!.shadowRoot!;
      const greeting = getComputedStyle(root.querySelector(".greeting .bubble")!);
      const launcherStyle = getComputedStyle(root.querySelector(".launcher")!);
      return {
        color: greeting.color,
        fontSize: greeting.fontSize,
        fontFamily: greeting.fontFamily,
        launcher: launcherStyle.backgroundColor,
        border: launcherStyle.borderTopWidth,
      };
    });
    expect(inside.color).not.toBe("rgb(255, 0, 0)");
    expect(inside.fontSize).toBe("14px");
    expect(inside.fontFamily).not.toContain("Comic Sans");
    expect(inside.launcher).toBe("rgb(15, 118, 110)");
    expect(inside.border).toBe("0px");

    // Before the chat: the knowledge base, searched across origins (nothing is published in this world).
    await visitor.getByRole("searchbox", { name: "Search help articles" }).fill("roses");
    await eventually(async () =>
      expect(await widget(visitor).getByText("No articles found. Ask us in the chat below.").isVisible()).toBe(true),
    );
    await visitor.screenshot({ path: artifactPath("live-chat-visitor-open.png") });

    await message.fill("Hello! Do you ship rose bushes to Norway?");
    await message.press("Enter");
    await eventually(async () => expect(await bubble(visitor, "Do you ship rose bushes to Norway?").count()).toBe(1));

    // The chat arrives in the agent's inbox without a reload, as a ticket of the chat channel.
    const row = agent.getByRole("link", { name: /Do you ship rose bushes to Norway/ });
    await eventually(async () => expect(await row.count()).toBe(1));
    expect(await row.getByRole("img", { name: "Live chat" }).count()).toBe(1);
    await row.click();
    await agent.waitForURL(/\/tickets\/tkt_/);
    await eventually(async () =>
      expect(await agent.getByText("Do you ship rose bushes to Norway?").count()).toBeGreaterThan(0),
    );
    // Opening the chat tells the agent the visitor is here now, before they do anything.
    await eventually(async () => expect(await agent.getByText("Online now").count()).toBe(1));

    // SPA navigation on the host page: the agent sees where the visitor is now.
    await visitor.locator("#to-pricing").click();
    await eventually(async () =>
      expect(await agent.getByRole("link", { name: "Pricing · Garden Supplies" }).count()).toBe(1),
    );

    // The visitor types; the agent sees it.
    await message.pressSequentially("Also tulips", { delay: 30 });
    await eventually(async () => expect(await agent.getByText(/is typing…/).count()).toBe(1));
    await agent.screenshot({ path: artifactPath("live-chat-agent-typing.png") });

    // The agent answers; the visitor sees it at once, with the agent's name.
    await agent
      .getByLabel("Reply to the customer")
      .fill("Hi! Yes, we ship **roses** to Norway within 3 days. [Shipping to Norway](https://garden.example/norway)");
    // In a chat, Enter sends (Shift+Enter would be a new line).
    await agent.getByLabel("Reply to the customer").press("Enter");
    await eventually(async () =>
      expect(await bubble(visitor, "we ship roses to Norway within 3 days").count()).toBe(1),
    );
    // The agent's Markdown reads as text in the widget, and the address is a link (built as an element, not HTML).
    const answer = bubble(visitor, "we ship roses to Norway within 3 days");
    expect(await answer.textContent()).toBe(
      "Hi! Yes, we ship roses to Norway within 3 days. Shipping to Norway (https://garden.example/norway)",
    );
    expect(await answer.locator("a").getAttribute("href")).toBe("https://garden.example/norway");
    expect(await answer.locator("a").getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(await visitor.locator("helpdesk-widget .who", { hasText: "Erin Agent" }).count()).toBe(1);
    // The visitor has the chat open: the agent learns it was seen.
    await eventually(async () => expect(await agent.getByText(/Seen by/).count()).toBe(1));

    await message.fill("");
    await message.fill("Great, thanks!");
    await message.press("Enter");
    await eventually(async () => expect(await bubble(visitor, "Great, thanks!").count()).toBe(1));
    await eventually(async () =>
      expect(await agent.locator("li.message", { hasText: "Great, thanks!" }).count()).toBe(1),
    );

    await visitor.screenshot({ path: artifactPath("live-chat-visitor.png") });
    await agent.screenshot({ path: artifactPath("live-chat-agent.png") });

    // Reload: the conversation comes back from the server, once each, and the panel stays open.
    await visitor.reload();
    await eventually(async () => expect(await bubble(visitor, "Do you ship rose bushes to Norway?").count()).toBe(1));
    expect(await bubble(visitor, "we ship roses to Norway within 3 days").count()).toBe(1);
    expect(await bubble(visitor, "Great, thanks!").count()).toBe(1);
    await eventually(async () => expect(await widget(visitor).getByText("Seen").count()).toBe(1));

    // A message still in the unsent queue when the page went away is sent on the next visit, once; sending the
    // same queued message again (a reconnect racing the acknowledgement) does not double it.
    const queueKey = `helpdesk-widget:${channelId}:unsent`;
    const queued = JSON.stringify([
      {
        clientId: "7d1c9a44-2f57-4c61-9a3e-3c0f5d8e2b10",
        text: "Typed just before the tab closed",
        createdAt: new Date().toISOString(),
      },
    ]);
    for (let round = 0; round < 2; round++) {
      await visitor.evaluate(([key, value]) => localStorage.setItem(key!, value!), [queueKey, queued]);
      await visitor.reload();
      await eventually(async () => expect(await bubble(visitor, "Typed just before the tab closed").count()).toBe(1));
      await eventually(async () =>
        expect(await visitor.evaluate((key) => localStorage.getItem(key), queueKey)).toBeNull(),
      );
    }
    await eventually(async () =>
      expect(await agent.locator("li.message", { hasText: "Typed just before the tab closed" }).count()).toBe(1),
    );

    // An image goes up over HTTP and shows inline on both sides.
    const dataUrl = await agent.evaluate(() => {
      const canvas = Object.assign(document.createElement("canvas"), { width: 180, height: 120 });
      const g = canvas.getContext("2d")!;
      g.fillStyle = "#dcfce7";
      g.fillRect(0, 0, 180, 120);
      g.fillStyle = "#e11d48";
      for (const [x, y] of [
        [60, 50],
        [110, 60],
        [85, 85],
      ]) {
        g.beginPath();
        g.arc(x!, y!, 22, 0, 7);
        g.fill();
      }
      return canvas.toDataURL("image/png");
    });
    const png = Buffer.from(dataUrl.split(",")[1]!, "base64");
    await visitor
      .locator("helpdesk-widget input[type=file]")
      .setInputFiles({ name: "rose-bush.png", mimeType: "image/png", buffer: png });
    await eventually(async () =>
      expect(await visitor.locator('helpdesk-widget .files img[alt="rose-bush.png"]').count()).toBe(1),
    );
    await eventually(async () =>
      expect(
        await visitor
          .locator('helpdesk-widget .files img[alt="rose-bush.png"]')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      ).toBe(180),
    );
    await eventually(async () => expect(await agent.getByText("rose-bush.png").count()).toBeGreaterThan(0));

    // Ending the chat asks the satisfaction question.
    await widget(visitor).getByRole("button", { name: "End chat" }).click();
    await widget(visitor).getByRole("button", { name: "5 out of 5" }).click();
    await widget(visitor).getByRole("textbox", { name: "Comment" }).fill("Quick and friendly.");
    await widget(visitor).getByRole("button", { name: "Send feedback" }).click();
    await eventually(async () =>
      expect(await widget(visitor).getByText("Thank you for your feedback!").isVisible()).toBe(true),
    );
    expect(await widget(visitor).getByRole("button", { name: "Send feedback" }).isVisible()).toBe(false);
    await eventually(async () =>
      expect(await agent.locator(".conversation header .pill").textContent()).toMatch(/Solved|Closed/),
    );
    await visitor.screenshot({ path: artifactPath("live-chat-visitor-rated.png") });

    // A phone: the panel fills the screen.
    await visitor.setViewportSize({ width: 390, height: 760 });
    const box = await visitor.locator("helpdesk-widget .panel").boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 760 });
    await visitor.screenshot({ path: artifactPath("live-chat-visitor-phone.png") });

    // Escape closes the panel and gives the focus back to the launcher.
    await message.focus();
    await visitor.keyboard.press("Escape");
    await eventually(async () => expect(await visitor.locator("helpdesk-widget .panel").isVisible()).toBe(false));

    expect(errors).toEqual([]);
    await agentContext.close();
    await visitorContext.close();
  });

  test("with a pre-chat form, the visitor gives name and e-mail first, and the ticket is theirs", async () => {
    const formChannel = newId("channel");
    const now = new Date();
    await world.server.deps.db.insert(channels).values({
      id: formChannel,
      kind: "web_chat",
      name: "Sales chat",
      active: true,
      settings: { preChatForm: { enabled: true, requireEmail: true } },
      createdAt: now,
      updatedAt: now,
    });
    const context = await world.browser.newContext({ viewport: { width: 1000, height: 760 } });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${hostPort}/?channel=${formChannel}`);
    await page.getByRole("button", { name: "Open chat" }).click();
    const form = widget(page).getByRole("form", { name: "Before we start" });
    await eventually(async () => expect(await form.isVisible()).toBe(true));
    expect(await page.getByRole("textbox", { name: "Message", exact: true }).isVisible()).toBe(false);
    await form.getByLabel("Name").fill("Pat Buyer");
    await form.getByLabel("E-mail").fill("pat.buyer@example.test");
    await form.getByRole("button", { name: "Start chat" }).click();
    const message = page.getByRole("textbox", { name: "Message", exact: true });
    await eventually(async () => expect(await message.isVisible()).toBe(true));
    await message.fill("Do you offer volume discounts?");
    await message.press("Enter");
    await eventually(async () => expect(await bubble(page, "Do you offer volume discounts?").count()).toBe(1));
    await page.screenshot({ path: artifactPath("live-chat-prechat.png") });

    const ticket = await world.server.deps.db.query.tickets.findFirst({
      where: (t, { eq }) => eq(t.channelId, formChannel),
    });
    const customer = await world.server.deps.db.query.customers.findFirst({
      where: (c, { eq }) => eq(c.id, ticket!.customerId),
    });
    expect(customer).toMatchObject({ name: "Pat Buyer" });
    await context.close();
  });

  test("a site that is not allowed gets a polite refusal, not a chat", async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    // Same page, other origin: localhost is not 127.0.0.1.
    await page.goto(`http://localhost:${hostPort}/`);
    await page.getByRole("button", { name: "Open chat" }).click();
    await eventually(async () =>
      expect(await widget(page).getByText("Chat is not enabled on this website yet.").isVisible()).toBe(true),
    );
    expect(await page.getByRole("textbox", { name: "Message", exact: true }).isVisible()).toBe(false);
    await context.close();
  });

  test("an admin sets up the widget in Settings → Channels: origins, look, pre-chat form, identity secret, snippet", async () => {
    const id = newId("channel");
    const now = new Date();
    await world.server.deps.db.insert(channels).values({
      id,
      kind: "web_chat",
      name: "Support chat",
      active: true,
      settings: {},
      createdAt: now,
      updatedAt: now,
    });
    await createUser(world.server.deps, {
      email: "chat.admin@example.test",
      name: "Ada Admin",
      role: "admin",
      password: "e2e-password",
    });
    const context = await world.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    await page.goto(`${world.server.url}/settings/channels`);
    await page.waitForURL(/\/login/);
    await page.getByLabel("E-mail").fill("chat.admin@example.test");
    await page.getByLabel("Password").fill("e2e-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: "Support chat" }).click();
    await page.waitForURL(`**/settings/channels/${id}`);

    expect(await page.getByLabel("Install snippet").textContent()).toBe(
      `<script src="${world.server.url}/widget.js" data-channel="${id}" async></script>`,
    );
    await page.getByLabel("Greeting").fill("Hello from the support team!");
    await page.getByRole("textbox", { name: "Colour", exact: true }).fill("#7c3aed");
    await page.getByLabel("Allowed websites").fill("https://Shop.Example.test/\nhttps://www.example.test");
    await page.getByRole("switch", { name: "Pre-chat form" }).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await eventually(async () => expect(await page.getByText(/Saved at/).count()).toBe(1));
    // The origins come back as the browser sends them.
    expect(await page.getByLabel("Allowed websites").inputValue()).toBe(
      "https://shop.example.test\nhttps://www.example.test",
    );

    // Saving settings issued the channel its first identity secret; it stays hidden until asked for.
    const secret = page.getByLabel("Identity secret");
    expect(await secret.textContent()).toMatch(/^•+$/);
    await page.getByRole("button", { name: "Show" }).click();
    await eventually(async () => expect(await secret.textContent()).toMatch(/^[0-9a-f]{64}$/));
    const first = await secret.textContent();
    await page.getByRole("button", { name: "Generate a new secret" }).click();
    await eventually(async () => expect(await secret.textContent()).not.toBe(first));
    await page.screenshot({ path: artifactPath("live-chat-settings.png") });

    const stored = await world.server.deps.db.query.channels.findFirst({ where: (c, { eq }) => eq(c.id, id) });
    expect(stored?.settings).toMatchObject({
      greeting: "Hello from the support team!",
      color: "#7c3aed",
      allowedOrigins: ["https://shop.example.test", "https://www.example.test"],
      preChatForm: { enabled: true, requireEmail: false },
    });
    // Sealed at rest: the secret is not in the stored settings in clear.
    expect(JSON.stringify(stored?.settings)).not.toContain((await secret.textContent())!);

    // A second widget, added from the channel list, lands on its own settings with its snippet.
    await page.goto(`${world.server.url}/settings/channels`);
    await page.getByRole("link", { name: "Add chat widget" }).click();
    await page.getByLabel("Name").fill("Shop chat");
    await page.getByRole("button", { name: "Add chat widget" }).click();
    await page.waitForURL(/\/settings\/channels\/chn_/);
    const added = page.url().split("/").at(-1)!;
    await eventually(async () =>
      expect(await page.getByLabel("Install snippet").textContent()).toContain(`data-channel="${added}"`),
    );
    await context.close();
  });
});
