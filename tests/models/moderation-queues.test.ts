// The moderation queues read 25 a page, oldest first, filtered by age, region, type,
// the rule that held an offer and the reason of a report; the counts of each queue.
import { beforeEach, describe, expect, it } from "vitest";
import {
  MODERATION_PAGE_SIZE,
  moderationCounts,
  openReports,
  pendingOffers,
  pendingOrganisations,
} from "../../app/models/moderation-queues.server";
import { parseModerationQuery } from "../../app/schemas/moderation-queues";
import { DAY_MS } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { fraudReports } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertOffer, insertOrganisation } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const NOW = Date.parse("2026-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS);

describe("the organisations queue", () => {
  it("holds 25 a page, oldest first; page 2 has the rest; a page past the end shows the last one", () => {
    const ids = Array.from(
      { length: 60 },
      (_, i) => insertOrganisation(db, { status: "pending", createdAt: daysAgo(100 - i) }).id,
    );
    const first = pendingOrganisations(db, { now: NOW });
    expect(first).toMatchObject({ total: 60, page: 1, pageCount: 3 });
    expect(first.items).toHaveLength(MODERATION_PAGE_SIZE);
    expect(first.items.map((o) => o.id)).toEqual(ids.slice(0, 25));
    expect(pendingOrganisations(db, { page: 2 }).items.map((o) => o.id)).toEqual(ids.slice(25, 50));
    const past = pendingOrganisations(db, { page: 99 });
    expect(past).toMatchObject({ page: 3, pageCount: 3 });
    expect(past.items.map((o) => o.id)).toEqual(ids.slice(50));
  });

  it("filters by how long they have waited and by region", () => {
    const old = insertOrganisation(db, { status: "pending", region: "kayes", createdAt: daysAgo(40) });
    const week = insertOrganisation(db, { status: "pending", region: "bamako", createdAt: daysAgo(8) });
    insertOrganisation(db, { status: "pending", region: "kayes", createdAt: daysAgo(1) });
    const ids = (filters: Parameters<typeof pendingOrganisations>[1]) =>
      pendingOrganisations(db, { now: NOW, ...filters }).items.map((o) => o.id);
    expect(ids({ age: 30 })).toEqual([old.id]);
    expect(ids({ age: 7 })).toEqual([old.id, week.id]);
    expect(ids({ region: "kayes", age: 2 })).toEqual([old.id]);
    expect(pendingOrganisations(db, { region: "kayes" }).total).toBe(2);
  });
});

describe("the offers queue", () => {
  it("filters by type, by the rule that held the offer and by age", () => {
    const org = insertOrganisation(db);
    const money = insertOffer(db, {
      orgId: org.id,
      status: "pending",
      type: "stage",
      moderationFlags: ["asks_money"],
      updatedAt: daysAgo(10),
    });
    const abroad = insertOffer(db, {
      orgId: org.id,
      status: "pending",
      moderationFlags: ["work_abroad", "first_offer"],
      updatedAt: daysAgo(3),
    });
    insertOffer(db, { orgId: org.id, status: "published", moderationFlags: ["asks_money"] });
    const ids = (filters: Parameters<typeof pendingOffers>[1]) =>
      pendingOffers(db, { now: NOW, ...filters }).items.map((o) => o.id);
    expect(ids({})).toEqual([money.id, abroad.id]);
    expect(ids({ type: "stage" })).toEqual([money.id]);
    expect(ids({ flag: "first_offer" })).toEqual([abroad.id]);
    expect(ids({ flag: "asks_money", age: 7 })).toEqual([money.id]);
    expect(ids({ flag: "resubmitted" })).toEqual([]);
  });
});

describe("the reports queue", () => {
  it("lists each reported offer once, the one reported first at the top, filtered by reason and age", () => {
    const org = insertOrganisation(db);
    const early = insertOffer(db, { orgId: org.id, title: "Signalée tôt" });
    const late = insertOffer(db, { orgId: org.id, title: "Signalée tard" });
    db.insert(fraudReports)
      .values([
        { offerId: late.id, reason: "money", createdAt: daysAgo(2) },
        { offerId: late.id, reason: "money", createdAt: daysAgo(1) },
        { offerId: late.id, reason: "fake", createdAt: daysAgo(1) },
        { offerId: early.id, reason: "trafficking", createdAt: daysAgo(20) },
        { offerId: early.id, reason: "money", status: "dismissed", createdAt: daysAgo(25) },
      ])
      .run();
    const page = openReports(db, { now: NOW });
    expect(page.total).toBe(2);
    expect(page.items.map((g) => [g.offerTitle, g.reports.length])).toEqual([
      ["Signalée tôt", 1],
      ["Signalée tard", 3],
    ]);
    expect(openReports(db, { reason: "money", now: NOW }).items.map((g) => g.offerId)).toEqual([late.id]);
    expect(openReports(db, { reason: "fake", now: NOW }).items[0]!.reports).toHaveLength(3);
    expect(openReports(db, { age: 7, now: NOW }).items.map((g) => g.offerId)).toEqual([early.id]);
    expect(moderationCounts(db)).toMatchObject({ reports: 4, reportedOffers: 2 });
  });

  it("pages 30 reported offers: 25, then 5", () => {
    const org = insertOrganisation(db);
    for (let i = 0; i < 30; i++) {
      const offer = insertOffer(db, { orgId: org.id });
      db.insert(fraudReports)
        .values({ offerId: offer.id, reason: "fake", createdAt: daysAgo(40 - i) })
        .run();
    }
    expect(openReports(db).items).toHaveLength(25);
    expect(openReports(db, { page: 2 })).toMatchObject({ page: 2, pageCount: 2, total: 30 });
    expect(openReports(db, { page: 2 }).items).toHaveLength(5);
  });
});

describe("the moderation page's address", () => {
  const counts = { organisations: 0, identite: 0, offres: 3, signalements: 1 };
  const parse = (search: string) => parseModerationQuery(new URLSearchParams(search), counts);

  it("opens the first queue with something waiting unless told", () => {
    expect(parse("").queue).toBe("offres");
    expect(parse("liste=signalements").queue).toBe("signalements");
  });

  it("keeps what makes sense and names what it left out: never an error", () => {
    expect(parse("liste=offres&type=stage&regle=asks_money&age=7&page=2")).toEqual({
      queue: "offres",
      query: { type: "stage", regle: "asks_money", age: 7, page: 2 },
      ignored: [],
    });
    const hostile = parse(
      `liste=offres&type=<script>alert(1)</script>&regle=' OR 1=1 --&age=-5&region=${"x".repeat(10_000)}&page=1e308`,
    );
    expect(hostile.query).toEqual({});
    expect(hostile.ignored.sort()).toEqual(["age", "page", "region", "regle", "type"]);
    expect(parse("liste=DROP TABLE").ignored).toEqual(["liste"]);
    // A key of another queue is not read.
    expect(parse("liste=signalements&type=stage").query).toEqual({});
  });
});
