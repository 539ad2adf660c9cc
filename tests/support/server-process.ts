import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { testServerEnv } from "./server-config.ts";

const script = fileURLToPath(new URL("./child-server.ts", import.meta.url));

export interface ServerProcess {
  url: string;
  smtpPort: number;
  child: ChildProcess;
  /** Everything it wrote to stderr (its JSON log lines). */
  log: string[];
  /** Resolves with the exit code (or the signal) once it has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts tests/support/child-server.ts with `env` (on loopback, free ports, no demo data unless asked). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      ...testServerEnv,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => log.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = await new Promise<{ url: string; smtpPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${log.join("\n")}`)), 60_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith("{")) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { url: string; smtpPort: number });
    });
    void exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${log.join("\n")}`)));
  });
  return {
    ...ready,
    child,
    log,
    exited,
    kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** SIGTERM, and resolves once it has exited. */
  stop(): Promise<void>;
}

/** `npm run start:workers` (workers/src/main.ts) with `env` on top of this process's: resolves once its workers run. */
export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/src/main.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => line.includes("workers running") && resolve());
    child.once("exit", (code) => reject(new Error(`the worker process exited with ${code}: ${stderr.slice(-2000)}`)));
  });
  return {
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
