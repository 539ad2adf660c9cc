/** The help centre's own words, per locale; articles and categories bring their own translations. */
const en = {
  helpCentre: "Help centre",
  heroTitle: "How can we help?",
  heroLead: "Search our guides and answers, or browse by topic.",
  searchLabel: "Search the help centre",
  searchPlaceholder: "Search for answers…",
  searchButton: "Search",
  suggestions: "Suggested articles",
  seeAllResults: "See all results for “{q}”",
  noSuggestions: "No articles match yet. Press Enter to search.",
  browseTopics: "Browse by topic",
  articles: "{n} articles",
  article: "1 article",
  searchTitle: "Search results",
  resultsFor: "{n} results for “{q}”",
  resultFor: "1 result for “{q}”",
  noResults: "We couldn’t find anything for “{q}”.",
  noResultsHint: "Try different or fewer words, or browse the topics below.",
  emptyQuery: "Type a question or a few keywords to search.",
  relatedArticles: "Related articles",
  inThisSection: "In this section",
  wasThisHelpful: "Was this article helpful?",
  yes: "Yes",
  no: "No",
  tellUsMore: "What was missing or unclear? (optional)",
  sendFeedback: "Send feedback",
  thanks: "Thanks for your feedback!",
  feedbackFailed: "Your feedback could not be sent. Please try again.",
  alsoIn: "Also available in",
  language: "Language",
  updated: "Updated {date}",
  breadcrumbs: "Breadcrumbs",
  notFoundTitle: "We can’t find that page",
  notFoundLead: "The article may have moved or is no longer published. Try searching instead.",
  errorTitle: "Something went wrong",
  backHome: "Back to the help centre",
  emptyCentre: "No articles have been published yet.",
  footer: "Can’t find what you’re looking for? Reply to any e-mail from us and our team will help.",
  skipToContent: "Skip to content",
  emptySection: "No articles in this section yet.",
  submitRequest: "Submit a request",
  requestTitle: "Submit a request",
  requestLead: "Tell us what you need and our team will get back to you by e-mail.",
  requestEmail: "Your e-mail address",
  requestName: "Your name (optional)",
  requestSubject: "Subject",
  requestDescription: "Description",
  requestDescriptionHint: "Please include as much detail as you can, such as what you tried and any error messages.",
  requestSend: "Submit",
  requestSending: "Sending…",
  requestSuggestions: "These articles might answer your question",
  opensInNewTab: "opens in a new tab",
  requestThanksTitle: "Thank you!",
  requestReceived: "We’ve received request #{n}; we’ll reply by e-mail.",
  requestInvalid: "Please check the fields and try again.",
  requestRateLimited: "You have sent several requests in the last hour. Please try again later.",
  requestFailed: "Your request could not be sent. Please try again.",
  stillNeedHelp: "Still need help?",
  cantFind: "Can’t find what you’re looking for?",
};
export type Strings = typeof en;

