import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";

/**
 * The layer rules of the READMEs (api/README.md, workers/README.md, db/README.md, knowledge-base/README.md,
 * web/README.md), checked over the import specifiers of every .ts and .svelte file: a new import against them fails
 * `npm test`. Files are parsed with TypeScript's parser (not linted), so `import type` is told from a value import
 * and nothing in a string or a comment counts.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Where each file belongs, by path from the repository root; the first match wins. */
const layerOf = (file: string): string | null => {
  const prefixes: [string, string[]][] = [
    ["db", ["db/"]],
    ["knowledge-base", ["knowledge-base/"]],
    ["domain", ["api/src/domain/"]],
    ["http-shared", ["api/src/http-shared/"]],
    ["http", ["api/src/http/"]],
    ["realtime", ["api/src/realtime/"]],
    ["jobs", ["api/src/jobs/"]],
    ["email", ["api/src/email/"]],
    ["mail", ["api/src/mail/"]],
    ["health", ["api/src/health/"]],
    ["seed", ["api/src/seed/"]],
    ["config", ["api/src/config.ts"]],
    ["shutdown", ["api/src/shutdown.ts"]],
    ["bootstrap", ["api/src/bootstrap/"]],
    ["composition", ["api/src/server.ts", "api/src/main.ts", "api/src/commands/", "workers/src/"]],
    ["web", ["web/"]],
  ];
  return (
    prefixes.find(([, paths]) => paths.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p)))?.[0] ?? null
  );
};

const below = { domain: ["knowledge-base", "db"], adapter: ["domain", "knowledge-base", "db"] };

/** What each layer may import besides itself. web is checked apart (types only). */
const mayImport: Record<string, string[] | "anything"> = {
  db: [],
  "knowledge-base": ["db"],
  domain: below.domain,
  // Header and cookie reading shared by the two network adapters: imports no layer of ours.
  "http-shared": [],
  // The adapters: over the domain, never each other.
  http: ["http-shared", ...below.adapter],
  realtime: ["http-shared", ...below.adapter],
  jobs: below.adapter,
  email: below.adapter,
  // Implementations of domain ports (Mailer, the health report) and the demo data, written through the use cases.
  mail: below.adapter,
  health: below.adapter,
  seed: below.adapter,
  // Read by the composition roots only: its own little modules import the domain's types at most.
  config: [],
  shutdown: ["domain"],
  // Wiring shared by the composition roots: everything but the roots themselves.
  bootstrap: [
    "config",
    "domain",
    "http-shared",
    "http",
    "realtime",
    "jobs",
    "email",
    "mail",
    "health",
    "seed",
    "shutdown",
    "knowledge-base",
    "db",
  ],
  composition: "anything",
};

/** Third-party packages a layer must not import, and why. */
const forbiddenPackages: Record<string, { pattern: RegExp; why: string }[]> = {
  domain: [
    {
      pattern: /^(hono|@hono\/|socket\.io|@socket\.io\/|bullmq|ioredis|smtp-server)/,
      why: "the domain knows no transport or queue",
    },
  ],
  "knowledge-base": [
    {
      pattern: /^(hono|@hono\/|socket\.io|@socket\.io\/|bullmq|ioredis)/,
      why: "the knowledge base knows no transport or queue",
    },
  ],
  db: [{ pattern: /^(hono|@hono\/|socket\.io|@socket\.io\/|bullmq|ioredis)/, why: "db is the persistence model only" }],
  http: [{ pattern: /^drizzle-orm/, why: "queries belong in domain functions" }],
  realtime: [{ pattern: /^drizzle-orm/, why: "queries belong in domain functions" }],
  email: [{ pattern: /^drizzle-orm/, why: "queries belong in domain functions" }],
};
/** The processors are thin too (the runners and the relay are the outbox's own machinery, over its table). */
const processorsForbid = { pattern: /^drizzle-orm/, why: "queries belong in domain functions" };

/** The one value import of ours the web app may make: the HTML allow-list, plain data. */
const webValueImports = new Set(["knowledge-base/src/html/html-allow-list.ts"]);

