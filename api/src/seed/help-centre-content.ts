/**
 * The demo help centre: what the demo company (a point-of-sale platform selling card readers,
 * receipt printers, the register app, subscriptions, payouts, online orders and an API) publishes
 * for its customers. Pure content, no I/O: a seed script turns it into categories, sections and
 * articles. Topics follow the demo tickets in api/src/seed/demo-scenarios.ts, so the help centre
 * can deflect them, and the facts (Settings paths, timings, limits) agree with the agents' replies.
 *
 * Bodies are Markdown. Links point only to other articles, as /help/<locale>/<slug>.
 */

export type DemoCategoryKey = "accounts" | "billing" | "shipping" | "returns" | "integrations" | "troubleshooting";

export interface DemoArticleTranslation {
  title: string;
  slug: string;
  /** Markdown. */
  body: string;
}

export interface DemoArticle {
  /** Stable id-like key, e.g. "reset-password". */
  key: string;
  category: DemoCategoryKey;
  /** Section key within the category. */
  section: string;
  /** 1-4 lowercase single-word tags. */
  tags: string[];
  /** Keys of related articles. */
  related?: string[];
  /** "en" always; a few also "de", one or two "fr". */
  translations: Record<string, DemoArticleTranslation>;
  /** Defaults to published. */
  state?: "published" | "draft" | "archived";
}

export interface DemoCategory {
  key: DemoCategoryKey;
  icon: string;
  translations: Record<string, { name: string; description: string; slug: string }>;
  sections: { key: string; translations: Record<string, { name: string; slug: string }> }[];
}

export const demoCategories: DemoCategory[] = [
  {
    key: "accounts",
    icon: "user-round",
    translations: {
      en: {
        name: "Accounts & passwords",
        description: "Signing in, two-factor authentication, single sign-on and managing your team.",
        slug: "accounts-and-passwords",
      },
      de: {
        name: "Konto & Passwörter",
        description: "Anmeldung, Zwei-Faktor-Authentifizierung, Single Sign-on und Teamverwaltung.",
        slug: "konto-und-passwoerter",
      },
      fr: {
        name: "Compte et mots de passe",
        description: "Connexion, authentification à deux facteurs, authentification unique et gestion de l'équipe.",
        slug: "compte-et-mots-de-passe",
      },
    },
    sections: [
      {
        key: "sign-in",
        translations: {
          en: { name: "Signing in", slug: "signing-in" },
          de: { name: "Anmelden", slug: "anmelden" },
          fr: { name: "Connexion", slug: "connexion" },
        },
      },
      {
        key: "security",
        translations: {
          en: { name: "Two-factor & single sign-on", slug: "two-factor-and-single-sign-on" },
          de: { name: "Zwei-Faktor & Single Sign-on", slug: "zwei-faktor-und-single-sign-on" },
          fr: { name: "Double authentification et SSO", slug: "double-authentification-et-sso" },
        },
      },
      {
        key: "team",
        translations: {
          en: { name: "Team & account settings", slug: "team-and-account-settings" },
          de: { name: "Team & Kontoeinstellungen", slug: "team-und-kontoeinstellungen" },
          fr: { name: "Équipe et paramètres du compte", slug: "equipe-et-parametres-du-compte" },
        },
      },
    ],
  },
  {
    key: "billing",
    icon: "credit-card",
    translations: {
      en: {
        name: "Billing & payouts",
        description: "Plans, subscription charges, invoices, VAT, and when your card sales reach your bank.",
        slug: "billing-and-payouts",
      },
      de: {
        name: "Abrechnung & Auszahlungen",
        description:
          "Tarife, Abo-Zahlungen, Rechnungen, USt-IdNr. und wann Ihre Kartenumsätze auf Ihrem Konto eingehen.",
        slug: "abrechnung-und-auszahlungen",
      },
      fr: {
        name: "Facturation et versements",
        description:
          "Forfaits, prélèvements d'abonnement, factures, TVA et délais de versement de vos ventes par carte.",
        slug: "facturation-et-versements",
      },
    },
    sections: [
      {
        key: "plans-payments",
        translations: {
          en: { name: "Plans & subscription payments", slug: "plans-and-subscription-payments" },
          de: { name: "Tarife & Abo-Zahlungen", slug: "tarife-und-abo-zahlungen" },
          fr: { name: "Forfaits et paiements d'abonnement", slug: "forfaits-et-paiements-d-abonnement" },
        },
      },
      {
        key: "invoices-tax",
        translations: {
          en: { name: "Invoices & tax", slug: "invoices-and-tax" },
          de: { name: "Rechnungen & Steuern", slug: "rechnungen-und-steuern" },
          fr: { name: "Factures et taxes", slug: "factures-et-taxes" },
        },
      },
      {
        key: "payouts",
        translations: {
          en: { name: "Payouts", slug: "payouts" },
          de: { name: "Auszahlungen", slug: "auszahlungen" },
          fr: { name: "Versements", slug: "versements" },
        },
      },
    ],
  },
  {
    key: "shipping",
    icon: "truck",
    translations: {
      en: {
        name: "Shipping & delivery",
        description: "Ordering hardware, tracking parcels, delivery problems and shipping your own online orders.",
        slug: "shipping-and-delivery",
      },
      de: {
        name: "Versand & Lieferung",
        description:
          "Hardware bestellen, Sendungen verfolgen, Lieferprobleme und der Versand Ihrer eigenen Online-Bestellungen.",
        slug: "versand-und-lieferung",
      },
      fr: {
        name: "Expédition et livraison",
        description:
          "Commande de matériel, suivi des colis, problèmes de livraison et expédition de vos commandes en ligne.",
        slug: "expedition-et-livraison",
      },
    },
    sections: [
      {
        key: "hardware-orders",
        translations: {
          en: { name: "Ordering hardware", slug: "ordering-hardware" },
          de: { name: "Hardware bestellen", slug: "hardware-bestellen" },
          fr: { name: "Commander du matériel", slug: "commander-du-materiel" },
        },
      },
      {
        key: "tracking",
        translations: {
          en: { name: "Tracking & delivery problems", slug: "tracking-and-delivery-problems" },
          de: { name: "Sendungsverfolgung & Lieferprobleme", slug: "sendungsverfolgung-und-lieferprobleme" },
          fr: { name: "Suivi et problèmes de livraison", slug: "suivi-et-problemes-de-livraison" },
        },
      },
      {
        key: "online-orders",
        translations: {
          en: { name: "Shipping online orders", slug: "shipping-online-orders" },
          de: { name: "Online-Bestellungen versenden", slug: "online-bestellungen-versenden" },
          fr: { name: "Expédier les commandes en ligne", slug: "expedier-les-commandes-en-ligne" },
        },
      },
    ],
  },
  {
    key: "returns",
    icon: "undo-2",
    translations: {
      en: {
        name: "Returns & refunds",
        description:
          "Sending hardware back, damaged or faulty devices, the warranty, and refunding your own customers.",
        slug: "returns-and-refunds",
      },
      de: {
        name: "Rücksendungen & Erstattungen",
        description:
          "Hardware zurücksenden, beschädigte oder defekte Geräte, Garantie und Erstattungen an Ihre Kundschaft.",
        slug: "ruecksendungen-und-erstattungen",
      },
      fr: {
        name: "Retours et remboursements",
        description:
          "Renvoyer du matériel, appareils endommagés ou défectueux, garantie et remboursement de vos propres clients.",
        slug: "retours-et-remboursements",
      },
    },
    sections: [
      {
        key: "returning-hardware",
        translations: {
          en: { name: "Returning hardware", slug: "returning-hardware" },
          de: { name: "Hardware zurücksenden", slug: "hardware-zuruecksenden" },
          fr: { name: "Retourner du matériel", slug: "retourner-du-materiel" },
        },
      },
      {
        key: "damaged-faulty",
        translations: {
          en: { name: "Damaged or faulty hardware", slug: "damaged-or-faulty-hardware" },
          de: { name: "Beschädigte oder defekte Hardware", slug: "beschaedigte-oder-defekte-hardware" },
          fr: { name: "Matériel endommagé ou défectueux", slug: "materiel-endommage-ou-defectueux" },
        },
      },
      {
        key: "customer-refunds",
        translations: {
          en: { name: "Refunds for your customers", slug: "refunds-for-your-customers" },
          de: { name: "Erstattungen für Ihre Kundschaft", slug: "erstattungen-fuer-ihre-kundschaft" },
          fr: { name: "Remboursements de vos clients", slug: "remboursements-de-vos-clients" },
        },
      },
    ],
  },
  {
    key: "integrations",
    icon: "plug",
    translations: {
      en: {
        name: "API & integrations",
        description: "API keys, webhooks, rate limits, and keeping your online store and other apps in sync.",
        slug: "api-and-integrations",
      },
      de: {
        name: "API & Integrationen",
        description:
          "API-Schlüssel, Webhooks, Ratenlimits und die Synchronisierung mit Ihrem Onlineshop und anderen Apps.",
        slug: "api-und-integrationen",
      },
      fr: {
        name: "API et intégrations",
        description:
          "Clés API, webhooks, limites de débit et synchronisation avec votre boutique en ligne et d'autres applications.",
        slug: "api-et-integrations",
      },
    },
    sections: [
      {
        key: "api",
        translations: {
          en: { name: "API keys & authentication", slug: "api-keys-and-authentication" },
          de: { name: "API-Schlüssel & Authentifizierung", slug: "api-schluessel-und-authentifizierung" },
          fr: { name: "Clés API et authentification", slug: "cles-api-et-authentification" },
        },
      },
      {
        key: "webhooks",
        translations: {
          en: { name: "Webhooks", slug: "webhooks" },
          de: { name: "Webhooks", slug: "webhooks" },
          fr: { name: "Webhooks", slug: "webhooks" },
        },
      },
      {
        key: "connected-apps",
        translations: {
          en: { name: "Inventory sync & connected apps", slug: "inventory-sync-and-connected-apps" },
          de: {
            name: "Bestandssynchronisierung & verbundene Apps",
            slug: "bestandssynchronisierung-und-verbundene-apps",
          },
          fr: {
            name: "Synchronisation des stocks et applications connectées",
            slug: "synchronisation-des-stocks-et-applications-connectees",
          },
        },
      },
    ],
  },
  {
    key: "troubleshooting",
    icon: "wrench",
    translations: {
      en: {
        name: "Troubleshooting",
        description: "Card readers, receipt printers, the register app, offline mode and reports.",
        slug: "troubleshooting",
      },
      de: {
        name: "Fehlerbehebung",
        description: "Kartenterminals, Bondrucker, die Kassen-App, Offline-Modus und Berichte.",
        slug: "fehlerbehebung",
      },
      fr: {
        name: "Dépannage",
        description:
          "Terminaux de paiement, imprimantes de tickets, application de caisse, mode hors ligne et rapports.",
        slug: "depannage",
      },
    },
    sections: [
      {
        key: "card-readers",
        translations: {
          en: { name: "Card readers", slug: "card-readers" },
          de: { name: "Kartenterminals", slug: "kartenterminals" },
          fr: { name: "Terminaux de paiement", slug: "terminaux-de-paiement" },
        },
      },
      {
        key: "printers-accessories",
        translations: {
          en: { name: "Printers & accessories", slug: "printers-and-accessories" },
          de: { name: "Drucker & Zubehör", slug: "drucker-und-zubehoer" },
          fr: { name: "Imprimantes et accessoires", slug: "imprimantes-et-accessoires" },
        },
      },
      {
        key: "register-app",
        translations: {
          en: { name: "Register app & reports", slug: "register-app-and-reports" },
          de: { name: "Kassen-App & Berichte", slug: "kassen-app-und-berichte" },
          fr: { name: "Application de caisse et rapports", slug: "application-de-caisse-et-rapports" },
        },
      },
    ],
  },
];

