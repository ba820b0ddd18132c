// Search over the FTS5 index (app/models/search.server.ts), against a fresh
// migrated in-memory database with hand-made offers.
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_SIZE, type SearchFilters, searchOffers, toFtsQuery } from "../../app/models/search.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import type { Contract, OfferStatus, OfferType } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertOffer, insertOrganisation } from "../helpers/factories";

const today = isoToday();
const DAY = 24 * 60 * 60 * 1000;

type OfferValues = {
  orgId: number;
  publishedAt?: Date;
  title: string;
  description?: string;
  type?: OfferType;
  sector?: string;
  region?: string;
  commune?: string | null;
  contract?: Contract;
  status?: OfferStatus;
  closingDate?: string;
  daysAgo?: number;
};

/** An offer with every field the search filters on under the test's control. */
function offer(db: Db, values: OfferValues) {
  const { daysAgo = 1, publishedAt, ...columns } = values;
  const status = values.status ?? "published";
  return insertOffer(db, {
    description: "Poste à pourvoir rapidement, travail sérieux demandé.",
    sector: "services",
    commune: "Commune IV",
    ...columns,
    status,
    publishedAt: status === "published" ? (publishedAt ?? new Date(Date.now() - daysAgo * DAY)) : null,
  });
}

const titles = (db: Db, filters: SearchFilters) =>
  searchOffers(db, filters)
    .items.map((o) => o.title)
    .sort();

/** A fresh database with one verified organisation and the offers `seed` gives it. */
function databaseWithOffers(seed: (db: Db, org: number) => void) {
  const db = createTestDb();
  seed(db, insertOrganisation(db).id);
  return db;
}

describe("searchOffers: words", () => {
  let db: Db;
  beforeAll(() => {
    db = databaseWithOffers((db, org) => {
      offer(db, {
        orgId: org,
        title: "Électricien bâtiment",
        sector: "electricite",
        description: "Installation électrique de villas à Kati.",
      });
      offer(db, {
        orgId: org,
        title: "Mécanicien moto",
        sector: "mecanique",
        description: "Réparation de motos Jakarta et Djakarta.",
      });
      offer(db, {
        orgId: org,
        title: "Apprenti en mécanique auto",
        type: "apprentissage",
        contract: "apprentissage",
        sector: "mecanique",
      });
      offer(db, {
        orgId: org,
        title: "Couturière",
        sector: "textile",
        region: "segou",
        commune: "Ségou",
        description: "Atelier de couture au grand marché.",
      });
      offer(db, {
        orgId: org,
        title: "Chauffeur poids lourd",
        sector: "transport",
        description: "Permis C exigé, trajets Bamako–Dakar.",
      });
    });
  });

  it("ignores accents and capitals: electricien finds Électricien bâtiment", () => {
    expect(titles(db, { q: "electricien" })).toEqual(["Électricien bâtiment"]);
    expect(titles(db, { q: "ÉLECTRICIEN" })).toEqual(["Électricien bâtiment"]);
    expect(titles(db, { q: "batiment" })).toEqual(["Électricien bâtiment"]);
  });

  it("finds words by their beginning: mecan finds mécanicien and mécanique", () => {
    expect(titles(db, { q: "mecan" })).toEqual(["Apprenti en mécanique auto", "Mécanicien moto"]);
    expect(titles(db, { q: "chauf" })).toEqual(["Chauffeur poids lourd"]);
  });

  it("requires every word typed", () => {
    expect(titles(db, { q: "mécanicien moto" })).toEqual(["Mécanicien moto"]);
    expect(titles(db, { q: "mécanicien tracteur" })).toEqual([]);
    expect(titles(db, { q: "chauffeur electricien" })).toEqual([]);
  });

  it("searches the description and the commune too", () => {
    expect(titles(db, { q: "villas" })).toEqual(["Électricien bâtiment"]);
    expect(titles(db, { q: "segou" })).toEqual(["Couturière"]);
  });

  it("gives every open offer, newest first, when nothing is typed or only small words", () => {
    expect(searchOffers(db, {}).total).toBe(5);
    expect(searchOffers(db, { q: "   " }).total).toBe(5);
    expect(searchOffers(db, { q: "le la de" }).total).toBe(5);
  });

  it("gives an excerpt of the description, cut at a word", () => {
    const [item] = searchOffers(db, { q: "villas" }).items;
    expect(item?.excerpt).toBe("Installation électrique de villas à Kati.");
    expect(item).not.toHaveProperty("description");
  });

  it("cuts a long description to about 160 characters, even one without spaces", () => {
    const longDb = createTestDb();
    const org = insertOrganisation(longDb).id;
    offer(longDb, { orgId: org, title: "Peintre", description: `Peinture ${"murs et plafonds ".repeat(40)}` });
    offer(longDb, { orgId: org, title: "Vitrier", description: "v".repeat(3000) });
    const excerpts = Object.fromEntries(searchOffers(longDb, {}).items.map((o) => [o.title, o.excerpt]));
    expect(excerpts.Peintre).toMatch(/^Peinture murs et plafonds .*(murs|et|plafonds)…$/);
    expect(excerpts.Peintre!.length).toBeLessThanOrEqual(161);
    expect(excerpts.Vitrier).toBe(`${"v".repeat(160)}…`);
  });
});