const de: Strings = {
  helpCentre: "Hilfe-Center",
  heroTitle: "Wie können wir helfen?",
  heroLead: "Durchsuchen Sie unsere Anleitungen und Antworten oder stöbern Sie nach Thema.",
  searchLabel: "Hilfe-Center durchsuchen",
  searchPlaceholder: "Antworten suchen…",
  searchButton: "Suchen",
  suggestions: "Vorgeschlagene Artikel",
  seeAllResults: "Alle Ergebnisse für „{q}“",
  noSuggestions: "Noch keine passenden Artikel. Drücken Sie die Eingabetaste zum Suchen.",
  browseTopics: "Nach Thema stöbern",
  articles: "{n} Artikel",
  article: "1 Artikel",
  searchTitle: "Suchergebnisse",
  resultsFor: "{n} Ergebnisse für „{q}“",
  resultFor: "1 Ergebnis für „{q}“",
  noResults: "Wir haben nichts zu „{q}“ gefunden.",
  noResultsHint: "Versuchen Sie andere oder weniger Wörter, oder stöbern Sie in den Themen unten.",
  emptyQuery: "Geben Sie eine Frage oder ein paar Stichwörter ein.",
  relatedArticles: "Verwandte Artikel",
  inThisSection: "In diesem Abschnitt",
  wasThisHelpful: "War dieser Artikel hilfreich?",
  yes: "Ja",
  no: "Nein",
  tellUsMore: "Was hat gefehlt oder war unklar? (optional)",
  sendFeedback: "Feedback senden",
  thanks: "Danke für Ihr Feedback!",
  feedbackFailed: "Ihr Feedback konnte nicht gesendet werden. Bitte versuchen Sie es erneut.",
  alsoIn: "Auch verfügbar auf",
  language: "Sprache",
  updated: "Aktualisiert am {date}",
  breadcrumbs: "Brotkrümelnavigation",
  notFoundTitle: "Diese Seite gibt es nicht",
  notFoundLead: "Der Artikel wurde vielleicht verschoben oder ist nicht mehr veröffentlicht. Versuchen Sie die Suche.",
  errorTitle: "Etwas ist schiefgelaufen",
  backHome: "Zurück zum Hilfe-Center",
  emptyCentre: "Es wurden noch keine Artikel veröffentlicht.",
  footer: "Nicht gefunden, was Sie suchen? Antworten Sie auf eine unserer E-Mails, und unser Team hilft Ihnen.",
  skipToContent: "Zum Inhalt springen",
  emptySection: "In diesem Abschnitt gibt es noch keine Artikel.",
  submitRequest: "Anfrage senden",
  requestTitle: "Anfrage senden",
  requestLead: "Sagen Sie uns, was Sie brauchen, und unser Team antwortet Ihnen per E-Mail.",
  requestEmail: "Ihre E-Mail-Adresse",
  requestName: "Ihr Name (optional)",
  requestSubject: "Betreff",
  requestDescription: "Beschreibung",
  requestDescriptionHint: "Bitte beschreiben Sie Ihr Anliegen möglichst genau, z. B. was Sie versucht haben und welche Fehlermeldungen erschienen.",
  requestSend: "Absenden",
  requestSending: "Wird gesendet…",
  requestSuggestions: "Diese Artikel beantworten vielleicht Ihre Frage",
  opensInNewTab: "öffnet in einem neuen Tab",
  requestThanksTitle: "Vielen Dank!",
  requestReceived: "Wir haben Ihre Anfrage #{n} erhalten und antworten Ihnen per E-Mail.",
  requestInvalid: "Bitte überprüfen Sie Ihre Angaben und versuchen Sie es erneut.",
  requestRateLimited: "Sie haben in der letzten Stunde mehrere Anfragen gesendet. Bitte versuchen Sie es später erneut.",
  requestFailed: "Ihre Anfrage konnte nicht gesendet werden. Bitte versuchen Sie es erneut.",
  stillNeedHelp: "Brauchen Sie weitere Hilfe?",
  cantFind: "Nicht gefunden, was Sie suchen?",
};

