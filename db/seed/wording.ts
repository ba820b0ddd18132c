// Offer titles and descriptions: two to four plain French sentences, never a
// phone number, an e-mail address or a link (contact goes through the portal).
import type { OfferType } from "../schema";
import type { Ctx } from "./context";
import type { OfferPlan } from "./offers";
import type { TradeText } from "./trades";

export function title(ctx: Ctx, type: OfferType, text: TradeText): string {
  const { rng } = ctx;
  switch (type) {
    case "emploi": {
      const job = rng.pick(text.jobs);
      return !job.includes("(") && rng.chance(0.15) ? `${job} (H/F)` : job;
    }
    case "apprentissage":
      return rng.chance(0.7) ? `Apprenti(e) ${text.noun}` : `Apprentissage en ${text.field}`;
    case "stage":
      return rng.chance(0.8) ? `Stage en ${text.field}` : `Stagiaire ${text.noun}`;
    case "formation":
      return rng.pick([
        `Formation en ${text.field}`,
        `Formation en ${text.field}`,
        `Formation qualifiante en ${text.field}`,
      ]);
  }
}

/** "dans la Commune IV de Bamako", "à Ségou". */
export const placeOf = (region: string, commune: string) =>
  region === "bamako" ? `dans la ${commune} de Bamako` : `à ${commune}`;

/** "a, b et c"; ", ainsi que" before a last item that has its own "et". */
export function listFr(items: readonly string[]): string {
  if (items.length < 2) return items.join("");
  const last = items[items.length - 1]!;
  const head = items.slice(0, -1).join(", ");
  return last.includes(" et ") || head.includes(" et ") ? `${head}, ainsi que ${last}` : `${head} et ${last}`;
}

const EDUCATION_PHRASES: Record<string, string> = {
  none: "Aucun diplôme n'est exigé : la motivation et le sérieux comptent avant tout.",
  literate: "Savoir lire et écrire est demandé.",
  fondamental1: "Niveau premier cycle du fondamental souhaité.",
  def: "Niveau DEF minimum.",
  cap: "Titulaire d'un CAP dans le métier.",
  bt: "Titulaire d'un BT ou d'un diplôme équivalent.",
  bac: "Niveau baccalauréat minimum.",
  licence: "Titulaire d'une licence dans le domaine.",
  master: "Titulaire d'un master.",
};

const STAGE_DIPLOMAS: Record<string, string> = {
  cap: "un CAP dans le métier",
  bt: "un BT dans le domaine",
  bac: "le baccalauréat",
  licence: "une licence dans le domaine",
};

const CERTIFICATE_WITH_ARTICLE: Record<string, string> = {
  "Attestation de formation": "une attestation de formation",
  "Certificat de qualification professionnelle (CQP)": "un certificat de qualification professionnelle (CQP)",
  "Attestation de fin de formation": "une attestation de fin de formation",
};

const PERKS = [
  "Repas de midi offert.",
  "Transport pris en charge.",
  "Tenue de travail fournie.",
  "Équipements de protection fournis.",
];

function opening(ctx: Ctx, o: OfferPlan): string {
  const { rng } = ctx;
  const org = o.org.name;
  const n = o.positions;
  switch (o.type) {
    case "emploi":
      return rng.pick([
        `${org} renforce son équipe ${placeOf(o.region, o.commune)}.`,
        `Dans le cadre de son développement, ${org} recrute ${n > 1 ? `${n} personnes` : "une personne"} pour ce poste.`,
        `${org} cherche ${n > 1 ? `${n} personnes motivées` : "une personne motivée"} ${placeOf(o.region, o.commune)}.`,
      ]);
    case "apprentissage":
      return rng.pick([
        `${org} accueille ${n > 1 ? `${n} apprentis` : "un apprenti ou une apprentie"} pour transmettre son savoir-faire.`,
        `Vous voulez apprendre un métier qui recrute ? ${org} vous forme sur le terrain, ${placeOf(o.region, o.commune)}.`,
      ]);
    case "stage":
      return rng.pick([
        `${org} propose ${n > 1 ? `${n} places de stage` : "un stage"} ${placeOf(o.region, o.commune)}.`,
        `Stage pratique au sein de ${org}.`,
      ]);
    case "formation":
      return rng.pick([
        `Formation pratique organisée par ${o.provider} ${placeOf(o.region, o.commune)}.`,
        `${o.provider} ouvre une session de ${n} places.`,
      ]);
  }
}

