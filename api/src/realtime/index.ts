export * from "./rooms.ts";
export * from "./server.ts";
