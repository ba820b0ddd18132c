// People's names, and the short French texts people write in the portal.
import type { Rng } from "./random";

export const FEMALE_FIRST_NAMES = [
  "Aminata",
  "Fatoumata",
  "Mariam",
  "Awa",
  "Oumou",
  "Kadiatou",
  "Assitan",
  "Aïssata",
  "Rokia",
  "Djénéba",
  "Hawa",
  "Salimata",
  "Nana",
  "Korotoumou",
  "Bintou",
  "Kadidia",
  "Sitan",
  "Fanta",
  "Maïmouna",
  "Safiatou",
  "Ténin",
  "Coumba",
  "Ramata",
  "Haoua",
  "Adiaratou",
  "Sokona",
  "Nènè",
  "Massaran",
  "Fatimata",
  "Zeinabou",
  "Lalla",
  "Mariétou",
  "Kankou",
  "Fadimata",
  "Aïcha",
  "Halimatou",
  "Saran",
  "Mama",
  "Agaïchatou",
  "Diahara",
  "Kadiatou",
  "Aminata",
  "Fatoumata",
] as const;

export const MALE_FIRST_NAMES = [
  "Moussa",
  "Mamadou",
  "Seydou",
  "Boubacar",
  "Ibrahim",
  "Adama",
  "Souleymane",
  "Issa",
  "Drissa",
  "Bakary",
  "Modibo",
  "Oumar",
  "Abdoulaye",
  "Sékou",
  "Sidiki",
  "Lassina",
  "Yacouba",
  "Amadou",
  "Cheick",
  "Mahamadou",
  "Daouda",
  "Siaka",
  "Tiémoko",
  "Karim",
  "Alassane",
  "Hamidou",
  "Aliou",
  "Fousseyni",
  "Youssouf",
  "Moctar",
  "Mohamed",
  "Ousmane",
  "Bréhima",
  "Kalifa",
  "Salif",
  "Zoumana",
  "Nouhoum",
  "Hamadoun",
  "Abdramane",
  "Mamadou",
  "Moussa",
  "Ibrahim",
  "Boubacar",
] as const;

export const FAMILY_NAMES = [
  "Traoré",
  "Coulibaly",
  "Diarra",
  "Keïta",
  "Koné",
  "Sangaré",
  "Touré",
  "Cissé",
  "Diallo",
  "Sidibé",
  "Dembélé",
  "Maïga",
  "Konaté",
  "Sissoko",
  "Camara",
  "Doumbia",
  "Bagayoko",
  "Togola",
  "Dicko",
  "Samaké",
  "Kanté",
  "Kouyaté",
  "Fofana",
  "Sanogo",
  "Ballo",
  "Dao",
  "Tangara",
  "Mariko",
  "Bah",
  "Soumaré",
  "Niaré",
  "Berthé",
  "Diakité",
  "Diabaté",
  "Tounkara",
  "Kamissoko",
  "Goïta",
  "Haïdara",
  "Sacko",
  "Dramé",
  "Traoré",
  "Coulibaly",
  "Diarra",
  "Keïta",
  "Koné",
] as const;

// Names more common in some regions: Songhaï, Tamasheq and Arab families in the
// north, Dogon and Peul families in the centre.
const NORTH_NAMES = ["Maïga", "Touré", "Haïdara", "Cissé", "Ag Mohamed", "Ag Alhousseini", "Ag Ahmed", "Dicko", "Arby"];
const CENTRE_NAMES = ["Dolo", "Guindo", "Tembely", "Kassogué", "Ongoïba", "Dicko", "Barry", "Diallo", "Sow", "Bah"];
const NORTH = new Set(["tombouctou", "gao", "kidal", "taoudenit", "menaka"]);
const CENTRE = new Set(["mopti", "bandiagara", "douentza"]);

export type Sex = "f" | "m";

