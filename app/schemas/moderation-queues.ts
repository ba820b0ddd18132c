// The moderation page's address: which queue (`liste`) and that queue's filters.
import { z } from "zod";
import type { RiskRuleCode } from "~/models/offer-rules";
import { REGION_CODES, type Region } from "~/utils/reference";
import { FRAUD_REASONS, OFFER_TYPES } from "../../db/enums";
import { ageParam, type ListQuery, pageParam, parseListQuery } from "./list-query";

export const QUEUES = ["organisations", "identite", "offres", "signalements"] as const;
export type Queue = (typeof QUEUES)[number];

/** The rules that hold an offer for a counsellor, as the offers queue filters them. */
export const RISK_RULES = [
  "first_offer",
  "asks_money",
  "work_abroad",
  "reported",
  "resubmitted",
] as const satisfies readonly RiskRuleCode[];

const region = z.enum(REGION_CODES as [Region, ...Region[]]);

/** Each queue's filters; every queue has the age and the page. */
export const QUEUE_FILTERS = {
  organisations: { age: ageParam, region, page: pageParam },
  identite: { age: ageParam, page: pageParam },
  offres: { age: ageParam, type: z.enum(OFFER_TYPES), regle: z.enum(RISK_RULES), region, page: pageParam },
  signalements: { age: ageParam, motif: z.enum(FRAUD_REASONS), page: pageParam },
} as const;

export type QueueQuery = ListQuery<(typeof QUEUE_FILTERS)["offres"] & (typeof QUEUE_FILTERS)["signalements"]>;

/**
 * The queue asked for (or the first one with something waiting) and its filters.
 * Keys the queue does not know are not read; values that make no sense are named in `ignored`.
 */
export function parseModerationQuery(params: URLSearchParams, counts: Record<Queue, number>) {
  const asked = params.get("liste");
  const known = QUEUES.find((q) => q === asked);
  const queue = known ?? QUEUES.find((q) => counts[q] > 0) ?? "organisations";
  const { query, ignored } = parseListQuery<Record<string, z.ZodType>>(QUEUE_FILTERS[queue], params);
  if (asked && !known) ignored.push("liste");
  return { queue, query: query as QueueQuery, ignored };
}
