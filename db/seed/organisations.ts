// Partner bodies and employers: names, registration numbers, verification history.
import { REGIONS, type Region, SECTOR_CODES, type Sector } from "../../app/utils/reference";
import { audit, type Ctx, insert, insertUser, type Org, type OrgStage, type Staff, uniqueEmail } from "./context";
import { FAMILY_NAMES, FEMALE_FIRST_NAMES, personName } from "./names";
import { DAY, slugify } from "./random";
import { placeOf } from "./wording";

export const PARTNERS = [
  {
    shortName: "OIM",
    name: "OIM Mali",
    description:
      "Organisation internationale pour les migrations : réintégration des migrants de retour, formation et placement des jeunes.",
  },
  {
    shortName: "CNPM",
    name: "Conseil National du Patronat du Mali",
    description: "Organisation faîtière des employeurs du secteur privé malien.",
  },
  {
    shortName: "CCIM",
    name: "Chambre de Commerce et d'Industrie du Mali",
    description: "Représente et accompagne les entreprises commerciales et industrielles du Mali.",
  },
  {
    shortName: "ANPE",
    name: "Agence Nationale pour l'Emploi",
    description: "Service public de l'emploi : intermédiation, orientation et formation des demandeurs d'emploi.",
  },
  {
    shortName: "APEJ",
    name: "Agence pour la Promotion de l'Emploi des Jeunes",
    description: "Programmes d'apprentissage, de stages et d'insertion pour les jeunes.",
  },
] as const;

/** Partner bodies, verified from the start; returns their ids by short name. */
export function createPartners(ctx: Ctx, adminId: number): Map<string, number> {
  const ids = new Map<string, number>();
  const createdAt = ctx.now - 900 * DAY;
  for (const partner of PARTNERS) {
    const id = insert(ctx, "organisations", {
      kind: "partner",
      name: partner.name,
      short_name: partner.shortName,
      sector: "services",
      region: "bamako",
      commune: partner.shortName === "OIM" ? "Commune II" : "Commune III",
      description: partner.description,
      membership: "none",
      verification_status: "verified",
      verified_at: createdAt,
      verified_by: adminId,
      created_at: createdAt,
    });
    ids.set(partner.shortName, id);
  }
  return ids;
}

type Curated = readonly [name: string, sector: Sector, region: Region, commune: string];

