// Staff accounts (admin, counsellors) and candidates with their profiles.
import { REGIONS, type Region, TRADE_CODES, type Trade } from "../../app/utils/reference";
import type { EducationLevel } from "../schema";
import { type Candidate, type Counsellor, type Ctx, insert, insertUser, type Staff, uniqueEmail } from "./context";
import { COUNSELLOR_NOTES, personName, type Sex } from "./names";
import { createPartners } from "./organisations";
import { DAY, isoDate, slugify } from "./random";
import { TRADE_TEXT } from "./trades";
import { listFr } from "./wording";

const COUNSELLORS = [
  { email: "conseiller@baara.demo", name: "Fatoumata Konaté", body: "OIM" },
  { email: "awa.sangare@oim.baara.demo", name: "Awa Sangaré", body: "OIM" },
  { email: "ibrahim.maiga@oim.baara.demo", name: "Ibrahim Maïga", body: "OIM" },
  { email: "mariam.diallo@anpe.baara.demo", name: "Mariam Diallo", body: "ANPE" },
  { email: "seydou.kone@anpe.baara.demo", name: "Seydou Koné", body: "ANPE" },
  { email: "oumou.toure@apej.baara.demo", name: "Oumou Touré", body: "APEJ" },
  { email: "boubacar.cisse@apej.baara.demo", name: "Boubacar Cissé", body: "APEJ" },
  { email: "kadiatou.dembele@cnpm.baara.demo", name: "Kadiatou Dembélé", body: "CNPM" },
  { email: "moussa.sidibe@ccim.baara.demo", name: "Moussa Sidibé", body: "CCIM" },
] as const;

export function createStaff(ctx: Ctx): Staff {
  const { now, rng } = ctx;
  const adminId = insertUser(ctx, {
    role: "admin",
    displayName: "Administratrice Baara",
    email: "admin@baara.demo",
    createdAt: now - 910 * DAY,
    lastLoginAt: now - DAY,
  });
  const partners = createPartners(ctx, adminId);
  const counsellors: Counsellor[] = COUNSELLORS.map((c, i) => {
    const createdAt = now - (900 - i * 10) * DAY;
    const id = insertUser(ctx, {
      role: "conseiller",
      displayName: c.name,
      email: c.email,
      phone: i === 0 ? null : ctx.phones.next(),
      createdAt,
      lastLoginAt: now - rng.between(0, 10) * DAY,
    });
    insert(ctx, "memberships", { user_id: id, org_id: partners.get(c.body), role: "member", created_at: createdAt });
    return { id, body: c.body };
  });
  return { adminId, demoCounsellorId: counsellors[0]!.id, counsellors };
}

const REGION_WEIGHTS: Record<Region, number> = {
  bamako: 35,
  koulikoro: 12,
  sikasso: 9,
  segou: 9,
  kayes: 8,
  mopti: 7,
  gao: 3,
  tombouctou: 2.5,
  koutiala: 2.5,
  bougouni: 2.5,
  san: 2,
  kita: 2,
  dioila: 1.5,
  nioro: 1.5,
  bandiagara: 1.5,
  douentza: 1,
  nara: 0.8,
  menaka: 0.8,
  kidal: 0.6,
  taoudenit: 0.2,
};

const EDUCATION_WEIGHTS: Record<EducationLevel, number> = {
  none: 15,
  literate: 10,
  fondamental1: 22,
  def: 19,
  cap: 10,
  bt: 8,
  bac: 8,
  licence: 5.5,
  master: 1.8,
  doctorat: 0.1,
};
const ORDER = Object.keys(EDUCATION_WEIGHTS) as EducationLevel[];
const rank = (level: EducationLevel) => ORDER.indexOf(level);

/** The highest trade level (see TradeText.level) a schooling level gives access to. */
const maxTradeLevel = (level: EducationLevel) => (rank(level) <= 2 ? 1 : rank(level) <= 5 ? 2 : 3);

// Weights of each trade by sex and highest trade level, computed once.
const tradeWeights = new Map<string, Partial<Record<Trade, number>>>();
function weightsFor(sex: Sex, max: number) {
  const key = `${sex}${max}`;
  let weights = tradeWeights.get(key);
  if (!weights) {
    weights = {};
    for (const trade of TRADE_CODES) {
      const { lean, level } = TRADE_TEXT[trade];
      if (level > max) continue;
      const bySex = lean === sex ? 3 : lean === "x" ? 1.5 : 0.25;
      weights[trade] = bySex * (level >= max - 1 ? 1 : 0.4);
    }
    tradeWeights.set(key, weights);
  }
  return weights;
}

function pickTrades(ctx: Ctx, sex: Sex, education: EducationLevel): Trade[] {
  const count = Number(ctx.rng.weighted({ "1": 50, "2": 35, "3": 15 }));
  const weights = weightsFor(sex, maxTradeLevel(education));
  const trades = new Set<Trade>();
  for (let tries = 0; trades.size < count && tries < 10; tries++) trades.add(ctx.rng.weighted(weights));
  return [...trades];
}

