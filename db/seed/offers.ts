// Offers of all four types: who posts them, their wording, pay and life cycle.
import {
  REGIONS,
  type Region,
  type Sector,
  SMIG_FCFA,
  TRADE_CODES,
  TRADES,
  type Trade,
} from "../../app/utils/reference";
import type { Contract, EducationLevel, OfferStatus, OfferType } from "../schema";
import { type Ctx, insert, type Org } from "./context";
import { addMonths, DAY, HOUR, isoDate, lowerBound } from "./random";
import { TRADE_TEXT } from "./trades";
import { describe, title } from "./wording";

export interface OfferPlan {
  id: number;
  org: Org;
  type: OfferType;
  title: string;
  description: string;
  trade: Trade;
  region: string;
  commune: string;
  contract: Contract;
  positions: number;
  payAmount: number | null;
  payPeriod: "month" | "day" | "total";
  durationMonths: number | null;
  minEducation: EducationLevel | null;
  languages: string[];
  provider: string | null;
  certificate: string | null;
  endDate: string | null;
  startDate: string;
  closingDate: string;
  status: OfferStatus;
  rejectionReason: string | null;
  moderationFlags: string[];
  createdBy: number;
  createdAt: number;
  publishedAt: number | null;
  closedAt: number | null;
}

interface Spec {
  status: OfferStatus;
  trade?: Trade;
  type?: OfferType;
  contract?: Contract;
  positions?: number;
  publishedDaysAgo?: number;
}

// The demo employer (Atelier Diarra Mécanique) has these offers, in this order.
export const DEMO_SPECS: readonly Spec[] = [
  {
    trade: "mecanicien_moto",
    type: "emploi",
    contract: "cdi",
    positions: 2,
    status: "published",
    publishedDaysAgo: 12,
  },
  { trade: "mecanicien_moto", type: "apprentissage", positions: 3, status: "published", publishedDaysAgo: 5 },
  { trade: "soudeur", type: "emploi", contract: "cdd", positions: 1, status: "published", publishedDaysAgo: 20 },
  { trade: "mecanicien_auto", type: "emploi", contract: "cdi", positions: 1, status: "published", publishedDaysAgo: 9 },
  { trade: "mecanicien_auto", type: "stage", positions: 2, status: "published", publishedDaysAgo: 30 },
  { trade: "tolier", type: "emploi", contract: "journalier", positions: 2, status: "published", publishedDaysAgo: 3 },
  { trade: "mecanicien_moto", type: "emploi", contract: "cdd", positions: 1, status: "filled", publishedDaysAgo: 90 },
  { trade: "soudeur", type: "apprentissage", positions: 2, status: "closed" },
  { trade: "mecanicien_auto", type: "emploi", contract: "cdi", positions: 1, status: "expired" },
  { trade: "electricien", type: "emploi", contract: "cdd", positions: 1, status: "draft" },
];

// Why a counsellor turned an offer down, the risk rule that held it
// (app/models/offer-rules.ts) and the sentence of the offer that set it off.
const REJECTIONS = [
  {
    reason: "L'offre demande aux candidats de payer des frais de dossier, ce qui est interdit.",
    flag: "asks_money",
    sentence: "Des frais de dossier de 10 000 F CFA sont à payer avant l'entretien.",
  },
  {
    reason: "Recrutement pour un travail à l'étranger sans garantie sur l'employeur ni sur le contrat.",
    flag: "work_abroad",
    sentence: "Postes à pourvoir à l'étranger : le voyage et le visa sont organisés par nos soins.",
  },
] as const;

const PROVIDERS = [
  "Centre de formation professionnelle de Missabougou",
  "Centre de formation professionnelle de Ségou",
  "Centre d'apprentissage agricole de Samanko",
  "Centre de formation aux métiers de Sikasso",
  "Institut de formation technique de Kayes",
  "Centre des jeunes de Sévaré",
];

export const CERTIFICATES = [
  "Attestation de formation",
  "Certificat de qualification professionnelle (CQP)",
  "Attestation de fin de formation",
];

const TRADES_BY_SECTOR = new Map<string, Trade[]>();
for (const trade of TRADE_CODES) {
  const list = TRADES_BY_SECTOR.get(TRADES[trade]) ?? [];
  list.push(trade);
  TRADES_BY_SECTOR.set(TRADES[trade], list);
}

