import { redirect } from "@sveltejs/kit";
import { helpPath } from "$lib/help/text";
import type { PageServerLoad } from "./$types";

// Articles link to each other as /help/{locale}/{slug}; the article lives under /articles/.
export const load: PageServerLoad = ({ params }) => redirect(301, helpPath.article(params.locale, params.slug));