// The first entry is the demo employer's organisation (employeur@baara.demo).
const CURATED: readonly Curated[] = [
  ["Atelier Diarra Mécanique", "mecanique", "bamako", "Commune VI"],
  ["Entreprise Traoré BTP", "btp", "bamako", "Commune IV"],
  ["Boulangerie Sanogo", "commerce", "bamako", "Commune III"],
  ["Coopérative des maraîchères de Baguinéda", "agriculture", "koulikoro", "Kati"],
  ["Hôtel Le Djoliba", "hotellerie", "bamako", "Commune III"],
  ["SOMAFER SARL", "btp", "bamako", "Commune II"],
  ["Garage Moderne Sissoko", "mecanique", "bamako", "Commune I"],
  ["Sahel Construction SARL", "btp", "bamako", "Commune V"],
  ["Solaire Mali Énergie SARL", "electricite", "bamako", "Commune VI"],
  ["Kènè Informatique", "tic", "bamako", "Commune V"],
  ["Atelier de couture Kadiatou Style", "textile", "bamako", "Commune IV"],
  ["Transports Diallo et Frères", "transport", "bamako", "Commune VI"],
  ["Clinique Santé Plus", "sante", "bamako", "Commune IV"],
  ["Pharmacie du Fleuve", "sante", "bamako", "Commune III"],
  ["Quincaillerie Cissé", "commerce", "bamako", "Commune II"],
  ["Restaurant Le Badala", "hotellerie", "bamako", "Commune I"],
  ["Sécurité Plus Mali", "services", "bamako", "Commune II"],
  ["Cabinet Comptable Sangaré", "services", "bamako", "Commune III"],
  ["École privée Les Étoiles", "education", "bamako", "Commune VI"],
  ["Sahel Logistique SARL", "transport", "bamako", "Commune II"],
  ["Électricité Générale Coulibaly", "electricite", "bamako", "Commune V"],
  ["Salon de coiffure Beauté Divine", "services", "bamako", "Commune I"],
  ["Coursiers Express Bamako", "transport", "bamako", "Commune III"],
  ["Froid Climatisation Samaké", "electricite", "bamako", "Commune III"],
  ["Sahel Forage Services", "mines", "bamako", "Commune VI"],
  ["Nettoyage Pro Sahel", "services", "bamako", "Commune V"],
  ["Supermarché Le Bon Prix", "commerce", "bamako", "Commune IV"],
  ["Sahel Digital Services", "tic", "bamako", "Commune IV"],
  ["Coopérative des teinturières de Bamako", "textile", "bamako", "Commune II"],
  ["Ferme avicole Doumbia", "agriculture", "koulikoro", "Kalaban Coro"],
  ["Atelier de soudure Togola", "mecanique", "koulikoro", "Kati"],
  ["Complexe scolaire Espoir", "education", "koulikoro", "Koulikoro"],
  ["Garage Koné et Frères", "mecanique", "segou", "Ségou"],
  ["Union des riziculteurs de Niono", "agriculture", "segou", "Niono"],
  ["Bogolan Ségou Création", "textile", "segou", "Ségou"],
  ["Cyber Espace Ségou", "tic", "segou", "Ségou"],
  ["Entreprise Keïta Bâtiment", "btp", "sikasso", "Sikasso"],
  ["Groupement des productrices de karité de Zégoua", "agriculture", "sikasso", "Zégoua"],
  ["Maquis Chez Tantie Oumou", "hotellerie", "sikasso", "Sikasso"],
  ["Centre de formation professionnelle Sabali", "education", "sikasso", "Sikasso"],
  ["Société d'Exploitation Minière de Kéniéba", "mines", "kayes", "Kéniéba"],
  ["Centrale Moto Kayes", "mecanique", "kayes", "Kayes"],
  ["Jardins du Fleuve Sénégal", "agriculture", "kayes", "Kayes"],
  ["Bâtir Mopti SARL", "btp", "mopti", "Sévaré"],
  ["Hôtel Le Bozo", "hotellerie", "mopti", "Mopti"],
  ["Réparation Mobile Dicko", "tic", "mopti", "Sévaré"],
  ["Campement de Djenné", "hotellerie", "mopti", "Djenné"],
  ["Maroquinerie Touré", "textile", "tombouctou", "Tombouctou"],
  ["Établissements Maïga Commerce", "commerce", "gao", "Gao"],
  ["Menuiserie Touré de Gao", "btp", "gao", "Gao"],
  ["Entreprise Ag Mohamed Services", "services", "kidal", "Kidal"],
  ["Société du Sel de Taoudéni", "mines", "taoudenit", "Taoudéni"],
  ["Coopérative des éleveurs de Ménaka", "agriculture", "menaka", "Ménaka"],
  ["Boutique Tounkara Distribution", "commerce", "nioro", "Nioro du Sahel"],
  ["Entreprise Dembélé et Fils", "btp", "kita", "Kita"],
  ["Union des producteurs de coton de Fana", "agriculture", "dioila", "Fana"],
  ["Boucherie Moderne de Nara", "commerce", "nara", "Nara"],
  ["Laiterie du Wassoulou", "agriculture", "bougouni", "Yanfolila"],
  ["Koutiala Solaire Services", "electricite", "koutiala", "Koutiala"],
  ["Compagnie de Transport du Bani", "transport", "san", "San"],
  ["Tissage Traditionnel de San", "textile", "san", "San"],
  ["Coopérative des femmes de Douentza", "textile", "douentza", "Douentza"],
  ["Auberge de la Falaise", "hotellerie", "bandiagara", "Sangha"],
];

const BAMAKO_QUARTERS = [
  "Badalabougou",
  "Hamdallaye",
  "Lafiabougou",
  "Djicoroni",
  "Niamakoro",
  "Sogoniko",
  "Faladié",
  "Magnambougou",
  "Banconi",
  "Bagadadji",
  "Médina Coura",
  "Hippodrome",
  "Sébénikoro",
  "Missira",
  "Korofina",
];