interface Workspace {
  dir: string;
  exports: Record<string, string>;
}
const workspaces = new Map<string, Workspace>();
for (const dir of ["db", "knowledge-base", "api", "workers", "web", "tests"]) {
  const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as {
    name: string;
    exports?: Record<string, string>;
  };
  workspaces.set(manifest.name, { dir, exports: manifest.exports ?? {} });
}

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

/** Every static import, re-export and literal import() of a module's source. */
function importsOf(source: string, fileName: string): ImportRef[] {
  const scripts = fileName.endsWith(".svelte")
    ? [...source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "")
    : [source];
  const refs: ImportRef[] = [];
  for (const script of scripts) {
    const file = ts.createSourceFile(
      fileName.replace(/\.svelte$/, ".ts"),
      script,
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TS,
    );
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const bindings = clause?.namedBindings;
        const typeOnly =
          !!clause &&
          (clause.isTypeOnly ||
            (!clause.name &&
              !!bindings &&
              ts.isNamedImports(bindings) &&
              bindings.elements.length > 0 &&
              bindings.elements.every((e) => e.isTypeOnly)));
        refs.push({ specifier: node.moduleSpecifier.text, typeOnly });
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.exportClause;
        const typeOnly =
          node.isTypeOnly ||
          (!!clause &&
            ts.isNamedExports(clause) &&
            clause.elements.length > 0 &&
            clause.elements.every((e) => e.isTypeOnly));
        refs.push({ specifier: node.moduleSpecifier.text, typeOnly });
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [argument] = node.arguments;
        if (argument && ts.isStringLiteralLike(argument)) refs.push({ specifier: argument.text, typeOnly: false });
      } else if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        refs.push({ specifier: node.argument.literal.text, typeOnly: true });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return refs;
}

/** The repository path an import of ours lands on; null for a third-party package. Throws for an unknown export. */
function targetOf(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith(".")) return relative(root, resolve(root, dirname(fromFile), specifier));
  if (specifier.startsWith("$lib/")) return `web/src/lib/${specifier.slice(5)}`;
  const name = specifier.match(/^@helpdesk\/[^/]+/)?.[0];
  if (!name) return null;
  const workspace = workspaces.get(name);
  const entry = `.${specifier.slice(name.length)}`;
  const path = workspace?.exports[entry];
  if (!workspace || !path) throw new Error(`${fromFile}: ${specifier} is not an export of a workspace package`);
  return join(workspace.dir, path);
}