/** Trades an employer of another sector also hires. */
const NEARBY_TRADES: Partial<Record<Sector, Trade[]>> = {
  btp: ["electricien", "soudeur", "chauffeur_poids_lourd", "magasinier"],
  agriculture: ["chauffeur", "magasinier", "vendeur", "mecanicien_moto"],
  mines: ["conducteur_engins", "chauffeur_poids_lourd", "soudeur", "electricien", "mecanicien_auto", "cuisinier"],
  commerce: ["livreur", "transformateur_agro", "chauffeur"],
  transport: ["mecanicien_auto", "tolier", "magasinier"],
  hotellerie: ["caissier", "agent_entretien", "chauffeur"],
  tic: ["commercial", "vendeur", "secretaire"],
  textile: ["vendeur", "commercial"],
  mecanique: ["vendeur", "magasinier", "electricien"],
  electricite: ["commercial", "technicien_informatique", "chauffeur"],
  sante: ["agent_entretien", "caissier", "chauffeur"],
  education: ["agent_entretien", "agent_securite", "animateur"],
  services: ["chauffeur", "agent_saisie"],
};
/** Trades any employer hires. */
const ANY_EMPLOYER: Trade[] = [
  "agent_securite",
  "agent_entretien",
  "secretaire",
  "comptable",
  "chauffeur",
  "agent_saisie",
  "magasinier",
];

/** The owner, or a colleague once colleagues have joined (at most 120 days after creation). */
export function memberAt(ctx: Ctx, org: Org, at: number): number {
  if (org.members.length > 1 && at > org.createdAt + 121 * DAY && ctx.rng.chance(0.4))
    return ctx.rng.pick(org.members.slice(1));
  return org.members[0]!;
}

/** Monthly pay (or daily, for day labour) in F CFA. */
export function payFor(
  ctx: Ctx,
  contract: Contract,
  level: number,
): { amount: number | null; period: "month" | "day" } {
  const { rng } = ctx;
  switch (contract) {
    case "cdi":
    case "cdd": {
      const [min, max] = (
        [
          [45_000, 90_000],
          [55_000, 120_000],
          [75_000, 175_000],
          [120_000, 250_000],
        ] as const
      )[level]!;
      return { amount: Math.max(SMIG_FCFA + 5_000, rng.amount(min, max, 5_000)), period: "month" };
    }
    case "journalier":
      return { amount: rng.amount(2_500, 7_500, 500), period: "day" };
    case "saisonnier":
      return { amount: rng.amount(45_000, 90_000, 5_000), period: "month" };
    case "apprentissage":
      return { amount: rng.amount(15_000, 40_000, 2_500), period: "month" };
    case "stage":
      return { amount: rng.chance(0.8) ? rng.amount(15_000, 40_000, 5_000) : null, period: "month" };
    case "formation":
      return { amount: rng.chance(0.3) ? rng.amount(10_000, 25_000, 2_500) : null, period: "month" };
  }
}

function minEducation(ctx: Ctx, type: OfferType, level: number): EducationLevel | null {
  const { rng } = ctx;
  if (type === "stage") return level === 3 ? "licence" : rng.pick(["cap", "bt", "bac"] as const);
  if (level === 0) return rng.pick([null, null, "none", "literate"] as const);
  if (level === 1) return rng.pick([null, "literate", "fondamental1"] as const);
  if (level === 2) return rng.pick(["def", "cap", "bt", "bac"] as const);
  return rng.pick(["bac", "licence", "licence"] as const);
}

function offerLanguages(ctx: Ctx, level: number, region: string, trade: Trade): string[] {
  const { rng } = ctx;
  const langs =
    level === 0
      ? rng.chance(0.6)
        ? ["bm"]
        : ["bm", "fr"]
      : level === 1
        ? rng.chance(0.8)
          ? ["bm", "fr"]
          : ["bm"]
        : level === 2
          ? rng.chance(0.5)
            ? ["fr"]
            : ["fr", "bm"]
          : ["fr"];
  if (level === 3 && TRADES[trade] === "tic" && rng.chance(0.3)) langs.push("en");
  if ((region === "gao" || region === "tombouctou") && rng.chance(0.5)) langs.push("son");
  if ((region === "kidal" || region === "menaka") && rng.chance(0.5)) langs.push("tmh");
  if ((region === "mopti" || region === "bandiagara") && rng.chance(0.3)) langs.push("ff");
  return langs;
}

