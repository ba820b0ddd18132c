// Placements (one per hire, plus work found outside the portal) and their
// follow-ups at 1, 3 and 6 months: retention falls from about 80 % to 60 %.
import type { Contract, OfferType } from "../schema";
import type { AppPlan } from "./applications";
import { type Candidate, type Ctx, insert, type Org, type Staff } from "./context";
import { END_REASONS, FOLLOWUP_NOTES_EMPLOYED, FOLLOWUP_NOTES_LEFT, OUTSIDE_EMPLOYERS } from "./names";
import { payFor } from "./offers";
import { addMonths, DAY, dateMs, HOUR, isoDate, lowerBound } from "./random";

const RETENTION: Record<number, number> = { 1: 0.8, 3: 0.7, 6: 0.6 };

export interface Placement {
  candidateId: number;
  orgId: number | null;
  employerName: string | null;
  offerId: number | null;
  applicationId: number | null;
  type: OfferType;
  contract: Contract;
  startDate: string;
  payAmount: number | null;
  recordedBy: number | null;
  createdAt: number;
  /** Who follows the person up. */
  counsellorId: number;
}

export function insertPlacement(ctx: Ctx, p: Placement) {
  const { rng, now } = ctx;
  // One draw decides how long the person stays, so that follow-ups agree with each other.
  const stay = rng.next();
  let previousDue = dateMs(p.startDate);
  let endedAt: string | null = null;
  const followups = [1, 3, 6].map((months) => {
    const dueDate = addMonths(p.startDate, months);
    const due = dateMs(dueDate);
    const employed = stay < RETENTION[months]!;
    if (!employed && endedAt === null) endedAt = isoDate(previousDue + rng.next() * (due - previousDue));
    previousDue = due;
    const done = due < now && rng.chance(due < now - 30 * DAY ? 0.9 : 0.65);
    return {
      months_after: months,
      due_date: dueDate,
      done_at: done ? Math.round(Math.min(due + rng.between(0, 14) * DAY + 9 * HOUR, now - HOUR)) : null,
      still_employed: done ? employed : null,
      note: done && rng.chance(0.3) ? rng.pick(employed ? FOLLOWUP_NOTES_EMPLOYED : FOLLOWUP_NOTES_LEFT) : null,
      recorded_by: done ? p.counsellorId : null,
    };
  });
  // Only an end the counsellors have learnt of is recorded.
  const known = endedAt !== null && followups.some((f) => f.still_employed === false);
  const end = known ? rng.pick(END_REASONS) : null;
  const id = insert(ctx, "placements", {
    candidate_id: p.candidateId,
    org_id: p.orgId,
    employer_name: p.employerName,
    offer_id: p.offerId,
    application_id: p.applicationId,
    type: p.type,
    contract: p.contract,
    start_date: p.startDate,
    pay_amount: p.payAmount,
    recorded_by: p.recordedBy,
    ended_at: known ? endedAt : null,
    end_reason: end?.code ?? null,
    end_note: end?.note ?? null,
    created_at: Math.round(p.createdAt),
  });
  // As endPlacement does: the follow-ups due from the end on are closed, "no longer in work",
  // when the counsellor learnt of the end (the first follow-up that said so).
  if (known) {
    const learntAt = followups.find((f) => f.still_employed === false)!.done_at;
    for (const f of followups) {
      if (f.done_at === null && f.due_date >= endedAt!)
        Object.assign(f, { done_at: learntAt, still_employed: false, recorded_by: p.counsellorId });
    }
  }
  for (const f of followups) insert(ctx, "placement_followups", { placement_id: id, ...f });
}

const counsellorOf = (ctx: Ctx, staff: Staff, c: Candidate) => c.counsellorId ?? ctx.rng.pick(staff.counsellors).id;

/** Returns how many placements came from the portal and from outside it. */
export function createPlacements(ctx: Ctx, staff: Staff, apps: AppPlan[], orgs: Org[], candidates: Candidate[]) {
  const { rng, now } = ctx;
  let portal = 0;
  for (const app of apps) {
    if (app.status !== "hired") continue;
    const hire = app.events[app.events.length - 1]!;
    const offer = app.offer;
    insertPlacement(ctx, {
      candidateId: app.candidate.id,
      orgId: offer.org.id,
      employerName: null,
      offerId: offer.id,
      applicationId: app.id,
      type: offer.type,
      contract: offer.contract,
      startDate: isoDate(Math.min(hire.at + rng.between(3, 20) * DAY, now)),
      payAmount: offer.payAmount,
      recordedBy: hire.actorId,
      createdAt: hire.at,
      counsellorId: counsellorOf(ctx, staff, app.candidate),
    });
    portal++;
  }

  // Work found outside the portal, recorded by counsellors over the last 18 months.
  const employers = orgs.filter((o) => o.stage === "established");
  const times = candidates.map((c) => c.createdAt);
  const outside = Math.max(5, Math.round(portal * 0.3));
  for (let i = 0; i < outside; i++) {
    const start = now - rng.next() * 548 * DAY;
    const bound = lowerBound(times, start - 30 * DAY);
    if (bound === 0) continue;
    const candidate = candidates[rng.int(0, bound - 1)]!;
    const type = rng.weighted<OfferType>({ emploi: 70, apprentissage: 20, stage: 5, formation: 5 });
    const contract: Contract =
      type === "emploi" ? rng.weighted({ cdi: 20, cdd: 30, journalier: 35, saisonnier: 15 }) : type;
    const known = employers.length > 0 && rng.chance(0.4) ? rng.pick(employers) : null;
    const org = known && known.createdAt < start ? known : null;
    const counsellorId = counsellorOf(ctx, staff, candidate);
    insertPlacement(ctx, {
      candidateId: candidate.id,
      orgId: org?.id ?? null,
      employerName: org ? null : rng.pick(OUTSIDE_EMPLOYERS),
      offerId: null,
      applicationId: null,
      type,
      contract,
      startDate: isoDate(start),
      payAmount: payFor(ctx, contract, rng.int(0, 2)).amount,
      recordedBy: counsellorId,
      createdAt: Math.min(start + rng.between(0, 20) * DAY, now - HOUR),
      counsellorId,
    });
  }
  return { portal, outside };
}
