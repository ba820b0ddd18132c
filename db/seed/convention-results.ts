// What the conventions produced: offers linked to their commitments, applications,
// hires and placements (followed up as any other), one training with its outcomes
// and the skills it verified. The demo employer's apprenticeship is half filled,
// its first apprentice still at work at the one-month follow-up.
import type { Trade } from "../../app/utils/reference";
import { type AppPlan, insertApplications, planApplication } from "./applications";
import { audit, type Candidate, type Ctx, type Staff } from "./context";
import { CERTIFICATES, insertOffers, makeOffer, type OfferPlan } from "./offers";
import type { Commitment, SeededConvention } from "./partnerships";
import { insertPlacement } from "./placements";
import { addMonths, DAY, isoDate } from "./random";

type Outcome = "hired" | "submitted" | "shortlisted" | "rejected";

/** Hands out each candidate once, of the trade or the audience when there are some. */
class Applicants {
  private readonly used = new Set<number>();
  constructor(
    private readonly candidates: Candidate[],
    private readonly returnees: Set<number>,
  ) {}

  next(ctx: Ctx, trade: Trade, before: number, returnee = false): Candidate | null {
    const free = this.candidates.filter((c) => !this.used.has(c.id) && c.createdAt < before);
    const fits = free.filter((c) => (returnee ? this.returnees.has(c.id) : c.trades.includes(trade)));
    const list = fits.length > 0 ? fits : free;
    if (list.length === 0) return null;
    const pick = ctx.rng.pick(list);
    this.used.add(pick.id);
    return pick;
  }

  take(candidate: Candidate) {
    this.used.add(candidate.id);
  }
}

function linkedOffer(
  ctx: Ctx,
  conv: SeededConvention,
  c: Commitment,
  spec: { status: "published" | "closed"; publishedDaysAgo: number; positions: number },
): OfferPlan {
  const offer = makeOffer(ctx, conv.plan.org, { ...spec, type: c.offerType, trade: c.trade });
  offer.durationMonths = c.durationMonths;
  if (offer.type === "formation") {
    offer.certificate = CERTIFICATES[1]!;
    offer.endDate = addMonths(offer.startDate, c.durationMonths);
  }
  insertOffers(ctx, [offer]);
  ctx.sql.prepare("UPDATE offers SET convention_id = ?, commitment_key = ? WHERE id = ?").run(conv.id, c.key, offer.id);
  return offer;
}

type Wanted = { outcome: Outcome; from: number; to: number; candidate?: Candidate };

/** Applications within [from, to] days ago; returns them once inserted, hires placed. */
function applyAndHire(
  ctx: Ctx,
  staff: Staff,
  offer: OfferPlan,
  applicants: Applicants,
  wanted: Wanted[],
  returnee = false,
): { app: AppPlan; placementId: number | null }[] {
  const apps: AppPlan[] = [];
  for (const w of wanted) {
    const start = ctx.now - w.from * DAY;
    const candidate = w.candidate ?? applicants.next(ctx, offer.trade, start, returnee);
    if (!candidate) continue;
    apps.push(planApplication(ctx, staff, offer, candidate, w.outcome, start, ctx.now - w.to * DAY));
  }
  insertApplications(ctx, apps);
  return apps.map((app) => {
    if (app.status !== "hired") return { app, placementId: null };
    const hire = app.events[app.events.length - 1]!;
    insertPlacement(ctx, {
      candidateId: app.candidate.id,
      orgId: offer.org.id,
      employerName: null,
      offerId: offer.id,
      applicationId: app.id,
      type: offer.type,
      contract: offer.contract,
      startDate: isoDate(Math.min(hire.at + ctx.rng.between(2, 6) * DAY, ctx.now)),
      payAmount: offer.payAmount,
      recordedBy: hire.actorId,
      createdAt: hire.at,
      counsellorId: app.candidate.counsellorId ?? staff.demoCounsellorId,
    });
    const placementId = ctx.sql.prepare("SELECT id FROM placements WHERE application_id = ?").pluck().get(app.id);
    return { app, placementId: placementId as number };
  });
}

const hired = (n: number, from: number, to: number): Wanted[] =>
  Array.from({ length: n }, () => ({ outcome: "hired", from, to }));

/** The demo employer's apprentices: one started about 45 days ago and was found at work at one month. */
function demoApprenticeship(ctx: Ctx, staff: Staff, conv: SeededConvention, applicants: Applicants) {
  const offer = linkedOffer(ctx, conv, conv.commitments[0]!, {
    status: "published",
    publishedDaysAgo: 55,
    positions: 4,
  });
  const results = applyAndHire(ctx, staff, offer, applicants, [
    { outcome: "hired", from: 54, to: 49 },
    { outcome: "hired", from: 16, to: 10 },
    { outcome: "shortlisted", from: 8, to: 2 },
    { outcome: "submitted", from: 3, to: 1 },
  ]);
  const first = results[0]?.placementId;
  if (!first) return;
  const sql = ctx.sql;
  sql.prepare("UPDATE placements SET ended_at = NULL, end_reason = NULL, end_note = NULL WHERE id = ?").run(first);
  const due = sql
    .prepare("SELECT due_date FROM placement_followups WHERE placement_id = ? AND months_after = 1")
    .pluck()
    .get(first) as string;
  sql
    .prepare(
      `UPDATE placement_followups SET done_at = ?, still_employed = 1, recorded_by = ?,
         note = 'Toujours en apprentissage ; le patron est content de son travail.'
       WHERE placement_id = ? AND months_after = 1`,
    )
    .run(Math.round(Date.parse(`${due}T10:00:00Z`)), staff.demoCounsellorId, first);
  sql
    .prepare(
      `UPDATE placement_followups SET done_at = NULL, still_employed = NULL, recorded_by = NULL, note = NULL
       WHERE placement_id = ? AND months_after > 1`,
    )
    .run(first);
}

