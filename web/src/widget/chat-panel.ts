import type { WidgetAgent, WidgetAttachment, WidgetMessage } from "../../../api/src/domain/live-chat/protocol.ts";
import type { ChatClient, PendingMessage } from "./chat-client.ts";
import { h, icon, icons, initials, linkified, safeUrl } from "./dom.ts";
import { errorText, sizeOf, timeOf } from "./text.ts";

const openKey = "helpdesk-widget:open";

interface SearchHit {
  articleId: string;
  locale: string;
  slug: string;
  title: string;
  snippetHtml: string;
}

/**
 * The launcher and the chat panel, drawn with DOM calls inside the shadow root. Long-lived parts (inputs,
 * forms) are built once so that re-rendering never eats what the visitor is typing; the message log is
 * rebuilt from cached nodes on every change.
 */
export class ChatPanel {
  readonly #client: ChatClient;
  readonly #root = h("div", { class: "root" });
  readonly #launcher = h(
    "button",
    {
      class: "launcher",
      type: "button",
      "aria-label": "Open chat",
      "aria-expanded": "false",
      "aria-controls": "hd-panel",
    },
    icon(icons.chat),
  );
  readonly #badge = h("span", { class: "badge", "aria-hidden": "true" });
  readonly #panel = h("div", {
    class: "panel",
    id: "hd-panel",
    role: "dialog",
    "aria-labelledby": "hd-title",
    hidden: true,
  });
  readonly #title = h("h2", { id: "hd-title" });
  readonly #status = h("p");
  readonly #endButton = h("button", { class: "end", type: "button" }, "End chat");
  readonly #body = h("div", { class: "body" });
  readonly #greeting = h("ol", { class: "log greeting" });
  readonly #searchCard: HTMLElement;
  readonly #searchInput = h("input", {
    type: "search",
    placeholder: "Search for answers",
    "aria-label": "Search help articles",
    autocomplete: "off",
  });
  readonly #hits = h("ul", { class: "hits", "aria-label": "Articles" });
  readonly #log = h("ol", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Messages" });
  readonly #typing = h("div", { class: "typing", "aria-live": "polite" });
  readonly #info = h("div", { class: "card", role: "status" });
  readonly #awayForm: HTMLFormElement;
  readonly #awayEmail = h("input", {
    type: "email",
    required: true,
    autocomplete: "email",
    placeholder: "you@example.com",
    "aria-label": "Your e-mail address",
  });
  readonly #rating: HTMLFormElement;
  readonly #stars: HTMLButtonElement[];
  readonly #comment = h("textarea", {
    rows: 2,
    placeholder: "Anything to add? (optional)",
    "aria-label": "Comment",
    maxlength: 2000,
  });
  readonly #thanks = h(
    "p",
    { class: "msg system", role: "status" },
    h("span", { class: "bubble" }, "Thank you for your feedback!"),
  );
  readonly #notice = h("div", { class: "notice", role: "alert" });
  readonly #preChat: HTMLFormElement;
  readonly #preName = h("input", { autocomplete: "name", maxlength: 200 });
  readonly #preEmail = h("input", { type: "email", autocomplete: "email", maxlength: 320 });
  readonly #composer: HTMLElement;
  readonly #textarea = h("textarea", { rows: 1, "aria-label": "Message", placeholder: "Write a message…" });
  readonly #sendButton = h(
    "button",
    { class: "icon-button send", type: "button", "aria-label": "Send" },
    icon(icons.send),
  );
  readonly #fileInput = h("input", { type: "file", class: "sr", tabindex: -1, "aria-hidden": "true" });
  readonly #nodes = new Map<string, HTMLElement>();
  #ratingValue: number | null = null;
  #thanked = false;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #searchSeq = 0;
  #uploads = 0;

  constructor(shadow: ShadowRoot, client: ChatClient) {
    this.#client = client;
    this.#launcher.append(this.#badge);

    const closeButton = h(
      "button",
      { type: "button", "aria-label": "Close chat", onclick: () => this.toggle(false, true) },
      icon(icons.close),
    );
    this.#endButton.addEventListener("click", () => void this.#end());
    const header = h(
      "header",
      null,
      h("div", { class: "titles" }, this.#title, this.#status),
      this.#endButton,
      closeButton,
    );

    this.#searchCard = h(
      "section",
      { class: "card", "aria-label": "Help articles" },
      h("div", { class: "search" }, icon(icons.search, 16), this.#searchInput),
      this.#hits,
    );
    this.#searchInput.addEventListener("input", () => {
      clearTimeout(this.#searchTimer);
      this.#searchTimer = setTimeout(() => void this.#search(), 250);
    });

    this.#awayForm = h(
      "form",
      { class: "card" },
      h("p", null, "Our team is away right now. Leave your e-mail address and we will answer there."),
      this.#awayEmail,
      h("button", { class: "primary", type: "submit" }, "Save e-mail"),
    );
    this.#awayForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#client.updateVisitor({ email: this.#awayEmail.value.trim() });
    });

    this.#stars = [1, 2, 3, 4, 5].map((n) =>
      h(
        "button",
        { type: "button", "aria-pressed": "false", "aria-label": `${n} out of 5`, onclick: () => this.#pickRating(n) },
        String(n),
      ),
    );
    this.#rating = h(
      "form",
      { class: "card", "aria-labelledby": "hd-rate" },
      h("h3", { id: "hd-rate" }, "How was this chat?"),
      h("div", { class: "stars", role: "group", "aria-label": "Rating from 1 (poor) to 5 (great)" }, this.#stars),
      h("div", { class: "scale muted", "aria-hidden": "true" }, h("span", null, "Poor"), h("span", null, "Great")),
      this.#comment,
      h("button", { class: "primary", type: "submit" }, "Send feedback"),
    );
    this.#rating.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#rate();
    });

    this.#preChat = h(
      "form",
      { class: "card prechat", "aria-labelledby": "hd-pre" },
      h("h3", { id: "hd-pre" }, "Before we start"),
      h("label", null, "Name", this.#preName),
      h("label", null, "E-mail", this.#preEmail),
      h("button", { class: "primary", type: "submit" }, "Start chat"),
    );
    this.#preChat.addEventListener("submit", (event) => {
      event.preventDefault();
      const name = this.#preName.value.trim();
      const email = this.#preEmail.value.trim();
      void this.#client.updateVisitor({ ...(name ? { name } : {}), ...(email ? { email } : {}) }).then((result) => {
        if (result.ok) this.#textarea.focus();
      });
    });

    const attach = h(
      "button",
      { class: "icon-button", type: "button", "aria-label": "Attach a file", onclick: () => this.#fileInput.click() },
      icon(icons.clip),
    );
    this.#fileInput.addEventListener("change", () => void this.#uploadFiles());
    this.#composer = h("div", { class: "composer" }, attach, this.#fileInput, this.#textarea, this.#sendButton);
    this.#textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#send();
      }
    });
    this.#textarea.addEventListener("input", () => {
      this.#grow();
      this.#client.setTyping(this.#textarea.value.trim() !== "");
      this.#sendButton.disabled = !this.#textarea.value.trim();
    });
    this.#sendButton.disabled = true;
    this.#sendButton.addEventListener("click", () => this.#send());

    this.#body.append(
      this.#greeting,
      this.#searchCard,
      this.#log,
      this.#typing,
      this.#info,
      this.#awayForm,
      this.#rating,
      this.#thanks,
    );
    this.#panel.append(
      header,
      this.#body,
      this.#notice,
      this.#preChat,
      this.#composer,
      h("div", { class: "footer" }, "We use this chat to answer your questions."),
    );
    this.#panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.toggle(false, true);
    });
    this.#launcher.addEventListener("click", () => this.toggle(this.#panel.hidden, true));
    this.#root.append(this.#panel, this.#launcher);
    shadow.append(this.#root);

    client.onchange(() => this.render());
    document.addEventListener("visibilitychange", () => this.render());
    if (sessionStorage.getItem(openKey) === "1") this.toggle(true, false);
    this.render();
  }

  /** Opens or closes the panel; `focus` moves the focus into the panel or back to the launcher. */
  toggle(open: boolean, focus: boolean) {
    this.#panel.hidden = !open;
    this.#root.classList.toggle("open", open);
    this.#launcher.setAttribute("aria-expanded", String(open));
    this.#launcher.setAttribute("aria-label", open ? "Close chat" : "Open chat");
    try {
      sessionStorage.setItem(openKey, open ? "1" : "0");
    } catch {
      // Storage blocked: the panel just starts closed on the next page.
    }
    this.render();
    if (open) this.#scrollDown();
    if (!focus) return;
    if (open) (this.#preChat.hidden ? this.#textarea : this.#preName).focus();
    else this.#launcher.focus();
  }

  render() {
    const client = this.#client;
    const session = client.session;
    const channel = session?.channel;
    const conversation = session?.conversation ?? null;
    const open = !this.#panel.hidden;
    const atBottom = this.#body.scrollHeight - this.#body.scrollTop - this.#body.clientHeight < 60;

    if (channel) {
      this.#root.style.setProperty("--accent", /^#[0-9a-f]{3,8}$/i.test(channel.color) ? channel.color : "#2563eb");
      this.#textarea.maxLength = channel.maxMessageLength;
    }
    this.#title.textContent = channel?.name ?? "Chat";
    this.#status.replaceChildren(...this.#statusLine());

    this.#greeting.replaceChildren();
    if (channel?.greeting)
      this.#greeting.append(
        this.#bubble({
          key: "greeting",
          author: "agent",
          agent: { name: channel.name, avatarUrl: null },
          text: channel.greeting,
          first: true,
        }),
      );

    const ended = conversation?.state === "ended";
    const chatting = (client.messages.length > 0 && !ended) || client.pending.length > 0;
    this.#endButton.hidden = !(conversation && !ended && client.messages.length > 0);
    // Before the first message only: once there is a transcript, the chat itself is the place to ask.
    this.#searchCard.hidden = client.messages.length > 0 || client.pending.length > 0 || client.failure !== null;
    this.#renderLog();

    const typing = client.agentTyping;
    this.#typing.hidden = !typing;
    this.#typing.replaceChildren(
      ...(typing
        ? [
            this.#avatar(typing),
            h("span", { class: "dots", "aria-hidden": "true" }, h("i"), h("i"), h("i")),
            `${typing.name} is typing…`,
          ]
        : []),
    );

    // One status card: a failure that stops the chat, or what happens while nobody is there.
    const away = !!channel && !channel.agentsAvailable;
    const email = session?.visitor.email ?? null;
    this.#info.hidden = !client.failure && !(away && email);
    this.#info.textContent = client.failure
      ? errorText(client.failure)
      : away && email
        ? `Our team is away right now. We will answer by e-mail at ${email}.`
        : "";
    this.#awayForm.hidden = !away || !!email || client.failure !== null;

    const rate = ended && !conversation.rated && client.messages.length > 0;
    this.#rating.hidden = !rate;
    this.#thanks.hidden = !(ended && conversation.rated && this.#thanked);

    const notice = client.notice;
    this.#notice.hidden = !notice;
    this.#notice.className = notice === "RATE_LIMITED" ? "notice" : "notice error";
    if (notice) {
      this.#notice.replaceChildren(
        h("span", null, errorText(notice, channel?.maxMessageLength)),
        h("button", { type: "button", "aria-label": "Dismiss", onclick: () => client.dismissNotice() }, "×"),
      );
    }
    if (client.rejected !== null) {
      if (!this.#textarea.value) this.#textarea.value = client.rejected;
      client.rejected = null;
      this.#sendButton.disabled = !this.#textarea.value.trim();
    }

    const form = channel?.preChatForm;
    const needsForm =
      !!form?.enabled &&
      !chatting &&
      !ended &&
      (form.requireEmail ? !session?.visitor.email : !session?.visitor.name && !session?.visitor.email);
    this.#preChat.hidden = !needsForm;
    this.#preEmail.required = !!form?.requireEmail;
    this.#composer.hidden = needsForm || client.failure !== null;
    this.#textarea.placeholder = ended ? "Write to start a new chat…" : "Write a message…";

    const unread = client.messages.filter((m) => m.author === "agent" && !m.readAt).length;
    this.#badge.hidden = open || unread === 0;
    this.#badge.textContent = String(unread);
    if (open && document.visibilityState === "visible") client.markRead();
    if (atBottom) this.#scrollDown();
  }

  #statusLine(): (Node | string)[] {
    const client = this.#client;
    const [dot, text] = client.failure
      ? ["", "Unavailable"]
      : client.connection === "reconnecting"
        ? ["wait", "Reconnecting…"]
        : !client.session
          ? ["wait", "Connecting…"]
          : client.session.channel.agentsAvailable
            ? ["on", "We are online"]
            : ["", "Away: we answer by e-mail"];
    return [h("span", { class: `dot ${dot}`, "aria-hidden": "true" }), text];
  }

  #renderLog() {
    const client = this.#client;
    const delivered = new Set(client.messages.map((m) => m.clientId));
    const pending = client.pending.filter((p) => !delivered.has(p.clientId));
    const lastSeen = client.messages.findLast((m) => m.author === "visitor" && m.readAt)?.id;
    const nodes: HTMLElement[] = [];
    let previous: string | null = null;
    for (const message of client.messages) {
      const author = message.author === "agent" ? `agent:${message.agent?.name ?? ""}` : message.author;
      nodes.push(this.#messageNode(message, author !== previous, message.id === lastSeen));
      previous = author;
    }
    pending.forEach((message, index) => {
      nodes.push(this.#pendingNode(message, previous !== "visitor", index === pending.length - 1));
      previous = "visitor";
    });
    for (let i = 0; i < this.#uploads; i++)
      nodes.push(h("li", { class: "msg visitor pending" }, h("span", { class: "bubble" }, "Uploading…")));
    if (client.session?.conversation?.state === "ended" && client.messages.length) {
      nodes.push(h("li", { class: "msg system" }, h("span", { class: "bubble" }, "This chat has ended.")));
    }
    this.#log.replaceChildren(...nodes);
    // Cached nodes of messages that changed (read, regrouped) are not coming back.
    for (const [key, node] of this.#nodes) if (!node.isConnected) this.#nodes.delete(key);
  }

  #messageNode(message: WidgetMessage, first: boolean, seen: boolean): HTMLElement {
    const key = [message.id, message.readAt, first, seen, message.attachments.length].join("|");
    let node = this.#nodes.get(key);
    if (!node) {
      // A file sent alone carries "📎 <filename>" as its text (for the ticket and e-mail): the file shows it already.
      const placeholder = message.attachments.some((a) => message.text === `📎 ${a.filename}`);
      const text = placeholder ? "" : message.text;
      node = this.#bubble({
        key,
        author: message.author,
        agent: message.agent,
        text,
        attachments: message.attachments,
        first,
        time: message.createdAt,
        meta: seen ? "Seen" : null,
      });
      this.#nodes.set(key, node);
    }
    return node;
  }

  #pendingNode(message: PendingMessage, first: boolean, last: boolean): HTMLElement {
    const sending = this.#client.connection === "online" ? "Sending…" : "Will send when reconnected";
    return this.#bubble({
      key: message.clientId,
      author: "visitor",
      agent: null,
      text: message.text,
      first,
      time: message.createdAt,
      meta: last ? sending : null,
      pending: true,
    });
  }

  #bubble(m: {
    key: string;
    author: WidgetMessage["author"];
    agent: WidgetAgent | null;
    text: string;
    attachments?: WidgetAttachment[];
    first: boolean;
    time?: string;
    meta?: string | null;
    pending?: boolean;
  }): HTMLElement {
    const isAgent = m.author === "agent";
    const files = (m.attachments ?? []).map((a) => this.#attachment(a));
    const stack = h(
      "div",
      { class: "stack" },
      isAgent && m.first && m.agent ? h("span", { class: "who" }, m.agent.name) : null,
      m.text ? h("div", { class: "bubble", title: m.time ? timeOf(m.time) : null }, linkified(m.text)) : null,
      files.length ? h("div", { class: "files" }, files) : null,
      m.meta ? h("span", { class: "meta" }, m.meta) : null,
    );
    const side = isAgent ? (m.first && m.agent ? this.#avatar(m.agent) : h("span", { class: "spacer" })) : null;
    return h("li", { class: `msg ${m.author}${m.first ? " first" : ""}${m.pending ? " pending" : ""}` }, side, stack);
  }

  #avatar(agent: WidgetAgent): HTMLElement {
    const url = agent.avatarUrl ? safeUrl(agent.avatarUrl, this.#client.host) : null;
    return h(
      "span",
      { class: "avatar", "aria-hidden": "true" },
      url ? h("img", { src: url, alt: "" }) : initials(agent.name),
    );
  }

  #attachment(file: WidgetAttachment): HTMLElement {
    const url = safeUrl(file.url, this.#client.host);
    if (!url) return h("span", { class: "file" }, file.filename);
    if (file.contentType.startsWith("image/")) {
      return h(
        "a",
        { href: url, target: "_blank", rel: "noopener noreferrer" },
        h("img", { src: url, alt: file.filename, loading: "lazy" }),
      );
    }
    return h(
      "a",
      { class: "file", href: url, target: "_blank", rel: "noopener noreferrer", download: file.filename },
      icon(icons.file, 16),
      h("span", null, file.filename),
      h("small", { class: "muted" }, sizeOf(file.size)),
    );
  }

  #send() {
    const text = this.#textarea.value.trim();
    if (!text) return;
    this.#textarea.value = "";
    this.#sendButton.disabled = true;
    this.#grow();
    this.#client.send(text);
    this.#scrollDown();
  }

  async #uploadFiles() {
    const files = [...(this.#fileInput.files ?? [])];
    this.#fileInput.value = "";
    for (const file of files) {
      this.#uploads++;
      this.render();
      this.#scrollDown();
      await this.#client.upload(file);
      this.#uploads--;
      this.render();
    }
  }

  async #end() {
    const result = await this.#client.endConversation();
    if (result.ok) this.#stars[4]?.focus();
  }

  #pickRating(value: number) {
    this.#ratingValue = value;
    this.#stars.forEach((button, i) => button.setAttribute("aria-pressed", String(i + 1 === value)));
  }

  async #rate() {
    if (!this.#ratingValue) return this.#stars[0]?.focus();
    const comment = this.#comment.value.trim();
    const result = await this.#client.rate(this.#ratingValue as 1 | 2 | 3 | 4 | 5, comment || undefined);
    if (result.ok) {
      this.#thanked = true;
      this.render();
    }
  }

  async #search() {
    const q = this.#searchInput.value.trim();
    const seq = ++this.#searchSeq;
    if (!q) return this.#hits.replaceChildren();
    const primary = (document.documentElement.lang || navigator.language || "en").slice(0, 2).toLowerCase();
    let hits = await this.#fetchHits(q, primary);
    let locale = primary;
    if (hits?.length === 0 && primary !== "en") [hits, locale] = [await this.#fetchHits(q, "en"), "en"];
    if (seq !== this.#searchSeq) return;
    if (!hits) return this.#hits.replaceChildren(h("li", { class: "muted" }, "Search is not available right now."));
    if (!hits.length)
      return this.#hits.replaceChildren(h("li", { class: "muted" }, "No articles found. Ask us in the chat below."));
    this.#hits.replaceChildren(
      ...hits.map((hit) =>
        h(
          "li",
          null,
          h(
            "a",
            {
              href: `${this.#client.host}/help/${encodeURIComponent(hit.locale || locale)}/articles/${encodeURIComponent(hit.slug)}`,
              target: "_blank",
              rel: "noopener",
            },
            h("strong", null, hit.title),
            h("span", null, snippet(hit.snippetHtml)),
          ),
        ),
      ),
    );
  }

  async #fetchHits(q: string, locale: string): Promise<SearchHit[] | null> {
    try {
      const response = await fetch(
        `${this.#client.host}/api/kb/search?${new URLSearchParams({ q, locale, limit: "5" })}`,
      );
      if (!response.ok) return null;
      return ((await response.json()) as { items: SearchHit[] }).items;
    } catch {
      return null;
    }
  }

  #grow() {
    this.#textarea.style.height = "auto";
    this.#textarea.style.height = `${Math.min(this.#textarea.scrollHeight, 120)}px`;
  }

  #scrollDown() {
    this.#body.scrollTop = this.#body.scrollHeight;
  }
}

/**
 * The search snippet comes as escaped text with <mark> around matches. Parsed in an inert document and
 * rebuilt from its text: only the <mark>s survive, as our own elements.
 */
function snippet(html: string): Node[] {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  return Array.from(parsed.body.childNodes, (node) =>
    node.nodeName === "MARK"
      ? h("mark", null, node.textContent ?? "")
      : document.createTextNode(node.textContent ?? ""),
  );
}
