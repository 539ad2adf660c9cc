export * from "./rooms.ts";
export * from "./server.ts";
export * from "./chat-presence.ts";
export * from "./chat-rate-limit.ts";
