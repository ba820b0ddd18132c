// Companies' partnerships with the programmes, at every step of their way: each
// step dated with its audit line, the counsellor in charge, conventions (one with
// two amendments) for the signed ones, and the demo employer's documents.
import { createHash } from "node:crypto";
import { NEXT_STEP_DAYS } from "../../app/models/lifecycles/partnership";
import type { Sector, Trade } from "../../app/utils/reference";
import type { CommitmentAudience, OfferType, PartnershipDeclineReason, PartnershipStatus } from "../enums";
import type { Candidate } from "./context";
import { audit, type Ctx, insert, type Org, type Staff } from "./context";
import { createConventionResults } from "./convention-results";
import { createProgrammes, PROGRAMMES } from "./programmes";
import { addMonths, DAY, dateMs, HOUR, isoDate } from "./random";

/** The trade a company of a sector commits to train or hire in. */
export const SECTOR_TRADE: Record<Sector, Trade> = {
  btp: "macon",
  agriculture: "maraicher",
  mines: "foreur",
  commerce: "vendeur",
  transport: "chauffeur",
  hotellerie: "cuisinier",
  tic: "technicien_informatique",
  textile: "couturier",
  mecanique: "soudeur",
  electricite: "installateur_solaire",
  sante: "aide_soignant",
  education: "animateur",
  services: "agent_securite",
};

const AUDIT_ACTION: Record<PartnershipStatus, string> = {
  requested: "partnership.requested",
  contacted: "partnership.contacted",
  meeting_held: "partnership.meeting_held",
  documents_received: "partnership.documents_received",
  signed: "partnership.signed",
  active: "partnership.activated",
  closed: "partnership.closed",
  declined: "partnership.declined",
};

export type Commitment = {
  key: number;
  offerType: OfferType;
  quantity: number;
  trade: Trade;
  region: string;
  durationMonths: number;
  audience: CommitmentAudience;
};

type Version = { signedDaysAgo: number; months: number; reason?: string; commitments: Commitment[] };

type Plan = {
  org: Org;
  programme: number;
  counsellorId: number | null;
  need: string;
  /** Each step and how many days ago it happened, the request first. */
  steps: [PartnershipStatus, number, string?][];
  decline?: { reason: PartnershipDeclineReason; note: string };
  /** Signed ones: the first version starts at `start` (days ago; negative is to come). */
  convention?: { start: number; versions: Version[] };
};

export type SeededConvention = { id: number; plan: Plan; commitments: Commitment[]; startDate: string };

const day = (ctx: Ctx, daysAgo: number) => isoDate(ctx.now - daysAgo * DAY);

