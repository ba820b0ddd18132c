// The search page's URL, shared by the page (in the browser) and its schema:
// no zod here, so that the page's JavaScript stays small.
import type { SearchQuery } from "~/schemas/search";

export const MAX_QUERY_LENGTH = 2000;

/** The parameters of the search URL, in the order the form shows them. */
export const SEARCH_PARAMS = ["q", "type", "region", "secteur", "contrat", "tri"] as const;
export type SearchParam = (typeof SEARCH_PARAMS)[number];

/** The query string of a search, without empty parameters, page 1 left out. */
export function searchHref(
  query: Partial<SearchQuery>,
  changes: Partial<Record<SearchParam | "page", string | number | undefined>> = {},
) {
  const merged: Record<string, string | number | undefined> = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const key of [...SEARCH_PARAMS, "page"]) {
    const value = merged[key];
    if (value === undefined || value === "" || (key === "page" && Number(value) <= 1)) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/offres?${search}` : "/offres";
}
