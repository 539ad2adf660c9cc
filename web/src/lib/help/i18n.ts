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