function plans(ctx: Ctx, staff: Staff, orgs: Org[]): Plan[] {
  const demo = orgs.find((o) => o.isDemo)!;
  // Oldest first: the longest partnerships go to the companies known for longest.
  const verified = orgs
    .filter((o) => !o.isDemo && o.verifiedAt !== null && o.suspendedAt === null)
    .sort((a, b) => a.createdAt - b.createdAt);
  const pool = verified.length > 0 ? verified : [demo];
  const org = (i: number) => pool[i % pool.length]!;
  const counsellor = (i: number) => staff.counsellors[i]?.id ?? staff.demoCounsellorId;
  const me = staff.demoCounsellorId;
  const firstOfNextMonth = addMonths(`${ctx.today.slice(0, 7)}-01`, 1);
  const startsIn = Math.round((ctx.now - dateMs(firstOfNextMonth)) / DAY);
  const of = (o: Org) => ({ trade: SECTOR_TRADE[o.sector as Sector], region: o.region });
  const big = org(1);
  return [
    {
      org: demo,
      programme: 0,
      counsellorId: me,
      need: "Former 4 apprentis mécaniciens moto à l'atelier de Sogoniko.",
      steps: [
        ["requested", 110],
        ["contacted", 107],
        ["meeting_held", 100, "Visite de l'atelier : deux mécaniciens confirmés, de la place pour 4 apprentis."],
        ["documents_received", 85],
        ["signed", 75],
        ["active", 60],
      ],
      convention: {
        start: 60,
        versions: [
          {
            signedDaysAgo: 75,
            months: 12,
            commitments: [
              {
                key: 1,
                offerType: "apprentissage",
                quantity: 4,
                trade: "mecanicien_moto",
                region: "bamako",
                durationMonths: 12,
                audience: "youth",
              },
            ],
          },
        ],
      },
    },
    {
      org: demo,
      programme: 2,
      counsellorId: me,
      need: "Former 6 soudeurs et en embaucher au moins 3 pour les chantiers de l'année prochaine.",
      steps: [
        ["requested", 12],
        ["contacted", 9, "Rendez-vous pris à l'atelier ; M. Diarra apportera le RCCM et le NIF."],
      ],
    },
    {
      org: org(7),
      programme: 0,
      counsellorId: me,
      need: "Accueillir 2 apprentis dès que possible.",
      steps: [["requested", 9]],
    },
    {
      org: org(8),
      programme: 3,
      counsellorId: null,
      need: "Embaucher 5 jeunes ; nous aurions besoin d'équiper un second poste de travail.",
      steps: [["requested", 1]],
    },
    {
      org: org(6),
      programme: 1,
      counsellorId: counsellor(1),
      need: "Deux ou trois stagiaires pour la saison.",
      steps: [
        ["requested", 30],
        ["contacted", 27],
        ["meeting_held", 18],
      ],
    },
    {
      org: org(5),
      programme: 0,
      counsellorId: me,
      need: "Former 3 apprentis dans notre métier.",
      steps: [
        ["requested", 45],
        ["contacted", 41],
        ["meeting_held", 33],
        ["documents_received", 6],
      ],
    },
    {
      org: org(3),
      programme: 3,
      counsellorId: counsellor(2),
      need: "Embaucher 6 personnes, dont des migrants de retour, et équiper l'atelier.",
      steps: [
        ["requested", 70],
        ["contacted", 66],
        ["meeting_held", 55],
        ["documents_received", 30],
        ["signed", 5],
      ],
      convention: {
        start: startsIn,
        versions: [
          {
            signedDaysAgo: 5,
            months: 12,
            commitments: [
              { key: 1, offerType: "emploi", quantity: 6, ...of(org(3)), durationMonths: 12, audience: "migrants" },
            ],
          },
        ],
      },
    },
    {
      org: big,
      programme: 2,
      counsellorId: me,
      need: "Former 10 jeunes du quartier et embaucher ceux qui réussissent.",
      steps: [
        ["requested", 300],
        ["contacted", 296],
        ["meeting_held", 289],
        ["documents_received", 275],
        ["signed", 265],
        ["active", 255],
        ["active", 150, "Avenant 1 signé : 5 stagiaires de plus."],
      ],
      convention: {
        start: 255,
        versions: [
          {
            signedDaysAgo: 265,
            months: 12,
            commitments: [
              { key: 1, offerType: "formation", quantity: 10, ...of(big), durationMonths: 3, audience: "youth" },
              { key: 2, offerType: "emploi", quantity: 5, ...of(big), durationMonths: 6, audience: "youth" },
            ],
          },
          {
            signedDaysAgo: 150,
            months: 12,
            reason: "Un second chantier ouvre : l'entreprise forme 5 jeunes de plus et en embauche 3 de plus.",
            commitments: [
              { key: 1, offerType: "formation", quantity: 15, ...of(big), durationMonths: 3, audience: "youth" },
              { key: 2, offerType: "emploi", quantity: 8, ...of(big), durationMonths: 6, audience: "youth" },
            ],
          },
          {
            signedDaysAgo: 30,
            months: 18,
            reason:
              "Prolongation de 6 mois et 3 places d'apprentissage pour les stagiaires qui n'ont pas été embauchés.",
            commitments: [
              { key: 1, offerType: "formation", quantity: 15, ...of(big), durationMonths: 3, audience: "youth" },
              { key: 2, offerType: "emploi", quantity: 8, ...of(big), durationMonths: 6, audience: "youth" },
              { key: 3, offerType: "apprentissage", quantity: 3, ...of(big), durationMonths: 12, audience: "youth" },
            ],
          },
        ],
      },
    },
    {
      org: org(2),
      programme: 1,
      counsellorId: counsellor(1),
      need: "Accueillir des migrants de retour en stage.",
      steps: [
        ["requested", 95],
        ["contacted", 90],
        ["meeting_held", 80],
        ["documents_received", 62],
        ["signed", 50],
        ["active", 45],
      ],
      convention: {
        start: 45,
        versions: [
          {
            signedDaysAgo: 50,
            months: 6,
            commitments: [
              { key: 1, offerType: "stage", quantity: 5, ...of(org(2)), durationMonths: 6, audience: "returnees" },
            ],
          },
        ],
      },
    },
    {
      org: org(0),
      programme: 0,
      counsellorId: counsellor(3),
      need: "Trois apprentis pour l'atelier.",
      steps: [
        ["requested", 480],
        ["contacted", 476],
        ["meeting_held", 465],
        ["documents_received", 450],
        ["signed", 440],
        ["active", 425],
        ["closed", 59],
      ],
      convention: {
        start: 425,
        versions: [
          {
            signedDaysAgo: 440,
            months: 12,
            commitments: [
              { key: 1, offerType: "apprentissage", quantity: 3, ...of(org(0)), durationMonths: 12, audience: "all" },
            ],
          },
        ],
      },
    },
    {
      org: org(4),
      programme: 2,
      counsellorId: counsellor(5),
      need: "Former des jeunes à nos métiers.",
      steps: [
        ["requested", 60],
        ["contacted", 57],
        ["declined", 50],
      ],
      decline: {
        reason: "not_eligible",
        note: "Pas encore de RCCM : l'entreprise est orientée vers la CCIM pour se formaliser, puis reviendra.",
      },
    },
  ];
}

