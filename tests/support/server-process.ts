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
