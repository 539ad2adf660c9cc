// One format for the repository, checked by `npm test` (npm run format:check); `npm run format` applies it.
// 120 columns: the code's own width (use cases and SQL read better unwrapped), not a screen's.
export default {
  printWidth: 120,
  plugins: ["prettier-plugin-svelte"],
  overrides: [{ files: "*.svelte", options: { parser: "svelte" } }],
};