const accounts: DemoArticle[] = [
  {
    key: "reset-password",
    category: "accounts",
    section: "sign-in",
    tags: ["password", "login"],
    related: ["reset-email-not-arriving", "reset-link-expired", "account-locked"],
    translations: {
      en: {
        title: "How do I reset my password?",
        slug: "how-do-i-reset-my-password",
        body: `Forgot your password, or just want a new one? You can set it yourself in a couple of minutes, from the dashboard or the register app.

1. On the sign-in page, click **Forgot password?**
2. Enter the email address you sign in with and click **Send reset link**.
3. Open the email from no-reply@example.com and click **Choose a new password**.
4. Enter your new password twice and click **Save**. You're signed in straight away.

Reset links are valid for **60 minutes** and work only once. If you request several, only the newest one works.

> **Tip:** Staff who share a device should each have their own login, so one person's typos can't lock everyone out. See [Giving staff their own logins and roles](/help/en/giving-staff-their-own-logins-and-roles).

Already signed in and just want to change your password? Go to **Settings → Security → Password** and enter your current password first.

If the email doesn't turn up, read [Password reset email not arriving](/help/en/password-reset-email-not-arriving). If the link says it has expired the moment you click it, see [Why does my reset link say it has expired?](/help/en/why-does-my-reset-link-say-it-has-expired)`,
      },
      de: {
        title: "Wie setze ich mein Passwort zurück?",
        slug: "wie-setze-ich-mein-passwort-zurueck",
        body: `Passwort vergessen oder möchten Sie einfach ein neues? Das erledigen Sie in wenigen Minuten selbst – im Dashboard oder in der Kassen-App.

1. Klicken Sie auf der Anmeldeseite auf **Passwort vergessen?**
2. Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden, und klicken Sie auf **Link senden**.
3. Öffnen Sie die E-Mail von no-reply@example.com und klicken Sie auf **Neues Passwort wählen**.
4. Geben Sie das neue Passwort zweimal ein und klicken Sie auf **Speichern**. Sie sind danach direkt angemeldet.

Der Link ist **60 Minuten** gültig und funktioniert nur einmal. Wenn Sie mehrere Links anfordern, gilt nur der neueste.

> **Tipp:** Wenn sich mehrere Mitarbeitende ein Gerät teilen, sollte jede Person eigene Zugangsdaten haben. So kann ein Tippfehler nicht das ganze Team aussperren.

Sie sind bereits angemeldet und möchten nur Ihr Passwort ändern? Unter **Einstellungen → Sicherheit → Passwort** geht das nach Eingabe des aktuellen Passworts.

Kommt die E-Mail nicht an, lesen Sie [E-Mail zum Zurücksetzen des Passworts kommt nicht an](/help/de/e-mail-zum-zuruecksetzen-kommt-nicht-an).`,
      },
      fr: {
        title: "Comment réinitialiser mon mot de passe ?",
        slug: "comment-reinitialiser-mon-mot-de-passe",
        body: `Mot de passe oublié, ou simplement envie d'en changer ? Vous pouvez en définir un nouveau vous-même en quelques minutes, depuis le tableau de bord ou l'application de caisse.

1. Sur la page de connexion, cliquez sur **Mot de passe oublié ?**
2. Saisissez l'adresse e-mail avec laquelle vous vous connectez, puis cliquez sur **Envoyer le lien**.
3. Ouvrez l'e-mail envoyé par no-reply@example.com et cliquez sur **Choisir un nouveau mot de passe**.
4. Saisissez deux fois le nouveau mot de passe et cliquez sur **Enregistrer**. Vous êtes connecté immédiatement.

Le lien reste valable **60 minutes** et ne fonctionne qu'une seule fois. Si vous en demandez plusieurs, seul le plus récent est valide.

> **Astuce :** si plusieurs employés partagent un appareil, donnez à chacun ses propres identifiants. Une faute de frappe ne bloquera plus toute l'équipe.

Déjà connecté ? Rendez-vous dans **Paramètres → Sécurité → Mot de passe** et saisissez d'abord votre mot de passe actuel.

Si l'e-mail n'arrive pas, vérifiez vos courriers indésirables, puis demandez à votre service informatique d'autoriser l'adresse no-reply@example.com avant de demander un nouveau lien.`,
      },
    },
  },
  {
    key: "reset-email-not-arriving",
    category: "accounts",
    section: "sign-in",
    tags: ["password", "email", "login"],
    related: ["reset-password", "reset-link-expired"],
    translations: {
      en: {
        title: "Password reset email not arriving",
        slug: "password-reset-email-not-arriving",
        body: `Our reset emails normally arrive within a minute. When one doesn't, it has almost always been delivered but filtered on the way, usually by a company spam gateway.

Work through these checks in order:

1. Look in your **spam**, **junk** and **promotions** folders, and search your mailbox for "reset".
2. Make sure you typed the address you actually sign in with. For security, we never reveal whether an address has an account, so a typo still shows "Email sent".
3. Ask whoever manages your email to check the **quarantine** and to allowlist no-reply@example.com.
4. Once the allowlist is in place, request a new link. Links released from quarantine have usually expired by then.

> **Note:** Requesting lots of links in a row doesn't help. Each new request cancels the previous link, so only the newest one works.

Microsoft 365 and other security scanners sometimes open links to check them before you do, which uses up the single-use link. If that's what you're seeing, read [Why does my reset link say it has expired?](/help/en/why-does-my-reset-link-say-it-has-expired)

Still nothing after 15 minutes? Contact support from the help centre. We can see in our mail logs whether your mail server accepted the message, which tells us exactly where to look next.`,
      },
      de: {
        title: "E-Mail zum Zurücksetzen des Passworts kommt nicht an",
        slug: "e-mail-zum-zuruecksetzen-kommt-nicht-an",
        body: `Unsere E-Mails zum Zurücksetzen des Passworts kommen normalerweise innerhalb einer Minute an. Fehlt eine, wurde sie fast immer zugestellt, aber unterwegs aussortiert – meist vom Spamfilter Ihres Unternehmens.

Gehen Sie diese Punkte der Reihe nach durch:

1. Sehen Sie in den Ordnern **Spam**, **Junk** und **Werbung** nach und durchsuchen Sie Ihr Postfach nach „Passwort“.
2. Prüfen Sie, ob Sie die Adresse eingegeben haben, mit der Sie sich tatsächlich anmelden. Aus Sicherheitsgründen zeigen wir auch bei einem Tippfehler „E-Mail gesendet“ an.
3. Bitten Sie die Person, die Ihre E-Mails betreut, die **Quarantäne** zu prüfen und no-reply@example.com auf die Zulassungsliste zu setzen.
4. Fordern Sie danach einen neuen Link an. Links aus der Quarantäne sind bis dahin meist abgelaufen.

> **Hinweis:** Viele Anfragen hintereinander helfen nicht. Jede neue Anfrage macht den vorherigen Link ungültig.

Manche Sicherheitsscanner, etwa in Microsoft 365, öffnen Links zur Prüfung, bevor Sie es tun – damit ist der Einmal-Link verbraucht. Bitten Sie in diesem Fall Ihre IT, Links von no-reply@example.com von der Prüfung auszunehmen, oder fragen Sie den Support nach einem Link, den der Scanner nicht verbraucht.

Nach 15 Minuten immer noch nichts? Wenden Sie sich über das Hilfe-Center an den Support. Wir sehen in unseren Mail-Protokollen, ob Ihr Mailserver die Nachricht angenommen hat. Die Schritte zum Zurücksetzen finden Sie unter [Wie setze ich mein Passwort zurück?](/help/de/wie-setze-ich-mein-passwort-zurueck)`,
      },
    },
  },
  {
    key: "reset-link-expired",
    category: "accounts",
    section: "sign-in",
    tags: ["password", "login"],
    related: ["reset-password", "reset-email-not-arriving"],
    translations: {
      en: {
        title: "Why does my reset link say it has expired?",
        slug: "why-does-my-reset-link-say-it-has-expired",
        body: `"This link has expired" can appear even when you click the link seconds after it arrives. There are three usual causes.

**The link is older than 60 minutes.** Reset links are short-lived on purpose. Request a new one and use it straight away.

**A newer link replaced it.** Every request cancels the links sent before it. If you clicked "Forgot password?" twice, only the second email works.

**A security scanner used it first.** Reset links work once. Email security tools such as Microsoft 365 Safe Links open every link in incoming mail to check it for malware, and that visit counts as the one use. You'll mostly see this on work email accounts.

To get past a scanner:

1. Ask your IT team to exclude links from no-reply@example.com from link scanning or rewriting.
2. Request a new reset link.
3. If the scanner settings can't be changed, contact support and ask for a scanner-safe link. It only activates after you confirm on the page.

> **Tip:** Open the link in the same browser you requested it from, or copy it into a private window. That rules out an old signed-in session getting in the way.

If the email isn't arriving at all, see [Password reset email not arriving](/help/en/password-reset-email-not-arriving).`,
      },
    },
  },
  {
    key: "account-locked",
    category: "accounts",
    section: "sign-in",
    tags: ["login", "security"],
    related: ["reset-password", "staff-logins", "two-factor-setup"],
    translations: {
      en: {
        title: "Unlocking your account after too many sign-in attempts",
        slug: "unlocking-your-account-after-too-many-sign-in-attempts",
        body: `After **10 wrong passwords in a row**, we lock the account to protect it from someone guessing. You'll see "Account locked" on the sign-in page, even if you now type the right password.

The quickest way back in is to reset your password, which also lifts the lock:

1. Click **Forgot password?** on the sign-in page.
2. Enter your sign-in email and open the link we send you. It's valid for 60 minutes.
3. Choose a new password. The lock is cleared as soon as you save it.

If the reset email doesn't arrive, [Password reset email not arriving](/help/en/password-reset-email-not-arriving) covers the usual causes.

> **Note:** Locks often come from a shared login, for example when a new staff member types the owner's password into a reader setup screen. Give each person their own login under **Settings → Team** so it can't happen again.

Wondering whether someone else tried to get in? Once you're signed in, **Settings → Security → Sign-in activity** lists every attempt with its time, device and approximate location. If you don't recognise them, change your password and [turn on two-factor authentication](/help/en/turn-on-two-factor-authentication).

Account owners can unlock staff members too: open **Settings → Team**, choose the person and click **Unlock**.`,
      },
    },
  },
  {
    key: "two-factor-setup",
    category: "accounts",
    section: "security",
    tags: ["2fa", "security", "login"],
    related: ["two-factor-lost-phone", "two-factor-invalid-code", "account-locked"],
    translations: {
      en: {
        title: "Turn on two-factor authentication",
        slug: "turn-on-two-factor-authentication",
        body: `Two-factor authentication (2FA) asks for a six-digit code from your phone as well as your password. Even if someone learns your password, they can't sign in without the phone. We strongly recommend it for account owners and anyone who can issue refunds.

You'll need an authenticator app, such as Google Authenticator, Microsoft Authenticator, 1Password or Authy.

1. Go to **Settings → Security → Two-factor**.
2. Click **Turn on** and enter your password.
3. Scan the QR code with your authenticator app.
4. Type the six-digit code the app shows and click **Verify**.
5. Save your **backup codes**. Each one works once, and they're your way back in if you lose your phone.

> **Tip:** Keep the backup codes in a password manager, or print them and lock them away with your business papers. Don't keep them only on the phone that generates the codes.

Owners can require two-factor for everyone under **Settings → Security → Require two-factor**. Staff without it are asked to set it up the next time they sign in.

Getting a new phone? Before you wipe the old one, choose **Replace device** under Settings → Security → Two-factor and scan the new QR code. If it's already too late, see [Lost your phone? Getting back in with two-factor turned on](/help/en/lost-your-phone-two-factor-recovery).`,
      },
    },
  },
  {
    key: "two-factor-lost-phone",
    category: "accounts",
    section: "security",
    tags: ["2fa", "security", "login"],
    related: ["two-factor-setup", "two-factor-invalid-code"],
    translations: {
      en: {
        title: "Lost your phone? Getting back in with two-factor turned on",
        slug: "lost-your-phone-two-factor-recovery",
        body: `A lost, stolen or wiped phone doesn't mean a lost account. Which route you take depends on what you still have.

**You have your backup codes.** Sign in with your password, click **Use a backup code** on the code screen and enter one of them. Then go to **Settings → Security → Two-factor** and choose **Replace device** to set up your new phone.

**You still have the old phone.** Sign in as usual, choose **Replace device**, and scan the new QR code with your new phone.

**You have neither.** Contact support. Before we remove two-factor from an account, we verify that it's yours:

1. Write to us from the email address you sign in with.
2. Tell us the last four digits of the card that pays your subscription.
3. Tell us the approximate amount of your most recent payout.

Once those match, we remove two-factor and you can sign in with your password alone. Set it up again straight away, as described in [Turn on two-factor authentication](/help/en/turn-on-two-factor-authentication).

> **Note:** We never remove two-factor for someone who can't pass these checks, however urgent it sounds. That's what keeps your payouts safe.

Staff members who lose their phone don't need us: the account owner can reset their two-factor under **Settings → Team → (name) → Reset two-factor**.`,
      },
    },
  },
  {
    key: "two-factor-invalid-code",
    category: "accounts",
    section: "security",
    tags: ["2fa", "login"],
    related: ["two-factor-setup", "two-factor-lost-phone"],
    translations: {
      en: {
        title: "Authenticator codes are rejected as invalid",
        slug: "authenticator-codes-rejected-as-invalid",
        body: `If every code your authenticator app shows is rejected with "Invalid code", the cause is nearly always one of these.

**Your phone's clock is off.** Codes are calculated from the current time and change every 30 seconds. A phone that's even two minutes out produces codes we no longer accept. To fix it:

1. On iPhone, open **Settings → General → Date & Time** and turn on **Set Automatically**.
2. On Android, open **Settings → System → Date & time** and turn on **Set time automatically**.
3. Wait for the next code and try again.

**You're using the wrong entry.** If you've set up two-factor more than once, your app may hold several entries with our name. Only the newest works, so delete the old ones.

**The code expired while you typed it.** Wait for a fresh code and enter it within its 30 seconds.

> **Tip:** Password managers that fill in codes for you use the computer's clock instead of the phone's. If codes fail only there, check the computer's time settings.

Still rejected? Sign in with a backup code and choose **Replace device** under Settings → Security → Two-factor to pair the app from scratch. If you have no backup codes, follow [Lost your phone? Getting back in with two-factor turned on](/help/en/lost-your-phone-two-factor-recovery).`,
      },
    },
  },
  {
    key: "sso-setup",
    category: "accounts",
    section: "security",
    tags: ["sso", "security", "login"],
    related: ["sso-troubleshooting", "staff-logins", "plans-compared"],
    translations: {
      en: {
        title: "Set up single sign-on (SAML) for your staff",
        slug: "set-up-single-sign-on-saml",
        body: `On the **Scale** plan, your staff can sign in with the accounts they already use at work, through any SAML 2.0 identity provider such as Okta, Microsoft Entra ID or Google Workspace. When someone leaves, you switch them off in one place.

You'll need admin access to your identity provider, and you need to be the account owner here.

1. Go to **Settings → Security → Single sign-on** and click **Set up SAML**.
2. Copy the **ACS URL** and **Audience (Entity ID)** shown on the page into a new SAML app in your identity provider. Copy them exactly, with no trailing slash.
3. Set the **Name ID** to the user's email address.
4. Download your identity provider's metadata file and upload it on our page.
5. Click **Test sign-in**. When the test succeeds, click **Turn on**.

Staff whose email matches an existing login are linked automatically. New people get the **Cashier** role the first time they sign in, and you can change it under Settings → Team.

> **Note:** The account owner can always sign in with email and password, even with SSO turned on. That way a broken identity provider can't lock the whole business out.

If sign-ins fail afterwards, see [Fixing single sign-on errors](/help/en/fixing-single-sign-on-errors).`,
      },
    },
  },
  {
    key: "sso-troubleshooting",
    category: "accounts",
    section: "security",
    tags: ["sso", "login"],
    related: ["sso-setup"],
    translations: {
      en: {
        title: "Fixing single sign-on errors",
        slug: "fixing-single-sign-on-errors",
        body: `Most SSO problems show up as one of three symptoms.

**"SAML response invalid: audience mismatch".** The Audience (Entity ID) in your identity provider doesn't match ours exactly. The usual culprit is a trailing slash. Copy the value again from **Settings → Security → Single sign-on** and paste it without editing.

**Staff are sent back to the login page with no error.** Your identity provider's signing certificate has most likely expired or been rotated. To fix it:

1. In your identity provider, open our app and download the new certificate. In Google Workspace, that's **Apps → Web and mobile apps → (our app)** in the Admin console.
2. Here, go to **Settings → Security → Single sign-on** and upload it under **Certificate**.
3. Ask one person to try again. Sign-ins work immediately.

**It works for everyone except one person.** That's usually a cached session. Ask them to sign out of the identity provider completely, or to try in a private browser window.

> **Tip:** We email the account owner 30 days and 7 days before your SSO certificate expires. Make sure those emails reach someone who can act on them.

While you fix things, the account owner can still sign in with email and password. Setting SSO up for the first time? See [Set up single sign-on (SAML) for your staff](/help/en/set-up-single-sign-on-saml).`,
      },
    },
  },
  {
    key: "staff-logins",
    category: "accounts",
    section: "team",
    tags: ["team", "staff", "roles"],
    related: ["account-locked", "plans-compared", "sso-setup"],
    translations: {
      en: {
        title: "Giving staff their own logins and roles",
        slug: "giving-staff-their-own-logins-and-roles",
        body: `Shared logins make it impossible to tell who rang up which sale, and one person's typos can lock everyone out. Give each member of your team their own login instead.

1. Go to **Settings → Team** and click **Invite**.
2. Enter the person's name and email address.
3. Choose a role and, if you have several shops, the locations they work at.
4. Click **Send invite**. They choose their own password from the email.

The roles:

- **Cashier** can take payments and look up orders, but can't see reports or issue refunds.
- **Manager** can also issue refunds, see reports and manage products.
- **Owner** can do everything, including billing and payouts. There's one owner per account.

Each person's sales show under their name in **Reports → Staff**, which is also where tips are split per person.

> **Tip:** For quick switching on a shared iPad, give each person a four-digit **passcode** under Settings → Team → (name). They tap their name on the register and enter the passcode, without a full sign-in.

When someone leaves, click **Remove** next to their name. Their past sales keep their name in reports. How many logins your plan includes is listed in [Comparing the Starter, Growth and Scale plans](/help/en/comparing-the-starter-growth-and-scale-plans).`,
      },
    },
  },
  {
    key: "change-account-owner",
    category: "accounts",
    section: "team",
    tags: ["owner", "team"],
    related: ["change-business-name", "change-bank-account", "staff-logins"],
    translations: {
      en: {
        title: "Transferring account ownership",
        slug: "transferring-account-ownership",
        body: `Selling the business, or handing it over to a partner? Ownership can move to another person without losing your sales history, products or devices. Because the owner controls payouts, both of you take part in the transfer.

1. Make sure the new owner has a login. If not, invite them under **Settings → Team**.
2. As the current owner, go to **Settings → Business → Ownership** and click **Transfer ownership**.
3. Choose the new owner and confirm with your password.
4. The new owner receives an email and completes identity verification, which takes about five minutes with a photo ID.
5. If the business itself has changed hands, the new owner adds their bank account for payouts.

The transfer completes as soon as verification passes. Payouts from the next day go to the new owner's bank account, and you stay on the team as a **Manager** until they remove you.

> **Note:** If the business has a new legal entity or tax number, the new owner should also update **Settings → Billing → Tax details** so invoices are right from the start.

Can't reach the current owner, for example after a death or a dispute? Contact support. We'll ask for documents showing the change and handle it for you.

Related: [Changing your business name on receipts and card statements](/help/en/changing-your-business-name).`,
      },
    },
  },
  {
    key: "change-business-name",
    category: "accounts",
    section: "team",
    tags: ["receipts", "business"],
    related: ["change-account-owner", "chargebacks", "payout-missing"],
    translations: {
      en: {
        title: "Changing your business name on receipts and card statements",
        slug: "changing-your-business-name",
        body: `Your business name appears in two places, and each is changed separately.

**On receipts, emails and your online store**, we use the public name. Changes apply straight away:

1. Go to **Settings → Business → Public details**.
2. Update the **Public name** and, if you like, the logo and address shown on receipts.
3. Click **Save**. The next receipt uses the new name.

**On your customers' card statements**, we use the statement descriptor. This is what shoppers see in their banking app, so keep it recognisable:

1. Go to **Settings → Payments → Statement descriptor**.
2. Enter up to 22 characters: letters, numbers and spaces only.
3. Click **Save**.

> **Note:** A new statement descriptor can take up to **48 hours** to reach the card networks. Payments taken before the change keep the old name.

After a rebrand, check that your payout bank account is in a name that still matches the business. A mismatch can pause payouts until we've verified it; see [A payout shows as Paid but hasn't reached my bank](/help/en/payout-paid-but-not-in-bank).

Changing the legal entity rather than just the name? That's usually an ownership change: see [Transferring account ownership](/help/en/transferring-account-ownership).`,
      },
    },
  },
  {
    key: "change-email-duplicate-account",
    category: "accounts",
    section: "team",
    tags: ["email", "login"],
    related: ["change-account-owner", "reset-password"],
    translations: {
      en: {
        title: "Changing your sign-in email or closing a duplicate account",
        slug: "change-sign-in-email-or-close-duplicate-account",
        body: `Your sign-in email belongs to you rather than the business, so you can change it whenever you like:

1. Go to **Settings → Profile** and click **Change** next to your email.
2. Enter the new address and your current password.
3. Open the confirmation email we send to the new address and click **Confirm**.

Until you confirm, the old address keeps working. We also send a notice to the old address, so you'd know if someone else tried this.

**Ended up with two accounts?** This often happens when someone signed up for a trial with a different email. Accounts can't be merged, but an unused duplicate can be closed:

1. Sign in to the account you want to **keep** and contact support from there.
2. Tell us the email address of the duplicate.
3. We check the duplicate has no payments, devices or open payouts, then close it.

> **Note:** If the duplicate has taken payments, we can still close it, but we keep its records for the legally required period. Export anything you need first.

Nothing changes on your main account when we close a duplicate. If the duplicate's email should become your login, change it on the main account afterwards with the steps above.`,
      },
    },
  },
];

