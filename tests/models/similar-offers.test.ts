// Similar offers under an offer: the same sector, the same region first, the same trade first
// within it, then the newest; never the offer itself nor one the public cannot see; four at most.
import { beforeEach, describe, expect, it } from "vitest";
import { similarOpenOffers } from "../../app/models/similar-offers.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { createTestDb } from "../helpers/db";
import { insertEmployer, insertOffer } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe("similar offers", () => {
  it("puts the region's offers first, the same trade first within each, then the newest", async () => {
    const { org } = await insertEmployer(db);
    const at = (title: string, region: string, trade: string | null, age: number, sector = "btp") =>
      insertOffer(db, { orgId: org.id, title, region, trade, sector, publishedAt: minutesAgo(age) });
    const offer = at("Maçon à Kayes", "kayes", "macon", 0);
    at("Plombier à Kayes", "kayes", "plombier", 1);
    at("Maçon à Bamako", "bamako", "macon", 2);
    at("Aide-maçon à Kayes, ancien", "kayes", "macon", 50);
    at("Carreleur à Ségou", "segou", "carreleur", 3);
    at("Couturière à Kayes", "kayes", "couturier", 1, "textile");
    const titles = similarOpenOffers(db, offer).map((o) => o.title);
    const [kayes, elsewhere] = [titles.slice(0, 2), titles.slice(2)];
    expect(kayes).toEqual(["Aide-maçon à Kayes, ancien", "Plombier à Kayes"]);
    expect(elsewhere).toEqual(["Maçon à Bamako", "Carreleur à Ségou"]);
  });

  it("holds four at most, never itself nor one closed, expired, draft or of an unverified employer", async () => {
    const { org } = await insertEmployer(db);
    const { org: pending } = await insertEmployer(db, "pending");
    const offer = insertOffer(db, { orgId: org.id, title: "Référence" });
    insertOffer(db, { orgId: org.id, title: "Fermée", status: "closed" });
    insertOffer(db, { orgId: org.id, title: "Brouillon", status: "draft" });
    insertOffer(db, { orgId: org.id, title: "Passée", closingDate: addDays(isoToday(), -1) });
    insertOffer(db, { orgId: pending.id, title: "Non vérifiée" });
    expect(similarOpenOffers(db, offer)).toEqual([]);
    for (let i = 0; i < 6; i++) insertOffer(db, { orgId: org.id, title: `Ouverte ${i}`, publishedAt: minutesAgo(i) });
    const titles = similarOpenOffers(db, offer).map((o) => o.title);
    expect(titles).toEqual(["Ouverte 0", "Ouverte 1", "Ouverte 2", "Ouverte 3"]);
  });

  it("finds nothing for a sector no other open offer has", async () => {
    const { org } = await insertEmployer(db);
    const offer = insertOffer(db, { orgId: org.id, sector: "mines" });
    insertOffer(db, { orgId: org.id, sector: "btp" });
    expect(similarOpenOffers(db, offer)).toEqual([]);
  });
});
