// An application's lifecycle: the employer moves it along the pipeline, the
// candidate may withdraw it, and filling the offer closes the ones left open.
import { APPLICATION_STATUSES, type ApplicationStatus, OPEN_APPLICATION_STATUSES } from "../../../db/enums";
import { canMove, lifecycle, movesFrom } from "./lifecycle";

/** An application still `submitted` after more than this many days is shown as waiting for an answer. */
export const WAITING_DAYS = 14;
/** A hire may be undone by its employer for this long (a mistaken click, the wrong person). */
export const UNDO_HIRE_HOURS = 48;

export const PIPELINE_ORDER: ApplicationStatus[] = [...OPEN_APPLICATION_STATUSES, "hired"];

/**
 * Every change of status is a row of the application's own history (application_events, the
 * timeline both sides see); a hire, its undoing and the answers to a job offer are also audited.
 */
export const HISTORY_ONLY = "application_events";

const OPEN = OPEN_APPLICATION_STATUSES;

/**
 * The employer's moves are named by the status they lead to (what the page
 * posts). Forward along the pipeline, steps may be skipped (a workshop may hire
 * straight after meeting someone), but nobody is hired unseen: hiring needs an
 * interview or an offer first. Reject from any open status. Nothing moves from
 * a final status.
 */
export const applicationLifecycle = lifecycle({
  entity: "application",
  statuses: APPLICATION_STATUSES,
  moves: [
    {
      action: "shortlisted",
      from: ["submitted"],
      to: "shortlisted",
      by: ["employer"],
      audit: HISTORY_ONLY,
      notify: "application.shortlisted",
    },
    {
      action: "interview",
      from: ["submitted", "shortlisted"],
      to: "interview",
      by: ["employer"],
      guard: "an interview date is given",
      audit: HISTORY_ONLY,
      notify: "application.interview",
    },
    {
      action: "offered",
      from: ["submitted", "shortlisted", "interview"],
      to: "offered",
      by: ["employer"],
      audit: HISTORY_ONLY,
      notify: "application.offered",
    },
    {
      action: "hired",
      from: ["interview", "offered"],
      to: "hired",
      by: ["employer"],
      guard: "the offer has a position left; from offered, the candidate accepted",
      audit: "application.hired",
      notify: "application.hired",
    },
    // The candidate answers a job offer, or their counsellor for them (no smartphone). The employer is told.
    // A declined offer closes the application as a withdrawal: the candidate ended it, not the employer.
    {
      action: "accept_offer",
      from: ["offered"],
      to: "offered",
      by: ["candidate", "counsellor"],
      guard: "not answered yet",
      audit: "application.offer_accepted",
      notify: "application.offerAccepted",
    },
    {
      action: "decline_offer",
      from: ["offered"],
      to: "withdrawn",
      by: ["candidate", "counsellor"],
      guard: "not answered yet; a coded reason",
      audit: "application.offer_declined",
      notify: "application.offerDeclined",
    },
    // A hire made by mistake, undone by the employer within UNDO_HIRE_HOURS: back to the status before it.
    ...(["interview", "offered"] as const).map((to) => ({
      action: `undo_hire_to_${to}` as const,
      from: ["hired" as const],
      to,
      by: ["employer" as const],
      guard: "within 48 hours of the hire, back to the status it came from",
      audit: "application.hire_undone",
      notify: "application.hireUndone",
    })),
    {
      action: "rejected",
      from: OPEN,
      to: "rejected",
      by: ["employer"],
      guard: "a refusal reason is given",
      audit: HISTORY_ONLY,
      notify: "application.rejected",
    },
    { action: "withdrawn", from: OPEN, to: "withdrawn", by: ["candidate"], audit: HISTORY_ONLY },
    // Deleting an account (by the person, an admin, or the inactivity chore) withdraws what is still open.
    {
      action: "withdrawn_with_account",
      from: OPEN,
      to: "withdrawn",
      by: ["candidate", "admin", "system"],
      audit: HISTORY_ONLY,
    },
    // The offer was closed or filled: the applications left open are refused with this reason
    // (a consequence, not a choice: their history names whoever closed the offer).
    {
      action: "position_filled",
      from: OPEN,
      to: "rejected",
      by: ["system"],
      audit: HISTORY_ONLY,
      notify: "application.positionFilled",
    },
    // The undone hire had filled the offer: the applications the fill closed go back to where they were.
    ...OPEN.map((to) => ({
      action: `reopened_to_${to}` as const,
      from: ["rejected" as const],
      to,
      by: ["system" as const],
      audit: HISTORY_ONLY,
      notify: "application.reopened",
    })),
  ],
});

export type ApplicationAction = (typeof applicationLifecycle.moves)[number]["action"];
/** The moves made on every open application of an offer or of a person at once, by their own functions. */
export const BULK_ACTIONS = [
  "position_filled",
  "withdrawn_with_account",
  ...OPEN.map((to) => `reopened_to_${to}` as const),
] as const satisfies readonly ApplicationAction[];
export type BulkApplicationAction = (typeof BULK_ACTIONS)[number];
export type EmployerMove = "shortlisted" | "interview" | "offered" | "hired" | "rejected";

const EMPLOYER_MOVES: readonly string[] = [
  "shortlisted",
  "interview",
  "offered",
  "hired",
  "rejected",
] satisfies EmployerMove[];

export const isOpen = (status: ApplicationStatus) => (OPEN as readonly ApplicationStatus[]).includes(status);

/** The moves an employer may offer on an application's page, in pipeline order. */
export const employerMoves = (from: ApplicationStatus) =>
  movesFrom(applicationLifecycle, from, "employer")
    .map((move) => move.action)
    .filter((action): action is EmployerMove => EMPLOYER_MOVES.includes(action));

export const OFFER_ANSWER_ACTIONS = ["accept_offer", "decline_offer"] as const satisfies readonly ApplicationAction[];
export type OfferAnswerAction = (typeof OFFER_ANSWER_ACTIONS)[number];

/** Whether the candidate (or their counsellor) may still answer this job offer. */
export const canAnswerOffer = (application: { status: ApplicationStatus; offerAnswer: string | null }) =>
  application.offerAnswer === null && canMove(applicationLifecycle, "accept_offer", application.status, "candidate");

/** A job offer waits for the candidate's answer: the hire from it is not offered yet. */
export const awaitsOfferAnswer = (application: { status: ApplicationStatus; offerAnswer: string | null }) =>
  application.status === "offered" && application.offerAnswer !== "accepted";

/** The hire can still be undone: within UNDO_HIRE_HOURS of it. */
export const canUndoHire = (status: ApplicationStatus, hiredAt: Date | null, now = new Date()) =>
  status === "hired" && hiredAt !== null && now.getTime() - hiredAt.getTime() < UNDO_HIRE_HOURS * 3600_000;

export const canWithdraw = (from: ApplicationStatus) => canMove(applicationLifecycle, "withdrawn", from, "candidate");