/** Partner organisations' ids by short name (OIM, CNPM, CCIM, ANPE, APEJ). */
function partnerIds(ctx: Ctx): Map<string, number> {
  const rows = ctx.sql.prepare("SELECT id, short_name FROM organisations WHERE kind = 'partner'").all() as {
    id: number;
    short_name: string;
  }[];
  return new Map(rows.map((r) => [r.short_name, r.id]));
}

/** How the company asked to be reached: its contact's name and phone (or e-mail), in the morning. */
function contactOf(ctx: Ctx, org: Org): string {
  const row = ctx.sql
    .prepare("SELECT contact_name, contact_phone, contact_email FROM organisations WHERE id = ?")
    .get(org.id) as { contact_name: string | null; contact_phone: string | null; contact_email: string | null };
  const reach = row.contact_phone ?? row.contact_email ?? "";
  return `${row.contact_name ?? org.name}, ${reach}, plutôt le matin`;
}

function insertPartnership(ctx: Ctx, plan: Plan, programmeId: number): number {
  const steps = plan.steps;
  const [, requestedAgo] = steps[0]!;
  const [status, lastAgo] = steps[steps.length - 1]!;
  const changes = steps.filter(([to], i) => i === 0 || to !== steps[i - 1]![0]);
  const lastChange = changes[changes.length - 1]![1];
  const due = NEXT_STEP_DAYS[status];
  const signedStart = plan.convention ? day(ctx, plan.convention.start) : null;
  const owner = plan.org.members[0]!;
  const id = insert(ctx, "partnerships", {
    org_id: plan.org.id,
    programme_id: programmeId,
    status,
    requested_by: owner,
    need: plan.need,
    contact: contactOf(ctx, plan.org),
    counsellor_id: plan.counsellorId,
    status_changed_at: Math.round(ctx.now - lastChange * DAY + 10 * HOUR),
    next_step_due: status === "signed" ? signedStart : due === undefined ? null : day(ctx, lastChange - due),
    decline_reason: plan.decline?.reason ?? null,
    decline_note: plan.decline?.note ?? null,
    created_at: Math.round(ctx.now - requestedAgo * DAY + 10 * HOUR),
    updated_at: Math.round(ctx.now - lastAgo * DAY + 10 * HOUR),
  });
  steps.forEach(([to, ago, note], i) => {
    const from = i === 0 ? null : steps[i - 1]![0];
    const isNote = from === to;
    const at = ctx.now - ago * DAY + 10 * HOUR;
    // The request is the company's; closing at the end date is the daily chores'.
    const actorId = i === 0 ? owner : to === "closed" ? null : (plan.counsellorId ?? owner);
    insert(ctx, "partnership_events", {
      partnership_id: id,
      from_status: isNote ? null : from,
      to_status: isNote ? null : to,
      happened_on: day(ctx, ago),
      actor_id: actorId,
      note: note ?? (to === "declined" ? plan.decline?.note : null) ?? null,
      created_at: Math.round(at),
    });
    if (isNote) return;
    const detail =
      i === 0 ? undefined : { from, on: day(ctx, ago), ...(to === "declined" ? { reason: plan.decline?.reason } : {}) };
    audit(ctx, { actorId, action: AUDIT_ACTION[to], subjectType: "partnership", subjectId: id, detail, at });
  });
  return id;
}

