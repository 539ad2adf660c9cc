import { describe, expect, test } from "vitest";
import { ApiError } from "../../web/src/lib/api/client.ts";
import {
  checkHighlightedFields,
  failureOf,
  fieldsAt,
  issuesByPath,
  type FormFields,
} from "../../web/src/lib/api/form-failure.ts";

/** What a settings form shows when a save fails (web/src/lib/api/form-failure.ts): pure, so tables. */
const invalid = (...issues: unknown[]) =>
  new ApiError(400, "VALIDATION_FAILED", "The request is invalid; see details.", issues);
const issue = (path: (string | number)[], message: string) => ({ path, message });

const byPath: FormFields = { fieldOf: fieldsAt(["name", "address", "settings.imap.host"], ["weekly"]) };
const labelled: FormFields = {
  ...byPath,
  labels: { name: "Name", address: "E-mail address", "settings.imap.host": "IMAP host" },
};
const withCode: FormFields = { ...byPath, fieldOfCode: { CHANNEL_ADDRESS_TAKEN: "address" } };

describe("failureOf", () => {
  test.each([
    [
      "a field's issue goes next to it",
      byPath,
      invalid(issue(["name"], "Too long.")),
      checkHighlightedFields,
      { name: "Too long." },
    ],
    [
      "the banner names labelled fields",
      labelled,
      invalid(issue(["name"], "Too long."), issue(["settings", "imap", "host"], "Required.")),
      "Not saved: check Name, IMAP host.",
      { name: "Too long.", "settings.imap.host": "Required." },
    ],
    [
      "paths under a prefix are fields",
      byPath,
      invalid(issue(["weekly", "1", 0, "end"], "After the start.")),
      checkHighlightedFields,
      { "weekly.1.0.end": "After the start." },
    ],
    [
      "an issue the form has no field for goes into the banner",
      byPath,
      invalid(issue(["kind"], "Unknown kind.")),
      "Not saved. kind: Unknown kind.",
      {},
    ],
    [
      "fields and loose issues together",
      byPath,
      invalid(issue(["name"], "Too long."), issue([], "Give a name.")),
      `${checkHighlightedFields} Give a name.`,
      { name: "Too long." },
    ],
    [
      "the first issue of a field wins",
      byPath,
      invalid(issue(["name"], "First."), issue(["name"], "Second.")),
      checkHighlightedFields,
      { name: "First." },
    ],
    [
      "an issue without a message still marks its field",
      byPath,
      invalid({ path: ["address"] }),
      checkHighlightedFields,
      { address: "Invalid value." },
    ],
    [
      "malformed details: the API's own message",
      byPath,
      new ApiError(400, "VALIDATION_FAILED", "The request is invalid; see details.", "oops"),
      "Not saved. The request is invalid; see details.",
      {},
    ],
    [
      "other API errors: their message",
      byPath,
      new ApiError(409, "CHANNEL_ADDRESS_TAKEN", "Another email channel already uses a@b.test.", {}),
      "Not saved. Another email channel already uses a@b.test.",
      {},
    ],
    [
      "an error code about one field marks it",
      withCode,
      new ApiError(409, "CHANNEL_ADDRESS_TAKEN", "Another email channel already uses a@b.test.", {}),
      "Not saved. Another email channel already uses a@b.test.",
      { address: "Another email channel already uses a@b.test." },
    ],
    [
      "the network",
      byPath,
      new ApiError(0, "NETWORK", "The help desk cannot be reached."),
      "Not saved. The help desk cannot be reached.",
      {},
    ],
    [
      "anything else thrown",
      byPath,
      new Error("The channel is no longer an email channel."),
      "Not saved. The channel is no longer an email channel.",
      {},
    ],
    ["not even an Error", byPath, "boom", "Not saved. Something went wrong.", {}],
  ])("%s", (_, form, error, message, fields) => {
    expect(failureOf(error, form)).toEqual({ message, fields });
  });
});

describe("issuesByPath", () => {
  test("dotted paths, the first message per path, junk skipped", () => {
    const issues = issuesByPath([
      issue(["targets", "urgent", "firstResponseMinutes"], "Too short."),
      null,
      "x",
      issue(["targets", "urgent", "firstResponseMinutes"], "Later."),
      { message: "Whole body." },
    ]);
    expect([...issues]).toEqual([
      ["targets.urgent.firstResponseMinutes", "Too short."],
      ["", "Whole body."],
    ]);
  });

  test("no list: no issues", () => {
    expect(issuesByPath({ path: ["name"], message: "x" }).size).toBe(0);
  });
});
