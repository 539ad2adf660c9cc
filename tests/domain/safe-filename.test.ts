import { parseInboundEmail, portalReplyInput, replyFilesInput } from "@helpdesk/api/domain";
import { articleFileInput, maxFilenameLength, safeFilename } from "@helpdesk/knowledge-base";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, test } from "vitest";

/** One rule for every file name stored: mail attachments, reply files (agents, portal, chat), article files. */
describe("safeFilename", () => {
  test.each([
    ["a plain name: unchanged", "report.pdf", "report.pdf"],
    ["a Unix path: its last segment", "../../etc/passwd", "passwd"],
    ["a Windows path: its last segment", "C:\\fakepath\\invoice.pdf", "invoice.pdf"],
    ["control characters dropped", "in\u0000vo\nice\u007f\u0085.pdf", "invoice.pdf"],
    ["a right-to-left override dropped: the real extension shows", "invoice\u202Efdp.exe", "invoicefdp.exe"],
    [
      "bidi embeddings, isolates and marks dropped",
      "\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069h\u200Ei\u200Fj\u061C.txt",
      "abcdefghij.txt",
    ],
    ["trimmed", "  notes.txt \t", "notes.txt"],
    ["letters of any script and emoji kept", "Prüfbericht 📄 報告.pdf", "Prüfbericht 📄 報告.pdf"],
    ["empty: the fallback", "", "file"],
    ["only a path: the fallback", "some/dir/", "file"],
    ["a dot or two: the fallback", "..", "file"],
    ["only control characters: the fallback", "\u0001\u202E", "file"],
  ])("%s", (_, input, expected) => {
    expect(safeFilename(input)).toBe(expected);
  });

  test("cut to the limit keeping the extension; a fallback and a limit of the caller's own", () => {
    const long = `${"q".repeat(400)}.pdf`;
    expect(safeFilename(long)).toBe(`${"q".repeat(250)}….pdf`);
    expect(safeFilename(long)).toHaveLength(maxFilenameLength);
    expect(safeFilename(long, { maxLength: Infinity })).toBe(long);
    expect(safeFilename(undefined, { fallback: "attachment-1.bin" })).toBe("attachment-1.bin");
    expect(safeFilename("x/..", { fallback: "attachment-2.png" })).toBe("attachment-2.png");
  });
});

describe("every way a file comes in uses it", () => {
  const hostile = `../secret/\u202Einvoice\u0000${"x".repeat(300)}.pdf`;
  const expected = safeFilename(hostile);
  const content = new TextEncoder().encode("%PDF-1.7");

  test("sanity: the hostile name is cleaned and cut", () => {
    expect(expected).toMatch(/^invoicex+….pdf$/);
    expect(expected).toHaveLength(maxFilenameLength);
  });

  test("an agent's reply files", () => {
    expect(replyFilesInput.parse([{ filename: hostile, contentType: "application/pdf", content }])[0]!.filename).toBe(
      expected,
    );
  });

  test("a customer's portal reply files", () => {
    expect(
      portalReplyInput.parse({ body: "Here", files: [{ filename: hostile, contentType: "application/pdf", content }] })
        .files[0]!.filename,
    ).toBe(expected);
  });

  test("an article's files", () => {
    expect(articleFileInput.parse({ filename: hostile, contentType: "application/pdf", content }).filename).toBe(
      expected,
    );
  });

  test("inbound mail: cleaned when parsed, left at full length for processing to cut and note", async () => {
    const raw = await new MailComposer({
      from: "a@customer.test",
      to: "support@helpdesk.test",
      subject: "Files",
      text: "Attached.",
      attachments: [{ filename: hostile, content: Buffer.from(content), contentType: "application/pdf" }],
    })
      .compile()
      .build();
    const [file] = (await parseInboundEmail(raw)).attachments;
    expect(file!.filename).toBe(safeFilename(hostile, { maxLength: Infinity }));
    expect(file!.filename).toMatch(/^invoicex{300}\.pdf$/);
  });
});