export function makeOffer(ctx: Ctx, org: Org, spec: Spec): OfferPlan {
  const { rng, now } = ctx;
  let type = spec.type ?? rng.weighted<OfferType>({ emploi: 55, apprentissage: 20, stage: 12, formation: 13 });
  // Employers train in their own trades; they hire in a few others too.
  const trade =
    spec.trade ??
    rng.pick(
      type !== "emploi" || rng.chance(0.8)
        ? (TRADES_BY_SECTOR.get(org.sector) ?? TRADE_CODES)
        : rng.chance(0.6)
          ? (NEARBY_TRADES[org.sector as Sector] ?? ANY_EMPLOYER)
          : ANY_EMPLOYER,
    );
  const text = TRADE_TEXT[trade];
  if (type === "apprentissage" && text.level === 3 && !spec.type) type = "stage";
  const contract: Contract =
    spec.contract ??
    (type !== "emploi"
      ? type
      : org.sector === "agriculture"
        ? rng.weighted({ cdi: 10, cdd: 25, journalier: 25, saisonnier: 40 })
        : org.sector === "btp"
          ? rng.weighted({ cdi: 15, cdd: 30, journalier: 45, saisonnier: 10 })
          : rng.weighted({ cdi: 35, cdd: 38, journalier: 17, saisonnier: 10 }));
  const positions =
    spec.positions ??
    (type === "formation"
      ? Number(rng.weighted({ "4": 1, "5": 3, "6": 2, "8": 2, "10": 3 }))
      : Number(rng.weighted({ "1": 50, "2": 20, "3": 12, "4": 5, "5": 5, "6": 2, "8": 3, "10": 3 })));
  const pay = payFor(ctx, contract, text.level);
  const durationMonths =
    contract === "cdd"
      ? rng.pick([3, 6, 6, 12, 12, 24])
      : contract === "saisonnier"
        ? rng.int(2, 5)
        : contract === "apprentissage"
          ? rng.pick([6, 9, 12, 12, 18, 24, 36])
          : contract === "stage"
            ? rng.int(2, 6)
            : contract === "formation"
              ? rng.int(1, 6)
              : null;
  const region = org.region as Region;
  const commune = rng.chance(0.8) ? org.commune : rng.pick(REGIONS[region]);

  // Life cycle: when it was written, published, closed.
  const status = spec.status;
  const old = status === "closed" || status === "filled" || status === "expired";
  const earliest = (org.verifiedAt ?? org.createdAt) + HOUR;
  let createdAt: number;
  let publishedAt: number | null = null;
  let closedAt: number | null = null;
  let closingDate: string;
  if (status === "published" || old) {
    publishedAt =
      spec.publishedDaysAgo !== undefined
        ? now - spec.publishedDaysAgo * DAY
        : status === "published"
          ? now - rng.next() ** 1.3 * 60 * DAY
          : Math.max(earliest + DAY, now - 540 * DAY) +
            rng.next() * Math.max(0, now - 60 * DAY - Math.max(earliest + DAY, now - 540 * DAY));
    createdAt = Math.max(earliest, publishedAt - rng.between(0.1, 3) * DAY);
    closingDate =
      status === "published"
        ? isoDate(now + rng.between(7, 60) * DAY)
        : isoDate(publishedAt + rng.between(20, 45) * DAY);
    if (status === "filled") closedAt = publishedAt + rng.between(12, 40) * DAY;
    if (status === "closed")
      closedAt = rng.chance(0.6) ? Date.parse(`${closingDate}T18:00:00Z`) : publishedAt + rng.between(10, 20) * DAY;
    if (status === "expired") closedAt = Date.parse(`${closingDate}T23:59:00Z`) + rng.between(0, 1) * DAY;
    if (closedAt !== null) closedAt = Math.min(closedAt, now - DAY, org.suspendedAt ?? Infinity);
  } else {
    const ago =
      status === "pending" ? rng.between(0, 6) : status === "rejected" ? rng.between(5, 60) : rng.between(0, 30);
    createdAt = Math.max(status === "draft" ? org.createdAt + HOUR : earliest, now - ago * DAY);
    closingDate = isoDate(Math.max(now, createdAt) + rng.between(15, 60) * DAY);
  }
  const startDate = isoDate(Date.parse(`${closingDate}T00:00:00Z`) + rng.int(3, 30) * DAY);
  const provider =
    type === "formation" ? (org.sector === "education" || rng.chance(0.4) ? org.name : rng.pick(PROVIDERS)) : null;
  const certificate = type === "formation" ? rng.pick(CERTIFICATES) : null;
  const rejection = status === "rejected" ? rng.pick(REJECTIONS) : null;

  const plan: OfferPlan = {
    id: 0,
    org,
    type,
    trade,
    region,
    commune,
    contract,
    positions,
    title: title(ctx, type, text),
    description: "",
    payAmount: pay.amount,
    payPeriod: pay.period,
    durationMonths,
    minEducation: minEducation(ctx, type, text.level),
    languages: offerLanguages(ctx, text.level, region, trade),
    provider,
    certificate,
    endDate: type === "formation" && durationMonths ? addMonths(startDate, durationMonths) : null,
    startDate,
    closingDate,
    status,
    rejectionReason: rejection?.reason ?? null,
    // New organisations have no published offer yet: their first one waits for a counsellor.
    moderationFlags: [
      ...(org.stage === "new" && (status === "pending" || status === "rejected") ? ["first_offer"] : []),
      ...(rejection ? [rejection.flag] : []),
    ],
    createdBy: memberAt(ctx, org, createdAt),
    createdAt,
    publishedAt,
    closedAt,
  };
  plan.description = describe(ctx, plan, text) + (rejection ? ` ${rejection.sentence}` : "");
  return plan;
}

