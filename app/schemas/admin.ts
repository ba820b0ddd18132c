import { z } from "zod";
import { USER_STATUSES } from "~/models/lifecycles/user";
import { isCalendarDate } from "~/utils/dates";
import { ROLES } from "../../db/enums";
import {
  ifValidSoFar,
  oneOf,
  optionalEmail,
  optionalPhone,
  optionalText,
  personName,
  placeAndContactFields,
  requiredText,
} from "./fields";
import { idField } from "./params";

// The statuses the search form offers, from the account's lifecycle.
export { USER_STATUSES, type UserStatus } from "~/models/lifecycles/user";

// Far beyond any real list; keeps a hand-typed page=1e308 an ordinary number.
const MAX_PAGE = 10_000;
export const ADMIN_QUERY_MAX = 100;

const page = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1);
const queryText = z
  .string()
  .transform((value) => value.slice(0, ADMIN_QUERY_MAX).trim())
  .catch("");
const isoDate = z.string().refine(isCalendarDate).optional().catch(undefined);

/** Reads the first value of each known parameter; a hand-edited URL is never refused, only tidied. */
function queryInput(searchParams: URLSearchParams, keys: readonly string[]) {
  const input: Record<string, string> = {};
  for (const key of keys) {
    const value = searchParams.get(key);
    if (value !== null && value !== "") input[key] = value;
  }
  return input;
}

/** /admin/utilisateurs?q=&role=&statut=&page= */
export const userQuerySchema = z.object({
  q: queryText,
  role: z.enum(ROLES).optional().catch(undefined),
  statut: z.enum(USER_STATUSES).optional().catch(undefined),
  page,
});
export type UserQuery = z.output<typeof userQuerySchema>;
export const USER_QUERY_PARAMS = ["q", "role", "statut", "page"] as const;

export function parseUserQuery(searchParams: URLSearchParams): UserQuery {
  return userQuerySchema.parse(queryInput(searchParams, USER_QUERY_PARAMS));
}

/** /admin/journal?acteur=&action=&du=&au=&page= */
export const auditQuerySchema = z
  .object({
    acteur: queryText,
    action: z
      .string()
      .max(80)
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, { error: "validation.invalid", ...ifValidSoFar })
      .optional()
      .catch(undefined),
    du: isoDate,
    au: isoDate,
    page,
  })
  // Dates typed the wrong way round still mean the period between them.
  .transform((q) => (q.du && q.au && q.du > q.au ? { ...q, du: q.au, au: q.du } : q));
export type AuditQuery = z.output<typeof auditQuerySchema>;
export const AUDIT_QUERY_PARAMS = ["acteur", "action", "du", "au", "page"] as const;

export function parseAuditQuery(searchParams: URLSearchParams): AuditQuery {
  return auditQuerySchema.parse(queryInput(searchParams, AUDIT_QUERY_PARAMS));
}

const userId = idField("admin:errors.userNotFound");

export const counsellorSchema = z
  .object({
    intent: z.literal("createCounsellor"),
    firstName: personName,
    lastName: personName,
    email: optionalEmail,
    phone: optionalPhone,
    partnerOrgId: idField("admin:errors.partnerRequired"),
  })
  .refine((value) => value.email !== undefined || value.phone !== undefined, {
    path: ["email"],
    error: "validation.contactRequired",
    when: ({ value }) => {
      const v = (value ?? {}) as { email?: unknown; phone?: unknown };
      return value != null && (v.email === undefined || v.email === "") && (v.phone === undefined || v.phone === "");
    },
  });
export type CounsellorInput = Omit<z.output<typeof counsellorSchema>, "intent">;

/** The forms of /admin/utilisateurs, told apart by `intent`. */
export const userActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("role"), userId, role: oneOf(ROLES, "admin:errors.roleInvalid") }),
    z.object({ intent: z.literal("disable"), userId }),
    z.object({ intent: z.literal("enable"), userId }),
    counsellorSchema,
  ],
  { error: "admin:errors.unknownIntent" },
);
export type UserActionInput = z.output<typeof userActionSchema>;
export const USER_INTENTS = ["role", "disable", "enable", "createCounsellor"] as const;

const partnerFields = {
  name: requiredText(120),
  shortName: optionalText(20),
  ...placeAndContactFields,
};

/** The forms of /admin/organisations: create a partner body, or edit one. */
export const partnerActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create"), ...partnerFields }),
    z.object({ intent: z.literal("update"), orgId: idField("admin:errors.partnerNotFound"), ...partnerFields }),
  ],
  { error: "admin:errors.unknownIntent" },
);
export type PartnerActionInput = z.output<typeof partnerActionSchema>;
/** A partner body's details, as the model takes them (optional fields may be left out). */
export type PartnerInput = {
  name: string;
  shortName?: string;
  region: string;
  commune?: string;
  description?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
};