const billing: DemoArticle[] = [
  {
    key: "plans-compared",
    category: "billing",
    section: "plans-payments",
    tags: ["plans", "pricing", "subscription"],
    related: ["change-plan", "annual-billing", "staff-logins"],
    translations: {
      en: {
        title: "Comparing the Starter, Growth and Scale plans",
        slug: "comparing-the-starter-growth-and-scale-plans",
        body: `Every plan includes the register app, as many card readers as you need, multiple locations, the online store and the API. The plans differ in staff logins, inventory features and support.

**Starter, $29 a month.** For small shops getting going. Up to 2 staff logins, standard reports and email support.

**Growth, $79 a month.** For busier businesses. Up to 10 staff logins, scheduled exports, tips per staff member and chat support.

**Scale, $199 a month.** For multi-site and high-volume businesses. Unlimited staff logins, stock transfers between locations, single sign-on, higher API limits on request and priority phone support.

> **Tip:** Paying annually costs the same as ten months, so you get two months free. See [Switching to annual billing](/help/en/switching-to-annual-billing).

A few questions we hear a lot:

- **Do I need Scale for a second location?** No. Locations are included on every plan. You only need Scale for stock transfers or more than 10 staff.
- **Are card fees different per plan?** No. Processing fees are the same on every plan and are listed under **Settings → Payments → Fees**.
- **Can I try a bigger plan?** Yes. Upgrades apply immediately, and you can move back down at the end of the billing period.

To switch, see [Upgrading or downgrading your plan](/help/en/upgrading-or-downgrading-your-plan).`,
      },
    },
  },
  {
    key: "change-plan",
    category: "billing",
    section: "plans-payments",
    tags: ["plans", "subscription"],
    related: ["plans-compared", "annual-billing", "cancel-subscription"],
    translations: {
      en: {
        title: "Upgrading or downgrading your plan",
        slug: "upgrading-or-downgrading-your-plan",
        body: `You can change plan yourself at any time. Upgrades and downgrades are handled a little differently, so you never pay twice for the same days.

1. Go to **Settings → Billing → Change plan**.
2. Pick the new plan and check the summary, which shows exactly what you'll pay and when.
3. Click **Confirm**.

**Upgrading** takes effect immediately. You're charged only the difference for the rest of the current billing period, and the new features are available straight away.

**Downgrading** takes effect at the end of the current billing period. You keep your current features until then, and there's no partial charge or refund. The pending change is shown under **Change plan**, where you can cancel it any time before it happens.

> **Note:** Starter allows 2 staff logins and Growth allows 10. If you have more staff than the new plan allows, we'll ask you to choose who keeps access before the downgrade completes. Stock transfers in progress must be finished before leaving Scale.

Seasonal businesses often move down to Starter in the quiet months and back up for the busy season. Your products, sales history and settings are kept whichever plan you're on.

Not sure which plan fits? See [Comparing the Starter, Growth and Scale plans](/help/en/comparing-the-starter-growth-and-scale-plans).`,
      },
    },
  },
  {
    key: "annual-billing",
    category: "billing",
    section: "plans-payments",
    tags: ["plans", "subscription", "annual"],
    related: ["plans-compared", "change-plan", "cancel-subscription"],
    translations: {
      en: {
        title: "Switching to annual billing",
        slug: "switching-to-annual-billing",
        body: `Annual billing costs the same as ten monthly payments, so you save two months a year on any plan. On Growth, that's $790 a year instead of $948.

Switching takes a minute:

1. Go to **Settings → Billing → Change plan**.
2. Choose your plan and select **Billed annually**.
3. Review the summary and click **Confirm**.

The unused part of your current month is credited against the first annual invoice, so you don't pay for the same days twice. The new invoice appears straight away under **Settings → Billing → Invoices**.

> **Tip:** We email you **30 days before** each annual renewal, with the amount and the card we'll charge. That's a good moment to check your plan still fits.

A few things to know:

- You can upgrade mid-year. You're charged the pro-rated difference for the months left.
- Downgrades, and switching back to monthly, take effect at the renewal date.
- If you close your business mid-year, unused full months are refunded. See [Cancelling your subscription](/help/en/cancelling-your-subscription).`,
      },
    },
  },
  {
    key: "payment-failed",
    category: "billing",
    section: "plans-payments",
    tags: ["subscription", "payments"],
    related: ["billing-details", "double-charge"],
    translations: {
      en: {
        title: "What happens when a subscription payment fails?",
        slug: "what-happens-when-a-subscription-payment-fails",
        body: `If we can't collect your subscription, we email the account owner the same day. Nothing stops working right away: you have **3 days** to sort it out before the account is suspended, and we retry the card every night in the meantime.

To fix it sooner:

1. Go to **Settings → Billing → Payment method**.
2. Replace the card, or click **Retry now** if the card is fine.
3. Check that the invoice shows **Paid** under **Settings → Billing → Invoices**.

When the card itself is fine, the decline usually came from your bank's fraud check, especially on cards that rarely pay companies abroad. The decline reason is shown next to the failed invoice. "Do not honour" means the bank blocked it: call them, ask them to allow payments to us, then click **Retry now**.

> **Note:** A suspended account can't take card payments in the register app. Cash sales and your data aren't affected. As soon as the payment goes through, refresh the register app and card payments work again.

Worried that a failed attempt charged you anyway? A failed payment can leave a temporary hold on your statement; see [I was charged twice for my subscription](/help/en/i-was-charged-twice). To change the card or billing address, see [Updating your payment card and billing address](/help/en/updating-your-payment-card-and-billing-address).`,
      },
    },
  },
  {
    key: "double-charge",
    category: "billing",
    section: "plans-payments",
    tags: ["refunds", "subscription", "payments"],
    related: ["payment-failed", "download-invoices", "cancel-subscription"],
    translations: {
      en: {
        title: "I was charged twice for my subscription",
        slug: "i-was-charged-twice",
        body: `Two subscription charges on the same day look alarming, but in most cases only one of them is real.

**One charge is "pending".** When a payment attempt fails or is retried, your bank may place a temporary hold for the amount. The hold is never taken, and your bank drops it automatically, usually within **3 to 5 business days**. You don't need to do anything.

**Both charges are completed.** That's a genuine duplicate, and we'll refund it. To check:

1. Go to **Settings → Billing → Invoices**.
2. Compare the month's invoices with your bank statement. A duplicate shows as two payments against one invoice.
3. Contact support with the invoice number and the last four digits of the card.

We refund duplicates in full to the original card. Refunds take **5 to 10 business days** to appear, depending on your bank.

> **Tip:** Look at the status in your banking app, not just the amount. "Pending", "reserved" and "authorisation" all mean a hold, not a payment.

If a pending hold is still there after a week, reply to your ticket and we'll send you a letter for your bank confirming the payment failed.

Charged after cancelling? See [Cancelling your subscription](/help/en/cancelling-your-subscription). A customer's sale that went through twice is different: [refund the duplicate](/help/en/refunding-a-sale-at-the-register) from the register.`,
      },
      de: {
        title: "Mein Abo wurde doppelt abgebucht",
        slug: "abo-doppelt-abgebucht",
        body: `Zwei Abbuchungen für Ihr Abo am selben Tag sehen beunruhigend aus. Meist ist aber nur eine davon echt.

**Eine Buchung ist „vorgemerkt“.** Schlägt ein Zahlungsversuch fehl oder wird er wiederholt, reserviert Ihre Bank den Betrag unter Umständen vorübergehend. Diese Vormerkung wird nie abgebucht und verschwindet automatisch, meist innerhalb von **3 bis 5 Werktagen**. Sie müssen nichts tun.

**Beide Buchungen sind abgeschlossen.** Dann handelt es sich um eine echte Doppelbuchung, und wir erstatten sie. So prüfen Sie das:

1. Öffnen Sie **Einstellungen → Abrechnung → Rechnungen**.
2. Vergleichen Sie die Rechnungen des Monats mit Ihrem Kontoauszug. Eine Doppelbuchung erscheint als zwei Zahlungen zu einer Rechnung.
3. Wenden Sie sich mit der Rechnungsnummer und den letzten vier Ziffern der Karte an den Support.

Doppelte Zahlungen erstatten wir vollständig auf die ursprüngliche Karte. Bis die Erstattung sichtbar ist, dauert es je nach Bank **5 bis 10 Werktage**.

> **Tipp:** Achten Sie in Ihrer Banking-App auf den Status, nicht nur auf den Betrag. „Vorgemerkt“, „reserviert“ oder „Autorisierung“ bedeuten eine Reservierung, keine Zahlung.

Ist eine Vormerkung nach einer Woche noch da, antworten Sie auf Ihr Ticket. Wir schicken Ihnen dann ein Schreiben für Ihre Bank, das bestätigt, dass die Zahlung fehlgeschlagen ist.`,
      },
    },
  },
  {
    key: "cancel-subscription",
    category: "billing",
    section: "plans-payments",
    tags: ["subscription", "refunds", "cancel"],
    related: ["change-plan", "export-reports", "annual-billing"],
    translations: {
      en: {
        title: "Cancelling your subscription",
        slug: "cancelling-your-subscription",
        body: `We're sorry to see you go. You can cancel yourself, and you choose whether it ends today or at the end of the period you've paid for.

1. Go to **Settings → Billing** and click **Cancel subscription**.
2. Choose **End of billing period** to keep using everything until then, or **Today**.
3. Tell us why you're leaving. It's optional, but we read every answer.
4. Click **Confirm cancellation**. The owner gets a confirmation email.

**Refunds.** Monthly plans aren't refunded for the current month. Annual plans are refunded **pro rata for the full months left** after the end date, to the card that paid. The refund is sent the day after the subscription ends and takes 5 to 10 business days to appear.

> **Note:** Before cancelling, check there are no open disputes under **Reports → Disputes**. Any balance still owed to you is paid out as normal after you cancel.

Your data stays available for **90 days** after the subscription ends. You can sign in and export sales, customers and products during that time; see [Exporting sales reports to CSV](/help/en/exporting-sales-reports-to-csv). After 90 days, it's deleted for good.

Only closing for the off-season? [Downgrading to Starter](/help/en/upgrading-or-downgrading-your-plan) is usually cheaper than cancelling and setting everything up again.`,
      },
    },
  },
  {
    key: "download-invoices",
    category: "billing",
    section: "invoices-tax",
    tags: ["invoices", "accounting"],
    related: ["vat-number", "export-reports", "billing-details"],
    translations: {
      en: {
        title: "Finding and downloading your invoices",
        slug: "finding-and-downloading-your-invoices",
        body: `Every subscription payment and hardware order comes with an invoice. They're all in one place, and the account owner also receives each one by email.

1. Go to **Settings → Billing → Invoices**.
2. Use the filters to narrow the list down by date or type (subscription or hardware).
3. Click an invoice number to view it, or **Download PDF** to save it.

**Need lots at once?** Tick the invoices you want, or tick the box in the header to select the whole page, and click **Download selected**. You get a single ZIP file, which is what most accountants and auditors want.

**Sending invoices to your bookkeeper automatically:** under **Settings → Billing → Invoice emails**, add up to three extra addresses. Each new invoice goes to them as well as to the owner.

> **Tip:** Invoices show the billing details at the time they were issued. Add your company name and VAT number *before* your next payment, as described in [Adding your VAT number and company name to invoices](/help/en/adding-your-vat-number-to-invoices).

Looking for your customers' sales rather than what you paid us? That's a report, not an invoice: see [Exporting sales reports to CSV](/help/en/exporting-sales-reports-to-csv). Payout statements are under **Reports → Payouts**.`,
      },
    },
  },
  {
    key: "vat-number",
    category: "billing",
    section: "invoices-tax",
    tags: ["invoices", "vat", "tax"],
    related: ["download-invoices", "billing-details", "change-account-owner"],
    translations: {
      en: {
        title: "Adding your VAT number and company name to invoices",
        slug: "adding-your-vat-number-to-invoices",
        body: `Your accounts department or tax office may need invoices that show your company's legal name and VAT number. You can add both yourself, and every invoice from then on includes them.

1. Go to **Settings → Billing → Tax details**.
2. Enter your **legal company name** exactly as it's registered.
3. Enter your **VAT number**, including the country prefix, for example GB, DE or FR.
4. Check the **billing address** and click **Save**.

EU VAT numbers are checked against the official VIES register when you save. If the check fails, look for typos and spaces; a newly issued number can take a few days to appear there.

> **Note:** With a valid VAT number from another EU country, invoices are issued under the **reverse charge** rule, so no VAT is added. Your accountant will know how to book them.

**What about invoices you've already received?** Issued invoices aren't changed automatically. Contact support with the invoice numbers you need, and we'll reissue them with your new details. The reissued PDFs replace the old ones under **Settings → Billing → Invoices**.

Downloading lots of invoices at once? See [Finding and downloading your invoices](/help/en/finding-and-downloading-your-invoices).`,
      },
      de: {
        title: "USt-IdNr. und Firmennamen auf Rechnungen angeben",
        slug: "ust-idnr-auf-rechnungen-angeben",
        body: `Ihre Buchhaltung oder das Finanzamt benötigt Rechnungen mit dem offiziellen Firmennamen und Ihrer Umsatzsteuer-Identifikationsnummer (USt-IdNr.)? Beides hinterlegen Sie selbst, und jede künftige Rechnung enthält diese Angaben.

1. Öffnen Sie **Einstellungen → Abrechnung → Steuerangaben**.
2. Geben Sie den **Firmennamen** genau so ein, wie er im Register eingetragen ist.
3. Tragen Sie Ihre **USt-IdNr.** mit Länderkennung ein, zum Beispiel DE123456789.
4. Prüfen Sie die **Rechnungsadresse** und klicken Sie auf **Speichern**.

Beim Speichern prüfen wir EU-Nummern im offiziellen VIES-System. Schlägt die Prüfung fehl, achten Sie auf Tippfehler und Leerzeichen; neu vergebene Nummern erscheinen dort manchmal erst nach einigen Tagen.

> **Hinweis:** Mit einer gültigen USt-IdNr. aus einem anderen EU-Land stellen wir Rechnungen im **Reverse-Charge-Verfahren** aus, also ohne Umsatzsteuer. Ihre Steuerberatung weiß, wie sie zu verbuchen sind.

**Und bereits ausgestellte Rechnungen?** Diese ändern sich nicht automatisch. Schicken Sie dem Support die betroffenen Rechnungsnummern, dann stellen wir sie mit Ihren neuen Angaben erneut aus. Die neuen PDFs ersetzen die alten unter **Einstellungen → Abrechnung → Rechnungen**.

Mehrere Rechnungen laden Sie auf einmal herunter, indem Sie sie in der Liste markieren und auf **Auswahl herunterladen** klicken.`,
      },
      fr: {
        title: "Ajouter votre numéro de TVA et votre raison sociale aux factures",
        slug: "ajouter-votre-numero-de-tva-aux-factures",
        body: `Votre service comptable ou l'administration fiscale exige des factures portant la raison sociale de votre entreprise et son numéro de TVA intracommunautaire ? Vous pouvez ajouter ces informations vous-même, et toutes les factures suivantes les incluront.

1. Ouvrez **Paramètres → Facturation → Informations fiscales**.
2. Saisissez la **raison sociale** exactement telle qu'elle est enregistrée.
3. Saisissez votre **numéro de TVA** avec le préfixe du pays, par exemple FR12345678901.
4. Vérifiez l'**adresse de facturation** et cliquez sur **Enregistrer**.

Les numéros de TVA européens sont vérifiés dans le système officiel VIES lors de l'enregistrement. En cas d'échec, cherchez une faute de frappe ou un espace ; un numéro attribué récemment peut mettre quelques jours à y apparaître.

> **Remarque :** avec un numéro de TVA valide d'un autre pays de l'UE, nos factures sont émises en **autoliquidation**, sans TVA. Votre expert-comptable saura comment les comptabiliser.

**Et les factures déjà reçues ?** Elles ne sont pas modifiées automatiquement. Envoyez au support les numéros des factures concernées : nous les rééditerons avec vos nouvelles informations. Les nouveaux PDF remplacent les anciens dans **Paramètres → Facturation → Factures**.

Pour télécharger plusieurs factures à la fois, cochez-les dans la liste puis cliquez sur **Télécharger la sélection**.`,
      },
    },
  },
  {
    key: "billing-details",
    category: "billing",
    section: "invoices-tax",
    tags: ["payments", "address"],
    related: ["payment-failed", "order-on-hold", "change-bank-account"],
    translations: {
      en: {
        title: "Updating your payment card and billing address",
        slug: "updating-your-payment-card-and-billing-address",
        body: `The card on file pays your subscription and any hardware you order from us. Only the account owner can change it.

To replace the card:

1. Go to **Settings → Billing → Payment method**.
2. Click **Replace card** and enter the new card details.
3. Complete your bank's security check if it asks for one.
4. Click **Save**. The old card is removed straight away.

The **billing address** is on the same page. Keep it identical to the address your bank has for the card: hardware orders are checked against it, and a mismatch puts them on hold. See [Why is my hardware order on hold?](/help/en/why-is-my-hardware-order-on-hold)

> **Tip:** If a payment has already failed, click **Retry now** after saving the new card. Otherwise the retry only runs overnight.

This page doesn't affect payouts. Your customers' card sales are paid into your bank account, which is managed separately under **Settings → Payouts**; see [Changing the bank account for payouts](/help/en/changing-the-bank-account-for-payouts).

Need your company name or VAT number on invoices as well? That's under **Settings → Billing → Tax details**, described in [Adding your VAT number and company name to invoices](/help/en/adding-your-vat-number-to-invoices).`,
      },
    },
  },
  {
    key: "payout-schedule",
    category: "billing",
    section: "payouts",
    tags: ["payouts", "bank"],
    related: ["payout-missing", "payout-less-than-sales", "change-bank-account"],
    translations: {
      en: {
        title: "When will I get paid? Payout timing explained",
        slug: "when-will-i-get-paid",
        body: `Card payments you take are paid into your bank account automatically. The standard timing:

- Payments taken Monday to Thursday are paid out the **next business day**.
- Payments taken Friday, Saturday and Sunday are paid out together on **Monday**.
- Bank holidays push the payout to the following business day.

"Paid out" means we've sent the money. Most banks show it the same day, but some take until the next morning.

Every payout, with the sales, refunds and fees it covers, is listed under **Reports → Payouts**. Upcoming amounts are under **Reports → Balance**.

**Changing the schedule.** If you'd rather receive one payout a week, for example to make reconciliation easier:

1. Go to **Settings → Payouts → Schedule**.
2. Choose **Daily** or **Weekly**, and for weekly, the day of the week.
3. Click **Save**. The change applies from the next payout.

> **Note:** Your **first payout** takes up to 7 days while we verify your business. The first payout after you change bank account can also be held by the receiving bank for a day or two. After that, it's back to normal.

If a payout is smaller than your sales, see [Why is my payout smaller than my sales?](/help/en/why-is-my-payout-smaller-than-my-sales) If it's marked **Paid** but isn't in your account, see [A payout shows as Paid but hasn't reached my bank](/help/en/payout-paid-but-not-in-bank).`,
      },
      de: {
        title: "Wann erhalte ich mein Geld? Auszahlungszeiten erklärt",
        slug: "wann-erhalte-ich-mein-geld",
        body: `Kartenzahlungen, die Sie annehmen, zahlen wir automatisch auf Ihr Bankkonto aus. So sieht der Standardrhythmus aus:

- Zahlungen von Montag bis Donnerstag werden am **nächsten Werktag** ausgezahlt.
- Zahlungen von Freitag, Samstag und Sonntag werden gemeinsam am **Montag** ausgezahlt.
- Feiertage verschieben die Auszahlung auf den folgenden Werktag.

„Ausgezahlt“ bedeutet, dass wir das Geld überwiesen haben. Die meisten Banken schreiben es noch am selben Tag gut, manche erst am nächsten Morgen.

Jede Auszahlung mit den enthaltenen Umsätzen, Erstattungen und Gebühren finden Sie unter **Berichte → Auszahlungen**, anstehende Beträge unter **Berichte → Saldo**.

**Rhythmus ändern.** Lieber eine Auszahlung pro Woche, etwa für eine einfachere Abstimmung?

1. Öffnen Sie **Einstellungen → Auszahlungen → Rhythmus**.
2. Wählen Sie **Täglich** oder **Wöchentlich** und bei wöchentlich den Wochentag.
3. Klicken Sie auf **Speichern**. Die Änderung gilt ab der nächsten Auszahlung.

> **Hinweis:** Ihre **erste Auszahlung** dauert bis zu 7 Tage, weil wir Ihr Unternehmen prüfen. Auch die erste Auszahlung nach einem Wechsel des Bankkontos kann die empfangende Bank ein bis zwei Tage zurückhalten. Danach läuft alles wie gewohnt.

Ist eine Auszahlung niedriger als Ihre Umsätze, wurden meist Erstattungen, Rückbuchungen oder Gebühren abgezogen. Ein Klick auf die Auszahlung unter **Berichte → Auszahlungen** zeigt jede einzelne Position.`,
      },
    },
  },
  {
    key: "payout-missing",
    category: "billing",
    section: "payouts",
    tags: ["payouts", "bank"],
    related: ["payout-schedule", "change-bank-account", "change-business-name"],
    translations: {
      en: {
        title: "A payout shows as Paid but hasn't reached my bank",
        slug: "payout-paid-but-not-in-bank",
        body: `When a payout is marked **Paid**, the money has left us and is with your bank. If it isn't in your account by the end of the next business day, the bank is almost always holding it for a check.

1. Open **Reports → Payouts** and click the payout.
2. Note the **bank reference** and the amount.
3. Call your bank with that reference and ask them to trace the incoming transfer.

Banks often hold the **first payout to a new account**, or the first one after the account details changed, while they review it. Once it's released, the following payouts arrive as normal.

If the payout shows **Paused** instead of Paid, it never left us, and the reason is shown on the payout. The most common one is a bank account name that doesn't match the business name, which happens after a rebrand or ownership change. Update the details under **Settings → Payouts**, or contact support and we'll verify and release it.

> **Tip:** Need the money for payroll and the bank can't find it? Contact support with the reference. We'll request a trace from our banking partner, which usually comes back within 2 business days.

Payouts marked **Returned** bounced because the account number was wrong or closed. They're sent again automatically once you update the account; see [Changing the bank account for payouts](/help/en/changing-the-bank-account-for-payouts). For normal timings, see [When will I get paid?](/help/en/when-will-i-get-paid)`,
      },
    },
  },
  {
    key: "payout-less-than-sales",
    category: "billing",
    section: "payouts",
    tags: ["payouts", "fees", "refunds"],
    related: ["payout-schedule", "chargebacks", "refund-a-sale"],
    translations: {
      en: {
        title: "Why is my payout smaller than my sales?",
        slug: "why-is-my-payout-smaller-than-my-sales",
        body: `A payout is your card sales **minus** anything deducted that day, so it rarely matches your sales total exactly. To see the breakdown:

1. Go to **Reports → Payouts**.
2. Click the payout.
3. Look at the lines under **Deductions**.

The usual deductions are:

- **Processing fees.** Card fees are taken from each payout rather than invoiced separately.
- **Refunds.** When you refund a customer, the money comes out of your next payout, not off your card. One large refund, such as a cancelled catering order, can shrink a payout noticeably.
- **Chargebacks.** If a customer disputes a payment with their bank, the disputed amount and a dispute fee are held back. See [Handling a chargeback](/help/en/handling-a-chargeback).
- **Hardware instalments.** If you pay for hardware in instalments, each one is deducted from a payout.

Also check which sales the payout covers. **Cash** sales are never part of a payout, and late-evening payments can fall into the next day's payout depending on the **end of day** time under **Settings → Payouts**.

> **Tip:** Upcoming deductions, such as a refund you issued today, are already listed under **Reports → Balance**, so they don't come as a surprise.

If the numbers still don't add up, contact support with the payout date and we'll reconcile it with you.`,
      },
    },
  },
  {
    key: "change-bank-account",
    category: "billing",
    section: "payouts",
    tags: ["payouts", "bank"],
    related: ["payout-missing", "payout-schedule", "change-account-owner"],
    translations: {
      en: {
        title: "Changing the bank account for payouts",
        slug: "changing-the-bank-account-for-payouts",
        body: `Only the account owner can change where payouts go, and we double-check every change, because it's the first thing a fraudster would try.

1. Go to **Settings → Payouts → Bank account** and click **Change**.
2. Enter the account holder name and the account details (IBAN, or account number and routing or sort code).
3. Confirm with your password and, if it's on, your two-factor code.
4. Click **Save**.

We email the owner to confirm the change. The new account is used from the **next payout**, unless today's payout has already been sent.

**The account holder name must match your business.** Use the legal business name, or your own name if you trade as a sole trader. If the names don't match, payouts are paused until we've verified the account, which can take a business day.

> **Note:** Your bank may hold the first payout to the new account for a one-off review. That's normal; see [A payout shows as Paid but hasn't reached my bank](/help/en/payout-paid-but-not-in-bank).

Don't close the old account until the first payout has reached the new one. Anything sent to a closed account is returned to us, usually within 5 business days, and then paid out again.`,
      },
    },
  },
  {
    key: "chargebacks",
    category: "billing",
    section: "payouts",
    tags: ["chargebacks", "disputes", "payouts"],
    related: ["payout-less-than-sales", "change-business-name", "refund-a-sale"],
    translations: {
      en: {
        title: "Handling a chargeback",
        slug: "handling-a-chargeback",
        body: `A chargeback happens when a cardholder asks their bank to reverse a payment they made to you. The amount is held back from your payouts while the dispute runs, and you get the chance to respond.

We email the account owner, and the dispute appears under **Reports → Disputes**. To respond:

1. Open the dispute and read the **reason** the bank gave, for example "Not recognised" or "Product not received".
2. Click **Submit evidence**.
3. Add whatever shows the sale was genuine: the receipt, a delivery confirmation, emails with the customer, or photos.
4. Submit before the **deadline** shown on the dispute, usually 7 days.

The card network decides, typically within 60 to 75 days. If you win, the money is added back to your next payout.

> **Tip:** Many disputes are "Not recognised": the customer didn't recognise your name on their statement. A clear statement descriptor prevents these; see [Changing your business name on receipts and card statements](/help/en/changing-your-business-name).

If the customer agrees it was a mistake, ask them to withdraw the dispute with their bank, then let us know so we can follow it up. Don't refund them as well, or you could end up paying twice.

Related: [Why is my payout smaller than my sales?](/help/en/why-is-my-payout-smaller-than-my-sales)`,
      },
    },
  },
];