function skillsText(ctx: Ctx, trades: Trade[]): string {
  const { rng } = ctx;
  const [first, second] = rng.sample(TRADE_TEXT[trades[0]!].tasks, 2) as [string, string];
  const sentence = rng.pick([
    `Je maîtrise ${listFr([first, second])}.`,
    `Expérience dans ${first}, ainsi que dans ${second}.`,
    `Je sais faire ${listFr([first, second])}.`,
  ]);
  const extra = trades[1] ? ` Notions en ${TRADE_TEXT[trades[1]].field}.` : "";
  return sentence + extra;
}

const NORTH = new Set<Region>(["gao", "tombouctou", "taoudenit"]);
const NOMAD = new Set<Region>(["kidal", "menaka"]);
const CENTRE = new Set<Region>(["mopti", "bandiagara", "douentza"]);

function pickLanguages(ctx: Ctx, region: Region, education: EducationLevel, migrant: string | null) {
  const { rng } = ctx;
  const langs = new Set<string>();
  if (rng.chance(NORTH.has(region) || NOMAD.has(region) ? 0.6 : 0.96)) langs.add("bm");
  const r = rank(education);
  if (rng.chance(r >= 2 ? 0.88 : r === 1 ? 0.3 : 0.08)) langs.add("fr");
  if (NORTH.has(region) && rng.chance(0.7)) langs.add("son");
  if (NOMAD.has(region) && rng.chance(0.75)) langs.add("tmh");
  if ((NORTH.has(region) || NOMAD.has(region)) && rng.chance(0.2)) langs.add("ar");
  if (CENTRE.has(region) && rng.chance(0.5)) langs.add("ff");
  if ((region === "bandiagara" || region === "douentza") && rng.chance(0.4)) langs.add("dgo");
  if ((region === "kayes" || region === "nioro") && rng.chance(0.5)) langs.add("snk");
  if (r >= 7 && rng.chance(0.3)) langs.add("en");
  if (migrant === "returnee" && rng.chance(0.15)) langs.add(rng.pick(["ar", "en", "other"]));
  if (langs.size === 0) langs.add("bm");
  return [...langs];
}

/** Aminata Coulibaly, candidat@baara.demo / +22370000001, followed by the demo counsellor. */
export function createDemoCandidate(ctx: Ctx, staff: Staff): Candidate {
  const createdAt = ctx.now - 320 * DAY;
  const counsellor = staff.demoCounsellorId;
  const id = insertUser(ctx, {
    role: "candidat",
    displayName: "Aminata Coulibaly",
    email: "candidat@baara.demo",
    phone: "+22370000001",
    createdAt,
    lastLoginAt: ctx.now - DAY,
  });
  insert(ctx, "candidate_profiles", {
    user_id: id,
    first_name: "Aminata",
    last_name: "Coulibaly",
    sex: "f",
    birth_date: isoDate(ctx.now - 24 * 365.25 * DAY - 100 * DAY),
    region: "bamako",
    commune: "Commune IV",
    education_level: "def",
    skills:
      "Entretien et réparation de motos : vidange, freins, réglage du carburateur. Accueil des clients et vente de pièces détachées.",
    languages: ["bm", "fr"],
    experience_years: 2,
    availability: "immediate",
    driving_licence: false,
    disability: null,
    migrant_status: "returnee",
    consent_at: createdAt,
    consent_method: "written",
    consent_recorded_by: counsellor,
    sms_consent_at: createdAt,
    counsellor_id: counsellor,
    registered_by: counsellor,
    created_at: createdAt,
    updated_at: ctx.now - 20 * DAY,
  });
  for (const trade of ["mecanicien_moto", "vendeur"]) insert(ctx, "candidate_trades", { user_id: id, trade });
  insert(ctx, "candidate_notes", {
    candidate_id: id,
    author_id: counsellor,
    created_at: createdAt + 2 * 60 * 60 * 1000,
    body: "Entretien d'accueil : a appris la mécanique moto pendant son parcours, cherche un emploi stable à Bamako. Orientée vers les ateliers de Commune VI.",
  });
  return {
    id,
    createdAt,
    sex: "f",
    region: "bamako",
    trades: ["mecanicien_moto", "vendeur"],
    counsellorId: counsellor,
  };
}