export function personName(rng: Rng, sex: Sex, region?: string) {
  const firstName = rng.pick(sex === "f" ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  let lastName: string = rng.pick(FAMILY_NAMES);
  if (region && NORTH.has(region) && rng.chance(0.6)) lastName = rng.pick(NORTH_NAMES);
  if (region && CENTRE.has(region) && rng.chance(0.5)) lastName = rng.pick(CENTRE_NAMES);
  // "Ag" (son of) is "Walet" (daughter of) for a woman.
  if (sex === "f" && lastName.startsWith("Ag ")) lastName = `Walet ${lastName.slice(3)}`;
  return { firstName, lastName };
}

/** Messages a candidate writes when applying: [masculine, feminine]. */
export const APPLICATION_MESSAGES: readonly (readonly [string, string])[] = [
  [
    "Bonjour, je suis très intéressé par ce poste et disponible immédiatement.",
    "Bonjour, je suis très intéressée par ce poste et disponible immédiatement.",
  ],
  [
    "J'ai déjà travaillé dans ce domaine pendant deux ans. Merci de considérer ma candidature.",
    "J'ai déjà travaillé dans ce domaine pendant deux ans. Merci de considérer ma candidature.",
  ],
  ["Je suis sérieux, ponctuel et motivé pour apprendre.", "Je suis sérieuse, ponctuelle et motivée pour apprendre."],
  [
    "Je veux apprendre ce métier et je suis prêt à commencer dès que possible.",
    "Je veux apprendre ce métier et je suis prête à commencer dès que possible.",
  ],
  [
    "J'habite tout près, je peux venir tous les jours à l'heure.",
    "J'habite tout près, je peux venir tous les jours à l'heure.",
  ],
  [
    "Je parle bambara et français, et j'aime le contact avec les clients.",
    "Je parle bambara et français, et j'aime le contact avec les clients.",
  ],
  [
    "Merci pour cette offre, j'espère être appelé pour un entretien.",
    "Merci pour cette offre, j'espère être appelée pour un entretien.",
  ],
  [
    "J'ai suivi une formation dans ce métier et je cherche une première expérience.",
    "J'ai suivi une formation dans ce métier et je cherche une première expérience.",
  ],
  [
    "Je travaille déjà à la journée dans ce métier, je cherche un emploi plus stable.",
    "Je travaille déjà à la journée dans ce métier, je cherche un emploi plus stable.",
  ],
];

export const REFERRAL_MESSAGES = [
  "Candidature transmise par le conseiller : le profil correspond bien à l'offre.",
  "Profil suivi par notre service, motivé et disponible rapidement.",
  "Personne formée récemment dans ce métier, recommandée pour un entretien.",
];

export const REJECTION_NOTES = [
  "Le profil ne correspond pas aux exigences du poste.",
  "Nous avons retenu un profil plus expérimenté.",
  "Injoignable après plusieurs appels.",
  "Absence à l'entretien prévu.",
];

export const WITHDRAWAL_NOTES = [
  "J'ai trouvé un autre travail.",
  "Le lieu de travail est trop loin de chez moi.",
  "Je ne suis plus disponible pour le moment.",
];

export const COUNSELLOR_NOTES = [
  "Premier entretien d'orientation : cherche un emploi stable dans son métier, disponible tout de suite.",
  "Souhaite suivre une formation courte avant de chercher un emploi.",
  "A besoin d'appui pour préparer les entretiens d'embauche.",
  "Orientation vers les offres d'apprentissage de sa commune.",
  "Relance par téléphone : toujours en recherche, intérêt pour les offres de la zone.",
  "Documents d'identité en cours de renouvellement.",
];

export const FOLLOWUP_NOTES_EMPLOYED = [
  "Joint par téléphone, toujours en poste.",
  "Visite sur le lieu de travail : l'employeur est satisfait.",
  "Toujours en poste, souhaite une formation complémentaire.",
  "Contrat renouvelé.",
];

export const FOLLOWUP_NOTES_LEFT = [
  "A quitté l'entreprise, cherche un nouvel emploi.",
  "Fin du contrat, non renouvelé.",
  "Départ pour travailler dans une autre région.",
  "A arrêté pour raisons familiales.",
];

/** Why placements ended: a code of PLACEMENT_END_REASONS and the counsellor's words. */
export const END_REASONS = [
  { code: "contract_ended", note: null },
  { code: "resigned", note: "A trouvé un autre emploi." },
  { code: "other", note: "Départ pour raisons familiales." },
  { code: "contract_ended", note: "Fin du chantier." },
  { code: "dismissed", note: "Licenciement économique." },
] as const;

/** Employers that are not in the portal, for placements found outside it. */
export const OUTSIDE_EMPLOYERS = [
  "Garage Sissoko de Kalaban Coro",
  "Chantier privé à Sébénikoro",
  "Boutique de Mme Touré au Grand Marché",
  "Menuiserie Dembélé à Niamakoro",
  "Restaurant Chez Fanta à Ségou",
  "Salon de coiffure Bella à Sikasso",
  "Ferme maraîchère de Samanko",
  "Atelier de couture Sira à Kati",
  "Station-service de Sévaré",
  "Boulangerie de Koutiala",
  "Transport Koné, gare routière de Sogoniko",
  "Quincaillerie Diakité à Kayes",
];

export const FRAUD_DETAILS = {
  money: [
    "On m'a demandé 25 000 F CFA pour les frais de dossier avant l'entretien.",
    "Le recruteur exige un paiement pour « réserver » la place.",
  ],
  fake: [
    "L'adresse indiquée n'existe pas, personne ne connaît cette entreprise.",
    "La même annonce est publiée sous plusieurs noms d'entreprise.",
  ],
  discrimination: ["L'offre précise que les femmes ne seront pas retenues."],
  trafficking: ["On m'a proposé de partir travailler à l'étranger sans contrat écrit."],
  other: ["Le salaire annoncé au téléphone est très différent de celui de l'offre."],
} as const;
