// Applications and their full event history, one per candidate and offer, with
// never more hires on an offer than its positions.
import { PIPELINE_ORDER } from "../../app/models/lifecycles/application";
import type { Trade } from "../../app/utils/reference";
import type { ApplicationStatus } from "../schema";
import { type Candidate, type Ctx, insert, type Staff } from "./context";
import { APPLICATION_MESSAGES, REFERRAL_MESSAGES, REJECTION_NOTES, WITHDRAWAL_NOTES } from "./names";
import { memberAt, type OfferPlan } from "./offers";
import { DAY, HOUR, isoDate, lowerBound } from "./random";

type RefusalReason = "profile_mismatch" | "position_filled" | "no_answer" | "other";

export interface AppEvent {
  actorId: number | null;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  note: string | null;
  at: number;
}

export interface AppPlan {
  offer: OfferPlan;
  candidate: Candidate;
  channel: "self" | "counsellor" | "phone";
  referredBy: number | null;
  message: string | null;
  status: ApplicationStatus;
  refusalReason: RefusalReason | null;
  interviewAt: string | null;
  interviewPlace: string | null;
  events: AppEvent[];
  id: number;
}

/** Candidates by registration time, trade and region, to pick plausible applicants. */
class CandidatePool {
  private readonly groups = new Map<string, { list: Candidate[]; times: number[] }>();

  constructor(candidates: Candidate[]) {
    for (const c of candidates) {
      for (const key of ["*", `r:${c.region}`, ...c.trades.map((t) => `t:${t}`)]) {
        let group = this.groups.get(key);
        if (!group) {
          group = { list: [], times: [] };
          this.groups.set(key, group);
        }
        group.list.push(c);
        group.times.push(c.createdAt);
      }
    }
  }

  /** Someone registered before `before`, often of the offer's trade or region. */
  pick(ctx: Ctx, trade: Trade, region: string, before: number): Candidate | null {
    const source = ctx.rng.weighted({ trade: 55, region: 20, any: 25 });
    for (const key of [source === "trade" ? `t:${trade}` : source === "region" ? `r:${region}` : "*", "*"]) {
      const group = this.groups.get(key);
      if (!group) continue;
      const bound = lowerBound(group.times, before);
      if (bound > 0) return group.list[ctx.rng.int(0, bound - 1)]!;
    }
    return null;
  }
}

type Outcome = ApplicationStatus | "auto";

/** The statuses an application went through to reach `outcome`. */
function path(ctx: Ctx, outcome: Outcome): ApplicationStatus[] {
  const { rng } = ctx;
  const depth = () => Number(rng.weighted({ "0": 55, "1": 25, "2": 14, "3": 6 }));
  if (outcome === "rejected" || outcome === "auto") return [...PIPELINE_ORDER.slice(0, depth() + 1), "rejected"];
  if (outcome === "withdrawn") return [...PIPELINE_ORDER.slice(0, depth() + 1), "withdrawn"];
  return PIPELINE_ORDER.slice(0, PIPELINE_ORDER.indexOf(outcome) + 1);
}

const OUTCOMES = {
  published: { submitted: 43, shortlisted: 18, interview: 10, offered: 4, hired: 0.4, rejected: 15, withdrawn: 8 },
  closed: { hired: 8, rejected: 45, withdrawn: 10, auto: 37 },
  filled: { rejected: 50, withdrawn: 10, auto: 40 },
} as const;

function interview(ctx: Ctx, offer: OfferPlan, at: number) {
  const day = isoDate(at + ctx.rng.int(1, 5) * DAY);
  const time = `${String(ctx.rng.int(8, 16)).padStart(2, "0")}:${ctx.rng.pick(["00", "30"])}`;
  const place = ctx.rng.pick([`Dans nos locaux, ${offer.commune}`, `Au siège de l'entreprise, ${offer.commune}`]);
  return { interviewAt: `${day}T${time}`, interviewPlace: place };
}