function contributions(plan: Plan, partners: Map<string, number>, second: string, c: Commitment[]) {
  const kind = PROGRAMMES[plan.programme]!.kind;
  const total = (type: OfferType) => c.filter((x) => x.offerType === type).reduce((n, x) => n + x.quantity, 0);
  const oim = partners.get("OIM")!;
  const list: { partnerId: number; description: string; amountFcfa: number | null }[] = [];
  if (kind === "apprenticeship") {
    const months = c[0]!.durationMonths;
    const n = total("apprentissage");
    list.push(
      {
        partnerId: oim,
        description: `Allocation de 25 000 FCFA par mois, ${n} apprentis`,
        amountFcfa: 25_000 * n * months,
      },
      { partnerId: oim, description: "Assurance accidents du travail des apprentis", amountFcfa: 3_000 * n * months },
      { partnerId: partners.get("APEJ")!, description: "Attestation de fin d'apprentissage", amountFcfa: null },
    );
  } else if (kind === "returnee_internship") {
    const n = total("stage");
    list.push(
      {
        partnerId: oim,
        description: `Indemnité de stage de 30 000 FCFA par mois, ${n} stagiaires`,
        amountFcfa: 30_000 * n * 6,
      },
      { partnerId: partners.get("ANPE")!, description: "Présélection des stagiaires", amountFcfa: null },
    );
  } else if (kind === "train_then_hire") {
    const n = total("formation");
    list.push(
      { partnerId: oim, description: `Formation de ${n} stagiaires à 150 000 FCFA`, amountFcfa: 150_000 * n },
      { partnerId: partners.get("APEJ")!, description: "Suivi des stagiaires et orientation", amountFcfa: null },
    );
  } else {
    list.push(
      { partnerId: oim, description: "Équipement d'un second poste de travail", amountFcfa: 1_800_000 },
      { partnerId: partners.get("ANPE")!, description: "Présélection des candidats", amountFcfa: null },
    );
  }
  list.push({ partnerId: partners.get(second)!, description: "Accompagnement de l'entreprise", amountFcfa: null });
  return list;
}

