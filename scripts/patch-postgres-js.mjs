// Run by `npm install` / `npm ci` (the root postinstall). Patches postgres.js 3.4.9 in node_modules for a
// bug that kills the process when Postgres restarts or a connection drops mid-transaction
// (porsager/postgres#1154, #1208; the fix proposed upstream in #1168 and #1209, not released in 3.x):
//
// 1. A write smaller than 1 KB is flushed by a setImmediate. When the socket closes first, closed() sets
//    `socket = null`, rejects the in-flight query, and the transaction's own automatic ROLLBACK is written
//    after that: the immediate then calls `null.write` and the TypeError, thrown from a timer with no
//    caller, is an uncaught exception. The guard settles that write with CONNECTION_CLOSED instead.
// 2. closed() and terminate() cancel the pending flush without forgetting it (`nextWriteTimer` stays
//    set), and write() only schedules a flush while none is pending: the pooled connection could never
//    send again (each later use waits for CONNECT_TIMEOUT). Both now reset the buffer and the timer.
// 3. closed() rejects the in-flight query but keeps pointing at it, so `sql.end()` waits for that query
//    forever (shutdown after a database blip hangs until end's timeout). It now lets go of it once rejected.
//
// Idempotent (a marker comment), and it leaves any other version alone: postgres 4 rewrote the connection.
// Nothing in the application can catch this from outside: the throw comes from the driver's own timer and
// its state lives in a closure, so swallowing the uncaught exception would leave the connection wedged.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const marker = "/* helpdesk: patched for porsager/postgres#1154 #1208 */";
const patchedVersion = "3.4.9";

const edits = [
  {
    what: "nextWrite guard",
    from: "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n",
    to:
      "  function nextWrite(fn) {\n" +
      `    ${marker}\n` +
      "    if (socket === null) {\n" +
      "      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n" +
      "      chunk = nextWriteTimer = null\n" +
      "      const err = Errors.connection('CONNECTION_CLOSED', options, socket)\n" +
      "      error(err)\n" +
      "      query = results = errorResponse = null\n" +
      "      result = new Result()\n" +
      "      fn && fn(err)\n" +
      "      return false\n" +
      "    }\n" +
      "    const x = socket.write(chunk, fn)\n",
  },
  {
    what: "terminate() forgets the pending flush",
    from: "    terminated = true\n    if (stream || query || initial || sent.length)\n      error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n",
    to: "    terminated = true\n    if (stream || query || initial || sent.length)\n      error(Errors.connection('CONNECTION_DESTROYED', options))\n\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n",
  },
  {
    what: "closed() lets go of the failed query",
    from: "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    to:
      "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n" +
      "    query = results = errorResponse = null\n" +
      "    result = new Result()\n",
  },
  {
    what: "closed() forgets the pending flush",
    from: "    incomings = null\n    clearImmediate(nextWriteTimer)\n",
    to: "    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n",
  },
];

const candidates = [join(root, "node_modules", "postgres"), join(root, "db", "node_modules", "postgres")];
let found = false;
for (const dir of candidates) {
  if (!existsSync(join(dir, "package.json"))) continue;
  found = true;
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (version !== patchedVersion) {
    console.warn(
      `patch-postgres-js: postgres ${version} at ${dir} is not ${patchedVersion}; left as it is (check that it has the fix for #1154/#1208)`,
    );
    continue;
  }
  for (const build of ["src", "cjs/src", "cf/src"]) {
    const file = join(dir, build, "connection.js");
    if (!existsSync(file)) continue;
    let source = readFileSync(file, "utf8");
    if (source.includes(marker)) continue;
    for (const edit of edits) {
      if (!source.includes(edit.from)) {
        console.error(
          `patch-postgres-js: ${file} does not look like postgres ${patchedVersion} (${edit.what}); not patched`,
        );
        process.exit(1);
      }
      source = source.replace(edit.from, edit.to);
    }
    writeFileSync(file, source);
  }
}
if (!found) console.warn("patch-postgres-js: postgres is not installed; nothing to patch");
