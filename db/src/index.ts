export * from "./client.ts";
export * from "./ids.ts";
export * from "./project-root.ts";
export * as schema from "./schema/index.ts";
export * from "./schema/index.ts";
export * from "./availability.ts";
