// ESLint for the whole repository, run by `npm test` (npm run lint). typescript-eslint's recommended rules
// (without type information, so the run stays a few seconds), the Svelte plugin for the web app, and the
// import directions of ARCHITECTURE.md as no-restricted-imports, so a wrong arrow fails before review.
// Formatting is Prettier's job (prettier.config.js); eslint-config-prettier turns off what would fight it.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import tseslint from "typescript-eslint";

/** What a layer may not import, by its path pattern; the tests in tests/domain/layers.test.ts check the same. */
const forbidden = (patterns, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/build/**",
      "**/dist/**",
      "web/.svelte-kit/**",
      "data/**",
      "tests/.artifacts/**",
      "db/migrations/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs["flat/recommended"],
  prettier,
  ...svelte.configs["flat/prettier"],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are mistakes, except a leading underscore that says "deliberately unused".
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["web/**/*.svelte", "web/**/*.svelte.ts", "web/**/*.ts"],
    rules: {
      // The app is served at the root (no kit.paths.base): links are plain paths, resolve() would add nothing.
      "svelte/no-navigation-without-resolve": "off",
      // Flags every Map, Set, Date or URLSearchParams in a component, including locals built and read at once
      // (a $derived's lookup tables, a query string for one fetch); state that changes is $state.
      "svelte/prefer-svelte-reactivity": "off",
      // {" · "} and {"\n"} keep spaces and escapes that text in markup would collapse or not allow.
      "svelte/no-useless-mustaches": "off",
    },
  },
  {
    files: ["web/**/*.svelte", "web/**/*.svelte.ts"],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: [".svelte"] },
      globals: { ...globals.browser },
    },
  },
  { files: ["web/src/**/*.ts"], languageOptions: { globals: { ...globals.browser } } },
  // The layers (ARCHITECTURE.md): db imports nothing of ours; the domain no adapter or transport library.
  { files: ["db/src/**/*.ts"], rules: forbidden(["@helpdesk/*"], "db imports nothing of ours.") },
  {
    files: ["knowledge-base/src/**/*.ts"],
    rules: forbidden(
      ["@helpdesk/api", "@helpdesk/api/*", "@helpdesk/workers", "@helpdesk/web"],
      "knowledge-base imports only db.",
    ),
  },
  {
    files: ["api/src/domain/**/*.ts"],
    rules: forbidden(
      [
        "hono",
        "hono/*",
        "@hono/*",
        "socket.io",
        "socket.io-client",
        "@socket.io/*",
        "bullmq",
        "ioredis",
        "@sveltejs/*",
        "../http/*",
        "../../http/*",
        "../realtime/*",
        "../../realtime/*",
        "@helpdesk/workers",
      ],
      "The domain takes its dependencies as arguments: no HTTP, socket, queue or Redis code here.",
    ),
  },
  {
    files: ["web/src/**/*.ts", "web/src/**/*.svelte"],
    rules: forbidden(
      ["@helpdesk/db", "@helpdesk/db/*", "@helpdesk/workers", "@helpdesk/workers/*"],
      "The web app talks to the API through the typed client only.",
    ),
  },
);
