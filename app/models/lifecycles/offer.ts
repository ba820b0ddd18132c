// The offer's lifecycle: every status move of an offer, who may make it, the
// rule checked first, the audit action and the notification to its
// organisation. offer.server.ts beside it is the only code that writes them;
// the employer's pages ask it which buttons to show.
import { OFFER_STATUSES, type OfferStatus } from "../../../db/enums";
import { canMove, lifecycle } from "./lifecycle";

/** Moves that write no audit row, as before: chores over many offers, and a hire's own row tells the fill. */
export const NO_AUDIT = "";

const ALL: readonly OfferStatus[] = OFFER_STATUSES;
const MODERATORS = ["counsellor", "admin"] as const;

export const offerLifecycle = lifecycle({
  entity: "offer",
  statuses: OFFER_STATUSES,
  moves: [
    // The employer saves the offer (saveOffer). A rejected offer always goes back to a
    // counsellor (flag `resubmitted`), so it is never published straight away.
    {
      action: "saveDraft",
      from: ["draft", "pending", "rejected"],
      to: "draft",
      by: ["owner"],
      guard: "notReported",
      audit: "offer.updated",
    },
    // Submitted with no risk flag; a published offer edited stays published.
    {
      action: "submit",
      from: ["draft", "pending", "published"],
      to: "published",
      by: ["owner"],
      guard: "publishable",
      audit: "offer.updated",
    },
    // Submitted with a risk flag (or resubmitted): held for a counsellor.
    {
      action: "submitForReview",
      from: ["draft", "pending", "published", "rejected"],
      to: "pending",
      by: ["owner"],
      guard: "publishable",
      audit: "offer.updated",
    },
    // The employer ends it; its open applications close too (endOffer).
    {
      action: "close",
      from: ["draft", "pending", "published"],
      to: "closed",
      by: ["owner"],
      guard: "applicantsNotWithheld",
      audit: "offer.closed",
    },
    // Only a published offer can have been filled: a draft or a held offer was never seen by anyone.
    {
      action: "fill",
      from: ["published"],
      to: "filled",
      by: ["owner"],
      guard: "applicantsNotWithheld",
      audit: "offer.filled",
    },
    // The last hire fills it (moveApplication). Closing or filling closed every open application before.
    {
      action: "fillByHire",
      from: ["draft", "pending", "published", "expired", "rejected"],
      to: "filled",
      by: ["owner"],
      audit: NO_AUDIT,
    },
    // Only by undoing the hire that filled it (the application's write path): open again for applications.
    {
      action: "reopenAfterUndoneHire",
      from: ["filled"],
      to: "published",
      by: ["owner"],
      guard: "positionLeft",
      audit: NO_AUDIT,
    },
    // The daily chore, once the closing date has passed.
    { action: "expire", from: ["published", "pending"], to: "expired", by: ["system"], audit: NO_AUDIT },
    // reportOffer, once open reports come from enough reporters: out of search until a counsellor decides.
    {
      action: "suspendByReports",
      from: ["published"],
      to: "pending",
      by: ["system"],
      audit: "offer.suspended_by_reports",
      notify: "moderation.offer.reported",
    },
    // A counsellor's decision on a held offer (decideOffer).
    {
      action: "publish",
      from: ["pending"],
      to: "published",
      by: MODERATORS,
      guard: "orgVerified",
      audit: "offer.published",
      notify: "moderation.offer.published",
    },
    {
      action: "reject",
      from: ["pending"],
      to: "rejected",
      by: MODERATORS,
      audit: "offer.rejected",
      notify: "moderation.offer.rejected",
    },
    // A counsellor's answer to the open reports (decideReports). Dismissed, they put back online an
    // offer they had taken down; upheld, the offer is taken down whatever its status.
    {
      action: "republish",
      from: ["pending"],
      to: "published",
      by: MODERATORS,
      guard: "suspendedByReports",
      audit: "report.dismissed",
      notify: "moderation.offer.republished",
    },
    {
      action: "upholdReports",
      from: ALL,
      to: "rejected",
      by: MODERATORS,
      audit: "report.upheld",
      notify: "moderation.offer.suspended",
    },
  ],
});

export type OfferAction = (typeof offerLifecycle.moves)[number]["action"];

/** The flags a counsellor's publication answers: a new report or resubmission starts again. */
export const withoutAnsweredFlags = (flags: string[]) =>
  flags.filter((flag) => flag !== "reported" && flag !== "resubmitted");

/** Reports took it down (suspendByReports): a counsellor had published it before. */
export const isSuspendedByReports = (status: string, flags: string[]) =>
  status === "pending" && flags.includes("reported");

const OWNER_SAVES = ["saveDraft", "submit", "submitForReview"] as const;

/** Whether the employer may still edit an offer in this status (reports aside: see the `notReported` guard). */
export const isEditable = (status: OfferStatus) =>
  OWNER_SAVES.some((action) => canMove(offerLifecycle, action, status, "owner"));

/** The buttons an offer's page shows its organisation (besides duplicating, always offered). */
export const offerActionsFor = (status: OfferStatus) =>
  (["close", "fill"] as const).filter((action) => canMove(offerLifecycle, action, status, "owner"));
