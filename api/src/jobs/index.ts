export * from "./outbox/relay.ts";
export * from "./processors/index.ts";
export * from "./runner/bullmq.ts";
export * from "./runner/in-process.ts";
export * from "./schedules.ts";
