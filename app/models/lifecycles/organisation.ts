// The organisation's lifecycle: how its verification status moves, who may
// move it, the rule checked first, the audit action and the notification to
// its members. organisation.server.ts beside it is the only code that writes
// them; the pages ask it what a status means for the employer.
import { VERIFICATION_STATUSES, type VerificationStatus } from "../../../db/enums";
import { canMove, lifecycle, movesFrom } from "./lifecycle";

/** What a counsellor checks before the badge may vouch for it. */
export type Identity = { name: string; rccm: string | null; nif: string | null };
export const IDENTITY_FIELDS = ["name", "rccm", "nif"] as const;

const MODERATORS = ["counsellor", "admin"] as const;

export const organisationLifecycle = lifecycle({
  entity: "organisation",
  statuses: VERIFICATION_STATUSES,
  moves: [
    // A counsellor's decision on an employer organisation (decideOrganisation); a partner body
    // is vouched for by the platform from its creation, so it is never decided.
    {
      action: "verify",
      from: ["pending"],
      to: "verified",
      by: MODERATORS,
      guard: "employerOrganisation",
      audit: "organisation.verified",
      notify: "moderation.organisation.verified",
    },
    {
      action: "reject",
      from: ["pending"],
      to: "rejected",
      by: MODERATORS,
      guard: "employerWithReason",
      audit: "organisation.rejected",
      notify: "moderation.organisation.rejected",
    },
    {
      action: "suspend",
      from: ["pending", "verified"],
      to: "suspended",
      by: MODERATORS,
      guard: "employerWithReason",
      audit: "organisation.suspended",
      notify: "moderation.organisation.suspended",
    },
    // A member corrects the name, RCCM or NIF a counsellor refused (updateOrganisation): checked again.
    {
      action: "resubmit",
      from: ["rejected"],
      to: "pending",
      by: ["owner"],
      guard: "identityChanged",
      audit: "organisation.updated",
    },
  ],
});

export type OrganisationAction = (typeof organisationLifecycle.moves)[number]["action"];

/** Whether the counsellor's reason is shown to the members: the status was decided against them. */
export const showsDecisionReason = (status: VerificationStatus) =>
  organisationLifecycle.moves.some((move) => move.to === status && move.guard === "employerWithReason");

/** Whether saving a new name, RCCM or NIF sends the organisation back to a counsellor. */
export const identityChangeResubmits = (status: VerificationStatus) =>
  canMove(organisationLifecycle, "resubmit", status, "owner");

/** The decisions a counsellor may take on an organisation in this status, in the table's order. */
export const moderatorActionsFor = (status: VerificationStatus) =>
  movesFrom(organisationLifecycle, status, "counsellor").map((move) => move.action);
