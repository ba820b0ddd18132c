// A training's outcome: a candidate admitted to a training (the `hired` step of a
// formation offer's application) completes it, drops out, or is certified; a
// completion may be certified later, when the certificate comes. Not stored as a
// status: no outcome row means "admitted". training.server.ts beside it is the
// only code that writes an outcome.
import { TRAINING_OUTCOMES, type TrainingOutcome } from "../../../db/enums";
import { type LifecycleRole, lifecycle, movesFrom } from "./lifecycle";

export const TRAINING_STATUSES = ["admitted", ...TRAINING_OUTCOMES] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

/** The longest certificate name kept (a diploma's full title). */
export const CERTIFICATE_MAX = 200;

/** Staff, or a member of the organisation that trained (`owner`). */
const RECORDERS = ["counsellor", "admin", "owner"] as const;

export const trainingLifecycle = lifecycle({
  entity: "training",
  statuses: TRAINING_STATUSES,
  moves: [
    {
      action: "completed",
      from: ["admitted"],
      to: "completed",
      by: RECORDERS,
      guard: "a formation placement; a day between the start and today",
      audit: "training.completed",
      notify: "training.completed",
    },
    {
      action: "dropped_out",
      from: ["admitted"],
      to: "dropped_out",
      by: RECORDERS,
      guard: "a formation placement; a day between the start and today",
      audit: "training.dropped_out",
    },
    // The certificate may come with the completion or later.
    {
      action: "certified",
      from: ["admitted", "completed"],
      to: "certified",
      by: RECORDERS,
      guard: "a formation placement; a day between the start and today; the certificate's name",
      audit: "training.certified",
      notify: "training.certified",
    },
  ],
});

export type TrainingAction = (typeof trainingLifecycle.moves)[number]["action"];

export const trainingStatus = (outcome: { outcome: TrainingOutcome } | null | undefined): TrainingStatus =>
  outcome?.outcome ?? "admitted";

/** The outcomes a page may offer this role from the training's status. */
export const trainingActionsFor = (status: TrainingStatus, roles: LifecycleRole | readonly LifecycleRole[]) =>
  movesFrom(trainingLifecycle, status, roles).map((move) => move.action);

/** The status key a page names (`common:applicationStatus.*`): a hire on a training offer is an admission. */
export const applicationStatusKey = (status: string, offerType: string | null | undefined) =>
  status === "hired" && offerType === "formation" ? "admitted" : status;
