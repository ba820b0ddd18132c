// /admin/organisations?type=&statut=&region=&q=&page= : partner bodies unless told.
import { z } from "zod";
import { REGION_CODES, type Region } from "~/utils/reference";
import { ORG_KINDS, VERIFICATION_STATUSES } from "../../db/enums";
import { ADMIN_QUERY_MAX } from "./admin";
import { pageParam, parseListQuery } from "./list-query";

export const ORG_KIND_CHOICES = [...ORG_KINDS, "toutes"] as const;

const ORGANISATION_FILTERS = {
  type: z.enum(ORG_KIND_CHOICES),
  statut: z.enum(VERIFICATION_STATUSES),
  region: z.enum(REGION_CODES as [Region, ...Region[]]),
  q: z.string().max(ADMIN_QUERY_MAX),
  page: pageParam,
};

export function parseOrganisationQuery(params: URLSearchParams) {
  const { query, ignored } = parseListQuery(ORGANISATION_FILTERS, params);
  return { query: { ...query, type: query.type ?? "partner" }, ignored };
}
export type OrganisationQuery = ReturnType<typeof parseOrganisationQuery>["query"];
