import type { TicketPriority } from "@helpdesk/db";

/**
 * What the demo help desk's customers write about, and how agents answer. The demo company sells a
 * point-of-sale platform: card readers and printers (shipping, returns), subscriptions (billing) and
 * an API (integrations). Placeholders in {braces} are filled per ticket by demo-data.ts.
 *
 * A scenario is a kind of ticket; each of its stories is one coherent thread: subjects and opening
 * messages that fit together, then either `ask` (the agent asks or suggests, submitted as pending),
 * `answer` (the customer replies) and `fix` (submitted as solved), or a `direct` one-reply answer.
 * Bodies are channel-neutral: demo-data.ts adds greetings and sign-offs on e-mail-like channels.
 */
export type DemoTeamKey = "tier1" | "billing" | "technical";

export interface DemoStory {
  subjects: string[];
  /** First message on e-mail, help-center and API tickets. */
  email: string[];
  /** First message on chat channels; its first sentence becomes the subject. */
  chat: string[];
  ask: string;
  answer: string;
  fix: string;
  /** Solves the ticket in one reply, as an alternative to ask/answer/fix. */
  direct?: string;
  /** Internal notes written while working on it. */
  notes: string[];
}

export interface DemoScenario {
  key: string;
  team: DemoTeamKey;
  tags: string[];
  priorities: Partial<Record<TicketPriority, number>>;
  /** How often this kind of ticket comes in, relative to the others. */
  weight: number;
  stories: DemoStory[];
  /** Waiting on someone else: an internal note, then the first reply, submitted as on-hold. Fits every story. */
  hold: { note: string; message: string };
  /**
   * Set when such tickets sometimes arrive in Tier 1 first: the note a Tier 1 agent leaves when
   * passing the ticket on to `team`.
   */
  viaTier1?: string;
  /** Developers write these: mostly customers whose organization uses the API, by e-mail, help center or web chat. */
  developers?: boolean;
  /** Filled in by the agent who picks the ticket up (or by the help-center form). */
  fields?: Record<string, string>;
}