/** Train then hire: five trainees admitted, their outcomes, then the two certified hired. */
function trainThenHire(ctx: Ctx, staff: Staff, conv: SeededConvention, applicants: Applicants) {
  const [training, jobs, apprenticeships] = conv.commitments as [Commitment, Commitment, Commitment];
  const offer = linkedOffer(ctx, conv, training, { status: "closed", publishedDaysAgo: 245, positions: 6 });
  const trainees = applyAndHire(ctx, staff, offer, applicants, [
    ...hired(5, 244, 238),
    { outcome: "rejected", from: 244, to: 239 },
  ]).filter((r) => r.placementId !== null);
  const outcomes = ["certified", "certified", "completed", "completed", "dropped_out"] as const;
  const succeeded: Candidate[] = [];
  trainees.forEach(({ app, placementId }, i) => {
    const outcome = outcomes[i]!;
    ctx.sql.prepare("DELETE FROM placement_followups WHERE placement_id = ?").run(placementId);
    const start = ctx.sql.prepare("SELECT start_date FROM placements WHERE id = ?").pluck().get(placementId) as string;
    const recordedOn = outcome === "dropped_out" ? isoDate(Date.parse(start) + 24 * DAY) : addMonths(start, 3);
    const certificate = outcome === "certified" ? offer.certificate : null;
    const at = Date.parse(`${recordedOn}T16:00:00Z`);
    if (outcome === "dropped_out") {
      ctx.sql
        .prepare("UPDATE placements SET ended_at = ?, end_reason = 'other', end_note = ? WHERE id = ?")
        .run(recordedOn, "A quitté la formation pour aider sa famille aux champs.", placementId);
    }
    ctx.sql
      .prepare(
        "INSERT INTO training_outcomes (placement_id, outcome, certificate, recorded_on, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(placementId, outcome, certificate, recordedOn, staff.demoCounsellorId, at);
    if (outcome !== "dropped_out") {
      succeeded.push(app.candidate);
      ctx.sql
        .prepare(
          `INSERT INTO verified_skills (candidate_id, skill, certificate, provider, placement_id, verified_on,
             verified_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          app.candidate.id,
          offer.trade,
          certificate,
          offer.provider,
          placementId,
          recordedOn,
          staff.demoCounsellorId,
          at,
        );
    }
    audit(ctx, {
      actorId: staff.demoCounsellorId,
      action: `training.${outcome}`,
      subjectType: "placement",
      subjectId: placementId!,
      detail: { candidateId: app.candidate.id, from: "admitted", recordedOn },
      at,
    });
  });

  // The jobs promised to those who completed: the two certified are hired, a third still waits.
  const jobOffer = linkedOffer(ctx, conv, jobs, { status: "published", publishedDaysAgo: 120, positions: 4 });
  applyAndHire(ctx, staff, jobOffer, applicants, [
    ...succeeded.slice(0, 2).map((candidate) => ({ outcome: "hired" as const, from: 118, to: 100, candidate })),
    ...succeeded.slice(2, 3).map((candidate) => ({ outcome: "shortlisted" as const, from: 110, to: 20, candidate })),
  ]);
  const apprenticeOffer = linkedOffer(ctx, conv, apprenticeships, {
    status: "published",
    publishedDaysAgo: 20,
    positions: 3,
  });
  applyAndHire(ctx, staff, apprenticeOffer, applicants, [
    { outcome: "submitted", from: 18, to: 1 },
    { outcome: "submitted", from: 12, to: 1 },
  ]);
}

export function createConventionResults(
  ctx: Ctx,
  staff: Staff,
  conventions: SeededConvention[],
  candidates: Candidate[],
) {
  const returnees = new Set(
    ctx.sql
      .prepare("SELECT user_id FROM candidate_profiles WHERE migrant_status = 'returnee'")
      .pluck()
      .all() as number[],
  );
  const applicants = new Applicants(candidates, returnees);
  for (const conv of conventions) {
    const kind = conv.plan.programme;
    const status = conv.plan.steps[conv.plan.steps.length - 1]![0];
    if (status === "signed") continue;
    if (conv.plan.org.isDemo) demoApprenticeship(ctx, staff, conv, applicants);
    else if (conv.commitments.length === 3) trainThenHire(ctx, staff, conv, applicants);
    else if (status === "closed") {
      const offer = linkedOffer(ctx, conv, conv.commitments[0]!, {
        status: "closed",
        publishedDaysAgo: 420,
        positions: 3,
      });
      applyAndHire(ctx, staff, offer, applicants, [...hired(3, 419, 412), { outcome: "rejected", from: 419, to: 413 }]);
    } else if (kind === 1) {
      const offer = linkedOffer(ctx, conv, conv.commitments[0]!, {
        status: "published",
        publishedDaysAgo: 44,
        positions: 5,
      });
      applyAndHire(
        ctx,
        staff,
        offer,
        applicants,
        [...hired(2, 43, 38), { outcome: "submitted", from: 10, to: 1 }],
        true,
      );
    }
  }
}