/** Builds one application: its channel, events and times between `start` and `end`. */
export function planApplication(
  ctx: Ctx,
  staff: Staff,
  offer: OfferPlan,
  candidate: Candidate,
  outcome: Outcome,
  start: number,
  end: number,
): AppPlan {
  const { rng } = ctx;
  const statuses = path(ctx, outcome);
  const channel = candidate.counsellorId
    ? rng.weighted({ self: 57, counsellor: 35, phone: 8 })
    : rng.weighted({ self: 89, counsellor: 6, phone: 5 });
  const referredBy = channel === "counsellor" ? (candidate.counsellorId ?? rng.pick(staff.counsellors).id) : null;
  const message =
    channel === "self" && rng.chance(0.3)
      ? rng.pick(APPLICATION_MESSAGES)[candidate.sex === "f" ? 1 : 0]
      : channel === "counsellor" && rng.chance(0.5)
        ? rng.pick(REFERRAL_MESSAGES)
        : null;

  // Times: a few days between steps, squeezed to fit before `end`; an automatic
  // closing happens when the offer closes.
  const autoAt = outcome === "auto" ? offer.closedAt! : null;
  const last = (autoAt ?? end) - HOUR;
  const gaps = statuses.slice(1).map(() => rng.between(0.3, 6) * DAY);
  const total = gaps.reduce((a, b) => a + b, 0);
  const scale = total > 0 ? Math.max(0, Math.min(1, ((last - start) * 0.95) / total)) : 1;
  const times = [start];
  for (const gap of gaps) times.push(times[times.length - 1]! + gap * scale);
  if (autoAt !== null) times[times.length - 1] = autoAt;

  const refusalReason: RefusalReason | null =
    outcome === "auto"
      ? "position_filled"
      : outcome === "rejected" && statuses.includes("offered")
        ? rng.weighted({ no_answer: 60, other: 40 })
        : outcome === "rejected"
          ? rng.weighted({ profile_mismatch: 60, no_answer: 25, other: 15 })
          : null;
  const events: AppEvent[] = statuses.map((to, i) => {
    const at = times[i]!;
    const from = i === 0 ? null : statuses[i - 1]!;
    let actorId: number | null = memberAt(ctx, offer.org, at);
    let note: string | null = null;
    if (to === "submitted") actorId = referredBy ?? candidate.id;
    if (to === "withdrawn") {
      actorId = candidate.id;
      if (rng.chance(0.4)) note = rng.pick(WITHDRAWAL_NOTES);
    }
    if (to === "rejected" && outcome === "auto") {
      // As closeOpenApplications (app/models/lifecycles/application.server.ts) records it.
      actorId = offer.createdBy;
      note = "position_filled";
    } else if (to === "rejected" && rng.chance(0.35)) {
      note =
        refusalReason === "no_answer"
          ? rng.pick(REJECTION_NOTES.slice(2))
          : refusalReason === "profile_mismatch"
            ? rng.pick(REJECTION_NOTES.slice(0, 2))
            : null;
    }
    return { actorId, from, to, note, at };
  });

  const interviewIndex = statuses.indexOf("interview");
  return {
    offer,
    candidate,
    channel,
    referredBy,
    message,
    status: statuses[statuses.length - 1]!,
    refusalReason,
    ...(interviewIndex >= 0
      ? interview(ctx, offer, times[interviewIndex]!)
      : { interviewAt: null, interviewPlace: null }),
    events,
    id: 0,
  };
}

/**
 * About `target` applications on published, closed and filled offers. A filled
 * offer gets exactly its positions in hires (or becomes closed when there are
 * not enough applicants); other offers stay below their positions.
 */
export function planApplications(
  ctx: Ctx,
  staff: Staff,
  offers: OfferPlan[],
  candidates: Candidate[],
  target: number,
): AppPlan[] {
  const { rng, now } = ctx;
  const pool = new CandidatePool(candidates);
  const open = offers.filter((o) => o.status === "published" || o.status === "closed" || o.status === "filled");
  const typeFactor = { emploi: 1, apprentissage: 1.2, stage: 1.1, formation: 1.4 };
  // Older offers have been seen for their whole life: they gather more applicants.
  const weights = open.map(
    (o) =>
      rng.between(0.3, 1.7) *
      typeFactor[o.type] *
      (1 + 0.1 * o.positions) *
      (o.status === "published" ? 1 : 1.8) *
      (o.org.isDemo ? 2.5 : 1),
  );
  const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
  // A filled offer needs at least its positions in applicants: take those from the others' share.
  const floors = open.map((o) => (o.status === "filled" ? o.positions + rng.int(0, 2) : 0));
  const raised = open.reduce((sum, _, i) => sum + Math.max(0, floors[i]! - (target * weights[i]!) / totalWeight), 0);
  const share = Math.max(0, target - raised);
  const plans: AppPlan[] = [];

  open.forEach((offer, index) => {
    const status = offer.status as "published" | "closed" | "filled";
    const count = Math.max(floors[index]!, Math.floor((share * weights[index]!) / totalWeight + rng.next()));
    const end = status === "published" ? now - HOUR : offer.closedAt!;
    const lastApply = Math.min(end, Date.parse(`${offer.closingDate}T23:59:00Z`));
    if (lastApply - offer.publishedAt! < 6 * HOUR) return;
    const cap = status === "filled" ? offer.positions : offer.positions - 1;
    const seen = new Set<number>();
    const mine: AppPlan[] = [];
    let hires = 0;

    for (let j = 0; j < count; j++) {
      let outcome: Outcome =
        status === "filled" && j < offer.positions ? "hired" : rng.weighted<Outcome>(OUTCOMES[status]);
      if (outcome === "hired" && hires >= cap) outcome = status === "published" ? "offered" : "auto";
      const steps = outcome === "submitted" ? 1 : 4;
      const start =
        offer.publishedAt! +
        HOUR +
        rng.next() * (lastApply - offer.publishedAt! - 2 * HOUR) * (steps > 1 ? 0.55 : 0.97);
      let candidate: Candidate | null = null;
      for (let tries = 0; tries < 6 && !candidate; tries++) {
        const c = pool.pick(ctx, offer.trade, offer.region, start - DAY);
        if (c && !seen.has(c.id)) candidate = c;
      }
      if (!candidate) continue;
      seen.add(candidate.id);
      if (outcome === "hired") hires++;
      mine.push(planApplication(ctx, staff, offer, candidate, outcome, start, end));
    }
    if (status === "filled" && hires < offer.positions) offer.status = "closed";
    plans.push(...mine);
  });
  return plans;
}

