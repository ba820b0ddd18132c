// Each dashboard figure links to a list: the figure is that list's number of rows.
// Refusals: a candidate or an employer gets 403 from every list.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as dashboardLoader } from "../../app/routes/conseiller._index";
import { loader as candidatesLoader } from "../../app/routes/conseiller.candidats._index";
import { loader as moderationLoader } from "../../app/routes/conseiller.moderation";
import { loader as placementsLoader } from "../../app/routes/conseiller.placements";
import { addMonths, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { fraudReports } from "../../db/schema";
import {
  insertOffer,
  insertOrganisation,
  registerCandidate,
  registerEmployer,
  sessionCookieFor,
} from "../helpers/factories";
import { insertStaff } from "../helpers/factories/staff";
import { insertPlacementFor, insertRegisteredCandidate } from "../helpers/placements";
import { callRoute, type Handler, thrownStatus } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "" };
let counsellor = 0;

beforeAll(async () => {
  const db = getDb();
  counsellor = insertStaff(db, { name: "Kadia Konaté" }).id;
  cookies.conseiller = await sessionCookieFor(db, counsellor);
  cookies.candidat = await sessionCookieFor(db, (await registerCandidate(db, { phone: "70 55 66 77" })).id);
  cookies.employeur = await sessionCookieFor(db, (await registerEmployer(db, { email: "p@listes.ml" })).id);
  for (let i = 0; i < 30; i++) insertOrganisation(db, { status: "pending" });
  const org = insertOrganisation(db);
  for (let i = 0; i < 27; i++) insertOffer(db, { orgId: org.id, status: "pending" });
  for (let i = 0; i < 4; i++) {
    const offer = insertOffer(db, { orgId: org.id });
    db.insert(fraudReports)
      .values([
        { offerId: offer.id, reason: "fake" },
        { offerId: offer.id, reason: "money" },
      ])
      .run();
  }
  for (let i = 0; i < 60; i++) {
    const candidateId = insertRegisteredCandidate(db, { counsellorId: counsellor });
    if (i % 2 === 0) insertPlacementFor(db, { candidateId, startDate: addMonths(isoToday(), -1) });
  }
});

const load = async (handler: Handler, url: string) => {
  const result = (await callRoute(handler, url, { cookie: cookies.conseiller })) as Record<string, unknown>;
  return ("data" in result ? result.data : result) as Record<string, unknown>;
};

describe("the counsellor's dashboard", () => {
  it("shows for each figure the number of rows of the list it links to", async () => {
    const d = await load(dashboardLoader as Handler, "/conseiller");
    const queue = async (liste: string) => {
      const page = await load(moderationLoader as Handler, `/conseiller/moderation?liste=${liste}`);
      const list = (page.organisations ?? page.identityRequests ?? page.offers ?? page.reports) as {
        total: number;
        items: unknown[];
      };
      expect(list.items.length).toBeLessThanOrEqual(25);
      return list.total;
    };
    // 30, and the organisation the employer registered.
    expect(d.pendingOrganisations).toBe(31);
    expect(await queue("organisations")).toBe(d.pendingOrganisations);
    expect(await queue("identite")).toBe(d.pendingIdentityChanges);
    expect(await queue("offres")).toBe(d.pendingOffers);
    expect(d.reportedOffers).toBe(4);
    expect(await queue("signalements")).toBe(d.reportedOffers);
    const candidates = await load(candidatesLoader as Handler, "/conseiller/candidats?mine=1");
    expect(d.caseload).toBe(60);
    expect((candidates.result as { total: number }).total).toBe(d.caseload);
    const placements = await load(placementsLoader as Handler, "/conseiller/placements?vue=suivis");
    expect(d.followupsDue).toBe(30);
    expect((placements.followups as { total: number; items: unknown[] }).total).toBe(d.followupsDue);
    expect((placements.followups as { items: unknown[] }).items).toHaveLength(25);
  });

  it("a page past the end shows the last one; hostile filters are left out and named, never a 500", async () => {
    const past = await load(placementsLoader as Handler, "/conseiller/placements?vue=suivis&page=999");
    expect(past.followups).toMatchObject({ page: 2, pageCount: 2 });
    expect((past.followups as { items: unknown[] }).items).toHaveLength(5);
    const hostile = await load(
      moderationLoader as Handler,
      `/conseiller/moderation?liste=offres&age=<script>&type=' OR 1=1 --&page=${"9".repeat(400)}`,
    );
    expect((hostile.ignored as string[]).sort()).toEqual(["age", "page", "type"]);
    expect((hostile.offers as { total: number }).total).toBe(27);
  });

  it.each(["candidat", "employeur"] as const)("a %s gets 403 from every list", async (role) => {
    for (const [handler, url] of [
      [moderationLoader, "/conseiller/moderation?liste=offres"],
      [placementsLoader, "/conseiller/placements?vue=suivis"],
      [candidatesLoader, "/conseiller/candidats?mine=1"],
      [dashboardLoader, "/conseiller"],
    ] as const) {
      expect(await thrownStatus(callRoute(handler as Handler, url, { cookie: cookies[role] }))).toBe(403);
    }
  });
});
