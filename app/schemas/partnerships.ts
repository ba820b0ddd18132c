// The counsellors' partnership pages: the list's address and the forms of one partnership.
import { z } from "zod";
import { isCalendarDate } from "~/utils/dates";
import { REGION_CODES, type Region } from "~/utils/reference";
import { PARTNERSHIP_DECLINE_REASONS, PARTNERSHIP_STATUSES } from "../../db/enums";
import { pageParam, parseListQuery } from "./list-query";
import { idField, idParamSchema } from "./params";

export const STATUS_FILTERS = ["open", "overdue", ...PARTNERSHIP_STATUSES] as const;
export const COMPANY_SEARCH_MAX = 60;
export const PARTNERSHIP_NOTE_MAX = 2000;
export const DOCUMENT_LABEL_MAX = 120;

export const PARTNERSHIP_LIST_FILTERS = {
  statut: z.enum(STATUS_FILTERS),
  programme: idParamSchema,
  conseiller: z.enum(["moi", "personne"]),
  region: z.enum(REGION_CODES as [Region, ...Region[]]),
  entreprise: z.string().transform((v) => v.slice(0, COMPANY_SEARCH_MAX).trim()),
  page: pageParam,
};

export const parsePartnershipsQuery = (params: URLSearchParams) => parseListQuery(PARTNERSHIP_LIST_FILTERS, params);

const E = "partnerships:errors";
const day = z
  .string({ error: `${E}.badDate` })
  .trim()
  .refine((v) => isCalendarDate(v) && v >= "2000-01-01", { error: `${E}.badDate` });
const optionalDay = z.union([z.literal("").transform(() => undefined), day]).optional();
const note = z
  .string()
  .trim()
  .max(PARTNERSHIP_NOTE_MAX, { error: `${E}.noteTooLong` });

/** The moves a counsellor posts from this page (signing has its own page, the company withdraws its own). */
export const PAGE_MOVES = ["contact", "hold_meeting", "receive_documents", "activate", "close", "decline"] as const;

export const moveSchema = z.object({
  intent: z.literal("move"),
  action: z.enum(PAGE_MOVES, { error: `${E}.notAllowed` }),
  happenedOn: optionalDay,
  note: note.optional(),
  nextStepDue: optionalDay,
  declineReason: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(PARTNERSHIP_DECLINE_REASONS, { error: `${E}.missing_reason` }).optional(),
  ),
});

export const partnershipActionSchema = z.discriminatedUnion(
  "intent",
  [
    moveSchema,
    z.object({ intent: z.literal("take") }),
    z.object({ intent: z.literal("release") }),
    z.object({ intent: z.literal("assign"), counsellorId: idField(`${E}.notCounsellor`) }),
    z.object({
      intent: z.literal("note"),
      note: note.min(1, { error: `${E}.noteEmpty` }),
    }),
    z.object({ intent: z.literal("reschedule"), nextStepDue: day }),
    z.object({
      intent: z.literal("document.add"),
      label: z
        .string({ error: `${E}.labelEmpty` })
        .trim()
        .min(1, { error: `${E}.labelEmpty` })
        .max(DOCUMENT_LABEL_MAX, { error: `${E}.labelTooLong` }),
    }),
    z.object({ intent: z.literal("document.remove"), documentId: idField(`${E}.documentNotFound`) }),
  ],
  { error: `${E}.invalid` },
);
export type PartnershipPageAction = z.output<typeof partnershipActionSchema>;
