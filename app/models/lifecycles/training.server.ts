// The one write path of a training's outcome: checked against the table of
// training.ts, it writes the outcome, the verified skill a completion earns,
// the audit line, and tells the candidate.
import { eq, inArray } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { notifyCandidate } from "~/models/messages.server";
import { isOrgMember } from "~/models/organisations.server";
import { isCalendarDate, isoToday } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import {
  offers,
  organisations,
  placements,
  type TrainingOutcome,
  trainingOutcomes,
  verifiedSkills,
} from "../../../db/schema";
import { findMove, type LifecycleRole, type MoveResult } from "./lifecycle";
import { CERTIFICATE_MAX, type TrainingStatus, trainingLifecycle, trainingStatus } from "./training";

/** Who acts, as the page has checked the role; `employer` becomes `owner` when a member of the training's organisation. */
export type TrainingActor = { userId: number; roles: readonly LifecycleRole[] };

export type TrainingOutcomeInput = {
  placementId: number;
  outcome: TrainingOutcome;
  certificate?: string | null;
  /** The day it ended (today by default): never in the future nor before the training started. */
  recordedOn?: string;
  actor: TrainingActor;
  now?: Date;
  ip?: string;
};

export type TrainingRefusal =
  | "notFound"
  | "notAllowed"
  | "not_training"
  | "already_recorded"
  | "certificate_required"
  | "certificate_too_long"
  | "invalid_date"
  | "date_in_future"
  | "date_before_start";

export function recordTrainingOutcome(
  tx: Db | Tx,
  { placementId, outcome, certificate, recordedOn, actor, now = new Date(), ip }: TrainingOutcomeInput,
): MoveResult<TrainingStatus> | { ok: false; reason: TrainingRefusal } {
  const placement = tx
    .select({
      id: placements.id,
      candidateId: placements.candidateId,
      orgId: placements.orgId,
      employerName: placements.employerName,
      type: placements.type,
      startDate: placements.startDate,
      offerTitle: offers.title,
      trade: offers.trade,
      provider: offers.provider,
      orgName: organisations.name,
    })
    .from(placements)
    .leftJoin(offers, eq(offers.id, placements.offerId))
    .leftJoin(organisations, eq(organisations.id, placements.orgId))
    .where(eq(placements.id, placementId))
    .get();
  if (!placement) return { ok: false, reason: "notFound" };
  const owner =
    actor.roles.includes("employer") && placement.orgId !== null && isOrgMember(tx, actor.userId, placement.orgId);
  const roles: LifecycleRole[] = [
    ...actor.roles.filter((role) => role !== "employer"),
    ...(owner ? ["owner" as const] : []),
  ];
  // Another organisation's trainee is not theirs to see: as unknown as a missing one.
  if (roles.length === 0) return { ok: false, reason: "notFound" };
  if (placement.type !== "formation") return { ok: false, reason: "not_training" };

  const current = tx.select().from(trainingOutcomes).where(eq(trainingOutcomes.placementId, placementId)).get();
  const from = trainingStatus(current);
  const move = findMove(trainingLifecycle, outcome, from, roles);
  if (!move) return { ok: false, reason: from === outcome ? "already_recorded" : "notAllowed" };

  const certificateName = certificate?.trim() || null;
  if (outcome === "certified" && !certificateName) return { ok: false, reason: "certificate_required" };
  if ((certificateName?.length ?? 0) > CERTIFICATE_MAX) return { ok: false, reason: "certificate_too_long" };
  const day = recordedOn || isoToday(now);
  if (!isCalendarDate(day)) return { ok: false, reason: "invalid_date" };
  if (day > isoToday(now)) return { ok: false, reason: "date_in_future" };
  if (day < placement.startDate) return { ok: false, reason: "date_before_start" };

  const kept = outcome === "dropped_out" ? null : certificateName;
  tx.insert(trainingOutcomes)
    .values({ placementId, outcome, certificate: kept, recordedOn: day, recordedBy: actor.userId, createdAt: now })
    .onConflictDoUpdate({
      target: trainingOutcomes.placementId,
      set: { outcome, certificate: kept, recordedOn: day, recordedBy: actor.userId, updatedAt: now },
    })
    .run();
  if (outcome !== "dropped_out") {
    // The trade the training taught (shown as its label in the reader's language), else the training's name.
    const skill = placement.trade ?? placement.offerTitle ?? certificateName ?? placement.employerName ?? "formation";
    const provider = placement.provider ?? placement.orgName ?? placement.employerName;
    tx.insert(verifiedSkills)
      .values({
        candidateId: placement.candidateId,
        skill,
        certificate: kept,
        provider,
        placementId,
        verifiedOn: day,
        verifiedBy: actor.userId,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: verifiedSkills.placementId,
        set: { certificate: kept, verifiedOn: day, verifiedBy: actor.userId },
      })
      .run();
  }
  recordAudit(tx, {
    actorId: actor.userId,
    action: move.audit,
    subjectType: "placement",
    subjectId: placementId,
    detail: { candidateId: placement.candidateId, from, recordedOn: day },
    ip,
  });
  if (move.notify) {
    notifyCandidate(tx, placement.candidateId, {
      kind: move.notify,
      template: move.notify,
      payload: { offerTitle: placement.offerTitle ?? placement.orgName ?? placement.employerName ?? "" },
      link: "/candidat/profil",
      dedupeKey: `training:${placementId}:${outcome}`,
    });
  }
  return { ok: true, from, to: move.to };
}

/**
 * A deleted account's verified skills go with it; its training outcomes stay for the
 * completion rates, without the certificate's name (it says who they are).
 */
export function eraseTrainingDetailsOf(tx: Db | Tx, candidateId: number) {
  tx.delete(verifiedSkills).where(eq(verifiedSkills.candidateId, candidateId)).run();
  tx.update(trainingOutcomes)
    .set({ certificate: null })
    .where(
      inArray(
        trainingOutcomes.placementId,
        tx.select({ id: placements.id }).from(placements).where(eq(placements.candidateId, candidateId)),
      ),
    )
    .run();
}
