// The four partnership programmes a company can join, in French, English and
// Bambara (whole texts: a programme page is read in one language).
import type { ProgrammeKind, ProgrammeText, ProgrammeTexts } from "../enums";
import { type Ctx, insert } from "./context";
import { DAY } from "./random";

const STEPS: Record<"fr" | "en" | "bm", string[]> = {
  fr: [
    "Manifester l'intérêt de l'entreprise sur Baara",
    "Entretien avec un conseiller OIM, dans vos locaux ou par téléphone",
    "Dossier : RCCM, NIF, attestation CNPM ou CCIM, liste des postes",
    "Signature de la convention",
    "Publication des offres sur Baara",
    "Suivi des personnes accueillies à 1, 3 et 6 mois",
  ],
  en: [
    "Express the company's interest on Baara",
    "Interview with an IOM counsellor, at your premises or by phone",
    "File: RCCM, NIF, CNPM or CCIM certificate, list of positions",
    "Signing of the agreement",
    "Offers published on Baara",
    "Follow-up of the people taken on at 1, 3 and 6 months",
  ],
  bm: [
    "Baarada sago jira Baara kan",
    "Kumaɲɔgɔnya OIM ladilikɛla dɔ fɛ, i ka baarada la walima telefɔni fɛ",
    "Sɛbɛnw: RCCM, NIF, CNPM walima CCIM sɛbɛn, baara yɔrɔw lisi",
    "Bɛnkansɛbɛn bolonɔbila",
    "Baara yɔrɔw bila Baara kan",
    "Mɔgɔ minnu donna baara la, olu lajɛli kalo 1, 3 ani 6 kɔfɛ",
  ],
};

const DOCUMENTS: Record<"fr" | "en" | "bm", string[]> = {
  fr: [
    "Copie du registre du commerce (RCCM)",
    "Numéro d'identification fiscale (NIF)",
    "Attestation d'adhésion au CNPM ou à la CCIM",
    "Liste des postes proposés (métier, nombre, lieu)",
  ],
  en: [
    "Copy of the trade register entry (RCCM)",
    "Tax identification number (NIF)",
    "Certificate of membership of the CNPM or the CCIM",
    "List of the positions offered (trade, number, place)",
  ],
  bm: ["RCCM sɛbɛn", "NIF nimɔrɔ", "CNPM walima CCIM tɔndenya sɛbɛn", "Baara yɔrɔw lisi (baara suguya, hakɛ, yɔrɔ)"],
};

const FORMAL = {
  fr: "Entreprise installée au Mali, inscrite au RCCM, avec un NIF, membre du CNPM ou de la CCIM.",
  en: "A company established in Mali, on the trade register (RCCM), with a tax number (NIF), a member of the CNPM or the CCIM.",
  bm: "Baarada min bɛ Mali kɔnɔ, a tɔgɔ sɛbɛnnen bɛ RCCM la, NIF b'a bolo, a ye CNPM walima CCIM tɔnden ye.",
};

type Words = Omit<ProgrammeText, "steps" | "documents">;
type Programme = {
  kind: ProgrammeKind;
  stipendFcfa: number | null;
  trainingFcfa: number | null;
  insurance: boolean;
  durationMonths: number | null;
  partners: string[];
  fr: Words;
  en: Words;
  bm: Words;
  extraDocuments?: Record<"fr" | "en" | "bm", string>;
};

