// What the convention page's form starts from: the partner organisations to
// tick, a proposed reference, and the version in force as the amendment's values.
import { asc, eq, like } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import type { FormValues } from "~/utils/forms";
import { conventions, organisations, partnerships } from "../../db/schema";
import { type ConventionView, conventionForPartnership } from "./conventions-view.server";

/** Spare rows under the filled ones, and how many "add lines" adds. */
export const SPARE_ROWS = 3;

/** A reference to propose: the first partner's short name, the year, the next number (OIM-2026-004). */
export function proposeReference(db: Db | Tx, prefix: string, year: string) {
  const stem = `${prefix.toUpperCase().replace(/[^A-Z0-9]/g, "") || "CONV"}-${year}-`;
  const used = db
    .select({ reference: conventions.reference })
    .from(conventions)
    .where(like(conventions.reference, `${stem}%`))
    .all()
    .map((r) => Number(r.reference.slice(stem.length)))
    .filter(Number.isInteger);
  return `${stem}${String(Math.max(0, ...used) + 1).padStart(3, "0")}`;
}

export function partnerChoices(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName })
    .from(organisations)
    .where(eq(organisations.kind, "partner"))
    .orderBy(asc(organisations.name))
    .all()
    .map((o) => ({ id: o.id, name: o.shortName || o.name }));
}

export function partnershipForConvention(db: Db, id: number) {
  return db
    .select({ id: partnerships.id, status: partnerships.status, orgName: organisations.name })
    .from(partnerships)
    .innerJoin(organisations, eq(organisations.id, partnerships.orgId))
    .where(eq(partnerships.id, id))
    .get();
}

/** A new convention's form: a reference after the IOM's name (or the first partner's), signed today. */
export function signingValues(db: Db, partners: { id: number; name: string }[], today: string): FormValues {
  const prefix = partners.find((p) => p.name === "OIM")?.name ?? partners[0]?.name ?? "CONV";
  return { reference: proposeReference(db, prefix, today.slice(0, 4)), signedOn: today };
}

/** The version in force as the amendment form's values (reason and date left to the counsellor). */
export function amendmentValues(convention: ConventionView, today: string): FormValues {
  const { current } = convention;
  const values: FormValues = { signedOn: today, startDate: current.startDate, endDate: current.endDate };
  current.commitments.forEach((c, i) => {
    Object.assign(values, {
      [`c${i}_key`]: String(c.key),
      [`c${i}_offerType`]: c.offerType,
      [`c${i}_quantity`]: String(c.quantity),
      [`c${i}_trade`]: c.trade ?? "",
      [`c${i}_region`]: c.region ?? "",
      [`c${i}_durationMonths`]: c.durationMonths === null ? "" : String(c.durationMonths),
      [`c${i}_audience`]: c.audience,
    });
  });
  current.contributions.forEach((c, i) => {
    Object.assign(values, {
      [`k${i}_partnerId`]: String(c.partnerId),
      [`k${i}_description`]: c.description,
      [`k${i}_amountFcfa`]: c.amountFcfa === null ? "" : String(c.amountFcfa),
    });
  });
  return values;
}

export type ConventionPage =
  | { mode: "sign"; partners: { id: number; name: string }[]; values: FormValues; convention: null }
  | { mode: "amend"; partners: { id: number; name: string }[]; values: FormValues; convention: ConventionView }
  | { mode: null; partners: []; values: FormValues; convention: ConventionView | null };

/** What the page shows for a partnership at its status: the signing form, the amendment form, or neither. */
export function conventionPage(db: Db, partnership: { id: number; status: string }, today: string): ConventionPage {
  if (partnership.status === "documents_received") {
    const partners = partnerChoices(db);
    return { mode: "sign", partners, values: signingValues(db, partners, today), convention: null };
  }
  const convention = conventionForPartnership(db, partnership.id);
  if (convention && (partnership.status === "signed" || partnership.status === "active"))
    return {
      mode: "amend",
      partners: convention.current.partners,
      values: amendmentValues(convention, today),
      convention,
    };
  return { mode: null, partners: [], values: {}, convention };
}

/** Rows to render: those filled plus spare ones, within what the form accepts. */
export function rowsFor(values: FormValues, extra = SPARE_ROWS) {
  const used = (prefix: string) => {
    let n = 0;
    for (const key of Object.keys(values)) {
      const m = new RegExp(`^${prefix}(\\d+)_`).exec(key);
      if (m && values[key] !== "") n = Math.max(n, Number(m[1]) + 1);
    }
    return n;
  };
  return {
    commitments: Math.min(used("c") + extra, 23),
    contributions: Math.min(used("k") + extra, 13),
  };
}