const shipping: DemoArticle[] = [
  {
    key: "hardware-order-status",
    category: "shipping",
    section: "hardware-orders",
    tags: ["orders", "hardware", "shipping"],
    related: ["order-on-hold", "track-order", "shipping-options"],
    translations: {
      en: {
        title: "Has my hardware order shipped?",
        slug: "has-my-hardware-order-shipped",
        body: `Hardware orders placed before 2 pm on a business day normally ship **the same day**. As soon as a parcel leaves our warehouse, we email a shipping confirmation with the carrier and tracking number.

To check an order yourself:

1. Go to **Settings → Hardware → Orders**.
2. Click the order number.
3. Look at the status:
   - **Processing**: we're packing it.
   - **Shipped**: it's with the carrier, and the tracking number is shown.
   - **On hold**: something needs your attention before we can ship.
   - **Delivered**: the carrier has confirmed delivery.

An order that has said **Processing** for more than one business day is usually waiting for stock of a particular item. The expected ship date is shown on the order.

> **Note:** Tracking often shows "Label created" for a few hours after shipping. It starts updating once the carrier scans the parcel, usually the same evening.

If your order is **On hold**, see [Why is my hardware order on hold?](/help/en/why-is-my-hardware-order-on-hold) Once it has shipped, [Tracking your hardware order](/help/en/tracking-your-hardware-order) explains what each tracking status means.`,
      },
    },
  },
  {
    key: "order-on-hold",
    category: "shipping",
    section: "hardware-orders",
    tags: ["orders", "hardware", "address"],
    related: ["hardware-order-status", "billing-details"],
    translations: {
      en: {
        title: "Why is my hardware order on hold?",
        slug: "why-is-my-hardware-order-on-hold",
        body: `An order goes **On hold** when we need something from you before we can ship. Devices that take payments are valuable, so we check every order, and a few fail the first check for simple reasons.

The reason is shown on the order under **Settings → Hardware → Orders**. The common ones:

**Billing address doesn't match.** The billing address on your account must match the one your bank has for the card. To fix it:

1. Go to **Settings → Billing** and correct the billing address.
2. Return to the order and click **Release order**.

**Payment didn't go through.** Update the card under **Settings → Billing → Payment method**, then click **Retry payment** on the order.

**Business verification incomplete.** New accounts need to finish verification before we ship card readers. Complete the steps under **Settings → Business → Verification**.

**Delivery address needs checking.** The carrier couldn't validate the address. Edit it on the order, including any suite or unit number.

> **Tip:** Orders released before 2 pm on a business day still go out the same day.

If you paid for express and the hold was our mistake, contact support and we'll refund the shipping fee. See also [Has my hardware order shipped?](/help/en/has-my-hardware-order-shipped)`,
      },
    },
  },
  {
    key: "shipping-options",
    category: "shipping",
    section: "hardware-orders",
    tags: ["shipping", "delivery", "hardware"],
    related: ["international-shipping", "change-delivery-address", "hardware-order-status"],
    translations: {
      en: {
        title: "Shipping options, costs and delivery times",
        slug: "shipping-options-costs-and-delivery-times",
        body: `We ship card readers, printers and accessories from our own warehouse with UPS, FedEx, DHL and USPS. You choose the speed at checkout, and we choose the carrier that serves your address best.

- **Standard**: 3 to 5 business days. Free on orders over $100, otherwise $9.
- **Express**: 1 to 2 business days. $19.
- **Next day**: the next business day. $35.

Times count from the day the order ships, not the day you place it. Orders placed before 2 pm on a business day normally ship the same day.

**Replacements are always free.** When we send a replacement for a damaged, faulty or missing item, it goes by express at no charge, with a prepaid return label if we need the old one back.

> **Note:** We can't deliver card readers to PO boxes or parcel lockers, because the carrier needs a signature for devices that take payments.

Shipping to a different location, such as your second shop? Choose the location at checkout or add a new address. If you've already ordered, see [Changing the delivery address after ordering](/help/en/changing-the-delivery-address-after-ordering).

Shipping to another country? See [Do you ship hardware internationally?](/help/en/do-you-ship-hardware-internationally)`,
      },
    },
  },
  {
    key: "international-shipping",
    category: "shipping",
    section: "hardware-orders",
    tags: ["shipping", "international", "customs"],
    related: ["shipping-options", "start-a-return"],
    translations: {
      en: {
        title: "Do you ship hardware internationally?",
        slug: "do-you-ship-hardware-internationally",
        body: `Yes, to every country where you can take payments with us. Readers are configured for the country of the location they belong to, so they must be used there too: a reader bought for a US location won't take payments in Canada, for example.

International orders go by **DHL Express** and take 2 to 5 business days. Duties and import taxes are **included** in the price at checkout, so there's nothing to pay on delivery. If DHL or customs asks you for payment, don't pay: contact support with the tracking number and we'll sort it out.

**Opening a location in another country?**

1. Contact support to add the new country to your account. Each country has its own payment setup and its own bank account for payouts.
2. Once it's active, order hardware for that location under **Settings → Hardware → Order**.
3. Pair the new readers with that location as usual.

> **Note:** Moving readers between countries yourself doesn't work. They're locked to their country's card networks and show "Region not supported".

Returns from abroad work as normal, with a prepaid label; see [How to return hardware for a refund](/help/en/how-to-return-hardware-for-a-refund). Delivery times and costs within your own country are in [Shipping options, costs and delivery times](/help/en/shipping-options-costs-and-delivery-times).`,
      },
    },
  },
  {
    key: "track-order",
    category: "shipping",
    section: "tracking",
    tags: ["tracking", "delivery"],
    related: ["shipping-delays", "delivered-not-received", "hardware-order-status"],
    translations: {
      en: {
        title: "Tracking your hardware order",
        slug: "tracking-your-hardware-order",
        body: `Every parcel we send has a tracking number. You'll find it in the shipping confirmation email, and on the order under **Settings → Hardware → Orders**, where clicking it shows the carrier's latest scan.

What the common statuses mean:

- **Label created**: we've booked the shipment, but the carrier hasn't scanned it yet. This normally changes the same evening.
- **In transit**: the parcel is moving between the carrier's hubs.
- **Out for delivery**: it's on the van and should arrive today.
- **Delivery attempted**: nobody was available to sign. The carrier leaves a card and usually tries again the next business day.
- **Exception** or **Delayed**: something held it up, such as weather or a sorting error. The carrier usually gives a new date.

> **Tip:** Card readers need a signature on delivery. If your shop opens late, add delivery instructions at checkout, or send the order to a location that's staffed during the day.

Orders with several boxes can have several tracking numbers; each one is listed on the order.

If tracking hasn't moved for two business days, or the parcel is late, see [My order is late or tracking hasn't updated](/help/en/my-order-is-late-or-tracking-has-not-updated). If it says **Delivered** but you don't have it, see [Tracking says delivered but I don't have the parcel](/help/en/tracking-says-delivered-but-no-parcel).`,
      },
    },
  },
  {
    key: "shipping-delays",
    category: "shipping",
    section: "tracking",
    tags: ["delays", "tracking", "delivery"],
    related: ["track-order", "delivered-not-received", "shipping-options"],
    translations: {
      en: {
        title: "My order is late or tracking hasn't updated",
        slug: "my-order-is-late-or-tracking-has-not-updated",
        body: `Most parcels arrive on time, but weather, busy hubs and the odd mis-sorted box do cause delays. What to do depends on how late it is.

**Tracking hasn't changed for a day.** That's usually normal: parcels are only scanned at hubs, and a long trip between two hubs can show no change for 24 hours.

**No update for 2 or more business days**, or the delivery date has passed:

1. Check the order under **Settings → Hardware → Orders** for a new estimated date.
2. Open the tracking and look for an **Exception** or **Delayed** entry, which often explains the reason.
3. If there's nothing useful, contact support with your order number. We'll open a trace with the carrier, who usually finds the parcel within 1 to 2 business days.

> **Note:** If the parcel hasn't turned up 5 business days after the original delivery date, we send a replacement by express at no charge. You don't need to wait for the carrier's investigation to finish.

Paid for **express** or **next day** shipping and the parcel arrived late? We refund the shipping fee. Just reply to your shipping confirmation or contact support.

Need a reader urgently because yours has stopped working? Tell us: we can often send a replacement straight away. Meanwhile, **Tap to Pay** in the register app lets an iPhone take contactless payments.`,
      },
      de: {
        title: "Meine Bestellung verspätet sich oder die Sendungsverfolgung wird nicht aktualisiert",
        slug: "bestellung-verspaetet-sendungsverfolgung-nicht-aktualisiert",
        body: `Die meisten Pakete kommen pünktlich an, aber Wetter, volle Verteilzentren und gelegentlich falsch sortierte Pakete sorgen für Verzögerungen. Was zu tun ist, hängt davon ab, wie spät die Sendung ist.

**Die Sendungsverfolgung hat sich einen Tag nicht geändert.** Das ist meist normal: Pakete werden nur in den Verteilzentren gescannt, und auf langen Strecken zwischen zwei Zentren kann 24 Stunden lang keine Änderung erscheinen.

**Seit 2 oder mehr Werktagen keine Änderung** oder der Liefertermin ist verstrichen:

1. Prüfen Sie die Bestellung unter **Einstellungen → Hardware → Bestellungen** auf ein neues voraussichtliches Lieferdatum.
2. Öffnen Sie die Sendungsverfolgung und suchen Sie nach einem Eintrag wie **Ausnahme** oder **Verzögert**, der oft den Grund nennt.
3. Hilft das nicht weiter, wenden Sie sich mit Ihrer Bestellnummer an den Support. Wir stellen beim Versanddienstleister einen Nachforschungsauftrag; das Paket wird meist innerhalb von 1 bis 2 Werktagen gefunden.

> **Hinweis:** Ist das Paket 5 Werktage nach dem ursprünglichen Liefertermin noch nicht da, schicken wir kostenlos per Express Ersatz. Sie müssen nicht auf das Ende der Nachforschung warten.

Sie haben für **Express** oder **Zustellung am nächsten Werktag** bezahlt, und das Paket kam zu spät? Dann erstatten wir die Versandkosten. Antworten Sie einfach auf Ihre Versandbestätigung oder wenden Sie sich an den Support.

Brauchen Sie dringend ein Terminal, weil Ihres ausgefallen ist? Sagen Sie uns Bescheid – oft können wir sofort Ersatz schicken. Bis dahin nimmt ein iPhone mit **Tap to Pay** in der Kassen-App kontaktlose Zahlungen an.`,
      },
    },
  },
  {
    key: "delivered-not-received",
    category: "shipping",
    section: "tracking",
    tags: ["delivery", "tracking", "missing"],
    related: ["track-order", "missing-or-wrong-item", "damaged-on-arrival"],
    translations: {
      en: {
        title: "Tracking says delivered but I don't have the parcel",
        slug: "tracking-says-delivered-but-no-parcel",
        body: `Carriers sometimes scan a parcel as delivered a little before it actually arrives, or leave it somewhere unexpected. Before anything else, give it until the end of the next business day.

While you wait, check the usual places:

1. Ask colleagues, neighbouring shops, and your building's reception or mailroom.
2. Look in the tracking details for a **signature name** or **delivery photo**, which often shows where it was left.
3. Check whether it went to another location on your account, such as your second shop.
4. Look for a carrier card saying it was taken to a pickup point.

Still nothing by the end of the next business day? Contact support with your order number. We'll open a claim with the carrier and, for card readers and printers, send a replacement by express straight away.

> **Note:** For security, a reader reported as lost is **blocked** on our side and can't take payments, even if it turns up later. If the original parcel does appear after we've sent a replacement, return it with the prepaid label we'll email you.

If the parcel arrived but something inside is missing or broken, see [An item is missing or I received the wrong item](/help/en/missing-or-wrong-item) or [My device arrived damaged or won't turn on](/help/en/device-arrived-damaged).`,
      },
    },
  },
  {
    key: "change-delivery-address",
    category: "shipping",
    section: "tracking",
    tags: ["address", "delivery"],
    related: ["shipping-options", "track-order", "order-on-hold"],
    translations: {
      en: {
        title: "Changing the delivery address after ordering",
        slug: "changing-the-delivery-address-after-ordering",
        body: `Whether you can still change the address depends on how far the order has got.

**The order says Processing or On hold.** You can change it yourself:

1. Go to **Settings → Hardware → Orders** and open the order.
2. Click **Edit delivery address**.
3. Choose another location on your account or enter a new address, then click **Save**.

**The order says Shipped.** The parcel is with the carrier, so we can't change it from our side. You have two options:

- Use the carrier's own redirect service. Open the tracking from your shipping confirmation and look for **Change delivery** or **Hold at location**. UPS, FedEx and DHL all offer this, sometimes for a small fee.
- Contact support, and we'll ask the carrier to send it back to us and then reship it to the right address. This adds a few days.

> **Tip:** Card readers need a signature, so it's usually easiest to redirect to a place that's staffed during the day, like one of your shops, rather than a home address.

If the wrong address came from your account settings, update the location's address under **Settings → Locations** so the next order goes to the right place. See also [Tracking your hardware order](/help/en/tracking-your-hardware-order).`,
      },
    },
  },
  {
    key: "online-shipping-rates",
    category: "shipping",
    section: "online-orders",
    tags: ["online", "rates", "shipping"],
    related: ["shipping-labels", "inventory-sync"],
    translations: {
      en: {
        title: "Setting shipping rates for your online store",
        slug: "setting-shipping-rates-for-your-online-store",
        body: `Your online store shows delivery options at checkout based on rules you set. Keep it simple with one flat rate, or set different prices per region and order size.

1. Go to **Online store → Shipping** and click **Add shipping zone**.
2. Name the zone, for example "Domestic", and choose the countries or regions it covers.
3. Click **Add rate** and choose a type:
   - **Flat rate**: the same price for every order.
   - **By order value**: for example free over $50, otherwise $5.
   - **By weight**: uses the weight set on each product.
4. Give the rate a name customers will understand, such as "Standard (3-5 days)".
5. Click **Save**.

Customers in a country that isn't in any zone can't check out, so add a "Rest of world" zone if you ship everywhere.

> **Tip:** Weight-based rates only work if your products have weights. Filter **Products** by "No weight" to find any you've missed.

New rates appear at checkout straight away. If customers can also collect in person, turn on **Local pickup** on the same page; it shows up as a free option for the locations you choose.

Once orders come in, you can buy and print labels from the order itself; see [Printing shipping labels for online orders](/help/en/printing-shipping-labels-for-online-orders).`,
      },
    },
  },
  {
    key: "shipping-labels",
    category: "shipping",
    section: "online-orders",
    tags: ["online", "labels", "shipping"],
    related: ["online-shipping-rates", "track-order"],
    translations: {
      en: {
        title: "Printing shipping labels for online orders",
        slug: "printing-shipping-labels-for-online-orders",
        body: `You can buy postage and print labels for your online orders without leaving the dashboard. Label prices are discounted, and the cost is deducted from your next payout.

1. Go to **Orders** and filter by **Unfulfilled**.
2. Select one or more orders and click **Create labels**.
3. Check the package size and weight for each order. We remember your last choice for each product.
4. Pick a carrier and service. The price and estimated delivery date are shown for each.
5. Click **Buy labels**, then **Print**.

Labels come as a PDF in 4×6 inch format, which suits most thermal label printers, or as A4 or Letter pages with two labels each for an ordinary printer.

As soon as a label is bought, the order is marked **Fulfilled** and your customer gets an email with the tracking number.

> **Tip:** Bought a label by mistake? Open the order and click **Void label** before the carrier scans the parcel, within 30 days. The cost is added back to your payout.

A customer asking where their parcel is? The tracking number is on the order, and in their confirmation email too. Setting what customers pay for delivery is covered in [Setting shipping rates for your online store](/help/en/setting-shipping-rates-for-your-online-store).`,
      },
    },
  },
  {
    key: "local-pickup",
    category: "shipping",
    section: "online-orders",
    tags: ["online", "pickup", "delivery"],
    related: ["online-shipping-rates", "shipping-labels", "refund-a-sale"],
    state: "draft",
    translations: {
      en: {
        title: "Offering local pickup and delivery for online orders",
        slug: "offering-local-pickup-and-delivery",
        body: `Not every online order needs a courier. **Local pickup** lets customers order online and collect in your shop, and **local delivery** lets you drop orders off yourself within an area you choose.

To turn on local pickup:

1. Go to **Online store → Shipping** and switch on **Local pickup**.
2. Choose which locations customers can collect from.
3. Set the **ready time**, for example "Ready in 2 hours", and add pickup instructions.
4. Click **Save**.

New pickup orders appear in the register app under **Orders → Pickup**. Tap **Mark ready** to send the customer a "your order is ready" email, and **Picked up** once they've collected it.

Local delivery works the same way, with a delivery radius or a list of postcodes, and an optional fee and minimum order value.

> **Note:** This describes the new pickup flow in register app 6.13, which is rolling out gradually. If you don't see **Orders → Pickup** yet, update the app.

Pickup orders are paid online, so there's nothing to charge at the counter. Refunds work like any other order; see [Refunding a sale at the register](/help/en/refunding-a-sale-at-the-register).`,
      },
    },
  },
];