function missions(ctx: Ctx, o: OfferPlan, text: TradeText): string {
  const { rng } = ctx;
  const [a, b, c] = rng.sample(text.tasks, 3) as [string, string, string];
  switch (o.type) {
    case "emploi":
      return rng.pick([
        `Vous assurerez ${listFr([a, b])}.`,
        `Missions principales : ${listFr([a, b, c])}.`,
        `Le poste comprend ${listFr([a, b, c])}.`,
      ]);
    case "apprentissage":
      return `Vous apprendrez ${listFr([a, b])}, aux côtés d'un maître d'apprentissage expérimenté.`;
    case "stage":
      return `Pendant le stage, vous découvrirez ${listFr([a, b])}.`;
    case "formation":
      return `Au programme : ${listFr([a, b, c])}. Beaucoup de pratique, peu de théorie.`;
  }
}

function profile(ctx: Ctx, o: OfferPlan, text: TradeText): string {
  const { rng } = ctx;
  if (o.type === "apprentissage")
    return rng.pick([
      "Ouvert aux jeunes de 15 à 25 ans, même sans diplôme.",
      "Ouvert aux jeunes sortis de l'école et motivés par le métier.",
    ]);
  if (o.type === "formation")
    return rng.pick([
      "Ouverte aux jeunes de 18 à 35 ans et aux migrants de retour, en priorité aux personnes sans emploi.",
      "Aucun diplôme demandé ; savoir lire est un atout.",
    ]);
  if (o.type === "stage")
    return `Vous préparez ou venez d'obtenir ${STAGE_DIPLOMAS[o.minEducation ?? ""] ?? "un diplôme dans le domaine"}.`;
  const education =
    o.minEducation === null && text.level > 0
      ? "Une première expérience dans le métier est souhaitée."
      : EDUCATION_PHRASES[o.minEducation ?? "none"]!;
  if (o.contract === "cdi" && o.minEducation && rng.chance(0.4))
    return `${education} Une expérience d'au moins ${rng.int(1, 3)} ans dans un poste similaire est demandée.`;
  if (o.languages.includes("bm") && rng.chance(0.3))
    return `${education} Parler bambara est indispensable pour échanger avec les clients.`;
  return rng.chance(0.5) && o.minEducation !== null ? `${education} Une première expérience est un plus.` : education;
}

function conditions(ctx: Ctx, o: OfferPlan): string {
  const { rng } = ctx;
  const d = o.durationMonths;
  switch (o.contract) {
    case "cdi":
      return rng.pick([
        "Contrat à durée indéterminée après une période d'essai, avec déclaration à l'INPS.",
        "CDI, avec un salaire fixé selon l'expérience.",
      ]);
    case "cdd":
      return `Contrat de ${d} mois, renouvelable selon les résultats.`;
    case "journalier":
      return rng.pick([
        o.org.sector === "btp" || o.org.sector === "mines"
          ? "Travail payé à la journée, pour toute la durée du chantier."
          : "Travail payé à la journée, selon l'activité.",
        "Rémunération chaque fin de semaine, selon les jours travaillés.",
      ]);
    case "saisonnier":
      return o.org.sector === "agriculture"
        ? `Travail saisonnier de ${d} mois pendant la campagne agricole.`
        : `Travail saisonnier de ${d} mois, en période de forte activité.`;
    case "apprentissage":
      return `Apprentissage de ${d} mois avec une allocation mensuelle ; une attestation est remise à la fin.`;
    case "stage":
      return `Stage de ${d} mois encadré par un tuteur${o.payAmount ? ", avec une indemnité mensuelle" : ""}.`;
    case "formation":
      return `${d === 1 ? "À la fin du mois" : `À la fin des ${d} mois`} de formation, les participants reçoivent ${CERTIFICATE_WITH_ARTICLE[o.certificate ?? ""] ?? "une attestation"}. Les frais sont pris en charge par le programme.`;
  }
}

const sentenceCount = (parts: (string | null)[]) =>
  parts.reduce((n, p) => n + (p ? (p.match(/[.?!](\s|$)/g)?.length ?? 0) : 0), 0);

export function describe(ctx: Ctx, o: OfferPlan, text: TradeText): string {
  const { rng } = ctx;
  // opening, missions, profile, conditions, perk: at most four sentences in all.
  const parts: (string | null)[] = [
    rng.chance(0.55) ? opening(ctx, o) : null,
    missions(ctx, o, text),
    rng.chance(0.75) ? profile(ctx, o, text) : null,
    conditions(ctx, o),
    rng.chance(0.3) && o.type === "emploi" ? rng.pick(PERKS) : null,
  ];
  for (const drop of [4, 0, 2]) if (sentenceCount(parts) > 4) parts[drop] = null;
  return parts.filter((p) => p !== null).join(" ");
}