describe("searchOffers: filters and order", () => {
  let db: Db;
  let org: number;
  beforeAll(() => {
    db = createTestDb();
    org = insertOrganisation(db).id;
    offer(db, { orgId: org, title: "Maçon", sector: "btp", region: "bamako", contract: "cdi", daysAgo: 5 });
    offer(db, {
      orgId: org,
      title: "Aide-maçon",
      sector: "btp",
      region: "sikasso",
      commune: "Sikasso",
      contract: "journalier",
      daysAgo: 4,
    });
    offer(db, {
      orgId: org,
      title: "Apprenti maçon",
      type: "apprentissage",
      sector: "btp",
      region: "sikasso",
      commune: "Sikasso",
      contract: "apprentissage",
      daysAgo: 3,
    });
    offer(db, {
      orgId: org,
      title: "Formation en maçonnerie",
      type: "formation",
      sector: "education",
      region: "kayes",
      commune: "Kayes",
      contract: "formation",
      daysAgo: 2,
    });
    offer(db, {
      orgId: org,
      title: "Stage en comptabilité",
      type: "stage",
      sector: "services",
      region: "bamako",
      contract: "stage",
      daysAgo: 6,
    });
  });

  it("filters by type", () => {
    expect(titles(db, { q: "macon", type: "apprentissage" })).toEqual(["Apprenti maçon"]);
    expect(titles(db, { type: "stage" })).toEqual(["Stage en comptabilité"]);
  });

  it("filters by region", () => {
    expect(titles(db, { region: "sikasso" })).toEqual(["Aide-maçon", "Apprenti maçon"]);
    expect(titles(db, { q: "maçon", region: "bamako" })).toEqual(["Maçon"]);
  });

  it("filters by sector", () => {
    expect(titles(db, { sector: "education" })).toEqual(["Formation en maçonnerie"]);
    expect(titles(db, { q: "mac", sector: "btp" })).toEqual(["Aide-maçon", "Apprenti maçon", "Maçon"]);
  });

  it("filters by contract, and combines filters", () => {
    expect(titles(db, { contract: "journalier" })).toEqual(["Aide-maçon"]);
    expect(titles(db, { region: "sikasso", contract: "cdi" })).toEqual([]);
    expect(
      titles(db, { q: "maçon", type: "emploi", region: "sikasso", sector: "btp", contract: "journalier" }),
    ).toEqual(["Aide-maçon"]);
  });

  it("sorts by date, newest first, when asked or when nothing is typed", () => {
    const byDate = searchOffers(db, { q: "mac", sort: "date" }).items.map((o) => o.title);
    expect(byDate).toEqual(["Formation en maçonnerie", "Apprenti maçon", "Aide-maçon", "Maçon"]);
    expect(searchOffers(db, {}).items.map((o) => o.title)[0]).toBe("Formation en maçonnerie");
  });

  it("ranks an offer whose title has the word above one that has it only in its description", () => {
    const rankDb = createTestDb();
    const o = insertOrganisation(rankDb).id;
    offer(rankDb, { orgId: o, title: "Soudeur", description: "Travaux de soudure sur portails.", daysAgo: 10 });
    offer(rankDb, {
      orgId: o,
      title: "Tôlier",
      description: "Aide au soudeur de l'atelier, tôlerie et peinture.",
      daysAgo: 1,
    });
    expect(searchOffers(rankDb, { q: "soudeur" }).items.map((i) => i.title)).toEqual(["Soudeur", "Tôlier"]);
    expect(searchOffers(rankDb, { q: "soudeur", sort: "relevance" }).items.map((i) => i.title)).toEqual([
      "Soudeur",
      "Tôlier",
    ]);
    // By date the newer, description-only match comes first.
    expect(searchOffers(rankDb, { q: "soudeur", sort: "date" }).items.map((i) => i.title)).toEqual([
      "Tôlier",
      "Soudeur",
    ]);
  });
});

