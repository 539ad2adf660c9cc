import { ChatClient, type Identity } from "./chat-client.ts";
import { ChatPanel } from "./chat-panel.ts";
import { css } from "./styles.ts";

/** What the host page may set before the script tag: `window.HelpdeskWidget = { identity: {...}, open: true }`. */
interface HostSettings {
  identity?: Identity;
  open?: boolean;
}

/** After loading, `window.HelpdeskWidget` is a function: `HelpdeskWidget("open")`, `HelpdeskWidget("identify", identity)`. */
type HelpdeskWidgetApi = ((command: "open" | "close" | "toggle") => void) &
  ((command: "identify", identity: Identity | null) => void);

declare global {
  interface Window {
    HelpdeskWidget?: HostSettings | HelpdeskWidgetApi;
  }
}

// Read while the script runs: document.currentScript is null in any later callback.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-channel][src*="widget.js"]');

function start() {
  const channelId = script?.dataset["channel"];
  if (!script || !channelId) {
    console.warn('Help desk widget: add data-channel="CHANNEL_ID" to its script tag.');
    return;
  }
  // Included twice (a tag manager and the page): one widget.
  if (document.querySelector("helpdesk-widget")) return;

  const host = new URL(script.src, location.href).origin;
  const settings: HostSettings = typeof window.HelpdeskWidget === "object" ? window.HelpdeskWidget : {};
  const element = document.createElement("helpdesk-widget");
  const shadow = element.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = css;
  shadow.append(style);

  const client = new ChatClient(host, channelId, settings.identity);
  const panel = new ChatPanel(shadow, client);
  if (settings.open) panel.toggle(true, false);

  const api = (command: string, identity?: Identity | null) => {
    if (command === "open" || command === "close" || command === "toggle") {
      const open = command === "toggle" ? !element.shadowRoot?.querySelector(".root.open") : command === "open";
      panel.toggle(open, true);
    } else if (command === "identify") {
      client.identify(identity ?? undefined);
    }
  };
  window.HelpdeskWidget = api as HelpdeskWidgetApi;
  document.body.append(element);
}

if (document.body) start();
else addEventListener("DOMContentLoaded", start);