const returns: DemoArticle[] = [
  {
    key: "return-policy",
    category: "returns",
    section: "returning-hardware",
    tags: ["returns", "hardware", "policy"],
    related: ["start-a-return", "return-refund-timing", "warranty-coverage"],
    translations: {
      en: {
        title: "Our hardware return policy",
        slug: "hardware-return-policy",
        body: `Changed your mind about a device? Hardware bought from us can be returned within **30 days of delivery** for a full refund, as long as it's in its original condition.

**What you can return:**

- Unopened hardware, for a full refund including the original shipping.
- Opened hardware in working order, with all its cables and packaging, for a full refund of the device price.
- Faulty or damaged hardware, at any time during the warranty. That's a warranty claim rather than a return; see [What the hardware warranty covers](/help/en/what-the-hardware-warranty-covers).

**What you can't return:**

- Paper rolls, labels and other consumables once opened.
- Hardware bought from another retailer. Please return it to them.
- Devices that have been engraved, painted or otherwise altered.

Returns are always free: we email you a **prepaid label**, and you drop the parcel off with the carrier named on it.

> **Note:** Before sending a card reader back, remove it from your account under **Devices**, so its pairing and settings are cleared. We'll do it for you if you forget, but it's quicker this way.

Refunds go to the original payment method once the warehouse has checked the item. For the steps, see [How to return hardware for a refund](/help/en/how-to-return-hardware-for-a-refund); for timings, [When will I get my refund for a return?](/help/en/when-will-i-get-my-refund-for-a-return)`,
      },
      de: {
        title: "Unsere Rückgaberichtlinie für Hardware",
        slug: "rueckgaberichtlinie-fuer-hardware",
        body: `Sie haben es sich anders überlegt? Hardware, die Sie bei uns gekauft haben, können Sie innerhalb von **30 Tagen nach Lieferung** gegen volle Erstattung zurückgeben, sofern sie sich im Originalzustand befindet.

**Was Sie zurückgeben können:**

- Ungeöffnete Hardware – volle Erstattung inklusive der ursprünglichen Versandkosten.
- Geöffnete, funktionsfähige Hardware mit allen Kabeln und der Verpackung – volle Erstattung des Gerätepreises.
- Defekte oder beschädigte Hardware, jederzeit während der Garantiezeit. Das ist dann ein Garantiefall und keine Rückgabe.

**Was Sie nicht zurückgeben können:**

- Geöffnete Papierrollen, Etiketten und anderes Verbrauchsmaterial.
- Hardware, die Sie bei einem anderen Händler gekauft haben. Bitte geben Sie sie dort zurück.
- Geräte, die graviert, lackiert oder anderweitig verändert wurden.

Rücksendungen sind immer kostenlos: Wir schicken Ihnen ein **vorfrankiertes Versandetikett** per E-Mail, und Sie geben das Paket beim darauf genannten Versanddienstleister ab.

> **Hinweis:** Entfernen Sie ein Kartenterminal vor dem Versand unter **Geräte** aus Ihrem Konto, damit Kopplung und Einstellungen gelöscht werden. Vergessen Sie es, erledigen wir das für Sie – so geht es aber schneller.

Die Erstattung erfolgt auf das ursprüngliche Zahlungsmittel, sobald unser Lager den Artikel geprüft hat. Auf Ihrem Konto ist sie in der Regel nach **5 bis 10 Werktagen** sichtbar.`,
      },
    },
  },
  {
    key: "start-a-return",
    category: "returns",
    section: "returning-hardware",
    tags: ["returns", "hardware", "labels"],
    related: ["return-policy", "return-refund-timing", "exchange-device"],
    translations: {
      en: {
        title: "How to return hardware for a refund",
        slug: "how-to-return-hardware-for-a-refund",
        body: `Returns start from your dashboard, and the label is on us. It takes about five minutes, plus a trip to the drop-off point.

1. Go to **Settings → Hardware → Orders** and open the order.
2. Click **Return items** and select the devices you're sending back.
3. Choose a reason. If the device is faulty, say so: you'll be offered a free replacement instead.
4. Click **Request return**. A prepaid label arrives by email within a few minutes.
5. For card readers, go to **Devices**, select the reader and click **Remove from account**.
6. Pack the items, ideally in their original box, and stick the label on the outside.
7. Drop the parcel off with the carrier named on the label within **14 days**.

> **Tip:** Keep the drop-off receipt, or take a photo of it. If the parcel goes missing on the way back, it proves you handed it over, and we'll refund you anyway.

The return shows as **In transit** once the carrier scans it, and **Received** when it reaches our warehouse. We check items within 2 business days of arrival and then issue the refund; see [When will I get my refund for a return?](/help/en/when-will-i-get-my-refund-for-a-return)

Not sure whether an item qualifies? Check [Our hardware return policy](/help/en/hardware-return-policy). If it arrived broken, [My device arrived damaged or won't turn on](/help/en/device-arrived-damaged) is the quicker route.`,
      },
    },
  },
  {
    key: "return-refund-timing",
    category: "returns",
    section: "returning-hardware",
    tags: ["refunds", "returns"],
    related: ["start-a-return", "return-policy", "double-charge"],
    translations: {
      en: {
        title: "When will I get my refund for a return?",
        slug: "when-will-i-get-my-refund-for-a-return",
        body: `Refunds for returned hardware move through three stages, and you can follow each one on the order under **Settings → Hardware → Orders**.

1. **In transit.** The carrier has scanned your parcel. Domestic returns usually reach us in 2 to 5 business days.
2. **Received.** Our warehouse has the parcel and checks the items, normally within **2 business days**.
3. **Refunded.** We've sent the refund, and you get an email with the amount.

From there, it takes **5 to 10 business days** for the money to appear, depending on your bank. Refunds always go to the original payment method. If that card has since been replaced, the bank normally passes the refund on to the new card; if not, give your bank the refund reference from our email.

> **Note:** Hardware paid for in instalments works differently. Remaining instalments are cancelled, and the ones you've already paid are added to your next payout rather than refunded to a card.

If the status has said **Received** for more than 2 business days, or **Refunded** for more than 10 business days with nothing in your account, contact support with the order number.

Waiting on a subscription refund instead? See [Cancelling your subscription](/help/en/cancelling-your-subscription) or [I was charged twice for my subscription](/help/en/i-was-charged-twice).`,
      },
    },
  },
  {
    key: "exchange-device",
    category: "returns",
    section: "returning-hardware",
    tags: ["exchanges", "hardware"],
    related: ["start-a-return", "warranty-replacement", "reader-pairing"],
    translations: {
      en: {
        title: "Exchanging a device for a different model",
        slug: "exchanging-a-device-for-a-different-model",
        body: `Ordered a Terminal Mini and realised you'd rather have the Terminal S2's bigger customer screen? You can exchange hardware within **30 days of delivery**, as long as it's in working order with all its parts.

1. Go to **Settings → Hardware → Orders** and open the original order.
2. Click **Exchange items** and choose the device you're sending back.
3. Choose the model you want instead. Any price difference is shown before you confirm.
4. Click **Confirm exchange**.

We ship the new device **straight away**, so you're never without hardware, and email you a prepaid label for the old one. You then have 14 days to send it back.

If the new device costs more, the difference is charged to your card on file when it ships. If it costs less, we refund the difference once we receive the old device.

> **Tip:** Pair the new reader first and check it takes a payment. Only then remove the old one under **Devices → (reader) → Remove from account** and pack it up.

Exchanging because the device is faulty? Don't use an exchange: a [warranty replacement](/help/en/requesting-a-warranty-replacement) swaps it for the same model at no cost. For plain returns, see [How to return hardware for a refund](/help/en/how-to-return-hardware-for-a-refund).`,
      },
    },
  },
  {
    key: "damaged-on-arrival",
    category: "returns",
    section: "damaged-faulty",
    tags: ["damaged", "hardware", "replacement"],
    related: ["missing-or-wrong-item", "warranty-replacement", "reader-power"],
    translations: {
      en: {
        title: "My device arrived damaged or won't turn on",
        slug: "device-arrived-damaged",
        body: `We're sorry. A device that arrives cracked, dented or dead should never have left us, and we'll replace it at no cost.

1. Take a photo of the damage and, if you still have it, of the outer box.
2. If the device doesn't power on, charge it for **30 minutes** with the supplied cable and a wall plug, then hold the power button for 5 seconds. A fully drained battery can look like a dead device.
3. Go to **Settings → Hardware → Orders**, open the order and click **Report a problem**.
4. Choose **Arrived damaged** or **Doesn't turn on** and add your photos.

We ship a replacement by **express** the same business day, so it usually arrives in 1 to 2 business days, and email you a prepaid return label for the damaged unit. Put it in the replacement's box and drop it off within **30 days**. There's no charge for any of this.

> **Note:** Please report damage within **14 days of delivery**. After that it's still covered, but as a warranty claim; see [Requesting a warranty replacement](/help/en/requesting-a-warranty-replacement).

Don't use a reader with a cracked screen or damaged casing, even if it seems to work. It may fail its tamper check and stop taking payments mid-sale.

If something is missing from the box instead, see [An item is missing or I received the wrong item](/help/en/missing-or-wrong-item).`,
      },
    },
  },
  {
    key: "missing-or-wrong-item",
    category: "returns",
    section: "damaged-faulty",
    tags: ["missing", "orders", "replacement"],
    related: ["damaged-on-arrival", "delivered-not-received", "hardware-order-status"],
    translations: {
      en: {
        title: "An item is missing or I received the wrong item",
        slug: "missing-or-wrong-item",
        body: `Packing mistakes happen, and we'll put them right quickly. First, check whether your order came in more than one parcel: larger orders often do, and each box has its own tracking number on the order page.

If something really is missing or wrong:

1. Go to **Settings → Hardware → Orders** and open the order.
2. Click **Report a problem**.
3. Choose **Item missing** or **Wrong item received** and select the items affected.
4. For a wrong item, add a photo of its label or of the sticker on the back of the device.

We ship the missing or correct item by **express** at no charge, usually the same business day. For a wrong item, we also email you a prepaid return label. There's no rush: send it back within **30 days**.

> **Tip:** Small accessories, such as charging cables and spare paper rolls, are sometimes packed inside a device box or under the foam insert. It's worth a second look before reporting them missing.

Please don't set up a card reader you weren't expecting, even if it's a model you could use. Readers are registered to the order they were shipped with, and it may not pair with your account.

If the whole parcel is missing, see [Tracking says delivered but I don't have the parcel](/help/en/tracking-says-delivered-but-no-parcel).`,
      },
    },
  },
  {
    key: "warranty-coverage",
    category: "returns",
    section: "damaged-faulty",
    tags: ["warranty", "hardware"],
    related: ["warranty-replacement", "reader-offline", "reader-firmware-update"],
    translations: {
      en: {
        title: "What the hardware warranty covers",
        slug: "what-the-hardware-warranty-covers",
        body: `All hardware bought from us comes with a **2-year warranty** from the date of delivery. If a device stops working because of a fault, we replace it free of charge.

**Covered:**

- Devices that stop powering on or charging.
- Batteries that hold less than 80% of their original capacity.
- Card slots, contactless antennas, keypads and screens that stop responding without visible damage.
- Printer cutters and print heads that fail in normal use.

**Not covered:**

- Accidental damage: drops, cracked screens, spilled drinks.
- Wear and tear on cables and charging docks after the first year.
- Damage from unapproved chargers or the wrong paper rolls.
- Devices that have been opened or repaired by someone else.

> **Tip:** Accidents happen behind busy counters. **Hardware protection**, under **Settings → Hardware → Protection**, adds accidental damage cover for $4 per device per month, with up to two replacements a year.

A misbehaving device isn't always a broken one. Before claiming, try [Card reader keeps going offline](/help/en/card-reader-keeps-going-offline) or [Card reader stuck on the Updating screen](/help/en/card-reader-stuck-on-updating-screen); many "dead" readers turn out to be a network or firmware problem.

To claim, see [Requesting a warranty replacement](/help/en/requesting-a-warranty-replacement).`,
      },
    },
  },
  {
    key: "warranty-replacement",
    category: "returns",
    section: "damaged-faulty",
    tags: ["warranty", "replacement", "hardware"],
    related: ["warranty-coverage", "damaged-on-arrival", "printer-paper-jam"],
    translations: {
      en: {
        title: "Requesting a warranty replacement",
        slug: "requesting-a-warranty-replacement",
        body: `If a device under warranty has stopped working, you can request a replacement from the dashboard. We run a quick remote check first, which sometimes fixes the problem on the spot.

1. Go to **Devices** and select the faulty device.
2. Click **Report a fault**.
3. Describe what happens and when it started. For card readers, we attach the device logs automatically.
4. Click **Submit**.

Our technical team reviews it within one business day. If it's a fault, we ship a replacement of the same model by **express** and email you a prepaid label for the faulty one, which you have **30 days** to send back.

**Can't wait a day?** Choose **Advance replacement** on the same page. We ship immediately, before the review, and only charge you if the old device isn't returned within 30 days.

> **Note:** Replacements arrive with the latest firmware but none of your settings. Pair a reader under **Devices → Add reader** and assign it to the right location; add a printer under **Devices → Add printer**.

Printer problems are often paper or settings rather than faults, so check [Clearing a paper jam on the RP-80 receipt printer](/help/en/clearing-a-paper-jam-on-the-rp-80) first.

Not sure it's covered? See [What the hardware warranty covers](/help/en/what-the-hardware-warranty-covers).`,
      },
    },
  },
  {
    key: "refund-a-sale",
    category: "returns",
    section: "customer-refunds",
    tags: ["refunds", "register"],
    related: ["partial-refund", "in-store-exchange", "payout-less-than-sales"],
    translations: {
      en: {
        title: "Refunding a sale at the register",
        slug: "refunding-a-sale-at-the-register",
        body: `Whether a customer is returning a jumper or you overcharged for a coffee, refunds start from the original sale, so the money goes back the way it came.

1. In the register app, tap **Orders** and find the sale. You can search by receipt number, amount, or the last four digits of the card.
2. Tap **Refund**.
3. Choose the items being returned, or **Refund all**.
4. Choose whether to **put the items back in stock**.
5. Pick a reason and tap **Refund**.

**Card payments** are refunded to the same card. The card doesn't need to be present, and the refund usually shows on the customer's statement within 5 to 10 business days. **Cash** payments are refunded in cash from the drawer.

> **Note:** Only **Managers** and the **Owner** can issue refunds. A cashier can start one, and a manager approves it with their passcode on the same screen.

Refunds come out of your next payout; see [Why is my payout smaller than my sales?](/help/en/why-is-my-payout-smaller-than-my-sales) Card payments can be refunded for up to **120 days** after the sale. After that, refund in cash or as store credit.

Giving back only part of the money? See [Issuing a partial refund](/help/en/issuing-a-partial-refund). Swapping an item for another? See [Processing an exchange for your customer](/help/en/processing-an-exchange-for-your-customer).`,
      },
    },
  },
  {
    key: "partial-refund",
    category: "returns",
    section: "customer-refunds",
    tags: ["refunds", "register"],
    related: ["refund-a-sale", "in-store-exchange"],
    translations: {
      en: {
        title: "Issuing a partial refund",
        slug: "issuing-a-partial-refund",
        body: `Sometimes the right answer is to give back some of the money: a discount the customer should have had, a late delivery, or one item from a larger order. A partial refund keeps the rest of the sale intact.

1. In the register app or the dashboard, open **Orders** and find the sale.
2. Tap **Refund**, then **Custom amount**.
3. Enter the amount to give back. It can't be more than what's left unrefunded on the sale.
4. Add a reason, such as "Price match" or "Late delivery". It appears on the customer's refund receipt and in your reports.
5. Tap **Refund**.

A custom-amount refund doesn't change stock, because nothing comes back. If the customer is returning some of the items, select those items instead, so your stock counts stay right.

> **Tip:** You can refund the same sale several times, for example for two items returned a week apart. The order shows each refund and how much is still refundable.

On a **split payment**, part card and part cash, you choose which payment to refund from. Card refunds always go back to the card that was used.

The customer gets an emailed or printed refund receipt, matching how they received the original. For full refunds, see [Refunding a sale at the register](/help/en/refunding-a-sale-at-the-register).`,
      },
    },
  },
  {
    key: "in-store-exchange",
    category: "returns",
    section: "customer-refunds",
    tags: ["exchanges", "register", "returns"],
    related: ["refund-a-sale", "partial-refund"],
    translations: {
      en: {
        title: "Processing an exchange for your customer",
        slug: "processing-an-exchange-for-your-customer",
        body: `An exchange handles the return and the new sale in one go. Your stock and reports stay accurate, and the customer only pays, or gets back, the difference.

1. In the register app, tap **Orders**, find the original sale and tap **Exchange**.
2. Select the items being returned. They're added to the cart as negative lines.
3. Scan or add the new items.
4. Check the total at the bottom:
   - **Positive**: the customer pays the difference as a normal payment.
   - **Negative**: tap **Refund difference** to send it back to the original payment method.
   - **Zero**: tap **Complete exchange**.

Returned items go back into stock automatically, unless you switch off **Restock** on their line, for example for a damaged item.

> **Tip:** No receipt? Tap **Exchange without receipt** in the cart instead. Under **Settings → Checkout → Returns**, you can limit this to managers and give any difference as store credit rather than cash.

Exchanges appear in **Reports → Sales** as a return and a sale sharing one exchange number, so your totals add up.

You can print your returns policy on every receipt: add it under **Settings → Checkout → Receipts → Footer**. For straightforward refunds, see [Refunding a sale at the register](/help/en/refunding-a-sale-at-the-register).`,
      },
    },
  },
];

