// A partnership's lifecycle: a company's request for a programme, contacted by a
// counsellor, a meeting, the documents, the signed convention, active from its
// start date, closed at its end (or declined, with a coded reason, at any step
// before signing). Each step is dated and tells the company. partnership.server.ts
// beside it is the only code that writes the status.
import { PARTNERSHIP_STATUSES, type PartnershipStatus } from "../../../db/enums";
import { type LifecycleRole, lifecycle, movesFrom } from "./lifecycle";

const STAFF = ["counsellor", "admin"] as const;
const BEFORE_SIGNING = ["requested", "contacted", "meeting_held", "documents_received"] as const;

export const partnershipLifecycle = lifecycle({
  entity: "partnership",
  statuses: PARTNERSHIP_STATUSES,
  moves: [
    // A member of the company asks to join a published programme (no status before).
    {
      action: "request",
      from: [],
      to: "requested",
      by: ["employer"],
      guard: "publishedProgramme",
      audit: "partnership.requested",
      notify: "partnership.requested",
    },
    {
      action: "contact",
      from: ["requested"],
      to: "contacted",
      by: STAFF,
      audit: "partnership.contacted",
      notify: "partnership.contacted",
    },
    {
      action: "hold_meeting",
      from: ["contacted"],
      to: "meeting_held",
      by: STAFF,
      audit: "partnership.meeting_held",
      notify: "partnership.meeting_held",
    },
    {
      action: "receive_documents",
      from: ["meeting_held"],
      to: "documents_received",
      by: STAFF,
      audit: "partnership.documents_received",
      notify: "partnership.documents_received",
    },
    // Signing writes the convention's first version in the same transaction.
    {
      action: "sign",
      from: ["documents_received"],
      to: "signed",
      by: STAFF,
      guard: "conventionWritten",
      audit: "partnership.signed",
      notify: "partnership.signed",
    },
    // From the convention's start date: by a counsellor, or the daily chores on that day.
    {
      action: "activate",
      from: ["signed"],
      to: "active",
      by: [...STAFF, "system"],
      guard: "startReached",
      audit: "partnership.activated",
      notify: "partnership.activated",
    },
    // At the convention's end date the daily chores close it; a counsellor may close it earlier, with a note.
    {
      action: "close",
      from: ["signed", "active"],
      to: "closed",
      by: [...STAFF, "system"],
      guard: "endReachedOrNote",
      audit: "partnership.closed",
      notify: "partnership.closed",
    },
    {
      action: "decline",
      from: BEFORE_SIGNING,
      to: "declined",
      by: STAFF,
      guard: "codedReason",
      audit: "partnership.declined",
      notify: "partnership.declined",
    },
    // The company withdraws its own request before signing.
    {
      action: "withdraw",
      from: BEFORE_SIGNING,
      to: "declined",
      by: ["owner"],
      audit: "partnership.withdrawn",
      notify: "partnership.withdrawn",
    },
  ],
});

export type PartnershipAction = (typeof partnershipLifecycle.moves)[number]["action"];

/** Statuses where a next step is awaited (and may be overdue). */
export const OPEN_PARTNERSHIP_STATUSES: readonly PartnershipStatus[] = [...BEFORE_SIGNING, "signed"];

/** Statuses with a convention. */
export const SIGNED_PARTNERSHIP_STATUSES: readonly PartnershipStatus[] = ["signed", "active", "closed"];

/** Days given for the next step once a status is reached (the counsellor may set another date). */
export const NEXT_STEP_DAYS: Partial<Record<PartnershipStatus, number>> = {
  requested: 5,
  contacted: 14,
  meeting_held: 21,
  documents_received: 14,
};

/** The moves a page may offer this role from a status, in the table's order. */
export const partnershipActionsFor = (status: PartnershipStatus, roles: LifecycleRole | readonly LifecycleRole[]) =>
  movesFrom(partnershipLifecycle, status, roles).map((move) => move.action);
