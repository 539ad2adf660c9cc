/** The readable text of sanitised article HTML, for meta descriptions. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** At most `max` characters, cut at a word boundary with an ellipsis. */
export function excerpt(text: string, max = 155): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "") + "…";
}

export const helpPath = {
  home: (locale: string) => `/help/${locale}`,
  search: (locale: string, q?: string) => `/help/${locale}/search${q ? `?q=${encodeURIComponent(q)}` : ""}`,
  category: (locale: string, slug: string) => `/help/${locale}/categories/${slug}`,
  newRequest: (locale: string) => `/help/${locale}/requests/new`,
  article: (locale: string, slug: string, searchId?: string) =>
    `/help/${locale}/articles/${slug}${searchId ? `?s=${encodeURIComponent(searchId)}` : ""}`,
  signIn: (locale: string, next?: string) =>
    `/help/${locale}/auth/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`,
  signOut: (locale: string) => `/help/${locale}/auth/sign-out`,
  myTickets: (locale: string, scope?: "organization") => `/help/${locale}/tickets${scope ? `?scope=${scope}` : ""}`,
  ticket: (locale: string, number: number) => `/help/${locale}/tickets/${number}`,
  account: (locale: string) => `/help/${locale}/account`,
};

/** Where to go after signing in: a help-centre path we were sent from, never another site. */
export function safeNext(next: string | null | undefined, fallback: string): string {
  return next && /^\/help\/[^/]/.test(next) && !next.includes("//") && !next.includes("\\") ? next : fallback;
}
