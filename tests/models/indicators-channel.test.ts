// Applications counted by channel in the reports and their CSV: USSD and SMS beside online, counsellor and phone;
// counts made before the channel breakdown existed are counted again once.
import { beforeEach, describe, expect, it } from "vitest";
import { indicatorsCsv, type Translate } from "../../app/models/exports.server";
import { computeIndicators } from "../../app/models/indicators.server";
import { refreshReportCounts } from "../../app/models/statistics-counts.server";
import { isSuppressed, type Shown } from "../../app/models/suppression";
import type { Db } from "../../app/utils/db.server";
import type { Channel } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertApplicationWith } from "../helpers/factories";
import { insertStaff } from "../helpers/factories/staff";
import { createTestI18n } from "../helpers/i18n";
import { insertCountedOrganisation, insertPublishedOffer, insertRegisteredCandidate } from "../helpers/placements";

const PERIOD = { from: "2026-01", to: "2026-06" } as const;
let db: Db;
let offerId = 0;

const seen = (value: Shown) => (isSuppressed(value) ? (value.complement ? "hidden" : "< 5") : value);

function apply(n: number, channel: Channel, on = "2026-03-02") {
  for (let i = 0; i < n; i++) {
    const candidateId = insertRegisteredCandidate(db, { registeredOn: "2026-02-01" });
    insertApplicationWith(db, { offerId, candidateId, channel, createdAt: new Date(`${on}T10:00:00Z`) });
  }
}

/** 8 online, 5 through a counsellor, 5 by phone, 7 by USSD, 6 by SMS: every group big enough to show. */
function everyChannel() {
  apply(8, "self");
  apply(5, "counsellor");
  apply(5, "phone");
  apply(7, "ussd");
  apply(6, "sms");
}

beforeEach(() => {
  db = createTestDb();
  const orgId = insertCountedOrganisation(db, { name: "Garage Sanogo" });
  offerId = insertPublishedOffer(db, { orgId, publishedOn: "2026-01-05" });
});

const byChannel = () =>
  Object.fromEntries(
    computeIndicators(db, PERIOD)
      .people.applications.breakdowns.find((b) => b.dimension === "channel")!
      .cells.map((c) => [c.key, seen(c.value)]),
  );

describe("applications by channel", () => {
  it("counts USSD and SMS applications beside the others, protected like every figure", () => {
    everyChannel();
    expect(byChannel()).toEqual({ self: 8, counsellor: 5, phone: 5, ussd: 7, sms: 6 });
  });

  it("writes them in the CSV, in French", async () => {
    everyChannel();
    const i18n = await createTestI18n("fr");
    const t = i18n.getFixedT("fr", ["reports", "placements", "common"]) as unknown as Translate;
    const csv = indicatorsCsv(db, PERIOD, { actorId: insertStaff(db).id, t, locale: "fr", ip: "41.73.2.3" });
    const lines = csv.split("\r\n");
    expect(lines).toContain('"Candidatures";"canal de candidature";"USSD";7');
    expect(lines).toContain('"Candidatures";"canal de candidature";"SMS";6');
  });

  it("counts everything again once when the applications were counted before the channel breakdown", () => {
    everyChannel();
    refreshReportCounts(db);
    // As counted by the previous version: no channel rows.
    db.$client.prepare("DELETE FROM report_monthly_counts WHERE dimension = 'channel'").run();
    expect(byChannel()).toEqual({ self: 8, counsellor: 5, phone: 5, ussd: 7, sms: 6 });
  });
});