export const PROGRAMMES: readonly Programme[] = [
  {
    kind: "apprenticeship",
    stipendFcfa: 25_000,
    trainingFcfa: null,
    insurance: true,
    durationMonths: 12,
    partners: ["OIM", "APEJ"],
    fr: {
      title: "Apprentissage avec allocation mensuelle",
      summary:
        "Votre entreprise forme des apprentis pendant 6 à 12 mois ; l'OIM verse à chaque apprenti 25 000 FCFA par mois et paie son assurance.",
      eligibility: `${FORMAL.fr} Un maître d'apprentissage expérimenté dans le métier. Apprentis de 15 à 35 ans, jeunes ou migrants de retour, inscrits sur Baara.`,
      companyCommits:
        "Accueillir les apprentis convenus pendant toute la durée ; désigner un maître d'apprentissage ; fournir la tenue et les outils ; accepter le suivi du conseiller à 1, 3 et 6 mois.",
      partnersBring:
        "OIM : 25 000 FCFA par mois et par apprenti, versés à l'apprenti, et l'assurance accidents du travail. APEJ : l'attestation de fin d'apprentissage.",
    },
    en: {
      title: "Apprenticeship with a monthly allowance",
      summary:
        "Your company trains apprentices for 6 to 12 months; the IOM pays each apprentice 25,000 FCFA a month and their insurance.",
      eligibility: `${FORMAL.en} A master craftsperson experienced in the trade. Apprentices aged 15 to 35, young people or returning migrants, registered on Baara.`,
      companyCommits:
        "Take on the agreed apprentices for the whole period; name a master craftsperson; provide work clothes and tools; accept the counsellor's follow-up at 1, 3 and 6 months.",
      partnersBring:
        "IOM: 25,000 FCFA a month per apprentice, paid to the apprentice, and work accident insurance. APEJ: the end-of-apprenticeship certificate.",
    },
    bm: {
      title: "Baara degeli ni kalo o kalo wari ye",
      summary:
        "I ka baarada bɛ degedenw kalan kalo 6 ka se kalo 12 ma. OIM bɛ 25 000 FCFA di degeden kelen kelen bɛɛ ma kalo o kalo, ka u ka asuransi sara.",
      eligibility: `${FORMAL.bm} Karamɔgɔ min bɛ baara in dɔn kosɛbɛ. Degedenw: kamalenw, sunguruw walima tunkaranke seginnenw, san 15 ka se san 35 ma, u tɔgɔ sɛbɛnnen bɛ Baara kan.`,
      companyCommits:
        "Ka degedenw mara baarada la waati bɛɛ kɔnɔ; ka karamɔgɔ kelen sigi u kun na; ka baara fini ni baara minɛnw di u ma; ka sɔn ladilikɛla ka u lajɛ kalo 1, 3 ani 6 kɔfɛ.",
      partnersBring:
        "OIM: 25 000 FCFA kalo o kalo degeden kelen kelen bɛɛ ye, ani baara kɔnɔ asuransi. APEJ: baara degeli laban sɛbɛn.",
    },
    extraDocuments: {
      fr: "Nom et expérience du maître d'apprentissage",
      en: "Name and experience of the master craftsperson",
      bm: "Karamɔgɔ tɔgɔ ani a ka baara dɔnniya",
    },
  },
  {
    kind: "returnee_internship",
    stipendFcfa: 30_000,
    trainingFcfa: null,
    insurance: true,
    durationMonths: 6,
    partners: ["OIM", "ANPE"],
    fr: {
      title: "Stages pour migrants de retour",
      summary:
        "Des stages de 3 à 6 mois pour des migrants revenus au Mali ; l'OIM paie l'indemnité de stage de 30 000 FCFA par mois et l'assurance.",
      eligibility: `${FORMAL.fr} Stagiaires : migrants de retour accompagnés par l'OIM, inscrits sur Baara.`,
      companyCommits:
        "Accueillir les stagiaires convenus 3 à 6 mois ; nommer un tuteur ; leur confier un vrai travail du métier ; remettre une attestation de stage ; dire au conseiller si un stagiaire ne vient plus.",
      partnersBring:
        "OIM : 30 000 FCFA par mois et par stagiaire, et l'assurance. ANPE : présélection des stagiaires et conseil à l'entreprise.",
    },
    en: {
      title: "Internships for returning migrants",
      summary:
        "Internships of 3 to 6 months for migrants back in Mali; the IOM pays the 30,000 FCFA monthly allowance and the insurance.",
      eligibility: `${FORMAL.en} Interns: returning migrants supported by the IOM, registered on Baara.`,
      companyCommits:
        "Take on the agreed interns for 3 to 6 months; name a tutor; give them real work in the trade; hand over an internship certificate; tell the counsellor if an intern stops coming.",
      partnersBring:
        "IOM: 30,000 FCFA a month per intern, and the insurance. ANPE: shortlisting of the interns and advice to the company.",
    },
    bm: {
      title: "Kalanbaara tunkaranke seginnenw ye",
      summary:
        "Kalanbaara kalo 3 ka se kalo 6 ma tunkaranke minnu seginna Mali la. OIM bɛ 30 000 FCFA sara kalo o kalo, ka asuransi sara.",
      eligibility: `${FORMAL.bm} Kalanbaarakɛlaw: tunkaranke seginnenw, OIM bɛ minnu dɛmɛ, u tɔgɔ sɛbɛnnen bɛ Baara kan.`,
      companyCommits:
        "Ka kalanbaarakɛlaw mara kalo 3 ka se kalo 6 ma; ka mɔgɔ kelen sigi u kun na; ka baara yɛrɛ di u ma; ka kalanbaara sɛbɛn di u ma; ka ladilikɛla ladɔnniya ni mɔgɔ dɔ tɛ na tugun.",
      partnersBring:
        "OIM: 30 000 FCFA kalo o kalo kalanbaarakɛla kelen kelen bɛɛ ye, ani asuransi. ANPE: kalanbaarakɛlaw sugandili ani baarada ladili.",
    },
  },
  {
    kind: "train_then_hire",
    stipendFcfa: null,
    trainingFcfa: 150_000,
    insurance: false,
    durationMonths: 3,
    partners: ["OIM", "APEJ"],
    fr: {
      title: "Former puis embaucher",
      summary:
        "L'OIM ou l'APEJ paie la formation (150 000 FCFA par stagiaire) ; votre entreprise embauche au moins la moitié de ceux qui la terminent.",
      eligibility: `${FORMAL.fr} Des besoins de recrutement dans les 12 mois, dans un métier où une formation courte suffit.`,
      companyCommits:
        "Définir la formation avec le centre ; accueillir les stagiaires en atelier ; embaucher au moins la moitié de ceux qui terminent la formation, avec un contrat d'au moins 6 mois.",
      partnersBring:
        "OIM ou APEJ : 150 000 FCFA par stagiaire versés au centre de formation. Le centre : la formation et le certificat.",
    },
    en: {
      title: "Train, then hire",
      summary:
        "The IOM or APEJ pays the training (150,000 FCFA per trainee); your company hires at least half of those who complete it.",
      eligibility: `${FORMAL.en} Hiring needs within 12 months, in a trade where a short training is enough.`,
      companyCommits:
        "Design the training with the centre; host the trainees in the workshop; hire at least half of those who complete the training, on a contract of 6 months or more.",
      partnersBring:
        "IOM or APEJ: 150,000 FCFA per trainee paid to the training centre. The centre: the training and the certificate.",
    },
    bm: {
      title: "Kalan, o kɔ baara",
      summary:
        "OIM walima APEJ bɛ kalan sara (150 000 FCFA mɔgɔ kelen kelen bɛɛ ye). Mɔgɔ minnu ye kalan ban, i ka baarada bɛ olu tilancɛ ta baara la.",
      eligibility: `${FORMAL.bm} Baarada mago bɛ baarakɛlaw la kalo 12 kɔnɔ, baara suguya min na kalan surun bɛ se.`,
      companyCommits:
        "Ka kalan labɛn ni kalanso ye; ka kalandenw mara baarada la; ka kalan bannenw tilancɛ ta baara la, bɛnkansɛbɛn kalo 6 walima a ka ca ni o ye.",
      partnersBring:
        "OIM walima APEJ: 150 000 FCFA kalanden kelen kelen bɛɛ ye, o bɛ di kalanso ma. Kalanso: kalan ani a sɛbɛn.",
    },
  },
  {
    kind: "hiring",
    stipendFcfa: null,
    trainingFcfa: null,
    insurance: false,
    durationMonths: 12,
    partners: ["OIM", "ANPE"],
    fr: {
      title: "Engagement d'embauche et adaptation du poste",
      summary:
        "Votre entreprise s'engage à embaucher des jeunes et des migrants ; l'OIM finance l'adaptation du poste ou l'équipement, jusqu'à 2 000 000 FCFA.",
      eligibility: `${FORMAL.fr} Au moins 5 embauches prévues dans l'année.`,
      companyCommits:
        "Embaucher le nombre convenu de jeunes et de migrants, avec un contrat d'au moins 12 mois payé au moins le SMIG ; publier les postes sur Baara ; justifier l'usage de l'équipement financé.",
      partnersBring:
        "OIM : adaptation du poste ou équipement jusqu'à 2 000 000 FCFA (outils, machine, aménagement pour une personne handicapée). ANPE : présélection des candidats.",
    },
    en: {
      title: "Hiring commitment and workplace adaptation",
      summary:
        "Your company commits to hire young people and migrants; the IOM funds the adaptation of the workplace or equipment, up to 2,000,000 FCFA.",
      eligibility: `${FORMAL.en} At least 5 hires planned within the year.`,
      companyCommits:
        "Hire the agreed number of young people and migrants, on contracts of 12 months or more paid at least the minimum wage; post the positions on Baara; account for the use of the funded equipment.",
      partnersBring:
        "IOM: workplace adaptation or equipment up to 2,000,000 FCFA (tools, a machine, adjustments for a person with a disability). ANPE: shortlisting of candidates.",
    },
    bm: {
      title: "Baara di layidu ani baara yɔrɔ labɛnni",
      summary:
        "I ka baarada bɛ layidu ta ka kamalenw, sunguruw ni tunkarankew ta baara la. OIM bɛ baara yɔrɔ labɛnni walima baara minɛnw sara, ka se 2 000 000 FCFA ma.",
      eligibility: `${FORMAL.bm} Baarakɛla 5 walima a ka ca ni o ye bɛna ta san kɔnɔ.`,
      companyCommits:
        "Ka kamalenw ni tunkarankew ta baara la i ko a bɛnna cogo min na, bɛnkansɛbɛn kalo 12 walima a ka ca ni o ye, sara tɛ dɔgɔya SMIG ye; ka baara yɔrɔw bila Baara kan; ka minɛn sannenw baarakɛcogo jira.",
      partnersBring:
        "OIM: baara yɔrɔ labɛnni walima baara minɛnw, ka se 2 000 000 FCFA ma. ANPE: baaraɲininaw sugandili.",
    },
  },
];

function texts(p: Programme): ProgrammeTexts {
  const lang = (lng: "fr" | "en" | "bm"): ProgrammeText => ({
    ...p[lng],
    steps: STEPS[lng],
    documents: p.extraDocuments ? [...DOCUMENTS[lng], p.extraDocuments[lng]] : DOCUMENTS[lng],
  });
  return { fr: lang("fr"), en: lang("en"), bm: lang("bm") };
}

/** The four programmes, published in this order; returns their ids in the same order. */
export function createProgrammes(ctx: Ctx, partners: Map<string, number>, adminId: number): number[] {
  const createdAt = Math.round(ctx.now - 500 * DAY);
  return PROGRAMMES.map((p, i) =>
    insert(ctx, "programmes", {
      kind: p.kind,
      status: "published",
      position: i + 1,
      texts: texts(p),
      stipend_fcfa: p.stipendFcfa,
      training_fcfa: p.trainingFcfa,
      insurance: p.insurance,
      duration_months: p.durationMonths,
      partner_ids: p.partners.map((name) => partners.get(name)!),
      updated_by: adminId,
      created_at: createdAt,
      updated_at: createdAt,
    }),
  );
}