/** Aminata's applications: one in interview at the demo employer, others in various states. */
export function planDemoApplications(
  ctx: Ctx,
  staff: Staff,
  offers: OfferPlan[],
  demoOffers: OfferPlan[],
  aminata: Candidate,
): AppPlan[] {
  const { now, rng } = ctx;
  const plans: AppPlan[] = [];
  const add = (offer: OfferPlan | undefined, outcome: Outcome, start: number, end = now - HOUR) => {
    if (!offer || offer.status === "draft") return;
    const from = Math.min(Math.max(start, aminata.createdAt + DAY), end - 3 * HOUR);
    const plan = planApplication(ctx, staff, offer, aminata, outcome, from, end);
    plans.push(plan);
    return plan;
  };
  const [moto, apprenticeship, , , , , filled] = demoOffers;
  const interviewPlan = add(moto, "interview", moto ? moto.publishedAt! + DAY : 0);
  if (interviewPlan) {
    interviewPlan.channel = "counsellor";
    interviewPlan.referredBy = staff.demoCounsellorId;
    interviewPlan.events[0]!.actorId = staff.demoCounsellorId;
    interviewPlan.message = "Candidature transmise par le conseiller : le profil correspond bien à l'offre.";
    interviewPlan.interviewAt = `${isoDate(now + 3 * DAY)}T10:00`;
    interviewPlan.interviewPlace = "À l'atelier, Commune VI";
  }
  add(apprenticeship, "submitted", now - 2 * DAY);
  if (filled?.status === "filled") add(filled, "auto", filled.publishedAt! + 3 * DAY, filled.closedAt!);

  // Elsewhere in Bamako: one shortlisted, one turned down, one withdrawn.
  const others = offers.filter(
    (o) => !o.org.isDemo && o.status === "published" && o.region === "bamako" && o.publishedAt! < now - 5 * DAY,
  );
  const preferred = others.filter(
    (o) => o.trade === "vendeur" || o.trade === "mecanicien_moto" || o.trade === "caissier",
  );
  const picks = [...preferred, ...others].filter((o, i, all) => all.indexOf(o) === i).slice(0, 3);
  const outcomes: Outcome[] = ["shortlisted", "rejected", "withdrawn"];
  picks.forEach((offer, i) => {
    const plan = add(offer, outcomes[i]!, offer.publishedAt! + rng.between(0.5, 3) * DAY);
    if (plan) {
      plan.channel = "self";
      plan.referredBy = null;
      plan.events[0]!.actorId = aminata.id;
      if (plan.refusalReason) {
        plan.refusalReason = "profile_mismatch";
        plan.events[plan.events.length - 1]!.note = REJECTION_NOTES[0]!;
      }
    }
  });
  return plans;
}

/**
 * The candidate's answer to a job offer, without drawing from the random stream (the rest of the demo
 * stays the same): a hire after an offer was accepted; of the offers still waiting, every other one is.
 */
function offerAnswer(ctx: Ctx, p: AppPlan) {
  const offered = p.events.find((e) => e.to === "offered");
  if (!offered) return { offer_answer: null, offer_answered_at: null };
  const hire = p.events.find((e) => e.to === "hired");
  if (hire) return { offer_answer: "accepted", offer_answered_at: Math.round((offered.at + hire.at) / 2) };
  if (p.status !== "offered" || p.candidate.id % 2 === 1) return { offer_answer: null, offer_answered_at: null };
  return { offer_answer: "accepted", offer_answered_at: Math.round(Math.min(offered.at + HOUR, ctx.now)) };
}

export function insertApplications(ctx: Ctx, plans: AppPlan[]) {
  for (const p of plans) {
    const first = p.events[0]!;
    const last = p.events[p.events.length - 1]!;
    p.id = insert(ctx, "applications", {
      offer_id: p.offer.id,
      candidate_id: p.candidate.id,
      channel: p.channel,
      referred_by: p.referredBy,
      message: p.message,
      status: p.status,
      refusal_reason: p.refusalReason,
      interview_at: p.interviewAt,
      interview_place: p.interviewPlace,
      ...offerAnswer(ctx, p),
      created_at: Math.round(first.at),
      updated_at: Math.round(last.at),
    });
    for (const e of p.events) {
      insert(ctx, "application_events", {
        application_id: p.id,
        actor_id: e.actorId,
        from_status: e.from,
        to_status: e.to,
        note: e.note,
        created_at: Math.round(e.at),
      });
    }
  }
}