/** What is wrong with one file's imports; empty when it follows the rules. */
function violationsOf(file: string, source: string): string[] {
  const layer = layerOf(file);
  if (!layer) return [`${file}: in no layer; add it to tests/domain/layers.test.ts and the folder's README`];
  const problems: string[] = [];
  for (const { specifier, typeOnly } of importsOf(source, file)) {
    const target = targetOf(file, specifier);
    if (target === null) {
      const rules = [
        ...(forbiddenPackages[layer] ?? []),
        ...(file.startsWith("api/src/jobs/processors/") ? [processorsForbid] : []),
      ];
      for (const rule of rules)
        if (rule.pattern.test(specifier)) problems.push(`${file}: imports ${specifier} (${rule.why})`);
      continue;
    }
    if (target.startsWith("tests/")) {
      problems.push(`${file}: imports ${specifier} (only tests import tests)`);
      continue;
    }
    const targetLayer = layerOf(target);
    if (!targetLayer) {
      if (!target.startsWith("web/")) problems.push(`${file}: imports ${specifier}, which is in no layer`);
      continue;
    }
    if (targetLayer === layer) continue;
    if (layer === "web") {
      if (targetLayer === "knowledge-base" && webValueImports.has(target)) continue;
      if (typeOnly && ["domain", "http", "db"].includes(targetLayer)) continue;
      problems.push(
        `${file}: imports ${specifier} (${targetLayer}); the web app imports the API's and db's types only`,
      );
      continue;
    }
    const allowed = mayImport[layer];
    if (allowed !== "anything" && !allowed?.includes(targetLayer))
      problems.push(`${file}: ${layer} imports ${targetLayer} (${specifier})`);
  }
  return problems;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(root, dir))) {
    if (name === "node_modules" || name === "build" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

describe("layers", () => {
  const files = ["db", "knowledge-base", "api", "workers", "web"].flatMap((dir) => sourceFiles(dir));

  test("every import follows the layer rules", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files.flatMap((file) => violationsOf(file, readFileSync(join(root, file), "utf8")))).toEqual([]);
  });

  test("workspace dependencies point one way: web → api → knowledge-base → db, workers → api", () => {
    const ours = (dir: string) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      return Object.keys(manifest.dependencies ?? {})
        .filter((name) => name.startsWith("@helpdesk/"))
        .sort();
    };
    expect({ db: ours("db"), kb: ours("knowledge-base"), api: ours("api"), workers: ours("workers") }).toEqual({
      db: [],
      kb: ["@helpdesk/db"],
      api: ["@helpdesk/db", "@helpdesk/knowledge-base"],
      workers: ["@helpdesk/api"],
    });
  });

  // The checks themselves must be able to fail.
  test.each([
    ["api/src/realtime/x.ts", `import { authenticate } from "../http/context.ts";`, "realtime imports http"],
    ["api/src/http/x.ts", `import { processors } from "../jobs/index.ts";`, "http imports jobs"],
    ["api/src/jobs/x.ts", `import { rooms } from "@helpdesk/api/realtime";`, "jobs imports realtime"],
    ["api/src/domain/x.ts", `export { createApp } from "../http/app.ts";`, "domain imports http"],
    ["api/src/domain/x.ts", `import { Hono } from "hono";`, "the domain knows no transport"],
    ["api/src/http/routes/x.ts", `import { eq } from "drizzle-orm";`, "queries belong in domain functions"],
    ["api/src/jobs/processors/x.ts", `import { eq } from "drizzle-orm";`, "queries belong in domain functions"],
    ["knowledge-base/src/x.ts", `import { tickets } from "@helpdesk/api/domain";`, "knowledge-base imports domain"],
    ["db/src/x.ts", `const m = await import("../../knowledge-base/src/index.ts");`, "db imports knowledge-base"],
    ["api/src/seed/x.ts", `import { startHelpdesk } from "../server.ts";`, "seed imports composition"],
    ["api/src/mail/x.ts", `import { loadConfig } from "../config.ts";`, "mail imports config"],
    [
      "web/src/lib/x.ts",
      `import { createTicket } from "@helpdesk/api/domain";`,
      "the web app imports the API's and db's types only",
    ],
    [
      "web/src/lib/X.svelte",
      `<script lang="ts">\n  import { sanitizeRenderedHtml } from "@helpdesk/knowledge-base";\n</script>`,
      "types only",
    ],
    ["api/src/newfolder/x.ts", ``, "in no layer"],
  ])("%s: %s is refused", (file, source, message) => {
    expect(violationsOf(file, source).join("\n")).toContain(message);
  });

  test.each([
    ["api/src/realtime/x.ts", `import { clientAddress } from "../http-shared/client-address.ts";`],
    ["web/src/lib/x.ts", `import type { TicketView } from "@helpdesk/api/domain";`],
    ["web/src/lib/x.ts", `import { type AppType } from "@helpdesk/api/http";`],
    ["web/src/lib/x.ts", `import { allowedHtmlTags } from "@helpdesk/knowledge-base/html-allow-list";`],
    ["workers/src/main.ts", `import { createLogger } from "@helpdesk/api/bootstrap";`],
    ["api/src/http/x.ts", `const text = 'import { x } from "../realtime/rooms.ts"'; // import "../jobs/index.ts"`],
  ])("%s: %s is allowed", (file, source) => {
    expect(violationsOf(file, source)).toEqual([]);
  });

  test("a missing package export is an error, not a pass", () => {
    expect(() => violationsOf("api/src/http/x.ts", `import { x } from "@helpdesk/api/nothing";`)).toThrow(
      /not an export/,
    );
  });
});