const integrations: DemoArticle[] = [
  {
    key: "api-keys",
    category: "integrations",
    section: "api",
    tags: ["api", "keys", "security"],
    related: ["api-401-errors", "api-403-errors", "sandbox-testing"],
    translations: {
      en: {
        title: "Creating and managing API keys",
        slug: "creating-and-managing-api-keys",
        body: `API keys let your own software work with your account. Every key belongs to one mode and has a set of scopes.

- **Sandbox keys** start with \`sk_test_\` and only work with test data.
- **Live keys** start with \`sk_live_\` and work with your real sales, products and customers.

To create a key:

1. Go to **Developers → API keys** and click **Create key**.
2. Switch **Live mode** on or off.
3. Give the key a name that says where it's used, such as "Warehouse sync".
4. Tick only the **scopes** it needs, for example \`orders:read\` and \`catalog:write\`.
5. Click **Create** and copy the key. It's shown **once**.

> **Tip:** Keep keys in your server's secret manager or environment variables, never in a mobile app, website code or a spreadsheet.

**Rotating a key.** Click **Rotate** next to it. You get a new secret straight away, and the old one keeps working for **24 hours** so you can deploy without downtime. To stop the old secret immediately, click **Revoke**.

Keys aren't tied to a person, so they keep working when staff leave. Review the list now and then and revoke any you don't recognise.

Errors when using a key? See [Fixing 401 invalid_api_key errors](/help/en/fixing-401-invalid-api-key-errors) and [Fixing 403 Forbidden errors](/help/en/fixing-403-forbidden-errors).`,
      },
    },
  },
  {
    key: "api-401-errors",
    category: "integrations",
    section: "api",
    tags: ["api", "errors", "keys"],
    related: ["api-keys", "api-403-errors", "sandbox-testing"],
    translations: {
      en: {
        title: "Fixing 401 invalid_api_key errors",
        slug: "fixing-401-invalid-api-key-errors",
        body: `A **401 Unauthorized** response with \`{"error":"invalid_api_key"}\` means we didn't recognise the key at all: it's missing, mistyped, revoked, or for the wrong mode.

Check these in order:

1. **Right mode?** Sandbox keys (\`sk_test_\`) only work in the sandbox, and live keys (\`sk_live_\`) only in live mode. A sandbox key sent to the live API is the most common cause, often from a fallback variable in a deploy script.
2. **Sent correctly?** The key goes in the header as \`Authorization: Bearer sk_live_...\`. Look for stray spaces, quotes or line breaks picked up while copying.
3. **Still valid?** After a rotation, the old secret stops working after 24 hours, and a revoked key stops immediately. Both show as **Expired** or **Revoked** under **Developers → API keys**.
4. **Right account?** Keys belong to one account. If you manage several businesses, check that the key matches the account you're calling for.

> **Tip:** Every response includes a \`request-id\` header. Search for it under **Developers → Logs** to see which key prefix we received. That usually settles it in seconds.

If the key is recognised but isn't allowed to do what you asked, you get a **403** instead; see [Fixing 403 Forbidden errors](/help/en/fixing-403-forbidden-errors). To create or rotate keys, see [Creating and managing API keys](/help/en/creating-and-managing-api-keys).`,
      },
    },
  },
  {
    key: "api-403-errors",
    category: "integrations",
    section: "api",
    tags: ["api", "errors", "scopes"],
    related: ["api-keys", "api-401-errors"],
    translations: {
      en: {
        title: "Fixing 403 Forbidden errors",
        slug: "fixing-403-forbidden-errors",
        body: `A **403 Forbidden** means the key is valid but isn't allowed to make that call. It's almost always a missing **scope**.

Keys only get the scopes ticked when they were created, and write scopes are off by default. So a key with \`orders:read\` can list orders, but gets a 403 on \`POST /v2/orders\`.

The error body names what's missing:

\`\`\`json
{ "error": "forbidden", "missing_scope": "orders:write" }
\`\`\`

To fix it:

1. Go to **Developers → API keys** and open the key.
2. Click **Edit scopes** and tick the scope named in \`missing_scope\`.
3. Click **Save**. The change applies immediately, so there's no need for a new key.

> **Note:** Only the account owner can edit scopes. If you don't see the option, ask them to add it for you.

A few other causes of a 403:

- The call needs a higher plan. Stock transfers (\`inventory:transfer\`), for example, need Scale.
- The key is limited to certain **locations**, and you asked about another one.
- The endpoint is reserved for partner apps.

If the key isn't recognised at all, you get a 401 instead; see [Fixing 401 invalid_api_key errors](/help/en/fixing-401-invalid-api-key-errors).`,
      },
    },
  },
  {
    key: "rate-limits",
    category: "integrations",
    section: "api",
    tags: ["api", "limits", "errors"],
    related: ["webhooks-setup", "inventory-sync", "api-keys"],
    translations: {
      en: {
        title: "API rate limits and 429 Too Many Requests",
        slug: "api-rate-limits-and-429-errors",
        body: `To keep the API fast for everyone, each key can make **100 requests per 10 seconds**. Go over that and you get **429 Too Many Requests** until the window resets.

Every response tells you where you stand:

- \`X-RateLimit-Limit\`: requests allowed per window.
- \`X-RateLimit-Remaining\`: requests left in the current window.
- \`Retry-After\` (on a 429): how many seconds to wait.

**Handling a 429 well:**

1. Read \`Retry-After\` and wait at least that long before retrying.
2. Add a little random jitter, so parallel workers don't all retry at once.
3. Never retry in a tight loop. It keeps you limited for longer.

**Sending fewer requests.** Most 429s come from nightly syncs that update one product per call. The batch endpoint, \`POST /v2/catalog/batch\`, takes up to **500 items** per request, which turns 20,000 calls into 40. Client library 3.4 and later supports it as \`client.catalog.batch()\`.

> **Tip:** Instead of polling for changes every few seconds, subscribe to webhooks and we'll tell you when something changes. See [Setting up webhooks](/help/en/setting-up-webhooks).

If you've batched and still need more, accounts on Scale can ask support for a higher limit. We can also raise it temporarily while you move to the batch endpoint.`,
      },
    },
  },
  {
    key: "sandbox-testing",
    category: "integrations",
    section: "api",
    tags: ["api", "sandbox", "testing"],
    related: ["api-keys", "api-401-errors", "webhooks-setup"],
    translations: {
      en: {
        title: "Testing your integration in the sandbox",
        slug: "testing-your-integration-in-the-sandbox",
        body: `Every account comes with a **sandbox**: a separate copy with test data, where nothing you do moves real money or touches real stock. Build and test there first.

1. In the dashboard, switch on **Test mode** in the top bar. Everything you see is now sandbox data.
2. Create a sandbox key under **Developers → API keys**. It starts with \`sk_test_\`.
3. Use that key in your integration. The API address is the same in both modes; the key decides which one you reach.

To simulate card payments, use these test cards with any future expiry date and any CVC:

- \`4242 4242 4242 4242\` succeeds.
- \`4000 0000 0000 0002\` is declined.
- \`4000 0000 0000 3220\` asks for extra authentication.

> **Tip:** Webhooks work in the sandbox too, with their own endpoints and signing secrets. Register a separate endpoint for testing, so test events never reach your production system.

When you're ready to go live, create a live key with the **same scopes** and swap it in. The most common launch-day problem is a sandbox key left in a production config; see [Fixing 401 invalid_api_key errors](/help/en/fixing-401-invalid-api-key-errors).

You can wipe sandbox data any time under **Developers → Sandbox → Reset**. Live data is never affected.`,
      },
    },
  },
  {
    key: "api-v1-migration",
    category: "integrations",
    section: "api",
    tags: ["api", "migration"],
    related: ["api-keys", "webhook-signatures"],
    state: "archived",
    translations: {
      en: {
        title: "Moving from API v1 to v2",
        slug: "moving-from-api-v1-to-v2",
        body: `API v1 will be switched off on 30 June. This guide covers what changes when you move your integration to v2.

**Authentication.** v1 used a username and API password with basic auth. v2 uses a single secret key in the \`Authorization: Bearer\` header. Create one under **Developers → API keys**; see [Creating and managing API keys](/help/en/creating-and-managing-api-keys).

**Paths.** Replace \`/v1/\` with \`/v2/\`. Products moved from \`/v1/products\` to \`/v2/catalog/items\`.

**Money.** v1 used decimal strings such as "12.50". v2 uses integers in the smallest currency unit, so 12.50 becomes 1250.

**Pagination.** v1 used \`page\` and \`per_page\`. v2 uses cursors: pass the \`next_cursor\` from one response as \`cursor\` in the next.

To migrate:

1. Create a sandbox v2 key and update your client library to 3.0 or later.
2. Update your calls and test them in the sandbox.
3. Create a live v2 key with the same scopes and deploy.
4. Delete the v1 credentials under **Developers → Legacy**.

> **Note:** v1 webhooks aren't signed. Once you've moved, start verifying signatures as described in [Verifying webhook signatures](/help/en/verifying-webhook-signatures).`,
      },
    },
  },
  {
    key: "webhooks-setup",
    category: "integrations",
    section: "webhooks",
    tags: ["webhooks", "api"],
    related: ["webhook-signatures", "webhook-duplicates", "webhooks-disabled"],
    translations: {
      en: {
        title: "Setting up webhooks",
        slug: "setting-up-webhooks",
        body: `Webhooks send an HTTPS request to your server the moment something happens in your account, such as an order being created or a refund issued. They're faster, and far lighter, than polling the API.

1. Go to **Developers → Webhooks** and click **Add endpoint**.
2. Enter your endpoint's address. It must use HTTPS.
3. Choose the events to receive, for example \`order.created\` and \`inventory.updated\`. Only pick what you use.
4. Click **Save** and copy the **signing secret**.
5. Click **Send test event** and check that your server received it.

Your endpoint should answer with any **2xx** status within **10 seconds**. If it doesn't, we retry with growing gaps for up to 3 days.

> **Tip:** Reply first, work later. Put the event on a queue, answer 200, and process it in the background. Slow handlers are the number one cause of webhook problems.

Every request carries a signature header. Always check it before trusting the payload; see [Verifying webhook signatures](/help/en/verifying-webhook-signatures).

Events can arrive more than once, and occasionally out of order, so design your handler for that; see [Handling duplicate webhook events](/help/en/handling-duplicate-webhook-events). If events stop arriving altogether, see [Why webhooks stopped arriving](/help/en/why-webhooks-stopped-arriving).`,
      },
    },
  },
  {
    key: "webhook-signatures",
    category: "integrations",
    section: "webhooks",
    tags: ["webhooks", "security"],
    related: ["webhooks-setup", "webhook-duplicates"],
    translations: {
      en: {
        title: "Verifying webhook signatures",
        slug: "verifying-webhook-signatures",
        body: `Every webhook we send includes a \`Signature\` header, so you can be sure it came from us and wasn't changed on the way. It looks like this:

\`\`\`
Signature: t=1718000000,v1=5f2b...
\`\`\`

\`t\` is when we sent it, in Unix seconds. \`v1\` is an HMAC-SHA256 of \`t\`, a full stop and the **raw request body**, keyed with your endpoint's signing secret.

To verify:

1. Read the raw body **exactly as received**, before any JSON parsing.
2. Build the string \`t + "." + rawBody\`.
3. Compute its HMAC-SHA256 with your signing secret and compare it with \`v1\`, using a constant-time comparison.
4. Reject the request if \`t\` is more than **5 minutes** old, to stop replays.

> **Note:** Almost every failed verification is a parsed body. Frameworks that parse the JSON and serialise it again change spacing and key order, and so the signature. In Express, use \`express.raw({ type: "application/json" })\` on the webhook route.

Also check that you're using the secret for **this endpoint**: each endpoint, and the sandbox, has its own. After you rotate a secret under **Developers → Webhooks**, both old and new are accepted for 24 hours.

Our client libraries include a \`webhooks.verify()\` helper that does all of this for you.`,
      },
    },
  },
  {
    key: "webhooks-disabled",
    category: "integrations",
    section: "webhooks",
    tags: ["webhooks", "errors"],
    related: ["webhooks-setup", "webhook-duplicates"],
    translations: {
      en: {
        title: "Why webhooks stopped arriving",
        slug: "why-webhooks-stopped-arriving",
        body: `If events suddenly stopped, check the endpoint's status under **Developers → Webhooks** first. Most of the time, it says **Disabled**.

We disable an endpoint automatically after **3 days** in which every delivery failed. A failure is anything other than a 2xx answer within **10 seconds**: timeouts, 500 errors, certificate errors or redirects. The account owner gets an email when it happens.

To find and fix the cause:

1. Open the endpoint and click **Recent deliveries**. Each attempt shows our request, your response code and how long it took.
2. If attempts show **Timed out**, your handler is doing slow work before answering. Move that work to a background job and reply 200 straight away.
3. If they show **Certificate error**, renew or fix your TLS certificate, including the intermediate certificates.
4. Once it's fixed, click **Enable**.

Then recover what you missed: **Resend failed events** redelivers every event from the last 3 days, in order.

> **Tip:** A quick test from your own machine isn't the same as our delivery, because it doesn't wait on your slow database or warehouse system. Use **Send test event** instead; it reports the real response time.

If deliveries show **Succeeded** but your system didn't act on them, the problem is inside your handler: search your logs for the event IDs shown in Recent deliveries. For healthy handlers, see [Setting up webhooks](/help/en/setting-up-webhooks).`,
      },
    },
  },
  {
    key: "webhook-duplicates",
    category: "integrations",
    section: "webhooks",
    tags: ["webhooks", "idempotency"],
    related: ["webhooks-setup", "webhooks-disabled", "webhook-signatures"],
    translations: {
      en: {
        title: "Handling duplicate webhook events",
        slug: "handling-duplicate-webhook-events",
        body: `Receiving the same \`order.created\` twice isn't a bug. Webhook delivery is **at least once**: if we don't get a 2xx within 10 seconds, we retry, even if your server went on to finish the first attempt after we stopped waiting.

That's why every handler should be **idempotent**, meaning that processing an event twice has the same effect as processing it once:

1. Every event has a unique \`id\`, such as \`evt_1Pq...\`, which stays the same across retries.
2. When an event arrives, check whether you've already stored that id.
3. If you have, answer 200 and do nothing else.
4. If you haven't, save the id and process the event, ideally in the same database transaction.

> **Tip:** A unique constraint on the event id column is the simplest safe implementation. Two deliveries racing each other can't both insert it.

Also answer **before** doing slow work. If your handler takes 12 to 15 seconds whenever your warehouse system is busy, every one of those events will be retried. Queue the work and reply straight away.

Events can also arrive **out of order**: an \`order.updated\` may come before its \`order.created\`. Use the \`created\` timestamp in the payload, or fetch the latest state from the API, rather than trusting arrival order.

For endpoints and retries, see [Setting up webhooks](/help/en/setting-up-webhooks).`,
      },
    },
  },
  {
    key: "inventory-sync",
    category: "integrations",
    section: "connected-apps",
    tags: ["inventory", "sync", "online"],
    related: ["sku-conflict", "rate-limits", "online-shipping-rates"],
    translations: {
      en: {
        title: "Syncing inventory with your online store",
        slug: "syncing-inventory-with-your-online-store",
        body: `When you sell the last candle at the till, it should disappear from your website too. Inventory sync keeps stock counts the same everywhere you sell, whether that's our own online store or a shop on another platform.

Sync runs automatically: every sale, refund, stock adjustment and delivery updates your other channels within about a minute.

To connect an external store:

1. Go to **Settings → Integrations** and choose your store platform.
2. Sign in to the store and approve the connection.
3. Choose how to **match products**. Matching by SKU is the most reliable.
4. Choose which location's stock to publish, or **All locations combined**.
5. Click **Start sync**. The first sync can take up to an hour for large catalogues.

The state of every product is shown under **Inventory → Sync status**, with any errors listed at the top.

> **Tip:** Turn on the **stock safety buffer** under **Settings → Inventory**. Online stock then stays one below the shop count, or a number you choose, so a delayed sync can't cause an oversold order.

If counts stop matching, check Sync status for errors first; the most common is covered in [Fixing "SKU conflict" sync errors](/help/en/fixing-sku-conflict-sync-errors). If someone ordered an item you no longer have, cancel it under **Orders → (order) → Cancel**. The customer is refunded and gets an apology email.`,
      },
    },
  },
  {
    key: "sku-conflict",
    category: "integrations",
    section: "connected-apps",
    tags: ["inventory", "sync", "sku"],
    related: ["inventory-sync"],
    translations: {
      en: {
        title: 'Fixing "SKU conflict" sync errors',
        slug: "fixing-sku-conflict-sync-errors",
        body: `A **SKU conflict** means two or more products now share the same SKU, so the sync can't tell which one to update. Those products stop syncing until the conflict is resolved; everything else carries on.

It nearly always comes from a **spreadsheet import**. Common culprits:

- The same product imported twice, creating a copy.
- A trailing space or different capitalisation ("TEA-01 " and "tea-01"), which we treat as the same SKU.
- Variants given their parent product's SKU.

To fix it:

1. Go to **Inventory → Sync status** and click **SKU conflicts**.
2. For each conflict, open both products and compare them. The original usually has sales history; the copy doesn't.
3. Delete the copy, or give one of them a new, unique SKU.
4. Click **Retry sync**. Fixed products catch up within a minute.

> **Tip:** With lots of conflicts, export the catalogue from **Products → Export**, sort it by SKU and look for identical neighbours. You can also send us the file and we'll clean it up for you.

Before your next import, use **Products → Import → Check file** to catch duplicate SKUs before anything is created. For how sync works in general, see [Syncing inventory with your online store](/help/en/syncing-inventory-with-your-online-store).`,
      },
    },
  },
  {
    key: "xero-integration",
    category: "integrations",
    section: "connected-apps",
    tags: ["accounting", "xero", "exports"],
    related: ["export-reports", "download-invoices"],
    state: "draft",
    translations: {
      en: {
        title: "Connecting Xero (beta)",
        slug: "connecting-xero",
        body: `Send each day's sales, fees and payouts to Xero automatically, so your books are ready without retyping anything. The integration is in beta and available to selected Growth and Scale accounts.

1. Go to **Settings → Integrations → Xero** and click **Connect**.
2. Sign in to Xero and choose the organisation to connect.
3. Map your accounts: sales, tips, card fees, refunds, and the bank account your payouts arrive in.
4. Map your tax rates to the rates used on your products.
5. Choose a start date and click **Start sync**.

Each morning at 6 am, we post one summary invoice per location for the previous day, and one bank transaction per payout. Card fees are posted as a separate expense, so payouts reconcile exactly against your bank feed.

> **Note:** Only daily totals are sent to Xero, not individual customer sales. That keeps your Xero file small and fast.

If a day fails to post, for example because an account was archived in Xero, it's listed under **Settings → Integrations → Xero → History** with a **Retry** button.

Not in the beta? Until it's generally available, a scheduled daily export does much the same job: see [Exporting sales reports to CSV](/help/en/exporting-sales-reports-to-csv).`,
      },
    },
  },
];

