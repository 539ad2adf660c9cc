import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { testServerEnv } from "./server-config.ts";

const script = fileURLToPath(new URL("./child-server.ts", import.meta.url));
const workerScript = fileURLToPath(new URL("../../workers/src/main.ts", import.meta.url));
const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

export interface ServerProcess {
  url: string;
  smtpPort: number;
  child: ChildProcess;
  /** Everything it wrote to stderr (its JSON log lines); a compiled server's stdout lines too. */
  log: string[];
  /** Resolves with the exit code (or the signal) once it has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export type WorkerProcess = Omit<ServerProcess, "url" | "smtpPort"> & {
  /** SIGTERM, and resolves once it has exited. */
  stop(): Promise<void>;
};

function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    ...testServerEnv,
    ...env,
  };
}

/**
 * Spawns `args` under this node and resolves once a line on stdout satisfies `ready` (its value is returned);
 * rejects when the process exits first or after 60 s.
 */
async function spawnUntil<T>(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: (line: string) => T | null,
  logStdout: boolean,
) {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => log.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const value = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args.join(" ")} did not start in 60 s:\n${log.join("\n")}`)),
      60_000,
    );
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (logStdout) log.push(line);
      const found = ready(line);
      if (found === null) return;
      clearTimeout(timer);
      resolve(found);
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`${args.join(" ")} exited (${code ?? signal}) before it was ready:\n${log.join("\n")}`)),
    );
  });
  return {
    value,
    child,
    log,
    exited,
    kill(signal: NodeJS.Signals) {
      child.kill(signal);
      return exited;
    },
  };
}

const jsonLine = (line: string): Record<string, unknown> | null => {
  if (!line.startsWith("{")) return null;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
};

/**
 * Starts the help desk as a process of its own with `env` (on loopback, free ports, no demo data unless asked).
 * By default tests/support/child-server.ts under tsx (it creates admin@fault.test); with `compiled`, the
 * production entry `node dist/server.js` as `npm start` runs it (build it first: the faults project's
 * globalSetup does), which creates no user.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { compiled?: boolean } = {},
): Promise<ServerProcess> {
  if (options.compiled) {
    const started = await spawnUntil(
      ["--enable-source-maps", `${dist}server.js`],
      baseEnv(env),
      (line) => {
        const entry = jsonLine(line);
        return entry?.message === "help desk listening"
          ? { url: String(entry.url), smtpPort: Number(entry.smtpPort) }
          : null;
      },
      true,
    );
    const { value, ...rest } = started;
    return { ...rest, ...value };
  }
  const { value, ...rest } = await spawnUntil(
    ["--import", "tsx", script],
    baseEnv(env),
    (line) => jsonLine(line) as { url: string; smtpPort: number } | null,
    false,
  );
  return { ...rest, ...value };
}

/**
 * Starts the standalone worker with `env`, resolving once its workers run: workers/src/main.ts under tsx, or with
 * `compiled` the production entry `node dist/worker.js` (built by the faults project's globalSetup).
 */
export async function startWorkerProcess(
  env: Record<string, string>,
  options: { compiled?: boolean } = {},
): Promise<WorkerProcess> {
  const args = options.compiled ? ["--enable-source-maps", `${dist}worker.js`] : ["--import", "tsx", workerScript];
  const { value: _ready, ...rest } = await spawnUntil(
    args,
    baseEnv(env),
    (line) => (jsonLine(line)?.message === "workers running" ? true : null),
    true,
  );
  return {
    ...rest,
    async stop() {
      if (rest.child.exitCode === null && rest.child.signalCode === null) rest.child.kill("SIGTERM");
      await rest.exited;
    },
  };
}
