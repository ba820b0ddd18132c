// The partnerships' part of the daily chores: remind counsellors of overdue
// steps (once per due date), start partnerships on their convention's start
// date and close them past its end date.

import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { versionInForce } from "~/models/convention-terms.server";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { conventions, conventionVersions, organisations, partnerships, users } from "../../db/schema";
import { OPEN_PARTNERSHIP_STATUSES } from "./lifecycles/partnership";
import { type PartnershipActor, transitionPartnership } from "./lifecycles/partnership.server";
import { notifyUsers } from "./notifications.server";

const SYSTEM: PartnershipActor = { userId: null, roles: ["system"] };

/** Active counsellors: told of an overdue partnership nobody follows. */
const allCounsellors = (db: Db) =>
  db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "conseiller"), isNull(users.deletedAt), isNull(users.disabledAt)))
    .all()
    .map((row) => row.id);

/**
 * Open partnerships past their next step's date whose counsellor has not been
 * reminded since: the counsellor responsible is told (every counsellor when
 * nobody is), and the reminder is not sent again until the date changes.
 */
export function remindOverduePartnerships(db: Db, now = Date.now()) {
  const today = isoToday(new Date(now));
  const dueStart = sql`unixepoch(${partnerships.nextStepDue}) * 1000`;
  const overdue = db
    .select({ id: partnerships.id, counsellorId: partnerships.counsellorId, company: organisations.name })
    .from(partnerships)
    .innerJoin(organisations, eq(organisations.id, partnerships.orgId))
    .where(
      and(
        inArray(partnerships.status, [...OPEN_PARTNERSHIP_STATUSES]),
        lt(partnerships.nextStepDue, today),
        // A reminder sent before the current date was set belongs to an earlier date.
        or(isNull(partnerships.remindedAt), sql`${partnerships.remindedAt} < ${dueStart}`),
      ),
    )
    .all();
  if (overdue.length === 0) return 0;
  const everyone = overdue.some((row) => row.counsellorId === null) ? allCounsellors(db) : [];
  db.transaction((tx) => {
    for (const row of overdue) {
      notifyUsers(tx, row.counsellorId === null ? everyone : [row.counsellorId], {
        kind: "partnership.overdue",
        payload: { company: row.company },
        link: `/conseiller/partenariats/${row.id}`,
      });
      tx.update(partnerships)
        .set({ remindedAt: new Date(now) })
        .where(eq(partnerships.id, row.id))
        .run();
    }
  });
  return overdue.length;
}

/** Partnerships in these statuses whose convention's version in force has started, or ended before today. */
function partnershipsByTerms(db: Db, statuses: ("signed" | "active")[], which: "started" | "ended", today: string) {
  return db
    .select({ id: partnerships.id })
    .from(partnerships)
    .innerJoin(conventions, eq(conventions.partnershipId, partnerships.id))
    .innerJoin(conventionVersions, versionInForce)
    .where(
      and(
        inArray(partnerships.status, statuses),
        which === "started" ? sql`${conventionVersions.startDate} <= ${today}` : lt(conventionVersions.endDate, today),
      ),
    )
    .all()
    .map((row) => row.id);
}

/**
 * Moves partnerships along their convention's dates, as the system: signed ones
 * whose start has come become active, then those past their end are closed.
 */
export function advancePartnershipsByDates(db: Db, now = Date.now()) {
  const today = isoToday(new Date(now));
  const at = new Date(now);
  const move = (id: number, action: "activate" | "close") =>
    db.transaction((tx) => transitionPartnership(tx, { partnershipId: id, action, actor: SYSTEM, now: at }).ok);
  const ended = new Set(partnershipsByTerms(db, ["signed", "active"], "ended", today));
  // One whose whole convention is already past is closed without having been started.
  const activated = partnershipsByTerms(db, ["signed"], "started", today)
    .filter((id) => !ended.has(id))
    .filter((id) => move(id, "activate")).length;
  const closed = [...ended].filter((id) => move(id, "close")).length;
  return { activated, closed };
}

/** The partnerships' daily chores. */
export function runPartnershipChores(db: Db, now = Date.now()) {
  const { activated, closed } = advancePartnershipsByDates(db, now);
  return { reminded: remindOverduePartnerships(db, now), activated, closed };
}