function insertConvention(
  ctx: Ctx,
  plan: Plan,
  partnershipId: number,
  programmeId: number,
  partners: Map<string, number>,
  sequence: number,
): SeededConvention {
  const terms = plan.convention!;
  const membership = ctx.sql.prepare("SELECT membership FROM organisations WHERE id = ?").pluck().get(plan.org.id);
  const second = membership === "ccim" ? "CCIM" : "CNPM";
  const owner = ctx.sql.prepare("SELECT display_name FROM users WHERE id = ?").pluck().get(plan.org.members[0]);
  const signedOn = day(ctx, terms.versions[0]!.signedDaysAgo);
  const startDate = day(ctx, terms.start);
  const current = terms.versions[terms.versions.length - 1]!;
  const id = insert(ctx, "conventions", {
    partnership_id: partnershipId,
    org_id: plan.org.id,
    programme_id: programmeId,
    reference: `OIM-${second}-${signedOn.slice(0, 4)}-${String(sequence).padStart(3, "0")}`,
    signed_on: signedOn,
    current_version: terms.versions.length,
    created_at: Math.round(dateMs(signedOn) + 11 * HOUR),
  });
  const secondPartner = PROGRAMMES[plan.programme]!.partners[1]!;
  const parties = ["OIM", second, secondPartner].map((name) => partners.get(name)!);
  terms.versions.forEach((v, i) => {
    const versionId = insert(ctx, "convention_versions", {
      convention_id: id,
      version: i + 1,
      start_date: startDate,
      end_date: addMonths(startDate, v.months),
      signatories: [
        `${owner}, gérant, ${plan.org.name}`,
        "Chef de mission, OIM Mali",
        `Secrétaire général, ${second}`,
      ].join("\n"),
      partner_ids: parties,
      contributions: contributions(plan, partners, second, v.commitments),
      reason: v.reason ?? null,
      signed_on: day(ctx, v.signedDaysAgo),
      created_by: plan.counsellorId,
      created_at: Math.round(ctx.now - v.signedDaysAgo * DAY + 11 * HOUR),
    });
    for (const c of v.commitments) {
      insert(ctx, "convention_commitments", {
        version_id: versionId,
        key: c.key,
        offer_type: c.offerType,
        quantity: c.quantity,
        trade: c.trade,
        region: c.region,
        duration_months: c.durationMonths,
        audience: c.audience,
      });
    }
  });
  return { id, plan, commitments: current.commitments, startDate };
}

/** A one-page PDF with a line of text: enough for a browser to open it. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 14 Tf 60 760 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function attachDocument(ctx: Ctx, partnershipId: number, uploadedBy: number, label: string, name: string, ago: number) {
  const data = tinyPdf(label.normalize("NFD").replace(/[\u0300-\u036f]/g, ""));
  const at = Math.round(ctx.now - ago * DAY + 15 * HOUR);
  const fileId = insert(ctx, "files", {
    owner_id: uploadedBy,
    name,
    content_type: "application/pdf",
    size: data.length,
    sha256: createHash("sha256").update(data).digest("hex"),
    data,
    created_at: at,
  });
  insert(ctx, "partnership_documents", {
    partnership_id: partnershipId,
    file_id: fileId,
    label,
    uploaded_by: uploadedBy,
    created_at: at,
  });
}

/** Programmes, partnerships, conventions and what they produced; returns how many partnerships. */
export function createPartnerships(ctx: Ctx, staff: Staff, orgs: Org[], candidates: Candidate[]) {
  const partners = partnerIds(ctx);
  const programmeIds = createProgrammes(ctx, partners, staff.adminId);
  const conventions: SeededConvention[] = [];
  const all = plans(ctx, staff, orgs);
  for (const plan of all) {
    const id = insertPartnership(ctx, plan, programmeIds[plan.programme]!);
    if (plan.convention) {
      conventions.push(
        insertConvention(ctx, plan, id, programmeIds[plan.programme]!, partners, conventions.length + 1),
      );
    }
    if (plan.org.isDemo && plan.convention) {
      const by = plan.counsellorId ?? staff.demoCounsellorId;
      attachDocument(ctx, id, by, "RCCM et NIF de l'atelier", "rccm-nif-atelier-diarra.pdf", 85);
      attachDocument(ctx, id, by, "Convention signée", "convention-signee.pdf", 75);
    }
  }
  createConventionResults(ctx, staff, conventions, candidates);
  return { partnerships: all.length, conventions: conventions.length };
}