const troubleshooting: DemoArticle[] = [
  {
    key: "reader-pairing",
    category: "troubleshooting",
    section: "card-readers",
    tags: ["readers", "bluetooth", "pairing"],
    related: ["reader-offline", "reader-firmware-update", "exchange-device"],
    translations: {
      en: {
        title: "Card reader won't pair over Bluetooth",
        slug: "card-reader-wont-pair-over-bluetooth",
        body: `Pairing problems usually appear after an iPad or iPhone update, or when a reader was used with a different device before. A stale pairing on either side blocks the new one, so the fix is to clear both.

1. Make sure the reader is charged, switched on, and within a metre or so of the iPad.
2. On the iPad, open **Settings → Bluetooth**, tap the **(i)** next to the reader and choose **Forget This Device**.
3. On the reader, open **Settings → Bluetooth** and tap **Clear pairings**.
4. Restart the register app.
5. In the register app, go to **Devices → Add reader**, choose the reader, and confirm the code shown on both screens.

That fixes it in nearly every case.

**"Pairing rejected"** means the reader still remembers an old pairing. If clearing pairings on the reader doesn't help, contact support with its serial number, printed on the back: we can clear it remotely.

> **Tip:** Check that the register app is allowed to use Bluetooth. In the iPad's Settings, open the register app's page and make sure **Bluetooth** is on; iPadOS updates sometimes reset it.

A reader pairs with one iPad at a time. To move it, remove it under **Devices** on the first iPad before adding it on the second.

If pairing works but the reader keeps disconnecting, see [Card reader keeps going offline](/help/en/card-reader-keeps-going-offline).`,
      },
      de: {
        title: "Kartenterminal lässt sich nicht per Bluetooth koppeln",
        slug: "kartenterminal-laesst-sich-nicht-per-bluetooth-koppeln",
        body: `Kopplungsprobleme treten meist nach einem Update von iPad oder iPhone auf, oder wenn ein Terminal vorher mit einem anderen Gerät verbunden war. Eine veraltete Kopplung auf einer der beiden Seiten blockiert die neue – also löschen Sie sie auf beiden.

1. Stellen Sie sicher, dass das Terminal geladen und eingeschaltet ist und höchstens etwa einen Meter vom iPad entfernt liegt.
2. Öffnen Sie auf dem iPad **Einstellungen → Bluetooth**, tippen Sie neben dem Terminal auf **(i)** und wählen Sie **Dieses Gerät ignorieren**.
3. Öffnen Sie auf dem Terminal **Einstellungen → Bluetooth** und tippen Sie auf **Kopplungen löschen**.
4. Starten Sie die Kassen-App neu.
5. Gehen Sie in der Kassen-App zu **Geräte → Terminal hinzufügen**, wählen Sie das Terminal und bestätigen Sie den Code, der auf beiden Bildschirmen erscheint.

Damit ist das Problem fast immer gelöst.

**„Kopplung abgelehnt“** bedeutet, dass sich das Terminal noch an eine alte Kopplung erinnert. Hilft das Löschen am Terminal nicht, nennen Sie dem Support die Seriennummer von der Rückseite – wir können die Kopplung aus der Ferne löschen.

> **Tipp:** Prüfen Sie, ob die Kassen-App Bluetooth verwenden darf. Öffnen Sie in den iPad-Einstellungen die Seite der Kassen-App und aktivieren Sie **Bluetooth**; iPadOS-Updates setzen diese Berechtigung manchmal zurück.

Ein Terminal kann immer nur mit einem iPad gekoppelt sein. Entfernen Sie es unter **Geräte** auf dem ersten iPad, bevor Sie es auf einem anderen hinzufügen.`,
      },
    },
  },
  {
    key: "reader-offline",
    category: "troubleshooting",
    section: "card-readers",
    tags: ["readers", "wifi", "connectivity"],
    related: ["reader-pairing", "offline-mode", "warranty-coverage"],
    translations: {
      en: {
        title: "Card reader keeps going offline",
        slug: "card-reader-keeps-going-offline",
        body: `A reader that flips between **Online** and **Offline** every few minutes almost always has a Wi-Fi problem, even when the rest of the shop's internet seems fine.

**The reader only uses 2.4 GHz Wi-Fi.** Many routers broadcast 2.4 GHz and 5 GHz under one network name and steer devices between them. A reader at the edge of the 5 GHz range gets pushed onto a weak signal and drops.

1. On the reader, open **Settings → Network** and check the signal bars. One or two bars is too weak.
2. In your router's settings, create a separate **2.4 GHz-only** network, for example "Shop-POS", and connect the reader to it.
3. If the signal is still weak, move the router or add a small Wi-Fi extender near the counter. Thick walls and fridges block a lot.
4. Restart the reader: hold the power button for 3 seconds and choose **Restart**.

> **Tip:** During a rush, keep selling by connecting the reader to a phone's hotspot under **Settings → Network → Add network** on the reader. Switch back once things calm down.

Readers connected to an iPad by **Bluetooth** go offline when the iPad sleeps or moves out of range. Keep the iPad on its charger, with auto-lock set to **Never** during opening hours.

If the whole shop's internet is down, the register app can still take card payments in [offline mode](/help/en/taking-payments-in-offline-mode). Still dropping on a strong 2.4 GHz signal? Contact support: we'll read the reader's logs and, if needed, replace it under [warranty](/help/en/what-the-hardware-warranty-covers).`,
      },
    },
  },
  {
    key: "reader-firmware-update",
    category: "troubleshooting",
    section: "card-readers",
    tags: ["readers", "firmware", "updates"],
    related: ["reader-offline", "warranty-replacement", "reader-power"],
    translations: {
      en: {
        title: "Card reader stuck on the Updating screen",
        slug: "card-reader-stuck-on-updating-screen",
        body: `Readers install firmware updates automatically, usually overnight while they're charging. If an update is interrupted, for example by a flat battery or a Wi-Fi drop, the reader can get stuck on **Updating** and return to the same screen after every restart.

Recovery mode reinstalls the firmware cleanly and keeps your settings:

1. Put the reader on its charger and make sure it's on a Wi-Fi network you know works.
2. Hold the **power button** and the **green key** together for **10 seconds**, until the screen goes black.
3. Release both. The reader shows **Recovery mode** and starts downloading.
4. Wait for it to restart by itself, which takes up to 10 minutes. Don't unplug it.
5. On the home screen, open **Settings → About** and check the firmware version. The current version is **4.2.0**.

As soon as it's back on the home screen, the reader is ready to take payments.

> **Note:** Updates from 4.1.x were especially prone to stalling at around 80%. If a reader is still on 4.1, use recovery mode to go straight to 4.2.0 rather than waiting for the automatic update.

If recovery mode doesn't appear, or the download fails twice, connect the reader to a phone hotspot and try again. Still stuck? Contact support with the serial number, and we'll arrange a [warranty replacement](/help/en/requesting-a-warranty-replacement) if needed.

To avoid interrupted updates, leave readers on their chargers overnight with Wi-Fi on.`,
      },
    },
  },
  {
    key: "reader-power",
    category: "troubleshooting",
    section: "card-readers",
    tags: ["readers", "battery", "charging"],
    related: ["damaged-on-arrival", "warranty-coverage", "reader-firmware-update"],
    translations: {
      en: {
        title: "Card reader won't turn on or charge",
        slug: "card-reader-wont-turn-on-or-charge",
        body: `A reader with a black screen is usually just flat. A battery that has run right down can take a while before the reader shows any sign of life.

1. Connect the reader with its **supplied cable to a wall plug**, not to a laptop or an iPad. Computer USB ports often don't give enough power.
2. Leave it for **30 minutes**, even if nothing appears on the screen.
3. Hold the power button for **5 seconds**.
4. If the screen stays black, try a different cable and plug. Cables fail far more often than readers.

On the **Terminal Mini**, a small light next to the charging port glows orange while charging and green when full. No light at all points to the cable or the plug.

> **Tip:** A reader that dies partway through the day has a battery problem. Check **Settings → About → Battery health** on the reader: below 80% is covered by the [warranty](/help/en/what-the-hardware-warranty-covers) for two years from delivery.

If the reader turns on but shows **Tampered** or a red warning screen, stop using it. Its security check has failed, and it can't take payments again. Contact support and we'll send a replacement.

A brand-new reader that won't start? See [My device arrived damaged or won't turn on](/help/en/device-arrived-damaged).`,
      },
    },
  },
  {
    key: "printer-paper-jam",
    category: "troubleshooting",
    section: "printers-accessories",
    tags: ["printers", "paper", "receipts"],
    related: ["receipts-not-printing", "cash-drawer", "warranty-replacement"],
    translations: {
      en: {
        title: "Clearing a paper jam on the RP-80 receipt printer",
        slug: "clearing-a-paper-jam-on-the-rp-80",
        body: `A jam usually shows up as a blinking red light, a grinding noise, or receipts coming out crumpled or blank. It takes a minute to clear, and the printer doesn't need to go anywhere.

1. **Switch the printer off** with the button on the side.
2. Press the lid release button and open the lid fully.
3. Lift out the paper roll and gently pull out any torn or crumpled paper. Pull in the direction the paper feeds, never backwards.
4. Check the **cutter** slot under the edge of the lid for small scraps. A plastic card helps; don't use anything metal.
5. Put the roll back so the paper comes off the **bottom** of the roll, towards you.
6. Pull a few centimetres of paper out past the edge and close the lid firmly until it clicks.
7. Switch the printer on and hold the feed button to check the paper runs cleanly.

> **Tip:** Most jams come from the wrong paper. The RP-80 takes **80 mm wide** thermal rolls up to 80 mm in diameter. Narrower or fatter rolls slip sideways and jam in the cutter.

If the light still blinks red with no paper stuck, the cutter may be out of position. Switch off, open the lid, and turn the small wheel behind the cutter slot until the blade moves back out of sight.

Printer connected but not printing at all? See [Receipts not printing](/help/en/receipts-not-printing).`,
      },
      de: {
        title: "Papierstau am Bondrucker RP-80 beheben",
        slug: "papierstau-am-bondrucker-rp-80-beheben",
        body: `Ein Papierstau zeigt sich meist durch ein rot blinkendes Licht, ein schleifendes Geräusch oder zerknitterte bzw. leere Bons. Die Behebung dauert eine Minute, und der Drucker muss dafür nirgendwohin.

1. **Schalten Sie den Drucker aus** (Taste an der Seite).
2. Drücken Sie die Entriegelungstaste und öffnen Sie den Deckel vollständig.
3. Nehmen Sie die Papierrolle heraus und ziehen Sie eingerissenes oder zerknülltes Papier vorsichtig heraus – immer in Transportrichtung, nie rückwärts.
4. Prüfen Sie den Schlitz des **Abschneiders** unter der Deckelkante auf kleine Papierreste. Eine Plastikkarte hilft; verwenden Sie nichts aus Metall.
5. Legen Sie die Rolle so ein, dass das Papier **unten** von der Rolle abläuft, in Ihre Richtung.
6. Ziehen Sie einige Zentimeter Papier über die Kante und schließen Sie den Deckel, bis er hörbar einrastet.
7. Schalten Sie den Drucker ein und halten Sie die Vorschubtaste gedrückt, um zu prüfen, ob das Papier sauber läuft.

> **Tipp:** Die meisten Staus entstehen durch falsches Papier. Der RP-80 benötigt **80 mm breite** Thermorollen mit höchstens 80 mm Durchmesser. Schmalere oder dickere Rollen verrutschen und verklemmen sich im Abschneider.

Blinkt das Licht weiter rot, obwohl kein Papier feststeckt, steht der Abschneider womöglich nicht in Ruheposition. Schalten Sie den Drucker aus, öffnen Sie den Deckel und drehen Sie das kleine Rad hinter dem Schlitz, bis die Klinge nicht mehr zu sehen ist.`,
      },
    },
  },
  {
    key: "receipts-not-printing",
    category: "troubleshooting",
    section: "printers-accessories",
    tags: ["printers", "receipts"],
    related: ["printer-paper-jam", "cash-drawer", "app-crashes"],
    translations: {
      en: {
        title: "Receipts not printing",
        slug: "receipts-not-printing",
        body: `When the printer shows as connected but nothing comes out, work through these checks. Each takes under a minute.

1. **Print a self-test page.** Switch the printer off, hold the feed button and switch it on. If the page prints, the printer itself is fine and the problem is the connection or the app.
2. **Check the paper is the right way round.** Thermal paper only prints on one side, so a roll put in backwards feeds out blank receipts.
3. **Check the printer is assigned.** In the register app, go to **Settings → Devices** and make sure the printer is set as the **receipt printer** for this register.
4. **Forget and re-add it.** Go to **Devices → (printer) → Forget**, then **Devices → Add printer**. This is the fix after updating to register app 6.12, which changed how printers are stored.
5. **Check the network.** Network printers need a fixed IP address; if your router handed out a new one, the app can't find the printer. The self-test page shows the current address.

> **Tip:** Reserve the printer's IP address in your router settings. Then a router restart can't move it.

Receipts coming out of the **kitchen** printer instead, or the other way round? Check **Settings → Devices → Printer routing**, where each printer can be set for receipts, kitchen tickets, or both.

If the printer blinks red or grinds, it's probably jammed: see [Clearing a paper jam on the RP-80 receipt printer](/help/en/clearing-a-paper-jam-on-the-rp-80).`,
      },
    },
  },
  {
    key: "barcode-scanner",
    category: "troubleshooting",
    section: "printers-accessories",
    tags: ["scanner", "barcodes", "bluetooth"],
    related: ["reader-pairing", "receipts-not-printing"],
    translations: {
      en: {
        title: "Setting up the BS-2 barcode scanner",
        slug: "setting-up-the-bs-2-barcode-scanner",
        body: `The BS-2 scans product barcodes straight into the cart. It connects to an iPad by Bluetooth, or to a Terminal S2 by USB.

**Pairing with an iPad:**

1. Charge the scanner for an hour before first use.
2. Scan the **Bluetooth pairing** barcode printed in the quick start guide. The blue light starts blinking.
3. On the iPad, open **Settings → Bluetooth** and tap **BS-2** under Other Devices.
4. Open the register app and scan any product. It should land in the cart.

**On a Terminal S2**, plug the scanner into the USB port on the stand. There's nothing to set up.

Scanned products need a matching barcode in your catalogue. Add it under **Products → (product) → Barcode**, or scan it straight into that field.

> **Tip:** The iPad treats the scanner as a keyboard, so the on-screen keyboard disappears while it's connected. That's normal: tap the keyboard icon in the cart to bring it back.

**Scans produce the wrong characters?** The scanner is set to the wrong keyboard layout. Scan the barcode for your layout in the quick start guide, for example **US** or **German**.

**Nothing happens when you scan?** Make sure no text field outside the cart is selected, and that the scanner isn't paired with another device nearby.`,
      },
    },
  },
  {
    key: "cash-drawer",
    category: "troubleshooting",
    section: "printers-accessories",
    tags: ["cash", "drawer", "printers"],
    related: ["receipts-not-printing", "printer-paper-jam"],
    translations: {
      en: {
        title: "Cash drawer won't open",
        slug: "cash-drawer-wont-open",
        body: `The cash drawer is connected to the receipt printer, not the iPad: when a cash sale finishes, the app tells the printer to open it. So most drawer problems are really printer problems.

1. Check that the drawer's cable is plugged into the port marked **DK** on the back of the printer, not the network port. They look alike.
2. Make sure the drawer isn't locked. The key should be in the **vertical** position.
3. In the register app, go to **Settings → Devices → (printer)** and check that **Open cash drawer** is on.
4. Tap **Test drawer** on the same screen.

If the test opens the drawer, it's working, and it will open on every cash sale. Card sales don't open it unless you turn on **Open for all payments**.

> **Tip:** Need to open the drawer without a sale, for example to give change? Tap the **drawer icon** in the register app. Staff need the **No-sale** permission, and every opening is logged under **Reports → Cash management**.

**Power cut or printer broken?** Every drawer has a manual release: a small lever underneath, at the front.

If the printer itself isn't responding, start with [Receipts not printing](/help/en/receipts-not-printing).`,
      },
    },
  },
  {
    key: "app-crashes",
    category: "troubleshooting",
    section: "register-app",
    tags: ["app", "crash", "ipad"],
    related: ["offline-mode", "receipts-not-printing"],
    translations: {
      en: {
        title: "Register app crashes or closes unexpectedly",
        slug: "register-app-crashes",
        body: `A crash during service is the last thing you need. These steps fix most crashes, quickest first.

1. **Check for an update.** Open the App Store and update the register app. Crashes that start after an update are usually fixed in a follow-up release within a day or two.
2. **Check for a known issue.** Open **Help → Status** in the app. Known crashes are listed there with a workaround. Version 6.12, for example, crashed when charging an order with an order-level discount; applying the discount to each item avoided it until 6.12.1.
3. **Force-close and reopen.** Swipe up from the bottom of the screen, swipe the app away and open it again.
4. **Restart the iPad.** This clears memory problems, especially on older iPads that have been on for weeks.
5. **Check iPadOS.** The app needs iPadOS 16 or later. Update under **Settings → General → Software Update**.

Your sales are safe. Completed sales are saved the moment they finish, and a sale that was in progress during the crash is restored when you reopen the app.

> **Tip:** Reinstalling is rarely needed, and it signs you out. Try the steps above first.

Still crashing? Contact support with your iPad model, iPadOS version (**Settings → General → About**), app version, and what you tapped just before the crash. Those details help the team match your crash report.

No internet and need to keep selling? See [Taking payments in offline mode](/help/en/taking-payments-in-offline-mode).`,
      },
    },
  },
  {
    key: "offline-mode",
    category: "troubleshooting",
    section: "register-app",
    tags: ["offline", "payments", "app"],
    related: ["reader-offline", "app-crashes"],
    translations: {
      en: {
        title: "Taking payments in offline mode",
        slug: "taking-payments-in-offline-mode",
        body: `If your internet goes down, the register app can keep taking card payments. It stores them securely on the iPad and sends them for approval once you're back online.

**Turning it on** (do it now, before you need it):

1. In the dashboard, go to **Settings → Checkout → Offline payments**.
2. Switch on **Allow offline card payments**.
3. Set a **limit per payment**, for example $100. Larger payments are refused while offline.
4. Click **Save**. Registers pick up the setting within a minute.

When the app loses its connection, a yellow **Offline** bar appears at the top. For the customer, paying by card works as usual, and cash sales always work offline.

**The risk is yours.** Offline payments can't be checked with the customer's bank at the time. If a card turns out to be blocked, expired or short of funds, the payment is declined later and you don't receive that money. That's why the limit per payment matters.

> **Important:** Offline payments must be sent within **24 hours**. Keep the iPad on, with the register app open, until the bar turns green and **Pending offline payments** shows zero.

Offline payments are marked with a cloud icon in **Reports → Payments**, and any later declines are listed under **Reports → Offline declines**.

Often it's only the reader that has lost Wi-Fi, not the whole shop; see [Card reader keeps going offline](/help/en/card-reader-keeps-going-offline).`,
      },
      de: {
        title: "Zahlungen im Offline-Modus annehmen",
        slug: "zahlungen-im-offline-modus-annehmen",
        body: `Fällt Ihr Internet aus, kann die Kassen-App weiterhin Kartenzahlungen annehmen. Sie speichert sie sicher auf dem iPad und reicht sie zur Autorisierung ein, sobald die Verbindung wieder steht.

**Aktivieren** (am besten jetzt, bevor Sie es brauchen):

1. Öffnen Sie im Dashboard **Einstellungen → Bezahlvorgang → Offline-Zahlungen**.
2. Aktivieren Sie **Offline-Kartenzahlungen erlauben**.
3. Legen Sie ein **Limit pro Zahlung** fest, zum Beispiel 100 €. Höhere Beträge werden offline abgelehnt.
4. Klicken Sie auf **Speichern**. Die Kassen übernehmen die Einstellung innerhalb einer Minute.

Verliert die App die Verbindung, erscheint oben ein gelber Balken **Offline**. Für Ihre Kundschaft läuft die Kartenzahlung wie gewohnt, und Barzahlungen funktionieren offline ohnehin.

**Das Risiko tragen Sie.** Offline-Zahlungen können nicht sofort bei der Bank der Kundin oder des Kunden geprüft werden. Stellt sich eine Karte später als gesperrt, abgelaufen oder nicht gedeckt heraus, wird die Zahlung nachträglich abgelehnt, und Sie erhalten das Geld nicht. Deshalb ist das Limit pro Zahlung so wichtig.

> **Wichtig:** Offline-Zahlungen müssen innerhalb von **24 Stunden** übermittelt werden. Lassen Sie das iPad eingeschaltet und die Kassen-App geöffnet, bis der Balken grün wird und **Ausstehende Offline-Zahlungen** null anzeigt.

Offline-Zahlungen sind unter **Berichte → Zahlungen** mit einem Wolkensymbol markiert; spätere Ablehnungen finden Sie unter **Berichte → Offline-Ablehnungen**.

Oft hat nur das Terminal sein WLAN verloren, nicht der ganze Laden. Hilfe dazu finden Sie unter [Card reader keeps going offline](/help/en/card-reader-keeps-going-offline) (auf Englisch).`,
      },
      fr: {
        title: "Encaisser des paiements en mode hors ligne",
        slug: "encaisser-des-paiements-en-mode-hors-ligne",
        body: `Si votre connexion Internet tombe, l'application de caisse peut continuer à accepter les paiements par carte. Elle les enregistre de façon sécurisée sur l'iPad et les transmet pour autorisation dès que la connexion revient.

**Activation** (faites-le dès maintenant, avant d'en avoir besoin) :

1. Dans le tableau de bord, ouvrez **Paramètres → Encaissement → Paiements hors ligne**.
2. Activez **Autoriser les paiements par carte hors ligne**.
3. Définissez un **plafond par paiement**, par exemple 100 €. Les montants supérieurs sont refusés hors ligne.
4. Cliquez sur **Enregistrer**. Les caisses appliquent le réglage en moins d'une minute.

Lorsque l'application perd la connexion, une barre jaune **Hors ligne** s'affiche en haut de l'écran. Pour le client, le paiement par carte se déroule normalement, et les paiements en espèces fonctionnent toujours hors ligne.

**Le risque est pour vous.** Un paiement hors ligne ne peut pas être vérifié sur le moment auprès de la banque du client. Si la carte se révèle bloquée, expirée ou sans provision, le paiement est refusé après coup et vous ne recevez pas l'argent. D'où l'importance du plafond par paiement.

> **Important :** les paiements hors ligne doivent être transmis dans les **24 heures**. Laissez l'iPad allumé, application de caisse ouverte, jusqu'à ce que la barre redevienne verte et que **Paiements hors ligne en attente** affiche zéro.

Les paiements hors ligne apparaissent dans **Rapports → Paiements** avec une icône de nuage ; les refus ultérieurs sont listés dans **Rapports → Refus hors ligne**.`,
      },
    },
  },
  {
    key: "export-reports",
    category: "troubleshooting",
    section: "register-app",
    tags: ["reports", "exports", "accounting"],
    related: ["download-invoices", "payout-less-than-sales", "cancel-subscription"],
    translations: {
      en: {
        title: "Exporting sales reports to CSV",
        slug: "exporting-sales-reports-to-csv",
        body: `Your accountant wants a spreadsheet, not a screenshot. Every report in the dashboard can be exported as CSV, which opens in Excel, Numbers and Google Sheets.

**Daily totals by payment method**, which is what most accountants ask for:

1. Go to **Reports → Payments**.
2. Choose the date range at the top.
3. Set **Group by** to **Day** and tick **Split by payment method**.
4. Click **Export → CSV**.

You get one row per day and payment type (card, cash, gift card and so on), with gross sales, refunds, fees and net amounts.

**Every individual sale**, with items, staff member and location, comes from **Reports → Sales → Export → CSV (itemised)**. Large date ranges are emailed to you as a download link when ready.

> **Tip:** Set it and forget it. Under **Reports → Scheduled exports → New**, choose a report, a schedule (daily at 6 am, weekly, or on the 1st of each month) and up to three email addresses, such as your bookkeeper's.

Two things that trip people up:

- Dates follow your **location's time zone** and **end of day** setting, so a late-night sale may appear on the next day.
- Amounts are exported without currency symbols, with a full stop as the decimal separator. Change this under **Reports → Export settings** if your spreadsheet expects commas.

Matching sales to what reached your bank? See [Why is my payout smaller than my sales?](/help/en/why-is-my-payout-smaller-than-my-sales)`,
      },
    },
  },
];

/** Every article, grouped by category in the order the help centre lists them. */
export const demoArticles: DemoArticle[] = [
  ...accounts,
  ...billing,
  ...shipping,
  ...returns,
  ...integrations,
  ...troubleshooting,
];
