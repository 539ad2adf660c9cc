import { sveltekit } from "@sveltejs/kit/vite";
import { defineConfig } from "vite";

// `npm run dev -w @helpdesk/web` serves the app with hot reload; the API keeps running under `npm start` on :3000.
const api = process.env.API_URL ?? "http://localhost:3000";

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      "/api": api,
      "/socket.io": { target: api, ws: true },
    },
  },
});