/** `count` candidates, returned (and inserted) in order of registration. */
export function createCandidates(ctx: Ctx, staff: Staff, count: number): Candidate[] {
  const { rng, now } = ctx;
  // Registrations over 24 months, more of them recently as the portal became known.
  const times = Array.from(
    { length: count },
    () => now - 730 * DAY * (rng.chance(0.3) ? rng.next() : 1 - Math.sqrt(rng.next())) - rng.between(0, DAY),
  ).sort((a, b) => a - b);
  const oim = staff.counsellors.filter((c) => c.body === "OIM");

  return times.map((createdAt) => {
    const sex: Sex = rng.chance(0.5) ? "f" : "m";
    const region = rng.weighted(REGION_WEIGHTS);
    const commune = rng.pick(REGIONS[region]);
    const { firstName, lastName } = personName(rng, sex, region);
    const age =
      Number(
        rng.weighted({
          "15": 2,
          "16": 3,
          "17": 4,
          "18": 6,
          "19": 6,
          "20": 7,
          "22": 14,
          "24": 12,
          "26": 12,
          "28": 10,
          "31": 9,
          "34": 8,
          "38": 7,
        }),
      ) + rng.int(0, 2);
    let education = rng.weighted(EDUCATION_WEIGHTS);
    if (age < 18 && rank(education) > rank("def")) education = "def";
    if (age < 22 && rank(education) > rank("bac")) education = "bac";
    if (age < 30 && education === "doctorat") education = "master";
    const trades = pickTrades(ctx, sex, education);
    const migrant = rng.weighted({
      null: 25,
      none: 30,
      returnee: 22,
      internal_displaced: 12,
      refugee: 4,
      other_migrant: 7,
    });
    const migrantStatus = migrant === "null" ? null : migrant;

    const registrar = rng.chance(0.3)
      ? migrantStatus === "returnee" && rng.chance(0.7)
        ? rng.pick(oim)
        : rng.pick(staff.counsellors)
      : null;
    const counsellorId = registrar
      ? rng.chance(0.9)
        ? registrar.id
        : rng.pick(staff.counsellors).id
      : rng.chance(0.14)
        ? rng.pick(staff.counsellors).id
        : null;

    const contact = registrar ? rng.weighted({ phone: 92, both: 8 }) : rng.weighted({ phone: 76, both: 13, email: 11 });
    const phone = contact === "email" ? null : ctx.phones.next();
    const email =
      contact === "phone" ? null : uniqueEmail(ctx, `${slugify(firstName)}.${slugify(lastName)}`, "courriel.demo");
    const lastLoginAt = rng.chance(registrar ? 0.4 : 0.8) ? createdAt + rng.next() * (now - createdAt) : null;
    const id = insertUser(ctx, {
      role: "candidat",
      displayName: `${firstName} ${lastName}`,
      phone,
      email,
      createdAt,
      lastLoginAt,
      locale: rng.chance(0.015) ? "en" : "fr",
    });
    // One in three online registrants who never came back left their profile half done: sex and
    // birth date unknown, as the reports will meet them. (No random draw: the rest of the seed stays the same.)
    const halfDone = registrar === null && lastLoginAt === null && id % 3 === 0;
    const licence = trades.some((t) => t.startsWith("chauffeur")) ? 0.9 : sex === "m" ? 0.15 : 0.04;
    const birthDate = isoDate(now - age * 365.25 * DAY - rng.between(0, 364) * DAY);
    insert(ctx, "candidate_profiles", {
      user_id: id,
      first_name: firstName,
      last_name: lastName,
      sex: halfDone ? null : sex,
      birth_date: halfDone ? null : birthDate,
      region,
      commune,
      education_level: education,
      skills: rng.chance(0.4) ? skillsText(ctx, trades) : null,
      languages: pickLanguages(ctx, region, education, migrantStatus),
      experience_years: Math.max(0, Math.min(age - 15, Math.floor(rng.next() ** 1.8 * 12))),
      availability: rng.weighted({ immediate: 60, within_month: 25, later: 15 }),
      driving_licence: rng.chance(licence),
      disability: (() => {
        const d = rng.weighted({
          null: 82,
          none: 14,
          motor: 1.5,
          visual: 0.8,
          hearing: 0.8,
          psychosocial: 0.3,
          intellectual: 0.2,
          other: 0.4,
        });
        return d === "null" ? null : d;
      })(),
      migrant_status: migrantStatus,
      consent_at: createdAt,
      consent_method: registrar ? rng.weighted({ oral: 60, written: 40 }) : "online",
      consent_recorded_by: registrar?.id ?? null,
      sms_consent_at: phone && rng.chance(0.7) ? createdAt : null,
      counsellor_id: counsellorId,
      registered_by: registrar?.id ?? null,
      created_at: Math.round(createdAt),
      updated_at: Math.round(createdAt + rng.next() * Math.min(now - createdAt, 90 * DAY)),
    });
    for (const trade of trades) insert(ctx, "candidate_trades", { user_id: id, trade });
    if (counsellorId && rng.chance(0.25)) {
      insert(ctx, "candidate_notes", {
        candidate_id: id,
        author_id: counsellorId,
        body: rng.pick(COUNSELLOR_NOTES),
        created_at: Math.round(createdAt + rng.next() * Math.min(now - createdAt, 60 * DAY)),
      });
    }
    return { id, createdAt, sex, region, trades, counsellorId };
  });
}
