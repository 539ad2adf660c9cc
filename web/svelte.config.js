import adapter from "@sveltejs/adapter-node";
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Built to web/build; api/src/server.ts mounts build/handler.js beside the API on one port.
    adapter: adapter({ out: "build" }),
  },
};

export default config;
