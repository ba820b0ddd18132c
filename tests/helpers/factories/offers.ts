// The one builder of offers, and the fraud reports made on them.

import { addDays, isoToday } from "../../../app/utils/dates";
import type { Db } from "../../../app/utils/db.server";
import { fraudReports, offers } from "../../../db/schema";

let seq = 0;

/** An offer (published unless told), any column settable; the rest is a plain job in Bamako. */
export function insertOffer(db: Db, values: Partial<typeof offers.$inferInsert> & { orgId: number }) {
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  const status = values.status ?? "published";
  return db
    .insert(offers)
    .values({
      type: "emploi",
      title: `Offre ${++seq}`,
      description: "Travail à Bamako.",
      sector: "btp",
      region: "bamako",
      commune: null,
      contract: "cdd",
      positions: 1,
      closingDate: addDays(isoToday(), 30),
      ...given,
      orgId: values.orgId,
      status,
      publishedAt: values.publishedAt === undefined ? (status === "published" ? new Date() : null) : values.publishedAt,
    })
    .returning()
    .get();
}

export function insertFraudReport(db: Db, offerId: number, status: "open" | "dismissed" | "upheld" = "open") {
  db.insert(fraudReports).values({ offerId, reason: "money", status }).run();
}