const fr: Strings = {
  helpCentre: "Centre d’aide",
  heroTitle: "Comment pouvons-nous vous aider ?",
  heroLead: "Recherchez dans nos guides et réponses, ou parcourez les thèmes.",
  searchLabel: "Rechercher dans le centre d’aide",
  searchPlaceholder: "Rechercher une réponse…",
  searchButton: "Rechercher",
  suggestions: "Articles suggérés",
  seeAllResults: "Tous les résultats pour « {q} »",
  noSuggestions: "Aucun article ne correspond encore. Appuyez sur Entrée pour rechercher.",
  browseTopics: "Parcourir par thème",
  articles: "{n} articles",
  article: "1 article",
  searchTitle: "Résultats de recherche",
  resultsFor: "{n} résultats pour « {q} »",
  resultFor: "1 résultat pour « {q} »",
  noResults: "Nous n’avons rien trouvé pour « {q} ».",
  noResultsHint: "Essayez d’autres mots ou moins de mots, ou parcourez les thèmes ci-dessous.",
  emptyQuery: "Saisissez une question ou quelques mots-clés.",
  relatedArticles: "Articles associés",
  inThisSection: "Dans cette section",
  wasThisHelpful: "Cet article vous a-t-il été utile ?",
  yes: "Oui",
  no: "Non",
  tellUsMore: "Qu’est-ce qui manquait ou n’était pas clair ? (facultatif)",
  sendFeedback: "Envoyer",
  thanks: "Merci pour votre avis !",
  feedbackFailed: "Votre avis n’a pas pu être envoyé. Veuillez réessayer.",
  alsoIn: "Également disponible en",
  language: "Langue",
  updated: "Mis à jour le {date}",
  breadcrumbs: "Fil d’Ariane",
  notFoundTitle: "Cette page est introuvable",
  notFoundLead: "L’article a peut-être été déplacé ou n’est plus publié. Essayez la recherche.",
  errorTitle: "Une erreur s’est produite",
  backHome: "Retour au centre d’aide",
  emptyCentre: "Aucun article n’a encore été publié.",
  footer: "Vous ne trouvez pas ce que vous cherchez ? Répondez à l’un de nos e-mails et notre équipe vous aidera.",
  skipToContent: "Aller au contenu",
  emptySection: "Aucun article dans cette section pour l’instant.",
  submitRequest: "Envoyer une demande",
  requestTitle: "Envoyer une demande",
  requestLead: "Dites-nous ce dont vous avez besoin et notre équipe vous répondra par e-mail.",
  requestEmail: "Votre adresse e-mail",
  requestName: "Votre nom (facultatif)",
  requestSubject: "Objet",
  requestDescription: "Description",
  requestDescriptionHint: "Donnez autant de détails que possible, par exemple ce que vous avez essayé et les messages d’erreur.",
  requestSend: "Envoyer",
  requestSending: "Envoi…",
  requestSuggestions: "Ces articles répondent peut-être à votre question",
  opensInNewTab: "s’ouvre dans un nouvel onglet",
  requestThanksTitle: "Merci !",
  requestReceived: "Nous avons bien reçu la demande n° {n} ; nous vous répondrons par e-mail.",
  requestInvalid: "Veuillez vérifier les champs et réessayer.",
  requestRateLimited: "Vous avez envoyé plusieurs demandes au cours de la dernière heure. Veuillez réessayer plus tard.",
  requestFailed: "Votre demande n’a pas pu être envoyée. Veuillez réessayer.",
  stillNeedHelp: "Besoin d’aide supplémentaire ?",
  cantFind: "Vous ne trouvez pas ce que vous cherchez ?",
};

const dictionaries: Record<string, Strings> = { en, de, fr };

/** The strings for a locale: its own, its language's (pt for pt-BR), else English. */
export function stringsFor(locale: string): Strings {
  return dictionaries[locale] ?? dictionaries[locale.slice(0, 2)] ?? en;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export function articleCount(t: Strings, n: number): string {
  return n === 1 ? t.article : fill(t.articles, { n });
}

/** "Deutsch", "English", "Português (Brasil)": a locale named in its own language. */
export function localeName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}

/** Picks the best of `available` for an Accept-Language header: exact tag, then same language, by q order. */
export function negotiateLocale(acceptLanguage: string | null, available: string[], fallback: string): string {
  if (available.length === 0) return fallback;
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? 1);
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((w) => w.tag && w.tag !== "*" && w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of wanted) {
    const exact = available.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const language = tag.split("-")[0];
    const sameLanguage = available.find((l) => l.toLowerCase().split("-")[0] === language);
    if (sameLanguage) return sameLanguage;
  }
  return available.includes(fallback) ? fallback : available[0]!;
}