// {F} a family name, {P} "de" + a place, {W} a woman's first name.
const NAME_PATTERNS: Record<Sector, readonly string[]> = {
  btp: ["Entreprise {F} BTP", "{F} Construction SARL", "Bâtiment Moderne {F}", "Entreprise Générale {F} et Frères"],
  agriculture: ["Coopérative agricole {P}", "Ferme {F}", "Groupement des maraîchères {P}", "Union des producteurs {P}"],
  mines: ["Société Minière {F}", "Carrière {P}", "{F} Forages SARL"],
  commerce: [
    "Quincaillerie {F}",
    "Boutique {F} Distribution",
    "Établissements {F} Commerce",
    "Boulangerie {F}",
    "Alimentation Générale {F}",
  ],
  transport: ["Transports {F} et Frères", "{F} Logistique SARL", "Compagnie de transport {P}"],
  hotellerie: ["Restaurant Chez Tantie {W}", "Hôtel {F}", "Maquis Le Baobab {P}", "Auberge {F}"],
  tic: ["{F} Informatique", "Cyber Espace {P}", "Réparation Mobile {F}", "{F} Digital SARL"],
  textile: ["Atelier de couture {W} Style", "Coopérative des teinturières {P}", "Maroquinerie {F}", "Tissage {F}"],
  mecanique: ["Garage {F}", "Atelier {F} Mécanique", "Garage Moderne {P}", "Atelier de soudure {F}"],
  electricite: ["{F} Électricité Générale", "Solaire Services {P}", "Froid et Climatisation {F}"],
  sante: ["Pharmacie {F}", "Clinique {F}", "Centre de santé privé {P}"],
  education: ["École privée {F}", "Complexe scolaire {P}", "Centre de formation {F}"],
  services: ["Salon de coiffure {W}", "{F} Sécurité Services", "Nettoyage {F}", "Cabinet {F} Conseil"],
};

const SECTOR_INTROS: Record<Sector, string> = {
  btp: "Entreprise de bâtiment et de travaux publics installée",
  agriculture: "Exploitation agricole installée",
  mines: "Société de mines et de forage installée",
  commerce: "Commerce installé",
  transport: "Entreprise de transport et de logistique installée",
  hotellerie: "Établissement d'hôtellerie et de restauration installé",
  tic: "Entreprise de services informatiques installée",
  textile: "Atelier de textile et d'artisanat installé",
  mecanique: "Atelier de mécanique et de réparation installé",
  electricite: "Entreprise d'électricité et d'énergie installée",
  sante: "Établissement de santé installé",
  education: "Établissement d'enseignement et de formation installé",
  services: "Entreprise de services installée",
};

const TOWN_CODES: Record<Region, string> = {
  bamako: "BKO",
  kayes: "KYS",
  koulikoro: "KLK",
  sikasso: "SKS",
  segou: "SGO",
  mopti: "MPT",
  tombouctou: "TBT",
  gao: "GAO",
  kidal: "KDL",
  taoudenit: "TDT",
  menaka: "MNK",
  nioro: "NRO",
  kita: "KTA",
  dioila: "DLA",
  nara: "NRA",
  bougouni: "BGN",
  koutiala: "KTL",
  san: "SAN",
  douentza: "DTZ",
  bandiagara: "BDG",
};

const REJECTION_REASONS = [
  "Numéro RCCM introuvable au registre du commerce.",
  "Pièces justificatives illisibles ; l'entreprise n'a pas répondu à nos relances.",
];
const SUSPENSION_REASON = "Plusieurs signalements de candidats : des frais étaient demandés à l'embauche.";

/** "de Ségou", "d'Ansongo", "de Badalabougou". */
const de = (place: string) => (/^[AEIOUÉÈYaeiouéè]/.test(place) ? `d'${place}` : `de ${place}`);

function inventName(ctx: Ctx, sector: Sector, region: Region, commune: string, taken: Set<string>): string {
  const { rng } = ctx;
  for (let attempt = 0; ; attempt++) {
    const place = region === "bamako" ? rng.pick(BAMAKO_QUARTERS) : commune;
    let name = rng
      .pick(NAME_PATTERNS[sector])
      .replace("{F}", rng.pick(FAMILY_NAMES))
      .replace("{P}", de(place))
      .replace("{W}", rng.pick(FEMALE_FIRST_NAMES));
    if (attempt > 8) name = `${name} ${de(place)}`;
    if (attempt > 16) name = `${name} ${attempt}`;
    if (!taken.has(name)) return name;
  }
}

