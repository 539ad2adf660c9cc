import { subjectWithTicketToken, ticketNumberFromPlusAddress, ticketNumberFromSubject } from "@helpdesk/api/domain";
import { describe, expect, test } from "vitest";

describe("ticketNumberFromSubject", () => {
  test.each([
    ["Re: Where is my order? [#1042]", 1042],
    ["[#7] at the start", 7],
    ["AW: Rechnung [#1042] – Frage", 1042],
    ["Fwd: Order [#55] (from another help desk) [#1043]", 1043],
    ["Where is my order?", null],
    ["Order #1042", null],
    ["[# 1042]", null],
    ["[#abc]", null],
    ["[#0]", null],
    ["[#1234567890123456]", null],
    ["", null],
  ])("%j → %j", (subject, number) => {
    expect(ticketNumberFromSubject(subject)).toBe(number);
  });
});

describe("ticketNumberFromPlusAddress", () => {
  test.each([
    ["support+1042@example.com", "support@example.com", 1042],
    ["Support+1042@Example.COM", "support@example.com", 1042],
    [" <support+1042@example.com> ", "Support@Example.com", 1042],
    ["support+eu+77@example.com", "support+eu@example.com", 77],
    ["support@example.com", "support@example.com", null],
    ["support+@example.com", "support@example.com", null],
    ["support+12ab@example.com", "support@example.com", null],
    ["support+0@example.com", "support@example.com", null],
    ["support+1042@example.org", "support@example.com", null],
    ["helpdesk+1042@example.com", "support@example.com", null],
    ["xsupport+1042@example.com", "support@example.com", null],
    ["not an address", "support@example.com", null],
  ])("%j for channel %j → %j", (recipient, channel, number) => {
    expect(ticketNumberFromPlusAddress(recipient, channel)).toBe(number);
  });
});

describe("subjectWithTicketToken", () => {
  test.each([
    ["Where is my order?", "Re: Where is my order? [#1042]"],
    ["Re: Where is my order?", "Re: Where is my order? [#1042]"],
    ["RE: Re: re:Where is my order?", "Re: Where is my order? [#1042]"],
    ["AW: Re[2]: SV: Antw: Where is my order?", "Re: Where is my order? [#1042]"],
    ["RE : Re(3): commande", "Re: commande [#1042]"],
    ["Réponse : commande", "Re: Réponse : commande [#1042]"],
    ["Re: Where is my order? [#1042]", "Re: Where is my order? [#1042]"],
    ["Where is [#1042] my order?", "Re: Where is [#1042] my order?"],
    ["Fwd: Order [#55]", "Re: Fwd: Order [#55] [#1042]"],
    ["  Where is my order?  ", "Re: Where is my order? [#1042]"],
    ["", "Re: [#1042]"],
  ])("%j → %j", (subject, expected) => {
    expect(subjectWithTicketToken(subject, 1042)).toBe(expected);
  });
});
