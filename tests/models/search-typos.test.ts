// Search that forgives misspellings and knows trades' other names (app/models/search.server.ts,
// search-vocabulary.server.ts, trade-synonyms.ts), against a migrated in-memory database with one
// offer per trade, written as employers write them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SearchFilters, searchOffers } from "../../app/models/search.server";
import { spellingDistance } from "../../app/models/spelling-distance";
import type { Db } from "../../app/utils/db.server";
import { createTestDb } from "../helpers/db";
import { insertOffer, insertOrganisation } from "../helpers/factories";

/** Each trade's offer: its title, its description and the commune where it is. */
const TRADES = {
  mecanicien: ["Mécanicien auto", "Entretien et réparation de véhicules au garage, vidange et freins.", "Bamako"],
  electricien: ["Électricien bâtiment", "Installation électrique et câblage de maisons neuves.", "Kati"],
  chauffeur: ["Chauffeur de direction", "Conduite d'un véhicule de société, permis B exigé.", "Bamako"],
  conducteur: ["Conducteur d'engins", "Conduite de pelle et de chargeuse sur chantier.", "Kayes"],
  macon: ["Maçon", "Construction de murs en briques et parpaings sur chantier, dans une maison.", "Ségou"],
  soudeur: ["Soudeur", "Soudure à l'arc de portails et grilles métalliques.", "Sikasso"],
  couturier: ["Couturière", "Couture de boubous et de pagnes à l'atelier.", "Ségou"],
  plombier: ["Plombier", "Pose de tuyaux, robinets et chauffe-eau.", "Bamako"],
  menuisier: ["Menuisier bois", "Fabrication de portes, fenêtres et meubles en bois.", "Koutiala"],
  coiffeur: ["Coiffeuse", "Tresses, tissages et soins des cheveux au salon.", "Bamako"],
  vendeur: ["Vendeur en boutique", "Accueil des clients, caisse et rayons du magasin.", "Mopti"],
  gardien: ["Gardien de nuit", "Surveillance d'une résidence et de son parking.", "Bamako"],
  cuisinier: ["Cuisinier", "Préparation des repas au restaurant, cuisine malienne.", "Bamako"],
  apprenti: ["Apprenti carrossier", "Apprentissage de la tôlerie et de la peinture auto.", "Kati"],
  serveur: ["Serveuse", "Service en salle au maquis, accueil des clients.", "Bamako"],
  caissier: ["Caissier", "Encaissement en supermarché.", "Bamako"],
  livreur: ["Livreur à moto", "Livraison de colis en ville.", "Bamako"],
  enseignant: ["Enseignant de français", "Cours au collège.", "Gao"],
  comptable: ["Comptable", "Tenue des comptes et déclarations fiscales.", "Bamako"],
  secretaire: ["Secrétaire de direction", "Accueil téléphonique, courrier et agenda.", "Bamako"],
  peintre: ["Peintre en bâtiment", "Peinture des murs et plafonds.", "Ségou"],
  carreleur: ["Carreleur", "Pose de carreaux et faïence.", "Bamako"],
  cordonnier: ["Cordonnier", "Réparation de chaussures et sandales en cuir.", "Mopti"],
  tisserand: ["Tisserand", "Tissage de bogolan sur métier.", "Ségou"],
  eleveur: ["Éleveur", "Soins du bétail, moutons et chèvres.", "Nioro"],
  developpeur: ["Développeur web", "Création de sites et d'applications.", "Bamako"],
  receptionniste: ["Réceptionniste d'hôtel", "Accueil des voyageurs.", "Bamako"],
  agriculteur: ["Ouvrier agricole", "Emploi d'agriculteur saisonnier, culture du riz et du maïs.", "Niono"],
} as const;
type Trade = keyof typeof TRADES;
const tradeOfTitle = new Map(Object.entries(TRADES).map(([trade, [title]]) => [title as string, trade as Trade]));

