import { z } from "zod";
import { REGION_CODES, type Region, SECTOR_CODES } from "~/utils/reference";
import { MAX_QUERY_LENGTH, SEARCH_PARAMS } from "~/utils/search-url";
import { CONTRACTS, OFFER_TYPES } from "../../db/enums";

export { MAX_QUERY_LENGTH, SEARCH_PARAMS, type SearchParam, searchHref } from "~/utils/search-url";

// Far beyond any real result list; keeps a hand-typed page=1e308 an ordinary number.
const MAX_PAGE = 10_000;

/**
 * The search page's query string. A shared or hand-edited URL is never refused:
 * an unknown value is dropped, a long text is cut, a bad page number is page 1.
 */
export const searchQuerySchema = z.object({
  q: z
    .string()
    .transform((value) => value.slice(0, MAX_QUERY_LENGTH).trim())
    .catch(""),
  type: z.enum(OFFER_TYPES).optional().catch(undefined),
  region: z
    .enum(REGION_CODES as [Region, ...Region[]])
    .optional()
    .catch(undefined),
  secteur: z.enum(SECTOR_CODES).optional().catch(undefined),
  contrat: z.enum(CONTRACTS).optional().catch(undefined),
  tri: z.enum(["pertinence", "date"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
});

export type SearchQuery = z.output<typeof searchQuerySchema>;

/** Reads the query string (first value of each parameter) into a search. */
export function parseSearchQuery(searchParams: URLSearchParams): SearchQuery {
  const input: Record<string, string> = {};
  for (const key of [...SEARCH_PARAMS, "page"]) {
    const value = searchParams.get(key);
    if (value !== null) input[key] = value;
  }
  return searchQuerySchema.parse(input);
}
