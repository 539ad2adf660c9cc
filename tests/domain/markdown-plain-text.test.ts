import { describe, expect, test } from "vitest";
import { markdownToPlainText } from "../../api/src/domain/messages/plain-text.ts";

describe("an agent's Markdown as plain text (chat widget, e-mail text part)", () => {
  test("emphasis marks go; links keep their address; bare addresses stay as they are", () => {
    expect(markdownToPlainText("It will be **delivered tomorrow**, _promise_.")).toBe(
      "It will be delivered tomorrow, promise.",
    );
    expect(
      markdownToPlainText("See [How do I reset my password?](https://help.example.com/help/en/reset-password)."),
    ).toBe("See How do I reset my password? (https://help.example.com/help/en/reset-password).");
    expect(markdownToPlainText("Go to https://example.com/orders now")).toBe("Go to https://example.com/orders now");
  });

  test("lists, quotes, code and line breaks keep their shape; snake_case and symbols survive", () => {
    expect(markdownToPlainText("Steps:\n\n1. Open **Billing**\n2. Click `Download`\n\n- one\n- two")).toBe(
      "Steps:\n\n1. Open Billing\n2. Click Download\n\n- one\n- two",
    );
    expect(markdownToPlainText("> quoted line\n\nafter")).toBe("> quoted line\n\nafter");
    expect(markdownToPlainText("use order_id & a < b")).toBe("use order_id & a < b");
    expect(markdownToPlainText("```\ncode **stays**\n```")).toBe("code **stays**");
  });
});
