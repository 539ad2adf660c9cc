import { defineConfig } from "vite";

// The embeddable chat widget (src/widget) as one classic script for third-party pages: an IIFE, no chunks,
// no CSS files (its styles live in the shadow root). Built after the SvelteKit app, whose build empties build/.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: "build/widget",
    emptyOutDir: true,
    sourcemap: true,
    // Old enough for the browsers visitors bring, new enough to keep class fields and ?. unlowered.
    target: "es2022",
    reportCompressedSize: false,
    lib: {
      entry: "src/widget/main.ts",
      formats: ["iife"],
      name: "HelpdeskWidgetBundle",
      fileName: () => "widget.js",
    },
  },
});
