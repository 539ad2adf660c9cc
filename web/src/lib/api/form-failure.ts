import { ApiError } from "./client";

/** Messages by the form field they are about; keys are the form's own (usually the API's issue paths, dotted). */
export type FieldErrors = Record<string, string>;

/** What a failed save shows: a banner, and messages next to the inputs they are about. */
export interface FormFailure {
  message: string;
  fields: FieldErrors;
}

export interface FormFields {
  /**
   * The form field an issue path (`settings.imap.host`, `targets.urgent.firstResponseMinutes`) belongs to, or
   * undefined when the form shows no such field: its message then goes into the banner.
   */
  fieldOf: (path: string) => string | undefined;
  /** Names of the fields for the banner ("Check Name, IMAP host."); without them it asks to check the highlighted fields. */
  labels?: Record<string, string>;
  /** Error codes that are about one field (`CHANNEL_ADDRESS_TAKEN` → `address`): the message goes next to it too. */
  fieldOfCode?: Record<string, string>;
}

/** The banner when the fields themselves say what is wrong (also for checks the form makes before sending). */
export const checkHighlightedFields = "Not saved: check the highlighted fields.";

/** Zod issues from a VALIDATION_FAILED answer, by dotted path ("targets.urgent.firstResponseMinutes"); the first per path. */
export function issuesByPath(details: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(details)) return out;
  for (const issue of details) {
    if (!issue || typeof issue !== "object") continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const key = Array.isArray(path) ? path.map(String).join(".") : "";
    if (!out.has(key)) out.set(key, typeof message === "string" ? message : "Invalid value.");
  }
  return out;
}

/** Turns what a save threw (an ApiError from `data()`, or anything else) into a banner and per-field messages. */
export function failureOf(error: unknown, form: FormFields): FormFailure {
  if (!(error instanceof ApiError))
    return { message: `Not saved. ${error instanceof Error ? error.message : "Something went wrong."}`, fields: {} };
  const codeField = form.fieldOfCode?.[error.code];
  if (codeField) return { message: `Not saved. ${error.message}`, fields: { [codeField]: error.message } };
  if (error.code !== "VALIDATION_FAILED") return { message: `Not saved. ${error.message}`, fields: {} };
  const fields: FieldErrors = {};
  const loose: string[] = [];
  for (const [path, message] of issuesByPath(error.details)) {
    const field = form.fieldOf(path);
    if (field !== undefined) fields[field] ??= message;
    else loose.push(path ? `${path}: ${message}` : message);
  }
  const named = Object.keys(fields);
  if (!named.length) return { message: `Not saved. ${loose.join(" ") || error.message}`, fields };
  const check = form.labels
    ? `Not saved: check ${named.map((field) => form.labels?.[field] ?? field).join(", ")}.`
    : checkHighlightedFields;
  return { message: [check, ...loose].join(" "), fields };
}

/** `fieldOf` for forms whose fields are named by the API's paths: these paths, and any path under one of the prefixes. */
export function fieldsAt(
  paths: readonly string[],
  prefixes: readonly string[] = [],
): (path: string) => string | undefined {
  return (path) =>
    paths.includes(path) || prefixes.some((prefix) => path.startsWith(`${prefix}.`)) ? path : undefined;
}
