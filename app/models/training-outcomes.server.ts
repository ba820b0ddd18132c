// What the pages read of trainings (a formation placement and its outcome) and
// of verified skills, and the one form handler the employer's and counsellor's
// pages share; the writing is lifecycles/training.server.ts.
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { PRINTABLE } from "~/schemas/fields";
import type { Db } from "~/utils/db.server";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { formValues, parseForm } from "~/utils/forms";
import { placements, TRAINING_OUTCOMES, type TrainingOutcome, trainingOutcomes, verifiedSkills } from "../../db/schema";
import type { LifecycleRole } from "./lifecycles/lifecycle";
import { CERTIFICATE_MAX, type TrainingStatus, trainingActionsFor, trainingStatus } from "./lifecycles/training";
import { recordTrainingOutcome, type TrainingActor } from "./lifecycles/training.server";

/** The `intent` the training outcome form posts. */
export const TRAINING_INTENT = "trainingOutcome";

export type TrainingView = {
  placementId: number;
  startDate: string;
  status: TrainingStatus;
  certificate: string | null;
  recordedOn: string | null;
  /** The outcomes this reader may record now. */
  actions: TrainingOutcome[];
};

const trainingColumns = {
  placementId: placements.id,
  startDate: placements.startDate,
  outcome: trainingOutcomes.outcome,
  certificate: trainingOutcomes.certificate,
  recordedOn: trainingOutcomes.recordedOn,
};

function viewOf(
  row: { placementId: number; startDate: string; outcome: TrainingOutcome | null } & {
    certificate: string | null;
    recordedOn: string | null;
  },
  roles: LifecycleRole | readonly LifecycleRole[],
): TrainingView {
  const status = trainingStatus(row.outcome ? { outcome: row.outcome } : null);
  return { ...row, status, actions: trainingActionsFor(status, roles) };
}

/** The training an application led to (a hire on a formation offer), as its trainer sees it. */
export function trainingOfApplication(db: Db, applicationId: number, roles: LifecycleRole | readonly LifecycleRole[]) {
  const row = db
    .select(trainingColumns)
    .from(placements)
    .leftJoin(trainingOutcomes, eq(trainingOutcomes.placementId, placements.id))
    .where(and(eq(placements.applicationId, applicationId), eq(placements.type, "formation")))
    .get();
  return row ? viewOf(row, roles) : null;
}

/** The trainings among these placements, by placement id (the counsellor's list). */
export function trainingsOf(db: Db, placementIds: number[], roles: LifecycleRole | readonly LifecycleRole[]) {
  if (placementIds.length === 0) return new Map<number, TrainingView>();
  const rows = db
    .select(trainingColumns)
    .from(placements)
    .leftJoin(trainingOutcomes, eq(trainingOutcomes.placementId, placements.id))
    .where(and(inArray(placements.id, placementIds), eq(placements.type, "formation")))
    .all();
  return new Map(rows.map((row) => [row.placementId, viewOf(row, roles)]));
}

export type VerifiedSkillView = {
  skill: string;
  certificate: string | null;
  provider: string | null;
  verifiedOn: string;
};

/** A candidate's verified skills, oldest first. */
export function verifiedSkillsOf(db: Db, candidateId: number): VerifiedSkillView[] {
  return db
    .select({
      skill: verifiedSkills.skill,
      certificate: verifiedSkills.certificate,
      provider: verifiedSkills.provider,
      verifiedOn: verifiedSkills.verifiedOn,
    })
    .from(verifiedSkills)
    .where(eq(verifiedSkills.candidateId, candidateId))
    .orderBy(asc(verifiedSkills.verifiedOn), asc(verifiedSkills.id))
    .all();
}

const outcomeSchema = z.object({
  outcome: z.enum(TRAINING_OUTCOMES, { error: "training:errors.outcomeRequired" }),
  certificate: z
    .string({ error: "validation.invalid" })
    .trim()
    .max(CERTIFICATE_MAX, { error: "training:errors.certificateTooLong" })
    .regex(PRINTABLE, { error: "validation.invalidCharacters" })
    .optional(),
  recordedOn: z
    .string({ error: "training:errors.dateInvalid" })
    .trim()
    .regex(/^(?:|\d{4}-\d{2}-\d{2})$/, { error: "training:errors.dateInvalid" })
    .optional(),
});

// Where each refusal of the write path is shown on the form.
const REFUSAL_FIELDS: Record<string, [field: string, key: string]> = {
  certificate_required: ["certificate", "training:errors.certificateRequired"],
  certificate_too_long: ["certificate", "training:errors.certificateTooLong"],
  invalid_date: ["recordedOn", "training:errors.dateInvalid"],
  date_in_future: ["recordedOn", "training:errors.dateInFuture"],
  date_before_start: ["recordedOn", "training:errors.dateBeforeStart"],
};

export type TrainingFormResult =
  | { ok: true; outcome: TrainingOutcome }
  | { ok: false; status: 400 | 404 | 409; fieldErrors: FieldErrors; values: FormValues; formError?: string };

/** Reads the training outcome form and records it; 404 for a placement this actor may not see. */
export function submitTrainingOutcome(
  db: Db,
  formData: FormData,
  { placementId, actor, ip }: { placementId: number; actor: TrainingActor; ip?: string },
): TrainingFormResult {
  const form = parseForm(outcomeSchema, formData);
  if (!form.ok) return { ok: false, status: 400, fieldErrors: form.fieldErrors, values: form.values };
  const values = formValues(formData);
  const result = db.transaction((tx) =>
    recordTrainingOutcome(tx, {
      placementId,
      outcome: form.data.outcome,
      certificate: form.data.certificate,
      recordedOn: form.data.recordedOn || undefined,
      actor,
      ip,
    }),
  );
  if (result.ok) return { ok: true, outcome: form.data.outcome };
  if (result.reason === "notFound" || result.reason === "not_training")
    return { ok: false, status: 404, fieldErrors: {}, values };
  const field = REFUSAL_FIELDS[result.reason];
  if (field) return { ok: false, status: 400, fieldErrors: { [field[0]]: field[1] }, values };
  return { ok: false, status: 409, fieldErrors: {}, values, formError: "training:errors.notAllowed" };
}
