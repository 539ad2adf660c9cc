/** What goes with a log line besides its message: ids, counts, an error's stack. */
export type LogFields = Record<string, unknown>;

/**
 * Where the help desk writes its log lines: JSON lines on stdout in the servers (built in the composition
 * roots), a quiet stand-in in tests. A part that needs only some levels asks for them, as `Pick<Logger, "warn">`,
 * so a narrower logger can be passed to it.
 */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