describe("searchOffers: pages", () => {
  let db: Db;
  beforeAll(() => {
    db = databaseWithOffers((db, org) => {
      for (let i = 1; i <= 45; i++) offer(db, { orgId: org, title: `Vendeur boutique ${i}`, daysAgo: i });
      offer(db, { orgId: org, title: "Gardien de nuit" });
    });
  });

  it("gives 20 a page with the total and the number of pages", () => {
    const first = searchOffers(db, { q: "vendeur" });
    expect(PAGE_SIZE).toBe(20);
    expect(first).toMatchObject({ total: 45, page: 1, pageCount: 3 });
    expect(first.items).toHaveLength(20);
    const second = searchOffers(db, { q: "vendeur", page: 2, sort: "date" });
    expect(second.items.map((o) => o.title)[0]).toBe("Vendeur boutique 21");
    const third = searchOffers(db, { q: "vendeur", page: 3 });
    expect(third.items).toHaveLength(5);
  });

  it("shows each offer once across the pages, in both orders", () => {
    for (const sort of ["relevance", "date"] as const) {
      const ids = [1, 2, 3].flatMap((page) => searchOffers(db, { q: "vendeur", page, sort }).items.map((o) => o.id));
      expect(new Set(ids).size).toBe(45);
    }
  });

  it("brings a page past the end back to the last page, and page 0 or less to the first", () => {
    expect(searchOffers(db, { q: "vendeur", page: 99 })).toMatchObject({ page: 3, pageCount: 3, total: 45 });
    expect(searchOffers(db, { q: "vendeur", page: 99 }).items).toHaveLength(5);
    expect(searchOffers(db, { q: "vendeur", page: 0 }).page).toBe(1);
    expect(searchOffers(db, { q: "vendeur", page: -3 }).page).toBe(1);
  });

  it("lists every open offer without words, newest first across the pages, each once", () => {
    const pages = [1, 2, 3].map((page) => searchOffers(db, { page }));
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 6]);
    const ids = pages.flatMap((p) => p.items.map((o) => o.id));
    expect(new Set(ids).size).toBe(46);
    expect(pages[0]!.items[0]!.title).toBe("Gardien de nuit");
    expect(pages[1]!.items[0]!.title).toBe("Vendeur boutique 20");
    expect(pages[2]!.items.at(-1)!.title).toBe("Vendeur boutique 45");
  });

  it("puts the later offer first when two were published at the same moment", () => {
    const tieDb = createTestDb();
    const org = insertOrganisation(tieDb).id;
    const moment = new Date("2026-11-20T09:00:00Z");
    for (const title of ["Premier", "Deuxième", "Troisième"]) offer(tieDb, { orgId: org, title, publishedAt: moment });
    expect(searchOffers(tieDb, {}).items.map((o) => o.title)).toEqual(["Troisième", "Deuxième", "Premier"]);
  });

  it("gives one empty page when nothing matches", () => {
    expect(searchOffers(db, { q: "plombier", page: 4 })).toMatchObject({ total: 0, page: 1, pageCount: 1, items: [] });
  });
});

describe("searchOffers: only open offers", () => {
  it("never shows closed, filled, expired, draft, pending, rejected, past-closing-date or unverified employers' offers", () => {
    const db = createTestDb();
    const verified = insertOrganisation(db).id;
    const statuses: OfferStatus[] = ["closed", "filled", "expired", "draft", "pending", "rejected"];
    for (const status of statuses) offer(db, { orgId: verified, title: `Menuisier ${status}`, status });
    offer(db, { orgId: verified, title: "Menuisier clôturé hier", closingDate: addDays(today, -1) });
    for (const status of ["pending", "rejected", "suspended"] as const) {
      offer(db, { orgId: insertOrganisation(db, { status }).id, title: `Menuisier entreprise ${status}` });
    }
    offer(db, { orgId: verified, title: "Menuisier ouvert jusqu'à ce soir", closingDate: today });
    offer(db, { orgId: verified, title: "Menuisier ouvert" });

    const expected = ["Menuisier ouvert", "Menuisier ouvert jusqu'à ce soir"];
    expect(titles(db, { q: "menuisier" })).toEqual(expected);
    expect(titles(db, { q: "menuisier", sort: "date" })).toEqual(expected);
    expect(titles(db, {})).toEqual(expected);
    expect(searchOffers(db, { q: "menuisier" }).total).toBe(2);
    // The day after its closing date, an offer is gone without any job having run.
    expect(searchOffers(db, { q: "menuisier" }, addDays(today, 1)).items.map((o) => o.title)).toEqual([
      "Menuisier ouvert",
    ]);
  });
});