/** What was typed, and the trades whose offers it must find (and no other). */
const MUST_FIND: [string, Trade[]][] = [
  ["mecanisien", ["mecanicien"]],
  ["mekanicien", ["mecanicien"]],
  ["mecanicein", ["mecanicien"]],
  ["mécano", ["mecanicien"]],
  ["garagiste", ["mecanicien"]],
  ["mechanic", ["mecanicien"]],
  ["electrisien", ["electricien"]],
  ["életricien", ["electricien"]],
  ["electrician", ["electricien"]],
  ["chaufeur", ["chauffeur"]],
  ["chauffeure", ["chauffeur"]],
  ["driver", ["chauffeur", "conducteur"]],
  ["condicteur", ["conducteur"]],
  ["masson", ["macon"]],
  ["macom", ["macon"]],
  ["mason", ["macon"]],
  ["soudeurr", ["soudeur"]],
  ["welder", ["soudeur"]],
  ["coutourière", ["couturier"]],
  ["tailor", ["couturier"]],
  ["plonbier", ["plombier"]],
  ["plombié", ["plombier"]],
  ["plumber", ["plombier"]],
  ["menusier", ["menuisier"]],
  ["carpenter", ["menuisier"]],
  ["coifeur", ["coiffeur"]],
  ["hairdresser", ["coiffeur"]],
  ["vandeur", ["vendeur"]],
  ["vendeuse", ["vendeur"]],
  ["gardiens", ["gardien"]],
  ["vigile", ["gardien"]],
  ["cuisignier", ["cuisinier"]],
  ["cuistot", ["cuisinier"]],
  ["aprenti", ["apprenti"]],
  ["apprentie", ["apprenti"]],
  ["serveuze", ["serveur"]],
  ["waiter", ["serveur"]],
  ["caisier", ["caissier"]],
  ["cashier", ["caissier"]],
  ["coursier", ["livreur"]],
  ["enseignent", ["enseignant"]],
  ["professeur", ["enseignant"]],
  ["contable", ["comptable"]],
  ["secretere", ["secretaire"]],
  ["pintre", ["peintre"]],
  ["carleur", ["carreleur"]],
  ["cordonier", ["cordonnier"]],
  ["tiserand", ["tisserand"]],
  ["elleveur", ["eleveur"]],
  ["developeur", ["developpeur"]],
  ["receptioniste", ["receptionniste"]],
  ["farmer", ["agriculteur"]],
  ["Mecanisien Bamako", ["mecanicien"]],
  ["driver bamako", ["chauffeur"]],
  ["Segou masson", ["macon"]],
];

/** Words near a trade's name, or of a trade no offer is for: they must not bring another trade's offers. */
const MUST_NOT_FIND = ["chanteur", "boulanger", "couvreur", "pecheur", "docteur", "masseur", "pilote", "serrurier"];

let db: Db;
let orgId: number;
const found = (filters: SearchFilters) => searchOffers(db, filters).items.map((item) => item.title);

beforeAll(() => {
  db = createTestDb();
  orgId = insertOrganisation(db).id;
  for (const [title, description, commune] of Object.values(TRADES))
    insertOffer(db, { orgId, title, description, commune });
});

describe("searchOffers: misspelt words and other names of trades", () => {
  const misses: string[] = [];
  afterAll(() => {
    const hits = MUST_FIND.length - misses.length;
    console.log(
      `Misspellings and other names finding the right trade: ${hits} of ${MUST_FIND.length} ` +
        `(${Math.round((100 * hits) / MUST_FIND.length)} %)${misses.length ? `; missed: ${misses.join(", ")}` : ""}`,
    );
  });

  it.each(MUST_FIND)("%s finds the offers of %j and no other", (q, trades) => {
    const trades_found = found({ q }).map((title) => tradeOfTitle.get(title));
    const right = trades_found.length > 0 && trades_found.every((trade) => trade && trades.includes(trade));
    if (!right) misses.push(q);
    expect(new Set(trades_found)).toEqual(new Set(trades));
  });

  it.each(MUST_NOT_FIND)("%s finds no offer of another trade", (q) => {
    expect(found({ q })).toEqual([]);
  });
});

describe("searchOffers: what the page says it searched", () => {
  it("says which word it searched instead, with its accents", () => {
    expect(searchOffers(db, { q: "mecanisien" }).widenedTo).toBe("mécanicien");
    expect(searchOffers(db, { q: "electrisien" }).widenedTo).toBe("électricien");
    expect(searchOffers(db, { q: "mécano" }).widenedTo).toBe("mécanicien");
    expect(searchOffers(db, { q: "driver" }).widenedTo).toBe("chauffeur");
  });

  it("lists first the offers with the word it shows, then those with the trade's other names", () => {
    expect(found({ q: "driver" })).toEqual(["Chauffeur de direction", "Conducteur d'engins"]);
    expect(found({ q: "driver", sort: "date" })).toEqual(["Conducteur d'engins", "Chauffeur de direction"]);
  });

  it("keeps the other words as they were typed", () => {
    expect(searchOffers(db, { q: "Mecanisien Bamako" }).widenedTo).toBe("mécanicien Bamako");
    expect(found({ q: "mecanisien kayes" })).toEqual([]);
  });

  it("says nothing when the words as typed find offers", () => {
    expect(searchOffers(db, { q: "mécanicien" }).widenedTo).toBeNull();
    expect(searchOffers(db, { q: "mecan" }).widenedTo).toBeNull();
    expect(searchOffers(db, {}).widenedTo).toBeNull();
  });
});