/** Picks organisations in proportion to their weight, fast enough for 100 000 offers. */
class OrgPicker {
  private readonly cumulative: number[] = [];
  constructor(private readonly orgs: Org[]) {
    let total = 0;
    for (const org of orgs) {
      total += org.weight || 1;
      this.cumulative.push(total);
    }
  }
  get empty() {
    return this.orgs.length === 0;
  }
  pick(ctx: Ctx): Org {
    const total = this.cumulative[this.cumulative.length - 1]!;
    return this.orgs[Math.min(lowerBound(this.cumulative, ctx.rng.next() * total), this.orgs.length - 1)]!;
  }
}

export function planOffers(ctx: Ctx, orgs: Org[], count: number): { offers: OfferPlan[]; demo: OfferPlan[] } {
  const { rng } = ctx;
  const demoOrg = orgs.find((o) => o.isDemo)!;
  const demo = DEMO_SPECS.slice(0, count).map((spec) => makeOffer(ctx, demoOrg, spec));
  const pool = (stage: Org["stage"]) => new OrgPicker(orgs.filter((o) => o.stage === stage && !o.isDemo));
  const established = pool("established");
  const fresh = pool("new");
  const unverified = pool("unverified");
  const suspended = pool("suspended");
  const main = established.empty ? new OrgPicker([demoOrg]) : established;

  const offers = [...demo];
  for (let i = demo.length; i < count; i++) {
    const status: OfferStatus =
      i % 150 === 75
        ? "rejected"
        : rng.weighted({ published: 60, closed: 9, filled: 7, expired: 8, draft: 8, pending: 6 });
    let picker = main;
    if (status === "draft" && !unverified.empty && rng.chance(0.3)) picker = unverified;
    else if (status === "pending" && !fresh.empty) picker = fresh;
    else if (status === "rejected" && !fresh.empty && rng.chance(0.5)) picker = fresh;
    else if ((status === "closed" || status === "expired") && !suspended.empty && rng.chance(0.04)) picker = suspended;
    offers.push(makeOffer(ctx, picker.pick(ctx), { status }));
  }
  return { offers, demo };
}

export function insertOffers(ctx: Ctx, offers: OfferPlan[]) {
  for (const o of offers) {
    o.id = insert(ctx, "offers", {
      org_id: o.org.id,
      type: o.type,
      title: o.title,
      description: o.description,
      sector: TRADES[o.trade],
      trade: o.trade,
      region: o.region,
      commune: o.commune,
      contract: o.contract,
      positions: o.positions,
      pay_amount: o.payAmount,
      pay_period: o.payPeriod,
      duration_months: o.durationMonths,
      min_education: o.minEducation,
      languages: o.languages,
      provider: o.provider,
      end_date: o.endDate,
      certificate: o.certificate,
      start_date: o.startDate,
      closing_date: o.closingDate,
      status: o.status,
      rejection_reason: o.rejectionReason,
      moderation_flags: o.moderationFlags,
      created_by: o.createdBy,
      published_at: o.publishedAt && Math.round(o.publishedAt),
      closed_at: o.closedAt && Math.round(o.closedAt),
      created_at: Math.round(o.createdAt),
      updated_at: Math.round(o.closedAt ?? o.publishedAt ?? o.createdAt),
    });
  }
}
