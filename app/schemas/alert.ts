import { z } from "zod";
import { REGION_CODES, SECTOR_CODES } from "~/utils/reference";
import { CONTRACTS, OFFER_TYPES } from "../../db/enums";
import { ifValidSoFar, PRINTABLE } from "./fields";

/** The /offres parameters an alert keeps, as in the search URL. */
export const ALERT_FIELDS = ["q", "type", "region", "secteur", "contrat"] as const;
export type AlertQuery = Partial<Record<(typeof ALERT_FIELDS)[number], string>>;

const choice = (values: readonly string[]) =>
  z
    .string()
    .optional()
    .refine((v) => !v || values.includes(v), { error: "candidate:errors.alertInvalid" });

const alertSchema = z.object({
  q: z
    .string()
    .trim()
    .max(200, { error: "candidate:errors.alertTooLong" })
    .regex(PRINTABLE, { error: "validation.invalidCharacters", ...ifValidSoFar })
    .optional(),
  type: choice(OFFER_TYPES),
  region: choice(REGION_CODES),
  secteur: choice(SECTOR_CODES),
  contrat: choice(CONTRACTS),
});

export type AlertQueryResult = { ok: true; empty: boolean; query: AlertQuery } | { ok: false; error: string };

/**
 * The search to save, from the hidden fields of /offres' "alert me" form or
 * from the URL. An unknown filter value is refused, not silently widened.
 */
export function alertQueryFromForm(source: FormData | URLSearchParams): AlertQueryResult {
  const input: Record<string, string> = {};
  for (const field of ALERT_FIELDS) {
    const value = source.get(field);
    if (typeof value === "string" && value.trim() !== "") input[field] = value;
  }
  const parsed = alertSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "candidate:errors.alertInvalid" };
  const query = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v)) as AlertQuery;
  return { ok: true, empty: Object.keys(query).length === 0, query };
}