export const demoScenarios: DemoScenario[] = [
  {
    key: "password-reset",
    team: "tier1",
    tags: ["login", "password-reset"],
    priorities: { low: 2, normal: 7, high: 1 },
    weight: 10,
    stories: [
      {
        subjects: [
          "Password reset email never arrives",
          "Forgot password - no email received",
          "Can't reset my password",
        ],
        email: [
          "Hi,\n\nI've tried to reset my password three times this morning but the reset email never shows up. I checked spam and promotions too. My login is {email}.\n\nCan you help? I need to get into the dashboard before we open.",
          'Hello,\n\nI clicked "Forgot password" twice yesterday and again today and nothing has arrived. Is the reset email broken?',
        ],
        chat: ["Hi, I can't log in and the reset email isn't arriving. Tried twice already"],
        ask: "Sorry about the trouble getting in. I can see our reset emails going out to {email}, and the last one was accepted by your mail server a few minutes ago. Could you check with whoever manages your email whether messages from no-reply@example.com are being quarantined?",
        answer:
          "Our IT person found them in a quarantine folder and released them. He's added the address to the allowlist now. Should I request a new link or use the one he released?",
        fix: "Please request a fresh one: links are single-use and expire after 60 minutes, so the released ones have likely timed out. With the allowlist in place it should arrive within a minute. I've checked and your account is not locked, so you're good to go once you set the new password.",
        direct:
          "I can see the reset email was delivered a few minutes ago; it was just delayed by your mail provider. If it's not in your inbox shortly, reply here and I'll set a temporary password for you instead.",
        notes: [
          "Mail logs show 250 OK from their mail server for all three resets, so it's being filtered on their side.",
          "Their domain uses a strict spam gateway. Suggested allowlisting no-reply@example.com.",
        ],
      },
      {
        subjects: ["Reset link says it has expired", "Password reset link doesn't work"],
        email: [
          'Hello,\n\nEvery time I click the password reset link it says "This link has expired", even when I click it straight away. I\'m using {browser} on a work laptop. What am I doing wrong?',
        ],
        chat: ["The password reset link says expired every time I click it. Help please"],
        ask: "Thanks for reaching out. Reset links expire after 60 minutes and can only be used once, and some email security scanners open links before you do, which uses them up. Could you tell me which email provider you use, and whether you open the link on the same device you requested it from?",
        answer:
          "We use Outlook through our office's Microsoft 365. I requested it on the laptop and opened it on my phone, if that matters.",
        fix: "That explains it: Microsoft 365's Safe Links opens the link to scan it, which counts as the one use. I've sent you a reset link that survives the scanner's visit. If it happens again, copy the link into a private {browser} window rather than clicking it.",
        direct:
          "Some email security scanners open links before you do, which uses up the single-use reset link. I've sent you a new link that survives the scanner's visit; it's valid for 60 minutes.",
        notes: [
          "Third ticket this week where a link scanner burned the reset token. Worth a KB article?",
          "Token consumed 2 seconds after sending, from a Microsoft IP. Safe Links again.",
        ],
      },
      {
        subjects: ["Locked out of the dashboard", "Account locked after too many attempts"],
        email: [
          "Hi there,\n\nI got locked out after too many wrong passwords (a new staff member typed it on the reader setup screen). It's been an hour and it still says the account is locked. Could you unlock it?",
        ],
        chat: ["Hey, locked out of my account after too many password attempts, can you unlock it?"],
        ask: "I've cleared the lockout on your account, so you can try again now. Before you do, could you confirm the exact email address you sign in with? I can see two accounts under similar addresses and want to be sure we reset the right one.",
        answer:
          "It's {email}. The other one is probably an old account from when we trialled you last year, you can ignore it.",
        fix: "Thanks, that's the one I unlocked. I've sent a reset link to {email}; it's valid for 60 minutes. I'd also recommend giving new staff members their own logins under Settings → Team, so a typo on their side can't lock the owner out again.",
        direct:
          "I've unlocked your account and a new reset link is on its way to {email}. Once you're in, you can turn on two-factor authentication under Settings → Security, and give staff their own logins under Settings → Team.",
        notes: [
          "Two accounts with near-identical emails. Left the old trial account alone, didn't merge.",
          "Lockout triggered by 10 failed attempts from the reader setup screen. Unlocked.",
        ],
      },
    ],
    hold: {
      note: "Asked the email team to check whether their domain rejects our sending IPs.",
      message:
        "I can see our emails are leaving us fine but not reaching you, so something between us is blocking them. I've asked our email team to check, and I'll keep this ticket on hold until they come back to me (usually within a day). If your IT team can allowlist no-reply@example.com in the meantime, that may fix it sooner.",
    },
  },
  {
    key: "two-factor",
    team: "tier1",
    tags: ["login", "2fa"],
    priorities: { normal: 6, high: 2 },
    weight: 5,
    stories: [
      {
        subjects: [
          "Lost my phone, can't get 2FA code",
          "Locked out by two-factor authentication",
          "New phone - no authenticator codes",
        ],
        email: [
          "Hi,\n\nMy phone was stolen over the weekend and I had two-factor turned on with the authenticator app. I have a new phone now but obviously no codes, and I can't find the backup codes either. How do I get back into my account? I'm the account owner.",
        ],
        chat: ["Hi, I got a new phone and now I can't get my 2FA codes. How do I log in?"],
        ask: "I'm sorry to hear about your phone. For security, we need to verify ownership before removing two-factor authentication. Could you reply with the last four digits of the card on your subscription and the approximate amount of your last payout?",
        answer: "Card ends in {last4}. Last payout was a couple of days ago, around {amount}.",
        fix: "Thank you, that matches what we have. I've removed two-factor authentication from your account, so you can sign in with your password now. Please set it up again on your new phone under Settings → Security, and this time save the backup codes somewhere safe (a password manager is ideal).",
        direct:
          'If you can still sign in on your old phone, go to Settings → Security → Two-factor, choose "Replace device" and scan the new QR code. If the old phone is gone, reply here and we\'ll verify your identity and reset it for you.',
        notes: [
          "Identity verified via card last4 + payout amount. OK to reset 2FA.",
          "Owner email matches, card matches. Resetting 2FA.",
        ],
      },
      {
        subjects: ["Two-factor codes not accepted", "Authenticator says invalid code"],
        email: [
          'Hello,\n\nThe six-digit codes from my authenticator app keep getting rejected ("invalid code"). I\'ve tried maybe ten times. Nothing changed on my side as far as I know.',
        ],
        chat: ["My authenticator codes are being rejected as invalid, what's going on?"],
        ask: "Invalid codes are almost always caused by the phone's clock being slightly off, since the codes depend on the exact time. Could you check that your phone's date and time are set to automatic, then try a fresh code?",
        answer: "It was set to manual, I changed it to automatic. Still says invalid though.",
        fix: "Thanks for checking. I've reset your two-factor enrollment, so the next time you sign in you'll be asked to scan a new QR code, which pairs your app again from scratch. Remove the old entry from the authenticator first so you don't mix them up.",
        direct:
          "The codes depend on your phone's clock, and yours looks to be a few minutes off: our logs show codes from about 4 minutes ago. Set the date and time to automatic in your phone's settings and the next code will work.",
        notes: ["Failed codes are all exactly one window behind: clock drift on the phone."],
      },
    ],
    hold: {
      note: "Owner verification pending: the person writing isn't the account owner on file.",
      message:
        "For security, removing two-factor authentication needs the account owner's confirmation, and the owner on file is a different person. I've emailed them to confirm, and I'll keep this ticket on hold until they reply.",
    },
  },
  {
    key: "shipping-delay",
    team: "tier1",
    tags: ["shipping", "order"],
    priorities: { normal: 7, high: 2, urgent: 1 },
    weight: 12,
    stories: [
      {
        subjects: [
          "Where is my order {order}?",
          "Order {order} still not delivered",
          "Tracking hasn't updated in {days} days",
          "Shipment stuck in transit",
        ],
        email: [
          "Hi,\n\nI ordered a {device} on {orderDay} (order {order}) and paid for express shipping. The tracking number hasn't updated in {days} days and still says \"in transit\". We're opening our second location next week and really need it. Can you check what's going on?",
          "Hello,\n\nOur order {order} was supposed to arrive yesterday according to your confirmation email. {carrier} tracking says it's \"in transit\" but it hasn't moved since. Is there any way to speed this up or send a replacement?",
        ],
        chat: ["Hi, my order {order} hasn't arrived yet and tracking hasn't moved in {days} days"],
        ask: "Thanks for the order number. Your {device} left our warehouse on time and was handed to {carrier}, but the tracking shows it stuck at their regional hub, so I've opened a trace with them. Could you confirm the delivery address is still correct and that someone can sign for it during business hours?",
        answer: "Yes, the address is right and we're there from 8 to 6 every day. Any idea how long the trace takes?",
        fix: "Good news: {carrier} found the parcel; it had been mis-sorted at the hub. It's back on its way with tracking {tracking} and is scheduled for delivery tomorrow. Because you paid for express and it arrived late, I've refunded the {shippingFee} shipping fee to your card.",
        direct:
          "{carrier} marked the parcel as delayed because of weather at their hub. It's moving again and is scheduled for delivery tomorrow. If it doesn't arrive by end of day, reply here and I'll send a replacement by express at no charge.",
        notes: [
          "Checked the warehouse system: picked and packed on time, handed to {carrier} the same day. Trace opened, ref {ref}.",
          "This is the 4th {carrier} delay from the same hub this week. Flagged to logistics.",
        ],
      },
      {
        subjects: [
          "Has my order shipped yet?",
          "Card reader order not shipped",
          "Order {order} - no shipping confirmation",
        ],
        email: [
          "Hello,\n\nI ordered a {device} last week (order {order}) and I still haven't had a shipping confirmation. We open on Monday and need it for the till. When will it ship?",
        ],
        chat: ["Hello, when will my {device} ship? Ordered it last week and still nothing"],
        ask: "I'm sorry for the wait. Your order was held because the billing and shipping postcodes didn't match, which our fraud check flags for manual review. Could you confirm the shipping address for order {order}?",
        answer:
          "Oh, we moved recently. The shipping address on the order is correct, the billing one is our old address. I'll update it.",
        fix: "Thanks for confirming. I've released the order and it shipped this afternoon with {carrier}, tracking {tracking}. It should arrive in 1 to 2 business days. Updating your billing address under Settings → Billing will stop this from happening on future orders.",
        direct:
          "Thanks for your patience. I checked order {order}: the {device} shipped this morning with {carrier}, and the tracking ({tracking}) should start updating tonight. Estimated delivery is within 2 business days.",
        notes: [
          "Order held by the fraud check: billing/shipping postcode mismatch. Released manually.",
          "Warehouse backlog after the weekend; order is in today's pick list.",
        ],
      },
    ],
    hold: {
      note: "Carrier trace {ref} opened with {carrier}; they quote 2-3 business days for a response.",
      message:
        "I've opened a trace with {carrier} on your parcel, and I'll keep this ticket on hold while they investigate. As soon as they reply I'll let you know, and if the parcel turns out to be lost we'll ship a replacement right away.",
    },
    fields: { order_number: "{order}" },
  },
  {
    key: "damaged-item",
    team: "tier1",
    tags: ["shipping", "replacement"],
    priorities: { normal: 6, high: 2 },
    weight: 6,
    stories: [
      {
        subjects: ["{device} arrived damaged", "Cracked screen on new reader", "New reader doesn't power on"],
        email: [
          "Hi,\n\nOur {device} arrived today and the box was crushed on one corner. The screen has a crack across the top and it won't turn on. Order {order}. I've attached photos. How do we get a replacement?",
        ],
        chat: ["Hi, the {device} I received today won't turn on at all. It's brand new"],
        ask: "I'm sorry it arrived like that. Before I arrange the replacement, could you send a photo of the serial number sticker on the back of the unit (or on the box)? We need it to register the return.",
        answer: "Here's the serial: {serial}. The sticker on the box has the same number.",
        fix: "Thank you. I've shipped a replacement {device} by express; it should arrive in 1 to 2 business days. A prepaid return label is on its way to {email}: please put the damaged unit in the replacement's box and drop it at any {carrier} point within 30 days. No charge for any of this.",
        direct:
          "So sorry about that. I've sent a replacement by express at no charge and emailed you a prepaid return label for the faulty one.",
        notes: [
          "Serial is from the batch with the loose battery connector. Replacement approved without troubleshooting.",
          "Third crushed box from this carrier route this month. Logged with logistics.",
        ],
      },
      {
        subjects: ["Wrong item in my package", "Missing item in order {order}"],
        email: [
          "Hello,\n\nWe ordered two {device} units (order {order}) but the box only had one, plus a receipt printer we didn't order. Could you sort this out? Happy to send the printer back.",
        ],
        chat: ["Hello, got my order today but one item is missing and there's something we didn't order"],
        ask: "Sorry about the mix-up at the warehouse. Could you confirm what you received (the model names on the box labels), so I can make sure the right items go out this time?",
        answer: "One {device} and an RP-80 receipt printer. We're missing the second {device}.",
        fix: "Thanks! The missing {device} has shipped today by express ({tracking}). For the printer, you'll receive a prepaid return label by email; there's no rush, just send it back within 30 days. Apologies again for the hassle.",
        notes: ["Warehouse confirmed a pick error on this order. Logged with the fulfilment team."],
      },
    ],
    hold: {
      note: "Replacement stock is out until next week's delivery; holding until it's in.",
      message:
        "I'm sorry about this. We're temporarily out of replacement units; new stock reaches our warehouse early next week. I've reserved one for you and will keep this ticket on hold until it ships, then send you the tracking number.",
    },
    fields: { order_number: "{order}" },
  },
  {
    key: "how-to",
    team: "tier1",
    tags: ["how-to"],
    priorities: { low: 4, normal: 6 },
    weight: 10,
    stories: [
      {
        subjects: [
          "How do I export sales to CSV?",
          "Sales report for my accountant",
          "Export transactions to a spreadsheet",
        ],
        email: [
          "Hi,\n\nMy accountant wants last month's sales as a spreadsheet, broken down by day and payment type. Is there a way to export that from the dashboard? I couldn't find it.",
        ],
        chat: ["Quick question: how do I export my sales to a spreadsheet?"],
        ask: "Yes, you can! Go to Reports → Sales, pick the date range, and click Export → CSV. Could you let me know which breakdown your accountant needs (by day, by item, or by payment method)? There are a few export presets and I can point you to the right one.",
        answer:
          "By day and by payment method, ideally in one file. I found the export button, but it only gives me totals.",
        fix: 'For that, use Reports → Payments instead of Sales, set "Group by" to Day and tick "Split by payment method", then export. That gives one row per day and payment type. You can also schedule it to email your accountant on the 1st of every month under Reports → Scheduled exports.',
        direct:
          'Go to Reports → Payments, set "Group by" to Day, tick "Split by payment method" and click Export → CSV. You can also have it emailed to your accountant every month under Reports → Scheduled exports.',
        notes: ["Good candidate for the KB: third question about exports this week."],
      },
      {
        subjects: ["Can I add a second location?", "Running two shops on one account"],
        email: [
          "Hello,\n\nWe're opening a second shop next month. Can we run both locations under one account, with separate reports for each? And do we need a different plan for that?",
        ],
        chat: ["Hi! Can I run two shops from one account?"],
        ask: "Multiple locations are supported on every plan. Each location gets its own devices, stock and reports, and you can see them combined too. Do you want the two shops to share the same product catalogue and stock, or keep them separate?",
        answer: "Same catalogue, but separate stock counts please. Prices are the same in both shops.",
        fix: 'Perfect, that\'s the default. Under Settings → Locations click "Add location", give it a name and address, and choose "Share catalogue". Stock is always tracked per location. Then assign your new readers to it under Devices. Your {plan} plan covers it at no extra cost.',
        notes: ["Customer is on the {plan} plan, which covers extra locations. No upsell needed."],
      },
      {
        subjects: ["Question about tipping on the card reader", "How do I turn on tips?"],
        email: [
          "Hi team,\n\nIs it possible to turn on tipping on the {device}, with preset percentages? Our customers keep asking to leave a tip and we're doing it in cash right now.",
        ],
        chat: ["Hi! Can I turn on tips on the card reader?"],
        ask: "Yes! Tipping is under Settings → Checkout → Tips. Before you switch it on: would you like tips shown as percentages or as fixed amounts? Cafés usually prefer amounts, restaurants percentages.",
        answer: "Percentages please, 10, 15 and 20. And can staff see their own tips?",
        fix: "Set the three presets to 10, 15 and 20 under Settings → Checkout → Tips and switch it on; the {device} picks up the change within a minute. Each staff member's tips show in Reports → Staff, and you can include them in the payroll export.",
        direct:
          "On the dashboard go to Settings → Checkout → Tips, switch it on and set up to three preset percentages (most cafés use 10, 15 and 20). The reader picks up the change within a minute; no restart needed.",
        notes: ["Customer asked about tip pooling too; that's on the roadmap, not available yet."],
      },
      {
        subjects: ["How do I give staff their own logins?", "Adding a new employee"],
        email: [
          "Hello,\n\nWe've hired two part-timers. At the moment everybody uses my login on the register. How do I give them their own accounts, without them seeing our reports?",
        ],
        chat: ["Hey, how do I add my staff so they have their own login?"],
        ask: "Good idea to give everyone their own login. Go to Settings → Team → Invite and enter their email addresses. Do they need to issue refunds, or only take payments? That decides which role to give them.",
        answer: "Only payments. I'll do refunds myself.",
        fix: 'Then choose the "Cashier" role: they can take payments but can\'t see reports or issue refunds. Each person gets their own login, and their sales show under their name in Reports → Staff.',
        direct:
          'Go to Settings → Team → Invite, enter your staff member\'s email and pick a role. "Cashier" can take payments but can\'t see reports or issue refunds; "Manager" can do both. Each person gets their own login and their sales show under their name in reports.',
        notes: ["Sharing the owner login on the till: pointed them at staff roles."],
      },
    ],
    hold: {
      note: "Asked product whether this works on the {plan} plan today or needs the beta flag.",
      message:
        "Good question, and I want to give you a precise answer: I've asked our product team whether this is available on your plan today, and I'll keep this ticket on hold until I hear back from them.",
    },
  },
  {
    key: "feature-request",
    team: "tier1",
    tags: ["feature-request"],
    priorities: { low: 7, normal: 2 },
    weight: 5,
    stories: [
      {
        subjects: ["Feature request: dark mode for the register", "Dark mode please!"],
        email: [
          "Hi,\n\nWe use the register app at night (we're a bar) and the bright white screen is really harsh. Any chance of a dark mode? Lots of apps have it now.",
        ],
        chat: ["Is there a dark mode for the register app? Our bar is dark at night"],
        ask: "Thanks for the suggestion, it's a good one. I've added your vote to the request in our product tracker. To help the team prioritise, could you tell me roughly how many of your devices it would be used on?",
        answer: "Four iPads across two bars, every night from 6 until late.",
        fix: "Thanks, I've added that to the request. Good news too: dark mode is in beta, and I've enabled it on your account. You'll find it under Settings → Labs. Feedback on it goes straight to the product team.",
        direct:
          "Good news: dark mode is in beta! I've enabled it on your account, so you'll see it under Settings → Labs. Let us know how it works for you.",
        notes: ["Added +1 to {ref}. Enabled the dark mode beta flag for the account."],
      },
      {
        subjects: ["Any plans for a Xero integration?", "Integration with our accounting software"],
        email: [
          "Hello,\n\nWe moved our bookkeeping to Xero. Do you have an integration, or plans for one? At the moment I'm copying daily totals by hand.",
        ],
        chat: ["Do you integrate with Xero? Copying totals by hand is painful"],
        ask: "There's no direct Xero integration yet, but it's one of our most requested features, and I've added your vote. In the meantime, would a daily CSV export emailed to your bookkeeper help?",
        answer: "That would help a lot actually. How do I set that up?",
        fix: "Go to Reports → Scheduled exports → New, choose \"Daily summary\", and enter your bookkeeper's email; it arrives every morning at 6. I'll update this ticket if the Xero integration gets scheduled.",
        direct:
          "It's not available today, but I've added your vote to the existing request ({ref}). The product team reviews the most requested features each quarter, and we'll email everyone who voted when it ships.",
        notes: ["Logged as feedback on {ref}. Product says it's on the roadmap, but don't promise dates."],
      },
      {
        subjects: ["Suggestion: split payments between two cards", "Split the bill feature?"],
        email: [
          "Hello,\n\nCustomers often want to split one bill across two cards. At the moment we do it with two separate custom charges, which messes up our item reports. Could you add proper split payments?",
        ],
        chat: ["Is there a way to split one bill across two cards? Customers ask for it all the time"],
        ask: "Thanks for the suggestion. I've added your vote to the request in our product tracker. To help the team prioritise, could you tell me roughly how often this comes up for you?",
        answer: "Pretty much every weekend, several times a night. We lose a few minutes each time doing it manually.",
        fix: "Thanks, I've added that to the request. I don't have a date to share yet, but the product team reviews the most requested items every quarter, and I'll update this ticket if it gets scheduled. In the meantime, \"Charge → Partial payment\" keeps the items on one order while taking two cards.",
        notes: ["Added +1 to {ref}. That's 40+ votes now."],
      },
    ],
    hold: {
      note: "Asked product whether we can add this customer to the beta.",
      message:
        "Thanks for the suggestion! There's an early version of this in beta, and I've asked the product team whether we can add you to it. I'll keep this ticket on hold until I hear back.",
    },
  },
  {
    key: "account-change",
    team: "tier1",
    tags: ["account"],
    priorities: { low: 3, normal: 6 },
    weight: 5,
    stories: [
      {
        subjects: ["Change the account owner", "Transfer account to new owner"],
        email: [
          "Hi,\n\nI'm selling the business to my manager at the end of the month. How do we transfer the account to her name so the payouts go to her bank account from then on?",
        ],
        chat: ["Hi, I'm selling my business, how do I transfer the account to the new owner?"],
        ask: "Congratulations on the sale! Ownership transfers need a short form so we can verify the new owner for payouts. I've sent it to {email}. Could you let me know the new owner's name and email, so I can add her as a pending owner?",
        answer: "Her name is Maria Gonzalez, maria.gonzalez@example.org. I've filled in my part of the form.",
        fix: "Thanks, we've received both parts of the form and Maria's verification went through. The account is now in her name, and payouts from tomorrow go to her bank account. You're still listed as a Manager; she can remove you under Settings → Team whenever she likes.",
        notes: ["Ownership transfer: verification of the new owner passed. Payout account switched."],
      },
      {
        subjects: ["Update our business name on receipts", "Rebranded - change business name"],
        email: [
          "Hello,\n\nWe've rebranded and our receipts still show our old business name. Where do I change it? Also, does the name on customers' bank statements change too?",
        ],
        chat: ["How do I change the business name on our receipts?"],
        ask: "You can change it under Settings → Business → Public details, and receipts pick up the new name right away. The name on card statements is separate and goes through the card networks. Would you like me to update that one for you as well? If so, what should it say (max 22 characters)?",
        answer: "Yes please, it should be the new name in capitals: {businessUpper}.",
        fix: "Done: your statement descriptor is now {businessUpper}. It can take up to 48 hours to show on new card statements; payments before the change keep the old name.",
        direct:
          "You can change it under Settings → Business → Public details; receipts pick up the new name right away. The name on card statements is in Settings → Payments and may take up to 48 hours to update with the card networks.",
        notes: ["Statement descriptor updated. Under 22 characters, no special characters."],
      },
      {
        subjects: ["Please close my old duplicate account", "Change the email on my account"],
        email: [
          "Hello,\n\nI seem to have two accounts, one under my personal email and one under {email}. Can you close the old one and make sure everything is under {email}?",
        ],
        chat: ["Hello, I have two accounts by mistake, can you delete one?"],
        ask: "Happy to tidy that up. I can see two accounts; the older one has no payments or devices on it. Could you confirm that's the one to close, and that {email} should stay as your login?",
        answer: "Yes, close the old one. {email} is the right login.",
        fix: "Done: I've closed the duplicate account and kept {email} as your only login. Nothing else changes on your main account.",
        direct:
          "Done: I've closed the duplicate account (it had no payments or devices) and kept {email} as your only login. Nothing else changes on your main account.",
        notes: ["Duplicate account had zero transactions, safe to close."],
      },
    ],
    hold: {
      note: "Waiting on verification documents before we can change anything on the account.",
      message:
        "Changes like this need us to verify the account owner first. I've sent a verification link to the owner's email address, and I'll keep this ticket on hold until it's done; then I'll make the change straight away.",
    },
  },
  {
    key: "reader-offline",
    team: "technical",
    viaTier1:
      "Restarted the reader and checked Wi-Fi with the customer; it still drops. Passing to Technical for a look at the device logs.",
    tags: ["hardware", "connectivity"],
    priorities: { normal: 5, high: 3, urgent: 1 },
    weight: 9,
    stories: [
      {
        subjects: [
          "{device} keeps going offline",
          "Card reader keeps dropping Wi-Fi",
          "Payments failing at {location}",
        ],
        email: [
          'Hi,\n\nSince this morning our {device} at {location} keeps dropping off the network. It shows "Offline" for a minute or two, then reconnects, then drops again. We\'ve had three declined payments because of it. Nothing changed on our router as far as I know.',
        ],
        chat: ["Our card reader keeps going offline, customers are waiting. Help!"],
        ask: "Sorry, I know how stressful that is during service. From our side I can see the reader reconnecting every few minutes with a weak signal. Could you tell me how far it is from the router, and whether your network is 2.4 GHz, 5 GHz or both?",
        answer:
          "It's maybe 15 metres away through two walls. The router does both, I think it's one network name for both.",
        fix: "That's the cause: the reader only uses 2.4 GHz, and with a combined network name it can get pushed onto a weak 5 GHz signal and drop. Either create a separate 2.4 GHz network for the reader in your router settings, or add a small Wi-Fi extender near the counter. Meanwhile you can tether the reader to your phone's hotspot under Settings → Network on the reader.",
        direct:
          "From our side the reader is online again as of a minute ago; it looks like a brief outage at your internet provider. If it drops again, switch the reader to your phone's hotspot under Settings → Network to keep taking payments.",
        notes: [
          "Device logs: signal -78 to -84 dBm, reconnect loop every ~3 min. Classic 2.4/5 GHz band steering issue.",
          "If the hotspot also drops, replace the unit. Customer is losing sales.",
        ],
      },
      {
        subjects: ['Reader stuck on "Updating" screen', "Firmware update frozen"],
        email: [
          'Hello,\n\nThe reader has been stuck on the "Updating" screen with the progress bar at about 80% since last night. Turning it off and on brings it straight back to the same screen. We can\'t take card payments at all.',
        ],
        chat: ["Reader is stuck on the updating screen and won't take payments"],
        ask: 'Let\'s try a recovery update: hold the power button and the green key together for 10 seconds until the screen goes black, then release. It should show "Recovery mode". Could you let me know what it shows after that?',
        answer:
          "It showed recovery mode, then downloaded something and rebooted. Now it's back on the home screen! But it says firmware 4.2.0, is that right?",
        fix: "That's exactly right: 4.2.0 is the latest firmware, so the update completed this time. The earlier one was interrupted, which is why it got stuck. You're good to take payments again, and if it ever happens again the same recovery steps will work.",
        notes: ["Firmware update interrupted at 80%: known issue on 4.1.x, {ref}. Recovery mode fixes it."],
      },
      {
        subjects: ["Bluetooth pairing fails with the iPad", "Reader won't pair anymore"],
        email: [
          "Hi,\n\nAfter updating our iPad last night, the register app can't find the {device} anymore. Bluetooth is on, the reader is charged, and it worked fine yesterday.",
        ],
        chat: ["Hi, the reader won't pair with our iPad over bluetooth anymore"],
        ask: 'Pairing can get stuck after an iPad update. On the iPad, go to Settings → Bluetooth, tap the (i) next to the reader and choose "Forget This Device". Then in the register app go to Devices → Add reader. Could you let me know if it shows up after that?',
        answer: 'It shows up now but pairing fails with "Pairing rejected".',
        fix: "Thanks for trying that. The reader still remembered the old pairing, so I've cleared it remotely from our side. Try Devices → Add reader once more and it should pair straight away.",
        direct:
          'Pairing can get stuck after an iPad update. On the iPad, go to Settings → Bluetooth, tap the (i) next to the reader and choose "Forget This Device". Then in the register app go to Devices → Add reader. That fixes it in nearly every case.',
        notes: ["Stale pairing record on the reader. Cleared remotely."],
      },
    ],
    hold: {
      note: "Engineering is looking at the reader logs ({ref}); handshake failures only on this customer's network.",
      message:
        "I've passed your reader's logs to our engineering team, who are investigating, and I'll keep this ticket on hold while they look into it. In the meantime you can connect the reader to your phone's hotspot (Settings → Network on the reader) to keep taking payments.",
    },
  },
  {
    key: "double-charge",
    team: "billing",
    tags: ["billing", "double-charge"],
    priorities: { normal: 6, high: 3, urgent: 1 },
    weight: 9,
    stories: [
      {
        subjects: [
          "Charged twice for my subscription",
          "Double charge on my card this month",
          "Two payments of {planPrice} taken",
        ],
        email: [
          "Hi,\n\nI've just looked at my bank statement and there are two charges of {planPrice} from you on the same day, both for the {plan} plan. I only have one account. Please refund the duplicate.",
        ],
        chat: ["Hi, I've been charged twice for my subscription this month"],
        ask: "I'm sorry about this, I can see why it's worrying. On our side I see one successful charge of {planPrice}, plus an earlier attempt that failed. Could you check whether both charges on your statement show as \"pending\" or as completed?",
        answer: "One says pending and one is completed. Both {planPrice}.",
        fix: "Thanks, that confirms it: the pending one is the hold from the failed attempt, and it was never taken. Your bank will drop it automatically, usually within 3 to 5 business days. If it's still there after a week, reply here and we'll send you a letter for your bank.",
        direct:
          "You're right, and I'm sorry: our payment retry ran twice this month. I've refunded the duplicate {planPrice} to your card ending {last4}; it should show within 5 to 10 business days. Your next invoice is unaffected.",
        notes: [
          "Only one capture on our side; the second is an authorisation hold. No refund needed.",
          "Known issue with the billing retry, {ref}. Finance is refunding affected accounts proactively.",
        ],
      },
      {
        subjects: ["Why was I billed twice?", "Duplicate invoice {invoice}"],
        email: [
          "Hello,\n\nMy card ending {last4} was charged twice this month for the subscription. I've attached a screenshot of the statement. Can you look into it? It's put us into overdraft.",
        ],
        chat: ["Hello, I see two payments of {planPrice} on my card from you, why?"],
        ask: "Thanks for flagging this. I can see two charges of {planPrice}: one on invoice {invoice} and a second from a retry that ran before the first had settled. That shouldn't happen. Could you confirm the card ending {last4} is the one you'd like the refund on?",
        answer: "Yes, that's the right card. How long will the refund take?",
        fix: "I've refunded the duplicate {planPrice} to your card ending {last4}. Refunds take 5 to 10 business days to show up, depending on your bank. I've also added a one-month credit to your account for the trouble. So sorry for the inconvenience.",
        notes: ["Confirmed in the payment processor: duplicate capture from the retry job. Refunded, ref {ref}."],
      },
    ],
    hold: {
      note: "Processor investigating the duplicate capture ({ref}). Don't refund twice: waiting on their answer.",
      message:
        "I'm sorry about this. Our payment processor is confirming which of the two charges should be reversed, so that we refund the right one. I'll keep this ticket on hold and update you within 2 business days.",
    },
    fields: { invoice: "{invoice}" },
  },
  {
    key: "refund",
    team: "billing",
    tags: ["billing", "refund"],
    priorities: { low: 2, normal: 7, high: 1 },
    weight: 8,
    stories: [
      {
        subjects: ["Cancel subscription and refund", "Refund for unused months", "Closing our business - cancel plan"],
        email: [
          "Hi,\n\nWe're closing our shop at the end of this month, so I'd like to cancel the subscription and get a refund for the annual plan we paid in advance in {orderMonth}. Thanks for everything, it's been a good run.",
        ],
        chat: ["Hi, I want to cancel my subscription and get a refund please"],
        ask: "Sorry to hear you're closing, and thank you for being with us. Annual plans are refunded pro rata for the full months left. Would you like the subscription to end today, or at the end of the month so you can keep using it until you close?",
        answer: "End of the month please, we still have events booked until then.",
        fix: "All set: your subscription ends on the last day of the month and you keep full access until then. The refund for the remaining months ({amount}) goes back to your card ending {last4} the day after, and you'll get an email confirmation. Best of luck with whatever comes next!",
        direct:
          "I've cancelled your subscription and refunded the unused time ({amount}) to your card ending {last4}. You'll get a confirmation email shortly, and your data stays available for export for 90 days.",
        notes: ["Annual plan, several months left. Pro-rata refund approved."],
      },
      {
        subjects: ["Refund request for order {order}", "Return the {device} for a refund"],
        email: [
          "Hello,\n\nWe ordered a {device} (order {order}) but it turns out we don't need it after all. It's still unopened. Can I return it for a full refund?",
        ],
        chat: ["Can I return an unopened card reader for a refund?"],
        ask: "Of course: unopened hardware can be returned within 30 days for a full refund. I've emailed you a prepaid return label. Could you confirm the {device} is still sealed in its original box?",
        answer: "Yes, still sealed. I'll drop it at the {carrier} counter tomorrow.",
        fix: "Thanks! The warehouse has received the {device} and I've refunded {amount} to your original payment method. You'll see it within 5 to 10 business days.",
        notes: [
          "Return received at the warehouse, condition: sealed. OK to refund in full.",
          "Over the 30-day window by 4 days. Approving anyway as a goodwill gesture.",
        ],
      },
    ],
    hold: {
      note: "Waiting for the returned item to reach the warehouse before refunding.",
      message:
        "I've emailed you a prepaid return label. We'll issue the refund as soon as the return reaches our warehouse, normally 3 to 5 business days after you drop it off, and I'll keep this ticket on hold until then.",
    },
    fields: { order_number: "{order}" },
  },
  {
    key: "invoice",
    team: "billing",
    tags: ["billing", "invoice"],
    priorities: { low: 5, normal: 5 },
    weight: 6,
    stories: [
      {
        subjects: [
          "Need a VAT invoice for {invoice}",
          "Add our tax ID to invoices",
          "Company details missing on invoice",
        ],
        email: [
          "Hi,\n\nOur accounts department needs a proper VAT invoice for {invoice}, with our company name and VAT number on it. The one in the dashboard only shows my name. Can you reissue it?",
        ],
        chat: ["Hi, how do I get our VAT number onto our invoices?"],
        ask: "Happy to help. Could you send me the exact company name and VAT number as they should appear on the invoice?",
        answer: "{business}, VAT number GB{vat}. Address is the one on the account.",
        fix: "Done: I've added your company name and VAT number to your billing profile and reissued {invoice}. The new PDF is in Settings → Billing → Invoices, and all future invoices will include these details automatically.",
        direct:
          "You can add your VAT number under Settings → Billing → Tax details; every invoice from then on includes it. I've also reissued your last three invoices with it, in the same place.",
        notes: ["Reissued {invoice} with the VAT details. Old PDF voided."],
      },
      {
        subjects: ["Invoices for the last 12 months", "Download all invoices at once?"],
        email: [
          "Hello,\n\nCould you send me all our invoices for the last 12 months as PDFs? Our auditor is asking for them and I can only download them one at a time.",
        ],
        chat: ["Can I get all my invoices for last year in one go?"],
        ask: "Of course. Should I send them to {email}, or to your auditor directly? If it's the auditor, please give me their address.",
        answer: "Send them to me please, I'll forward them.",
        fix: 'I\'ve zipped the last 12 months of invoices and emailed them to {email}. In future, you can select several invoices in Settings → Billing → Invoices and click "Download selected".',
        direct:
          'I\'ve zipped the last 12 months of invoices and emailed them to {email}. In future, you can select several invoices in Settings → Billing → Invoices and click "Download selected".',
        notes: ["Bulk download is a known gap; feature request {ref}."],
      },
    ],
    hold: {
      note: "Finance needs to approve reissuing invoices from a closed tax period.",
      message:
        "Reissuing invoices from a previous tax period needs our finance team's approval. I've asked them, and I'll keep this ticket on hold until they confirm.",
    },
    fields: { invoice: "{invoice}" },
  },
  {
    key: "plan-change",
    team: "billing",
    tags: ["billing", "plan-change"],
    priorities: { low: 4, normal: 6 },
    weight: 6,
    stories: [
      {
        subjects: ["Question about switching to annual billing", "Annual plan discount?"],
        email: [
          "Hi,\n\nWe're thinking about moving the {plan} plan to annual billing. How much would we save, and would we get credit for the month we've already paid?",
        ],
        chat: ["How much do I save with annual billing?"],
        ask: "Good question. Annual billing saves two months compared with paying monthly, and the unused part of this month is credited against the first annual invoice. Would you like me to make the switch for you, or would you rather do it yourself from Settings → Billing?",
        answer: "Please go ahead and switch us to annual.",
        fix: "Done! You're now on the annual {plan} plan. The unused part of this month was credited, and your first annual invoice ({invoice}) is in Settings → Billing. We'll remind you 30 days before the renewal.",
        notes: ["Switched to annual. Applied the unused days as a credit."],
      },
      {
        subjects: ["Downgrade to Starter - how is it prorated?", "Downgrading our plan"],
        email: [
          "Hello,\n\nWe want to downgrade to Starter now that the season is over. If we change today, is the difference prorated or do we pay the full month?",
        ],
        chat: ["How does prorating work if I downgrade mid-month?"],
        ask: "When you downgrade, the change takes effect at the end of your current billing period, so you keep the {plan} features until then and there's no partial charge. Starter has a limit of 2 staff logins, though; would you like me to check whether that affects you?",
        answer: "Yes please, we have 4 staff at the moment but two leave next week.",
        fix: "Then you're fine: the downgrade happens at the end of the period, after they've left. I've scheduled it for you; you'll see it under Settings → Billing → Change plan, and you can cancel it there any time before then.",
        direct:
          "When you downgrade, the change takes effect at the end of your current billing period, so there's no partial charge; you keep {plan} features until then. You can schedule it yourself under Settings → Billing → Change plan.",
        notes: ["Customer is price-sensitive; mentioned the annual discount."],
      },
      {
        subjects: ["Which plan do we need for 3 locations?", "Upgrade to the Scale plan?"],
        email: ["Hi,\n\nWe're about to open our third location. Do we need to upgrade to the Scale plan for that?"],
        chat: ["Hi, which plan do I need if we have 3 shops?"],
        ask: "Multiple locations are included on every plan, so you may not need to upgrade. Scale adds advanced inventory (transfers between locations) and more than 10 staff logins. Do you need either of those?",
        answer: "We'd like to move stock between shops, yes. About 12 staff in total.",
        fix: "Then Scale is the right fit. I've upgraded you from today; you're only charged the difference for the rest of this billing period. Stock transfers are under Inventory → Transfers.",
        direct:
          "Multiple locations are included on every plan, so you don't need to upgrade for that. The Scale plan is only worth it if you need stock transfers between locations or more than 10 staff logins.",
        notes: ["Upgrade to Scale. Sales notified for the account review."],
      },
    ],
    hold: {
      note: "Sales to confirm whether the custom pricing on this account carries over.",
      message:
        "Your account has custom pricing, so I've asked our sales team to confirm what the change would cost you. I'll keep this ticket on hold until they reply.",
    },
  },
  {
    key: "payment-failed",
    team: "billing",
    tags: ["billing", "payment-failed"],
    priorities: { normal: 5, high: 4, urgent: 1 },
    weight: 6,
    stories: [
      {
        subjects: ["Subscription payment declined", "Card declined but I have funds", "Payment failed - card is fine"],
        email: [
          "Hi,\n\nWe got an email saying our subscription payment failed and the account will be suspended in 3 days. The card is fine, we've used it everywhere today. Can you try again?",
        ],
        chat: ["Hi, my subscription payment failed but my card works fine"],
        ask: 'I\'m sorry for the scare. The decline came back from your bank with the code "do not honour", which usually means their fraud check blocked it. Could you ask your bank to allow payments to us, then let me know so I can retry the charge?',
        answer: "Called the bank, they said it was flagged as an international transaction. They've approved it now.",
        fix: "I've retried the charge and it went through. Your account is in good standing and nothing will be suspended. Sorry again for the hassle!",
        notes: ["Decline code 05 (do not honour) from the issuer. Nothing wrong on our side."],
      },
      {
        subjects: ["Account suspended - payment failed", "Update card after failed payment"],
        email: [
          "Hello,\n\nOur account is showing a red banner saying it's suspended because of a failed payment. I've updated the card but the banner is still there and the register won't let us take payments. Urgent please!",
        ],
        chat: ["Our account says suspended and we can't take payments! I updated the card already"],
        ask: "I'm on it. I can see the new card ending {last4} on your account, but the retry only runs overnight. Can I charge the outstanding {planPrice} to that card now?",
        answer: "Yes, go ahead, as fast as possible please.",
        fix: "Done: the payment of {planPrice} went through and your account is active again. Please refresh the register app and you'll be able to take payments. I've added a credit for the time you were suspended.",
        direct:
          "Thanks for updating the card. The retry only runs overnight, so I've triggered it manually: the payment of {planPrice} went through and your account is active again. Please refresh the register app and you'll be able to take payments.",
        notes: ["Account was suspended for 2 hours during trading. Added a goodwill credit of one month."],
      },
    ],
    hold: {
      note: "Waiting on the customer's bank to whitelist us; retry scheduled.",
      message:
        "Your bank declined the charge with a fraud-check code, so it needs clearing on their side. I've paused the suspension for 7 days and scheduled a retry; I'll keep this ticket on hold until it goes through.",
    },
  },
  {
    key: "payouts",
    team: "billing",
    tags: ["payouts"],
    priorities: { normal: 5, high: 4, urgent: 1 },
    weight: 6,
    stories: [
      {
        subjects: ["Payout hasn't arrived in my bank account", "Missing payout from {payoutDay}"],
        email: [
          "Hi,\n\nOur payout for {payoutDay} hasn't reached our bank. The dashboard says \"Paid\" but there's nothing in the account. It's about {amount}. We need it for payroll on Friday.",
        ],
        chat: ["Hi, my payout didn't arrive in the bank, dashboard says paid"],
        ask: "I understand, that's important money. The payout was sent on our side, with the reference shown in Reports → Payouts. Could you check with your bank using that reference? Sometimes banks hold the first payout to a new account for a review.",
        answer:
          "The bank found it. It was held because we changed the account details last week. It should land today.",
        fix: "Glad it turned up! Payouts after a bank account change are often reviewed once by the receiving bank; the following ones arrive as normal, usually the next business day.",
        direct:
          "Your payouts were paused because the bank account name didn't match the business name, which happens after a rebrand. I've verified it manually and released the paused payouts ({amount}); they'll arrive next business day.",
        notes: ["Payout sent with ref {ref}, confirmed by the bank partner. Not stuck with us."],
      },
      {
        subjects: ["Why is my payout smaller than sales?", "Payout amount doesn't match"],
        email: [
          "Hello,\n\nYesterday's payout was {amount} lower than our card sales for the day. I can't work out where the difference went. Can you explain?",
        ],
        chat: ["Why is my payout less than my sales yesterday?"],
        ask: "The difference is usually a refund or a chargeback taken from that day's payout. In Reports → Payouts, click the payout and you'll see every line. Could you check whether there's a refund or dispute listed?",
        answer:
          "Yes, there's a refund of a big catering order from last week. I didn't realise it came out of the payout.",
        fix: "That's it: refunds are deducted from the next payout rather than charged to your card. You can see upcoming deductions under Reports → Balance. Let me know if anything else looks off.",
        notes: ["Difference = one refund, deducted as designed."],
      },
    ],
    hold: {
      note: "Payout trace requested from the bank partner ({ref}). They answer within 2 business days.",
      message:
        "I've requested a trace on the payout from our banking partner, and I'll keep this ticket on hold until they reply, normally within 2 business days. I'll update you as soon as I hear anything.",
    },
  },
  {
    key: "api-auth",
    team: "technical",
    developers: true,
    tags: ["api", "integration"],
    priorities: { normal: 6, high: 3, urgent: 1 },
    weight: 8,
    stories: [
      {
        subjects: [
          "API returns 401 after rotating keys",
          '"invalid_api_key" on {endpoint}',
          "Sandbox key works, live key doesn't",
        ],
        email: [
          'Hi,\n\nWe rotated our API keys yesterday as part of a security review, and since then every call to {endpoint} returns 401 with {"error":"invalid_api_key"}. We\'ve double-checked the new key is the one in our environment variables. Our developers are stuck.',
        ],
        chat: ["Hi, getting 401 invalid_api_key on every request since we rotated our keys"],
        ask: "Thanks for the details. In our logs I can see requests arriving with a key starting sk_test_, which is a sandbox key, on the live API. Could you check that your production deploy picked up the new live key (it starts with sk_live_)?",
        answer:
          "You're right, the deploy script had the sandbox key in a fallback variable. Fixed that, now we get 200s. But the old key still works too, is that expected?",
        fix: "Glad that's working! Old keys stay valid for 24 hours after a rotation so you can roll out without downtime; after that they stop working automatically. If you'd rather revoke it now, you can do it under Developers → API keys → Revoke.",
        direct:
          'Your new key was created in the sandbox (it starts with sk_test_), which is why the live API rejects it. Create a live key under Developers → API keys with "Live mode" switched on and you\'ll be set.',
        notes: ["Request logs: key prefix sk_test_ on the live API. Customer config issue."],
      },
      {
        subjects: ["403 Forbidden when creating orders via API", "API key missing permissions?"],
        email: [
          "Hello,\n\nOur integration works fine against the sandbox, but with the live key POST {endpoint} returns 403 Forbidden. The key was created by the account owner. What permissions does it need?",
        ],
        chat: ["Our live API key gets 403 on POST {endpoint}, sandbox works fine"],
        ask: "The 403 means the key exists but lacks the scope for that call. Restricted keys don't include write scopes by default. Could you check the key's scopes under Developers → API keys and tell me which ones are ticked?",
        answer: "It only has orders:read and catalog:read. Added orders:write and it works now.",
        fix: 'Perfect. For anyone else on your team: the error body includes a "missing_scope" field naming the scope you need, which makes this quicker to spot next time.',
        notes: ["Scopes on the key: orders:read, catalog:read. Needs orders:write."],
      },
    ],
    hold: {
      note: "Escalated to the API team ({ref}): intermittent 401s with a valid key, only from their IP range.",
      message:
        "Thanks for the details. I've checked your key and it looks valid, so I've escalated this to our API team to look at the failing requests. I'll keep this ticket on hold and update you as soon as we know more.",
    },
    fields: { api_endpoint: "{endpoint}" },
  },
  {
    key: "webhooks",
    team: "technical",
    developers: true,
    tags: ["api", "webhooks"],
    priorities: { normal: 6, high: 3 },
    weight: 6,
    stories: [
      {
        subjects: ["Webhooks stopped arriving", "Webhook endpoint disabled automatically?"],
        email: [
          "Hi,\n\nOur endpoint hasn't received any order.created webhooks since {payoutDay}. Nothing changed on our side and the endpoint responds fine when we curl it. Did something change?",
        ],
        chat: ["Our webhooks stopped arriving a few days ago, can you check?"],
        ask: "I checked your webhook endpoint: it was automatically disabled after 3 days of failed deliveries, all of which timed out after 10 seconds. Could you check whether your endpoint does slow work before answering? It should respond with a 2xx quickly and process the event afterwards.",
        answer:
          "Yes, we were syncing inventory inside the handler. We've moved that to a background job. How do we turn the endpoint back on?",
        fix: 'You can re-enable it under Developers → Webhooks → your endpoint → Enable. Events from the last 3 days can be resent from the same page with "Resend failed events", so you won\'t miss any orders.',
        notes: ["Endpoint auto-disabled after 72 h of timeouts. Median response time 11.4 s."],
      },
      {
        subjects: ["Webhook signature verification fails", "Invalid webhook signatures"],
        email: [
          "Hello,\n\nWe're verifying webhook signatures with the secret from the dashboard, but every verification fails. We're using HMAC-SHA256 as in your docs. Example request id: req_{reqId}.",
        ],
        chat: ["Webhook signature check always fails, we use the secret from the dashboard"],
        ask: "Signature failures are almost always about the body: the signature covers the exact raw bytes, so any framework that parses the JSON first (and re-serialises it) will break it. Could you check whether your code verifies the raw request body?",
        answer:
          "That was it, Express was parsing it first. We switched to express.raw() for that route and it verifies now.",
        fix: "Great, that's the right fix. One more tip: check the timestamp in the signature header too, and reject anything older than 5 minutes to protect against replays.",
        notes: ["Their signing code uses the parsed body. Pointed them at the raw body section of the docs."],
      },
      {
        subjects: ["Duplicate order.created webhooks", "Receiving the same webhook twice"],
        email: [
          "Hi,\n\nWe sometimes receive the same order.created event two or three times, which creates duplicate orders in our warehouse system. Is that a bug on your side?",
        ],
        chat: ["We get duplicate order.created webhooks, is that a bug?"],
        ask: "Duplicates happen when your endpoint takes longer than 10 seconds to answer: we retry, and the first attempt then completes as well. Could you check your endpoint's response times for the duplicated events?",
        answer: "Some of them took 12-15 seconds, when our warehouse system was slow.",
        fix: "That's the cause. Answer with a 2xx straight away and do the work afterwards, and use the event id in the payload to skip events you've already processed. That makes your handler safe against any retry.",
        direct:
          "Duplicates happen when your endpoint takes longer than 10 seconds to answer: we retry, and the first attempt then completes as well. Use the event id in the payload to skip events you've already processed; that makes your handler safe against retries.",
        notes: ["Retries after 10 s timeouts, working as designed. Idempotency advice given."],
      },
    ],
    hold: {
      note: "Possible bug: signatures computed with the rotated secret before it propagated. Engineering ticket {ref}.",
      message:
        "This may be on our side: our engineers are checking a recent change to webhook delivery that matches what you're seeing. I'll keep this ticket on hold and let you know what they find.",
    },
  },
  {
    key: "rate-limit",
    team: "technical",
    developers: true,
    tags: ["api", "rate-limit"],
    priorities: { normal: 6, high: 3 },
    weight: 4,
    stories: [
      {
        subjects: [
          "Getting 429 Too Many Requests",
          "Rate limit during nightly sync",
          "Can you raise our API rate limit?",
        ],
        email: [
          "Hi,\n\nOur nightly product sync started failing with 429 Too Many Requests after about 2,000 calls to {endpoint}. We have around {count}0,000 products. Is there a way to raise the limit, or a bulk endpoint?",
        ],
        chat: ["We're hitting 429 errors during our nightly sync, can the limit be raised?"],
        ask: "The standard limit is 100 requests per 10 seconds per key. Rather than raising it, the batch endpoint (POST /v2/catalog/batch) takes up to 500 items per call, which would bring your sync down to a few dozen requests. Would that work for your integration?",
        answer: "That would work, but our client library doesn't support the batch endpoint. Is there an example?",
        fix: "There's a full example in the docs under API → Catalog → Batch updates, and the latest client library (3.4) supports it via client.catalog.batch(). Also make sure to honour the Retry-After header on any 429 you do get.",
        direct:
          "I've raised the limit on your key to 300 requests per 10 seconds for the next 30 days while you switch to the batch endpoint (POST /v2/catalog/batch, up to 500 items per call). That should get your sync well under the limit.",
        notes: ["Peak 380 req/10 s from one key during their sync. Temporary limit raise approved by the API team."],
      },
    ],
    hold: {
      note: "Limit increase request sent to the API team for approval.",
      message:
        "I've asked our API team to approve a temporary limit increase for your key while you move to the batch endpoint. I'll keep this ticket on hold until they confirm, usually within a day.",
    },
    fields: { api_endpoint: "{endpoint}" },
  },
  {
    key: "inventory-sync",
    team: "technical",
    viaTier1: "The sync page shows errors I can't clear from the admin side. Passing to Technical for a data check.",
    tags: ["bug", "inventory-sync"],
    priorities: { normal: 5, high: 4, urgent: 1 },
    weight: 6,
    stories: [
      {
        subjects: ["Sync error: SKU conflict", "Products stopped updating online"],
        email: [
          "Hello,\n\nThe sync page shows \"SKU conflict\" for about {count}0 products and they've stopped updating online. We didn't change anything, but we did import new products from a spreadsheet last week.",
        ],
        chat: ["Sync page says SKU conflict for a bunch of products, what does that mean?"],
        ask: "The SKU conflict means two products now share the same SKU, so the sync can't tell which one to update. This usually comes from a spreadsheet import. Could you export your catalogue (Products → Export) and send it over, so I can find the duplicates for you?",
        answer: "Here's the export. I see some rows where the SKU has a trailing space, could that be it?",
        fix: "Spot on: the import created copies of {count}0 products with a trailing space in the SKU. I've removed the duplicates (keeping the originals with their sales history), and the sync has caught up. Stock should match across both channels now.",
        notes: ["Data fix applied: removed duplicate products created by the CSV import."],
      },
      {
        subjects: [
          "Stock counts not syncing with online store",
          "Items in stock online but sold out in the shop",
          "Inventory wrong after a sale",
        ],
        email: [
          "Hi,\n\nSince yesterday our stock counts aren't syncing between the shop and the online store. We sold the last two of an item at the till and it was still available online, so two customers ordered something we don't have. Can you look into it?",
        ],
        chat: ["Our stock isn't syncing between the shop and the website anymore"],
        ask: "I'm sorry about the oversold orders. I can see the sync for your store stopped yesterday afternoon with a timeout from the online store's side, and I've restarted it. Could you check a couple of products and tell me whether the counts match now?",
        answer: "They match now, thanks. But what happens to the two orders for items we don't have?",
        fix: "You can cancel and refund those two from Orders → select → Cancel, which also sends the customer an apology email. I've also turned on the stock safety buffer for you (Settings → Inventory), so online stock stays one below the shop count and a delayed sync can't oversell.",
        direct:
          "There was a delay in our sync service this morning, which is now fixed. Your store has caught up and all counts are current. Sorry for the disruption!",
        notes: ["Sync job for this store died on a timeout and never retried. Engineering ticket {ref}."],
      },
    ],
    hold: {
      note: "Engineering is fixing the retry for stalled syncs ({ref}); the fix ships in the next release.",
      message:
        "Our engineers have found the cause (a stalled sync that didn't retry), and the fix is in the next release. I've restarted your sync manually for now, and I'll keep this ticket on hold until the fix ships.",
    },
  },
  {
    key: "sso",
    team: "technical",
    viaTier1: "Their SSO settings look right to me. Passing to Technical to read the SAML trace.",
    tags: ["login", "sso"],
    priorities: { normal: 6, high: 3 },
    weight: 4,
    stories: [
      {
        subjects: ["SSO login error: SAML response invalid", "Okta setup: audience mismatch"],
        email: [
          'Hi,\n\nWe\'ve set up single sign-on with our identity provider following your guide, but when staff try to log in they get "SAML response invalid: audience mismatch". Could you check our configuration?',
        ],
        chat: ['Hi, our staff get "SAML response invalid" when signing in with SSO'],
        ask: "Thanks for the details. The audience in your identity provider's settings needs to be exactly https://app.example.com/saml/metadata, with no trailing slash. Could you send a screenshot of that field in your identity provider?",
        answer:
          "It had a trailing slash. We've removed it and now it works for me, but one of our managers still gets the error.",
        fix: "That last one is a cached session: ask your manager to sign out of the identity provider fully (or use a private {browser} window) and try again. The configuration is correct now, so everyone else should be fine.",
        notes: ["SAML trace: Audience = https://app.example.com/saml/metadata/ (trailing slash)."],
      },
      {
        subjects: ["Staff can't sign in with Google Workspace", "SSO stopped working this morning"],
        email: [
          "Hello,\n\nSince this morning none of our staff can sign in with Google Workspace. They get sent back to the login page with no error. Password logins still work for me as the owner.",
        ],
        chat: ["None of our staff can sign in with Google since this morning"],
        ask: "Our logs show the sign-in responses from Google being rejected because the signing certificate expired last night. Do you have access to the Google Admin console, or should I send instructions to your IT admin?",
        answer: "I have access. What do I need to do?",
        fix: "In the Google Admin console, go to Apps → Web and mobile apps → our app, download the new certificate, and upload it under Settings → Security → Single sign-on here. Sign-ins work immediately after that.",
        direct:
          "Your SSO certificate from Google Workspace expired last night, which is why the logins silently fail. Upload the new certificate under Settings → Security → Single sign-on (download it from the Google Admin console) and sign-ins will work immediately.",
        notes: ["Identity provider certificate expired at 00:00 UTC. Customer needs to upload the new one."],
      },
    ],
    hold: {
      note: "Waiting on the customer's IT admin, who is the only one with identity provider access.",
      message:
        "The fix needs a change in your identity provider, which only your IT administrator can make; I've sent them the details. I'll keep this ticket on hold until they've made the change, and staff can sign in with email and password meanwhile.",
    },
  },
  {
    key: "app-crash",
    team: "technical",
    viaTier1: "Reproduced on our test iPad with app 6.12.0. Passing to Technical.",
    tags: ["bug", "ios-app"],
    priorities: { normal: 4, high: 4, urgent: 2 },
    weight: 6,
    stories: [
      {
        subjects: [
          "Register app crashes at checkout",
          "iPad app closes when I add a discount",
          "App crash since the latest update",
        ],
        email: [
          "Hi,\n\nSince the update yesterday, the register app on our iPad crashes every time we add a discount to an order and press Charge. It just closes. We've restarted the iPad and reinstalled the app. This is happening during lunch rush, please help.",
        ],
        chat: ["The register app keeps crashing when we press charge! Since the update"],
        ask: "I'm really sorry, that's the worst time for it. We've had a few similar reports since version 6.12 and the team is on it. Could you tell me your iPad model and iPadOS version (Settings → General → About)? As a workaround, applying the discount per item instead of per order avoids the crash.",
        answer: "iPad 9th generation, iPadOS 17.5. The per-item workaround works, thanks, we're limping along.",
        fix: "Version 6.12.1 is out now with a fix for the discount crash. It installs automatically tonight, or you can update now from the App Store. Thanks for your patience and for the details; they helped the team reproduce it.",
        direct:
          "This is a known issue in version 6.12, and the fix (6.12.1) was released an hour ago. Update from the App Store and the crash will be gone. Sorry for the disruption during service!",
        notes: [
          "Crash log matches {ref}: null discount rule on order-level discounts. Fixed in 6.12.1.",
          "Customer lost about an hour of card sales. Consider a goodwill credit when closing.",
        ],
      },
      {
        subjects: ["Receipts not printing after update", "Printer stopped working after app update"],
        email: [
          "Hello,\n\nAfter updating the app this morning, receipts no longer print on our RP-80 printer. The printer's test page works, and it shows as connected in the app.",
        ],
        chat: ["Receipts stopped printing after the app update this morning"],
        ask: "Thanks for the report. Could you try removing the printer in the app (Devices → RP-80 → Forget) and adding it again? The update changed how printers are stored, and a few need re-pairing.",
        answer: "Did that and it prints again. Annoying, but fine.",
        fix: "Glad it's printing again! I've passed on your feedback: the team is adding an automatic migration so other customers don't have to re-pair after updating.",
        notes: ["Printer records lost in the 6.12 migration, {ref}. Re-pairing fixes it."],
      },
    ],
    hold: {
      note: "Linked to {ref}. Holding until 6.12.1 is approved by the App Store.",
      message:
        "I'm sorry about this: it's a bug in the latest version, and the fix is ready and waiting for App Store approval, usually 1 to 2 days. I'll keep this ticket on hold and let you know the moment the update is available.",
    },
  },
];

/** A customer checking in on a ticket nobody has answered yet. */
export const demoNudges = [
  "Any update on this?",
  "Hi, just following up. We're still stuck on this.",
  "Bumping this, it's getting urgent for us.",
  "Hello? Is anyone looking at this?",
  "Just checking you got my message.",
];

export const demoThanks = [
  "Thank you, that sorted it!",
  "Perfect, thanks for the quick help.",
  "Great, thanks for letting me know.",
  "Thanks so much, really appreciate it.",
  "Brilliant, thank you!",
];

export const demoWelcomes = [
  "You're welcome, have a great week!",
  "Happy to help! Just reply here if anything else comes up.",
  "Glad it's sorted. Take care!",
];

/** What the team lead writes on tickets they keep an eye on. */
export const demoLeadNotes = [
  "Keeping an eye on this one: {business} is on the {plan} plan.",
  "If this isn't sorted by tomorrow, loop me in and I'll call them.",
  "Nice handling. Worth turning into a macro?",
];