/** Where employers are: Bamako first, then the big towns of the south. */
const REGION_WEIGHTS: Partial<Record<Region, number>> = {
  bamako: 40,
  koulikoro: 10,
  sikasso: 9,
  segou: 9,
  kayes: 7,
  mopti: 6,
  koutiala: 3,
  bougouni: 3,
  san: 2,
  kita: 2,
  dioila: 2,
  nioro: 1.5,
  gao: 2,
  tombouctou: 1.5,
  bandiagara: 1,
  douentza: 0.5,
  nara: 0.5,
  kidal: 0.4,
  menaka: 0.4,
  taoudenit: 0.2,
};

function rccm(ctx: Ctx, region: Region, year: number): string {
  return `MA.${TOWN_CODES[region]}.${year}.${ctx.rng.chance(0.8) ? "B" : "A"}.${ctx.rng.int(100, 9999)}`;
}

function nif(ctx: Ctx): string {
  return `08${String(ctx.rng.int(0, 9_999_999)).padStart(7, "0")}${ctx.rng.pick("ABCDEFGHJKLMNPRST".split(""))}`;
}

/** Stages for the employers after the demo one: mostly verified, a few pending, rejected, suspended. */
function stages(ctx: Ctx, count: number): (OrgStage | "rejected")[] {
  const rejected = count >= 15 ? 2 : count >= 6 ? 1 : 0;
  const suspended = count >= 10 ? 1 : 0;
  const pending = count >= 4 ? Math.max(1, Math.round(count * 0.1)) : 0;
  const fresh = count >= 3 ? Math.max(1, Math.round(count * 0.06)) : 0;
  const list: (OrgStage | "rejected")[] = [
    ...Array<"rejected">(rejected).fill("rejected"),
    ...Array<"suspended">(suspended).fill("suspended"),
    ...Array<"unverified">(pending).fill("unverified"),
    ...Array<"new">(fresh).fill("new"),
  ];
  while (list.length < count) list.push("established");
  return ctx.rng.sample(list, list.length);
}

