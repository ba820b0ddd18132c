// Reference lists shared by forms, models and the seed. Codes are stored; labels
// live in locales/*/common.json under `region.*`, `sector.*`, `trade.*`, `language.*`.

/** The 19 regions of Mali and the District of Bamako, with a few communes each. */
export const REGIONS = {
  bamako: ["Commune I", "Commune II", "Commune III", "Commune IV", "Commune V", "Commune VI"],
  kayes: ["Kayes", "Bafoulabé", "Diéma", "Kéniéba", "Yélimané"],
  koulikoro: ["Koulikoro", "Kati", "Kangaba", "Kalaban Coro", "Siby"],
  sikasso: ["Sikasso", "Kadiolo", "Kignan", "Niéna", "Zégoua"],
  segou: ["Ségou", "Markala", "Niono", "Barouéli", "Macina"],
  mopti: ["Mopti", "Sévaré", "Djenné", "Ténenkou", "Youwarou"],
  tombouctou: ["Tombouctou", "Diré", "Goundam", "Niafunké", "Gourma-Rharous"],
  gao: ["Gao", "Ansongo", "Bourem", "Almoustrat"],
  kidal: ["Kidal", "Tessalit", "Abeïbara", "Tin-Essako"],
  taoudenit: ["Taoudéni", "Foum-Elba", "Boujbeha", "Achourat"],
  menaka: ["Ménaka", "Andéramboukane", "Inékar", "Tidermène"],
  nioro: ["Nioro du Sahel", "Diéma", "Troungoumbé", "Gavinané"],
  kita: ["Kita", "Sagabari", "Sébékoro", "Toukoto"],
  dioila: ["Dioïla", "Banamba", "Fana", "Massigui"],
  nara: ["Nara", "Ballé", "Dilly", "Mourdiah"],
  bougouni: ["Bougouni", "Kolondiéba", "Yanfolila", "Garalo"],
  koutiala: ["Koutiala", "Yorosso", "M'Pessoba", "Molobala"],
  san: ["San", "Tominian", "Kimparana", "Sy"],
  douentza: ["Douentza", "Boni", "Hombori", "Boré"],
  bandiagara: ["Bandiagara", "Bankass", "Koro", "Sangha"],
} as const satisfies Record<string, readonly string[]>;

export type Region = keyof typeof REGIONS;
export const REGION_CODES = Object.keys(REGIONS) as Region[];

export const SECTOR_CODES = [
  "btp",
  "agriculture",
  "mines",
  "commerce",
  "transport",
  "hotellerie",
  "tic",
  "textile",
  "mecanique",
  "electricite",
  "sante",
  "education",
  "services",
] as const;
export type Sector = (typeof SECTOR_CODES)[number];

/** Trades (métiers), each in the sector where it is most often found. */
export const TRADES = {
  macon: "btp",
  aide_macon: "btp",
  carreleur: "btp",
  plombier: "btp",
  peintre_batiment: "btp",
  menuisier_bois: "btp",
  ferrailleur: "btp",
  conducteur_engins: "btp",
  ouvrier_agricole: "agriculture",
  maraicher: "agriculture",
  eleveur: "agriculture",
  transformateur_agro: "agriculture",
  technicien_agricole: "agriculture",
  ouvrier_mines: "mines",
  foreur: "mines",
  vendeur: "commerce",
  caissier: "commerce",
  magasinier: "commerce",
  commercial: "commerce",
  chauffeur: "transport",
  chauffeur_poids_lourd: "transport",
  livreur: "transport",
  agent_logistique: "transport",
  cuisinier: "hotellerie",
  serveur: "hotellerie",
  receptionniste: "hotellerie",
  agent_saisie: "tic",
  technicien_informatique: "tic",
  developpeur: "tic",
  reparateur_telephone: "tic",
  couturier: "textile",
  tisserand: "textile",
  teinturier: "textile",
  cordonnier: "textile",
  mecanicien_auto: "mecanique",
  mecanicien_moto: "mecanique",
  soudeur: "mecanique",
  tolier: "mecanique",
  electricien: "electricite",
  installateur_solaire: "electricite",
  frigoriste: "electricite",
  aide_soignant: "sante",
  agent_pharmacie: "sante",
  enseignant: "education",
  animateur: "education",
  coiffeur: "services",
  agent_securite: "services",
  agent_entretien: "services",
  secretaire: "services",
  comptable: "services",
} as const satisfies Record<string, Sector>;

export type Trade = keyof typeof TRADES;
export const TRADE_CODES = Object.keys(TRADES) as Trade[];

export const LANGUAGE_CODES = ["fr", "bm", "ff", "son", "snk", "tmh", "dgo", "ar", "en", "other"] as const;
export type Language = (typeof LANGUAGE_CODES)[number];

/** Guaranteed minimum wage (SMIG), in F CFA per month: cdi and cdd offers may not pay less. */
export const SMIG_FCFA = 40_000;

export const isRegion = (value: unknown): value is Region => typeof value === "string" && Object.hasOwn(REGIONS, value);