describe("searchOffers: a search that finds offers stays as it was", () => {
  it("gives the offers with the word typed, not those with its other names", () => {
    expect(found({ q: "chauffeur" })).toEqual(["Chauffeur de direction"]);
    expect(found({ q: "conducteur" })).toEqual(["Conducteur d'engins"]);
  });

  it("does not widen a word some open offer has when the filters leave nothing", () => {
    const result = searchOffers(db, { q: "chauffeur", region: "kidal" });
    expect(result.total).toBe(0);
    expect(result.widenedTo).toBeNull();
  });

  it("keeps the filters when it widens", () => {
    expect(found({ q: "mecanisien", region: "bamako", type: "emploi" })).toEqual(["Mécanicien auto"]);
    const elsewhere = searchOffers(db, { q: "mecanisien", region: "kidal" });
    expect(elsewhere.total).toBe(0);
    expect(elsewhere.widenedTo).toBeNull();
  });

  it("searches words in quotes as they are typed", () => {
    for (const q of ['"mecanisien"', " « mecanisien » "]) {
      const result = searchOffers(db, { q });
      expect(result.total).toBe(0);
      expect(result.widenedTo).toBeNull();
    }
  });
});

describe("searchOffers: the vocabulary follows the offers", () => {
  it("corrects to a word of an offer published after the first correction", () => {
    const fresh = createTestDb();
    const org = insertOrganisation(fresh).id;
    insertOffer(fresh, { orgId: org, title: "Plombier", description: "Pose de tuyaux." });
    expect(searchOffers(fresh, { q: "plonbier" }).widenedTo).toBe("plombier");
    expect(searchOffers(fresh, { q: "vulcanisatuer" }).total).toBe(0);
    insertOffer(fresh, { orgId: org, title: "Vulcanisateur", description: "Réparation de pneus." });
    expect(searchOffers(fresh, { q: "vulcanisatuer" }).items.map((item) => item.title)).toEqual(["Vulcanisateur"]);
  });

  it("never brings back a closed offer through a correction", () => {
    const fresh = createTestDb();
    const org = insertOrganisation(fresh).id;
    insertOffer(fresh, { orgId: org, title: "Boulanger", status: "closed", publishedAt: new Date() });
    insertOffer(fresh, { orgId: org, title: "Plombier" });
    const result = searchOffers(fresh, { q: "boulangr" });
    expect(result.total).toBe(0);
    expect(result.widenedTo).toBeNull();
  });
});

describe("searchOffers: whatever is typed, with a misspelt word", () => {
  const HOSTILE = [
    "<script>alert(1)</script> mecanisien",
    "mecanisien' OR 1=1 --",
    'mecanisien"; DROP TABLE offers;--',
    '"mecanisien" NEAR(x y)',
    "mecanisien*",
    "mecanisien ".repeat(500),
    "m".repeat(5000),
    "🔧 mecanisien 👷🏾‍♂️",
    "ｍｅｃａｎｉｓｉｅｎ",
    "\u0000mecanisien\u0000",
  ];

  it.each(HOSTILE.map((q) => [q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : JSON.stringify(q), q]))(
    "never throws for %s, and finds nothing but mechanics",
    (_label, q) => {
      const result = searchOffers(db, { q });
      expect(result.items.every((item) => item.title === "Mécanicien auto")).toBe(true);
      expect(searchOffers(db, {}).total).toBe(Object.keys(TRADES).length);
    },
  );
});

describe("spellingDistance", () => {
  it("counts the slips of French spelling as half an edit", () => {
    expect(spellingDistance("chaufeur", "chauffeur", 2)).toBe(0.5);
    expect(spellingDistance("mecanisien", "mecanicien", 2)).toBe(0.5);
    expect(spellingDistance("plonbier", "plombier", 2)).toBe(0.5);
  });

  it("counts other edits and swapped letters as one", () => {
    expect(spellingDistance("mecanicein", "mecanicien", 2)).toBe(1);
    expect(spellingDistance("vandeur", "vendeur", 2)).toBe(1);
    expect(spellingDistance("soudeur", "soudeur", 2)).toBe(0);
  });

  it("gives up past the distance allowed", () => {
    expect(spellingDistance("chanteur", "chantier", 2)).toBe(2);
    expect(spellingDistance("chanteur", "chantier", 1.5)).toBe(Infinity);
    expect(spellingDistance("chauffeur", "plombier", 2)).toBe(Infinity);
    expect(spellingDistance("abc", "abcdefghij", 2)).toBe(Infinity);
  });
});