export function createEmployers(ctx: Ctx, staff: Staff, count: number): Org[] {
  const { rng, now } = ctx;
  const orgs: Org[] = [];
  const taken = new Set<string>();
  const plan = ["established" as const, ...stages(ctx, count - 1)];

  plan.forEach((stage, index) => {
    const isDemo = index === 0;
    const curated = CURATED[index];
    const sector: Sector = curated?.[1] ?? rng.pick(SECTOR_CODES);
    const region: Region = curated?.[2] ?? rng.weighted(REGION_WEIGHTS);
    const commune = curated?.[3] ?? rng.pick(REGIONS[region]);
    const name = curated?.[0] ?? inventName(ctx, sector, region, commune, taken);
    taken.add(name);

    const createdAt = isDemo
      ? now - 800 * DAY
      : stage === "established" || stage === "suspended"
        ? now - rng.between(240, 900) * DAY
        : stage === "new"
          ? now - rng.between(12, 40) * DAY
          : stage === "rejected"
            ? now - rng.between(60, 300) * DAY
            : now - rng.between(1, 45) * DAY;
    const verifiedAt =
      stage === "established" || stage === "suspended"
        ? createdAt + rng.between(1, 12) * DAY
        : stage === "new"
          ? createdAt + rng.between(2, 8) * DAY
          : null;
    const suspendedAt = stage === "suspended" ? now - rng.between(15, 45) * DAY : null;
    const decidedAt = stage === "rejected" ? createdAt + rng.between(2, 10) * DAY : null;
    const membership = isDemo ? "cnpm" : rng.weighted({ cnpm: 35, ccim: 30, none: 35 });
    const reason =
      stage === "rejected" ? rng.pick(REJECTION_REASONS) : stage === "suspended" ? SUSPENSION_REASON : null;
    const formal = !/^(Coopérative|Groupement|Union)/.test(name);
    const slug = slugify(name);

    // The owner: employeur@baara.demo for the demo organisation.
    const owner = personName(rng, rng.chance(0.3) ? "f" : "m", region);
    const ownerName = isDemo ? "Ousmane Diarra" : `${owner.firstName} ${owner.lastName}`;
    const ownerEmail = isDemo
      ? "employeur@baara.demo"
      : rng.chance(0.65)
        ? uniqueEmail(ctx, "contact", `${slug}.ml`)
        : null;
    const ownerPhone = isDemo || !ownerEmail || rng.chance(0.5) ? ctx.phones.next() : null;
    const ownerId = insertUser(ctx, {
      role: "employeur",
      displayName: ownerName,
      email: ownerEmail,
      phone: ownerPhone,
      createdAt,
      lastLoginAt: now - rng.between(0, isDemo ? 2 : 60) * DAY,
    });

    const year = new Date(createdAt).getUTCFullYear() - rng.int(0, 12);
    const extras = [
      `Entreprise familiale créée en ${year}.`,
      `Une équipe de ${rng.int(3, 40)} personnes, dont des apprentis.`,
      "Nous formons chaque année des jeunes du quartier.",
      membership === "cnpm"
        ? "Membre du CNPM."
        : membership === "ccim"
          ? "Membre de la CCIM."
          : "Une structure en croissance, qui cherche des jeunes motivés.",
    ];
    const orgId = insert(ctx, "organisations", {
      kind: "employer",
      name,
      rccm: formal ? rccm(ctx, region, year) : null,
      nif: formal || rng.chance(0.3) ? nif(ctx) : null,
      sector,
      region,
      commune,
      description: `${SECTOR_INTROS[sector]} ${placeOf(region, commune)}. ${rng.pick(extras)}`,
      contact_name: ownerName,
      contact_phone: ownerPhone,
      contact_email: ownerEmail,
      membership,
      verification_status:
        stage === "established" || stage === "new"
          ? "verified"
          : stage === "suspended"
            ? "suspended"
            : stage === "rejected"
              ? "rejected"
              : "pending",
      verification_reason: reason,
      verified_at: verifiedAt === null ? null : Math.round(verifiedAt),
      // As decideOrganisation (app/models/moderation.server.ts): who took the last decision.
      verified_by: stage === "unverified" ? null : staff.demoCounsellorId,
      created_at: Math.round(createdAt),
      updated_at: Math.round(suspendedAt ?? decidedAt ?? verifiedAt ?? createdAt),
    });
    insert(ctx, "memberships", { user_id: ownerId, org_id: orgId, role: "owner", created_at: Math.round(createdAt) });
    const members = [ownerId];

    if (isDemo || rng.chance(0.3)) {
      const colleague = personName(rng, rng.chance(0.4) ? "f" : "m", region);
      const joinedAt = Math.min(createdAt + rng.between(5, 120) * DAY, now - DAY);
      const memberId = insertUser(ctx, {
        role: "employeur",
        displayName: isDemo ? "Salimata Diarra" : `${colleague.firstName} ${colleague.lastName}`,
        phone: ctx.phones.next(),
        email: rng.chance(0.4) ? uniqueEmail(ctx, slugify(colleague.firstName), `${slug}.ml`) : null,
        createdAt: joinedAt,
        lastLoginAt: now - rng.between(0, 90) * DAY,
      });
      insert(ctx, "memberships", {
        user_id: memberId,
        org_id: orgId,
        role: "member",
        created_at: Math.round(joinedAt),
      });
      members.push(memberId);
    }

    const subject = { actorId: staff.demoCounsellorId, subjectType: "organisation", subjectId: orgId };
    if (verifiedAt !== null) audit(ctx, { ...subject, action: "organisation.verified", at: verifiedAt });
    if (decidedAt !== null)
      audit(ctx, { ...subject, action: "organisation.rejected", detail: { reason }, at: decidedAt });
    if (suspendedAt !== null)
      audit(ctx, { ...subject, action: "organisation.suspended", detail: { reason }, at: suspendedAt });

    orgs.push({
      id: orgId,
      name,
      sector,
      region,
      commune,
      stage: stage === "rejected" ? "unverified" : stage,
      createdAt,
      verifiedAt,
      suspendedAt,
      members,
      weight: isDemo ? 0 : 0.3 + rng.next() ** 2 * 3,
      isDemo,
    });
  });
  return orgs;
}