describe("searchOffers: whatever is typed", () => {
  let db: Db;
  beforeAll(() => {
    db = databaseWithOffers((db, org) => {
      offer(db, {
        orgId: org,
        title: "Plombier",
        description: "Plomberie sanitaire, pose de robinets (eau chaude et froide).",
      });
      offer(db, { orgId: org, title: "Cuisinier", description: "Restaurant au bord du fleuve." });
    });
  });

  const HOSTILE = [
    '"',
    '"plombier',
    "'",
    "l'eau",
    "*",
    "plomb*",
    "NEAR(a b)",
    "NEAR(plombier cuisinier, 2)",
    "a OR b",
    "plombier OR cuisinier",
    "plombier AND cuisinier",
    "NOT plombier",
    "(",
    ")",
    "(plombier",
    "-x",
    "-plombier",
    "^",
    "^plombier",
    ":",
    "title:plombier",
    "description : cuisinier",
    "{title description}: plombier",
    "x".repeat(2000),
    "plombier ".repeat(250),
    "y".repeat(10_000),
    "🔧🚰 plombier 👷🏾‍♂️",
    "👷🏾‍♂️",
    "'; DROP TABLE offers;--",
    "<script>alert(1)</script>",
    "\u0000plombier\u0000",
    "％ＰＬＯＭＢＩＥＲ",
    "",
  ];

  it.each(HOSTILE.map((q) => [q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : JSON.stringify(q), q]))(
    "never throws for %s",
    (_label, q) => {
      for (const sort of ["relevance", "date"] as const) {
        const result = searchOffers(db, { q, sort });
        expect(result.total).toBeGreaterThanOrEqual(0);
        expect(result.items.length).toBe(Math.min(result.total, PAGE_SIZE));
      }
    },
  );

  it("reads operators and punctuation as plain words", () => {
    // OR is not an operator: both words are required, and no offer has both.
    expect(titles(db, { q: "plombier OR cuisinier" })).toEqual([]);
    expect(titles(db, { q: "NOT plombier" })).toEqual([]);
    expect(titles(db, { q: "NEAR(plombier cuisinier, 2)" })).toEqual([]);
    expect(titles(db, { q: '"plombier' })).toEqual(["Plombier"]);
    expect(titles(db, { q: "title:plombier" })).toEqual([]);
    expect(titles(db, { q: "-plombier" })).toEqual(["Plombier"]);
    expect(titles(db, { q: "^plombier" })).toEqual(["Plombier"]);
    expect(titles(db, { q: "(eau chaude)" })).toEqual(["Plombier"]);
    expect(titles(db, { q: "l'eau" })).toEqual(["Plombier"]);
    expect(titles(db, { q: "🔧🚰 plombier 👷🏾‍♂️" })).toEqual(["Plombier"]);
    expect(titles(db, { q: "'; DROP TABLE offers;--" })).toEqual([]);
    // The table is still there.
    expect(searchOffers(db, {}).total).toBe(2);
  });

  it("treats a query with no word at all as no query", () => {
    for (const q of ["*", "(", ")", "^", ":", '"', "'", "🔧🚰", "-"]) expect(searchOffers(db, { q }).total).toBe(2);
  });
});

describe("toFtsQuery", () => {
  it("quotes each word, folds accents and capitals, and makes it a prefix", () => {
    expect(toFtsQuery("Électricien")).toBe('"electricien"*');
    expect(toFtsQuery("mécanicien  MOTO")).toBe('"mecanicien"* "moto"*');
  });

  it("drops small words, repeats and punctuation", () => {
    expect(toFtsQuery("apprenti de la couture")).toBe('"apprenti"* "couture"*');
    expect(toFtsQuery("moto moto Moto")).toBe('"moto"*');
    expect(toFtsQuery("aide-maçon (Kati)")).toBe('"aide"* "macon"* "kati"*');
  });

  it("turns FTS syntax into plain words", () => {
    // "and", "a" are small words (French and English) and dropped; OR ("gold" in French) and NOT stay words.
    // A one-letter word is matched whole, not as a prefix of most of the index.
    expect(toFtsQuery('"a" OR b*')).toBe('"or"* "b"');
    expect(toFtsQuery("NOT plombier AND cuisinier")).toBe('"not"* "plombier"* "cuisinier"*');
    expect(toFtsQuery("NEAR(plombier cuisinier, 2)")).toBe('"near"* "plombier"* "cuisinier"* "2"');
    expect(toFtsQuery("title:plombier")).toBe('"title"* "plombier"*');
    expect(toFtsQuery("'; DROP TABLE offers;--")).toBe('"drop"* "table"* "offers"*');
  });

  it("gives null when no word is left", () => {
    for (const q of ["", "   ", "*", "()", "^:-", "🔧👷🏾‍♂️", "le la les", '"""']) expect(toFtsQuery(q)).toBeNull();
  });

  it("keeps at most 8 words of at most 40 letters, whatever the length typed", () => {
    const many = toFtsQuery("un deux trois quatre cinq six sept huit neuf dix onze")!;
    expect(many.split(" ")).toHaveLength(8);
    expect(toFtsQuery("x".repeat(2000))).toBe(`"${"x".repeat(40)}"*`);
    expect(toFtsQuery(`${" ".repeat(2000)}plombier`)).toBeNull();
  });
});
