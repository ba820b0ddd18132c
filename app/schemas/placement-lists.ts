// The placements page's address: which view (`vue`) and that view's filters.
import { z } from "zod";
import { isCalendarDate } from "~/utils/dates";
import { REGION_CODES, type Region } from "~/utils/reference";
import { type ListQuery, pageParam, parseListQuery } from "./list-query";
import { idParamSchema } from "./params";

export const PLACEMENT_VIEWS = ["suivis", "placements", "nouveau"] as const;
export type PlacementView = (typeof PLACEMENT_VIEWS)[number];
export const FOLLOWUP_MONTHS = ["1", "3", "6"] as const;
export const EMPLOYER_SEARCH_MAX = 60;

const region = z.enum(REGION_CODES as [Region, ...Region[]]);
const words = z.string().transform((v) => v.slice(0, EMPLOYER_SEARCH_MAX).trim());
const day = z.string().refine((v) => isCalendarDate(v) && v >= "2000-01-01");
const mine = z.literal("1");

export const VIEW_FILTERS = {
  suivis: {
    echeance: z.enum(["retard", "semaine"]),
    suivi: z.enum(FOLLOWUP_MONTHS).transform(Number),
    region,
    employeur: words,
    mes: mine,
    page: pageParam,
  },
  placements: {
    statut: z.enum(["en-cours", "termines"]),
    region,
    employeur: words,
    du: day,
    au: day,
    mes: mine,
    fin: idParamSchema,
    page: pageParam,
  },
  nouveau: { candidat: words },
} as const;

export type PlacementsQuery = ListQuery<
  (typeof VIEW_FILTERS)["suivis"] & (typeof VIEW_FILTERS)["placements"] & (typeof VIEW_FILTERS)["nouveau"]
>;

/**
 * The view asked for (the follow-ups to do unless told; the placements list when a
 * placement's end form is to open) and its filters; values that make no sense are named in `ignored`.
 */
export function parsePlacementsQuery(params: URLSearchParams) {
  const asked = params.get("vue");
  const known = PLACEMENT_VIEWS.find((v) => v === asked);
  const view: PlacementView = known ?? (params.has("fin") ? "placements" : "suivis");
  const { query, ignored } = parseListQuery<Record<string, z.ZodType>>(VIEW_FILTERS[view], params);
  if (asked && !known) ignored.push("vue");
  return { view, query: query as PlacementsQuery, ignored };
}
