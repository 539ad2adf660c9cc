export * from "./database.ts";
export * from "./jobs.ts";
export * from "./logger.ts";
export * from "./mail.ts";
export * from "./redis.ts";
export * from "./remote-realtime.ts";
export * from "./search.ts";
export * from "./secrets.ts";
