// Placements: follow-up dates, recording a follow-up once, ending a placement,
// work found outside the portal, the lists of follow-ups due and overdue.
// Bad input tried: a follow-up recorded twice (also by two counsellors), dates in
// the future or before the start, a note of 1 001 characters, another role's or an
// unknown candidate id, an employer that is a partner body, both and neither
// employer, a contract of another type, a start 31 days ahead or 25 months back,
// a negative pay, the same placement sent twice, `%` and `_` in a name search.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { findCandidatesByName } from "../../app/models/candidate-search.server";
import {
  countFollowupsToDo,
  endPlacement,
  FOLLOWUPS_PAGE_SIZE,
  followupsToDo,
  listPlacements,
  type ManualPlacementInput,
  recordFollowup,
  recordManualPlacement,
} from "../../app/models/placements.server";
import { addDays } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { placementFollowups, placements } from "../../db/schema";
import { auditRows, createTestDb } from "../helpers/db";
import { insertStaff } from "../helpers/factories/staff";
import {
  followupsOf,
  insertCountedOrganisation,
  insertPlacementFor,
  insertRegisteredCandidate,
  placementRow,
} from "../helpers/placements";

let db: Db;
let counsellor: number;
beforeEach(() => {
  db = createTestDb();
  counsellor = insertStaff(db).id;
});

const at = (day: string) => new Date(`${day}T15:00:00Z`);

describe("follow-up dates", () => {
  it("are 1, 3 and 6 months after the first day of work", () => {
    const id = insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: "2026-03-10" });
    expect(followupsOf(db, id).map((f) => [f.monthsAfter, f.dueDate])).toEqual([
      [1, "2026-04-10"],
      [3, "2026-06-10"],
      [6, "2026-09-10"],
    ]);
  });

  it("a start on 31 January is followed up on the last day of February (28 or 29), then 30 April and 31 July", () => {
    const common = insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: "2026-01-31" });
    expect(followupsOf(db, common).map((f) => f.dueDate)).toEqual(["2026-02-28", "2026-04-30", "2026-07-31"]);
    const leap = insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: "2028-01-31" });
    expect(followupsOf(db, leap)[0]!.dueDate).toBe("2028-02-29");
  });

  it("a start late in the year is followed up in the next year", () => {
    const id = insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: "2026-08-31" });
    expect(followupsOf(db, id).map((f) => f.dueDate)).toEqual(["2026-09-30", "2026-11-30", "2027-02-28"]);
  });
});

describe("recording a follow-up", () => {
  function dueFollowup(startDate = "2026-01-05") {
    const placementId = insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate });
    return { placementId, oneMonth: followupsOf(db, placementId)[0]! };
  }

  it("records still in work, with the note, who and when, and writes the audit log", () => {
    const { placementId, oneMonth } = dueFollowup();
    const result = recordFollowup(
      db,
      counsellor,
      oneMonth.id,
      { stillEmployed: true, note: "Joint par téléphone, l'employeur est content." },
      { now: at("2026-02-06"), ip: "41.73.1.1" },
    );
    expect(result).toEqual({ ok: true, placementId, stillEmployed: true, placementOngoing: true });
    expect(followupsOf(db, placementId)[0]).toMatchObject({
      stillEmployed: true,
      note: "Joint par téléphone, l'employeur est content.",
      recordedBy: counsellor,
      doneAt: at("2026-02-06"),
    });
    expect(auditRows(db, "placement.followup_recorded")).toMatchObject([
      {
        actorId: counsellor,
        subjectType: "placement_followup",
        subjectId: String(oneMonth.id),
        ip: "41.73.1.1",
        detail: { placementId, monthsAfter: 1, stillEmployed: true },
      },
    ]);
  });

  it("is recorded once: a second attempt is refused and changes nothing", () => {
    const { placementId, oneMonth } = dueFollowup();
    recordFollowup(db, counsellor, oneMonth.id, { stillEmployed: true }, { now: at("2026-02-06") });
    const other = insertStaff(db).id;
    expect(
      recordFollowup(db, other, oneMonth.id, { stillEmployed: false, note: "Non" }, { now: at("2026-02-07") }),
    ).toEqual({ ok: false, reason: "already_recorded" });
    expect(followupsOf(db, placementId)[0]).toMatchObject({ stillEmployed: true, recordedBy: counsellor, note: null });
    expect(auditRows(db, "placement.followup_recorded")).toHaveLength(1);
  });

  it("no longer in work: the page is told it may end the placement", () => {
    const { placementId, oneMonth } = dueFollowup();
    expect(recordFollowup(db, counsellor, oneMonth.id, { stillEmployed: false }, { now: at("2026-02-06") })).toEqual({
      ok: true,
      placementId,
      stillEmployed: false,
      placementOngoing: true,
    });
  });

  it("keeps the day it was done on when given, but never a day in the future", () => {
    const { placementId, oneMonth } = dueFollowup();
    expect(
      recordFollowup(
        db,
        counsellor,
        oneMonth.id,
        { stillEmployed: true, doneOn: "2026-02-20" },
        { now: at("2026-02-10") },
      ),
    ).toEqual({ ok: false, reason: "date_in_future" });
    expect(
      recordFollowup(
        db,
        counsellor,
        oneMonth.id,
        { stillEmployed: true, doneOn: "2026-02-04" },
        { now: at("2026-02-10") },
      ),
    ).toMatchObject({ ok: true });
    expect(followupsOf(db, placementId)[0]!.doneAt).toEqual(new Date("2026-02-04T12:00:00Z"));
  });

  it("may be recorded a week ahead of its due date, not earlier", () => {
    const { oneMonth } = dueFollowup("2026-01-05"); // due 2026-02-05
    expect(recordFollowup(db, counsellor, oneMonth.id, { stillEmployed: true }, { now: at("2026-01-28") })).toEqual({
      ok: false,
      reason: "not_due_yet",
    });
    expect(
      recordFollowup(db, counsellor, oneMonth.id, { stillEmployed: true }, { now: at("2026-01-29") }),
    ).toMatchObject({ ok: true });
  });

  it("refuses a note over 1 000 characters, and an unknown follow-up is null", () => {
    const { oneMonth } = dueFollowup();
    expect(
      recordFollowup(
        db,
        counsellor,
        oneMonth.id,
        { stillEmployed: true, note: "x".repeat(1001) },
        { now: at("2026-02-06") },
      ),
    ).toEqual({ ok: false, reason: "note_too_long" });
    expect(
      recordFollowup(
        db,
        counsellor,
        oneMonth.id,
        { stillEmployed: true, note: "x".repeat(1000) },
        { now: at("2026-02-06") },
      ),
    ).toMatchObject({ ok: true });
    expect(recordFollowup(db, counsellor, 999_999, { stillEmployed: true })).toBeNull();
  });
});

describe("ending a placement", () => {
  it("records the day, reason and note; follow-ups due from then on are closed as no longer in work", () => {
    const placementId = insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: "2026-01-10" });
    const result = endPlacement(
      db,
      counsellor,
      placementId,
      { endedOn: "2026-03-20", reason: "resigned", note: "A trouvé mieux à Ségou." },
      { now: at("2026-03-25"), ip: "41.73.1.2" },
    );
    expect(result).toEqual({ ok: true, closedFollowups: 2 });
    expect(placementRow(db, placementId)).toMatchObject({
      endedAt: "2026-03-20",
      endReason: "resigned",
      endNote: "A trouvé mieux à Ségou.",
    });
    const [one, three, six] = followupsOf(db, placementId);
    // Due 10 February, before the end: still open, for the counsellor to say.
    expect(one).toMatchObject({ doneAt: null, stillEmployed: null });
    expect(three).toMatchObject({ stillEmployed: false, recordedBy: counsellor, doneAt: at("2026-03-25") });
    expect(six).toMatchObject({ stillEmployed: false });
    expect(auditRows(db, "placement.ended")).toMatchObject([
      {
        subjectId: String(placementId),
        detail: { reason: "resigned", endedOn: "2026-03-20", closedFollowups: 2 },
        ip: "41.73.1.2",
      },
    ]);
  });

  it("leaves follow-ups already recorded as they were", () => {
    const placementId = insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: "2026-01-10" });
    const three = followupsOf(db, placementId)[1]!;
    recordFollowup(db, counsellor, three.id, { stillEmployed: true, note: "En poste" }, { now: at("2026-04-10") });
    endPlacement(
      db,
      counsellor,
      placementId,
      { endedOn: "2026-04-01", reason: "contract_ended" },
      { now: at("2026-04-12") },
    );
    expect(followupsOf(db, placementId)[1]).toMatchObject({ stillEmployed: true, note: "En poste" });
  });

  it("refuses: twice, a future day, a day before the start, 'other' without a note, a note over 500 characters", () => {
    const placementId = insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: "2026-01-10" });
    const now = { now: at("2026-03-01") };
    expect(endPlacement(db, counsellor, placementId, { endedOn: "2026-03-02", reason: "moved" }, now)).toEqual({
      ok: false,
      reason: "date_in_future",
    });
    expect(endPlacement(db, counsellor, placementId, { endedOn: "2026-01-09", reason: "moved" }, now)).toEqual({
      ok: false,
      reason: "before_start",
    });
    expect(endPlacement(db, counsellor, placementId, { endedOn: "2026-02-01", reason: "other" }, now)).toEqual({
      ok: false,
      reason: "note_required",
    });
    expect(
      endPlacement(db, counsellor, placementId, { endedOn: "2026-02-01", reason: "other", note: "y".repeat(501) }, now),
    ).toEqual({ ok: false, reason: "note_too_long" });
    expect(placementRow(db, placementId).endedAt).toBeNull();
    expect(
      endPlacement(db, counsellor, placementId, { endedOn: "2026-02-01", reason: "business_closed" }, now),
    ).toMatchObject({ ok: true });
    expect(endPlacement(db, counsellor, placementId, { endedOn: "2026-02-15", reason: "dismissed" }, now)).toEqual({
      ok: false,
      reason: "already_ended",
    });
    expect(placementRow(db, placementId)).toMatchObject({ endedAt: "2026-02-01", endReason: "business_closed" });
    expect(endPlacement(db, counsellor, 424242, { endedOn: "2026-02-01", reason: "moved" }, now)).toBeNull();
  });
});

describe("work found outside the portal", () => {
  const now = { now: at("2026-05-15"), ip: "41.73.1.3" };
  const valid = (candidateId: number): ManualPlacementInput => ({
    candidateId,
    employerName: "Menuiserie Dembélé",
    type: "emploi",
    contract: "journalier",
    startDate: "2026-05-02",
    payAmount: 45_000,
  });

  it("records a placement with an employer not in the portal, recorded by the counsellor, with three follow-ups and an audit row", () => {
    const candidateId = insertRegisteredCandidate(db);
    const result = recordManualPlacement(db, counsellor, valid(candidateId), now);
    expect(result).toMatchObject({ ok: true });
    const id = (result as { placementId: number }).placementId;
    expect(placementRow(db, id)).toMatchObject({
      candidateId,
      orgId: null,
      employerName: "Menuiserie Dembélé",
      offerId: null,
      applicationId: null,
      type: "emploi",
      contract: "journalier",
      startDate: "2026-05-02",
      payAmount: 45_000,
      recordedBy: counsellor,
    });
    expect(followupsOf(db, id).map((f) => f.dueDate)).toEqual(["2026-06-02", "2026-08-02", "2026-11-02"]);
    expect(auditRows(db, "placement.recorded")).toMatchObject([
      { actorId: counsellor, subjectId: String(id), detail: { candidateId }, ip: "41.73.1.3" },
    ]);
  });

  it("records one with an employer of the portal", () => {
    const orgId = insertCountedOrganisation(db, { name: "Garage Sanogo" });
    const result = recordManualPlacement(
      db,
      counsellor,
      { ...valid(insertRegisteredCandidate(db)), employerName: null, orgId },
      now,
    );
    expect(result).toMatchObject({ ok: true });
    expect(placementRow(db, (result as { placementId: number }).placementId)).toMatchObject({
      orgId,
      employerName: null,
    });
  });

  it("refuses what does not hold, and records nothing", () => {
    const candidateId = insertRegisteredCandidate(db);
    const partner = insertCountedOrganisation(db, { kind: "partner", name: "OIM Mali" });
    const cases: [Partial<ManualPlacementInput>, string][] = [
      [{ candidateId: counsellor }, "candidate_not_found"],
      [{ candidateId: 987_654 }, "candidate_not_found"],
      [{ employerName: null }, "employer_required"],
      [{ employerName: "   " }, "employer_required"],
      [{ orgId: insertCountedOrganisation(db) }, "employer_required"],
      [{ employerName: null, orgId: partner }, "employer_not_found"],
      [{ employerName: "x".repeat(121) }, "employer_name_too_long"],
      [{ type: "apprentissage", contract: "cdi" }, "contract_mismatch"],
      [{ startDate: "2026-06-15" }, "start_too_late"],
      [{ startDate: "2024-04-14" }, "start_too_early"],
      [{ payAmount: -5 }, "invalid_pay"],
    ];
    for (const [change, reason] of cases) {
      expect(recordManualPlacement(db, counsellor, { ...valid(candidateId), ...change }, now), reason).toEqual({
        ok: false,
        reason,
      });
    }
    expect(db.select().from(placements).all()).toEqual([]);
  });

  it("accepts a start up to 30 days ahead and 24 months back", () => {
    expect(
      recordManualPlacement(db, counsellor, { ...valid(insertRegisteredCandidate(db)), startDate: "2026-06-14" }, now),
    ).toMatchObject({ ok: true });
    expect(
      recordManualPlacement(db, counsellor, { ...valid(insertRegisteredCandidate(db)), startDate: "2024-05-15" }, now),
    ).toMatchObject({ ok: true });
  });

  it("the same work sent twice is recorded once (employer name in any case)", () => {
    const candidateId = insertRegisteredCandidate(db);
    expect(recordManualPlacement(db, counsellor, valid(candidateId), now)).toMatchObject({ ok: true });
    expect(
      recordManualPlacement(db, counsellor, { ...valid(candidateId), employerName: "MENUISERIE DEMBÉLÉ" }, now),
    ).toMatchObject({ ok: true });
    expect(recordManualPlacement(db, counsellor, valid(candidateId), now)).toEqual({ ok: false, reason: "duplicate" });
    expect(db.select().from(placements).all()).toHaveLength(2);
  });
});

describe("follow-ups due and overdue", () => {
  const rows = (filters: Parameters<typeof followupsToDo>[1]) =>
    followupsToDo(db, filters).items.map((f) => [f.candidateName, f.employer, f.monthsAfter, f.dueDate]);

  it("lists overdue (past, not recorded) and due (next 7 days), oldest first, with candidate, employer and months", () => {
    const orgId = insertCountedOrganisation(db, { name: "Boulangerie Keïta" });
    const fatou = insertRegisteredCandidate(db, { firstName: "Fatoumata", lastName: "Traoré" });
    const issa = insertRegisteredCandidate(db, { firstName: "Issa", lastName: "Coulibaly" });
    const p1 = insertPlacementFor(db, { candidateId: fatou, orgId, startDate: "2026-01-20" }); // 1 month: 02-20, 3: 04-20, 6: 07-20
    const p2 = insertPlacementFor(db, { candidateId: issa, employerName: "Garage du Fleuve", startDate: "2026-03-25" }); // 04-25, 06-25, 09-25
    recordFollowup(db, counsellor, followupsOf(db, p1)[0]!.id, { stillEmployed: true }, { now: at("2026-02-21") });

    const today = "2026-04-21";
    expect(rows({ today, window: "overdue" })).toEqual([["Fatoumata Traoré", "Boulangerie Keïta", 3, "2026-04-20"]]);
    expect(rows({ today, window: "week" })).toEqual([["Issa Coulibaly", "Garage du Fleuve", 1, "2026-04-25"]]);
    expect(rows({ today })).toEqual([
      ["Fatoumata Traoré", "Boulangerie Keïta", 3, "2026-04-20"],
      ["Issa Coulibaly", "Garage du Fleuve", 1, "2026-04-25"],
    ]);
    expect(followupsToDo(db, { today, window: "week" }).items[0]).toMatchObject({ placementId: p2, candidateId: issa });

    // Seven days ahead is the edge; the eighth is not yet listed.
    const due = (today: string) => followupsToDo(db, { today, window: "week" }).items.map((f) => f.dueDate);
    expect(due("2026-04-18")).toEqual(["2026-04-20", "2026-04-25"]);
    expect(due("2026-04-17")).toEqual(["2026-04-20"]);
  });

  it("a placement ended drops its later follow-ups from the lists", () => {
    const p = insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: "2026-01-20" });
    endPlacement(db, counsellor, p, { endedOn: "2026-01-30", reason: "moved" }, { now: at("2026-02-01") });
    expect(followupsToDo(db, { today: "2026-12-01" })).toMatchObject({ items: [], total: 0 });
    expect(
      db
        .select()
        .from(placementFollowups)
        .where(eq(placementFollowups.placementId, p))
        .all()
        .every((f) => f.stillEmployed === false),
    ).toBe(true);
  });

  it("can be limited to the counsellor's own candidates, a region, an employer, a month mark", () => {
    const other = insertStaff(db).id;
    insertPlacementFor(db, {
      candidateId: insertRegisteredCandidate(db, { counsellorId: counsellor, region: "kayes" }),
      employerName: "Garage Sanogo",
      startDate: "2026-01-20",
    });
    insertPlacementFor(db, {
      candidateId: insertRegisteredCandidate(db, { counsellorId: other }),
      startDate: "2026-01-20",
    });
    const today = "2026-05-01";
    expect(countFollowupsToDo(db, { today })).toBe(4);
    expect(countFollowupsToDo(db, { today, counsellorId: counsellor })).toBe(2);
    expect(countFollowupsToDo(db, { today, region: "kayes" })).toBe(2);
    expect(countFollowupsToDo(db, { today, employer: "sanogo" })).toBe(2);
    expect(countFollowupsToDo(db, { today, employer: "%" })).toBe(0);
    expect(countFollowupsToDo(db, { today, monthsAfter: 3 })).toBe(2);
  });

  it("holds 25 a page for 500 people: page 2, and a page past the end shows the last one", () => {
    for (let i = 0; i < 500; i++) {
      insertPlacementFor(db, {
        candidateId: insertRegisteredCandidate(db, { counsellorId: counsellor }),
        startDate: addDays("2025-12-01", i % 90),
      });
    }
    const today = "2026-03-01";
    const first = followupsToDo(db, { today, counsellorId: counsellor });
    expect(first.items).toHaveLength(FOLLOWUPS_PAGE_SIZE);
    expect(first.total).toBe(countFollowupsToDo(db, { today, counsellorId: counsellor }));
    expect(first.pageCount).toBe(Math.ceil(first.total / 25));
    const second = followupsToDo(db, { today, counsellorId: counsellor, page: 2 });
    expect(second.items).toHaveLength(25);
    expect(second.items[0]!.dueDate >= first.items[24]!.dueDate).toBe(true);
    const past = followupsToDo(db, { today, counsellorId: counsellor, page: 9999 });
    expect(past.page).toBe(first.pageCount);
    expect(past.items.length).toBe(first.total - (first.pageCount - 1) * 25);
  }, 60_000);
});

describe("the placements list", () => {
  it("filters by ongoing or ended, region, employer name (portal or typed) and period, newest first", () => {
    const garage = insertCountedOrganisation(db, { name: "Garage Sanogo" });
    const a = insertPlacementFor(db, {
      candidateId: insertRegisteredCandidate(db, { firstName: "Awa", lastName: "Keïta", region: "segou" }),
      orgId: garage,
      startDate: "2026-02-01",
    });
    const b = insertPlacementFor(db, {
      candidateId: insertRegisteredCandidate(db, { firstName: "Moussa", lastName: "Diallo", region: "bamako" }),
      employerName: "Atelier 100% Couture",
      startDate: "2026-03-01",
    });
    endPlacement(db, counsellor, a, { endedOn: "2026-02-20", reason: "moved" }, { now: at("2026-03-02") });

    const all = listPlacements(db);
    expect(all.total).toBe(2);
    expect(all.placements.map((p) => [p.id, p.candidateName, p.employer])).toEqual([
      [b, "Moussa Diallo", "Atelier 100% Couture"],
      [a, "Awa Keïta", "Garage Sanogo"],
    ]);
    // Ended on 20 February: the three follow-ups, all due later, were closed with it.
    expect(all.placements[1]!.followups.map((f) => [f.monthsAfter, f.stillEmployed])).toEqual([
      [1, false],
      [3, false],
      [6, false],
    ]);

    const ids = (filters: Parameters<typeof listPlacements>[1]) =>
      listPlacements(db, filters).placements.map((p) => p.id);
    expect(ids({ status: "ongoing" })).toEqual([b]);
    expect(ids({ status: "ended" })).toEqual([a]);
    expect(ids({ region: "segou" })).toEqual([a]);
    expect(ids({ employer: "sanogo" })).toEqual([a]);
    expect(ids({ employer: "100%" })).toEqual([b]);
    expect(ids({ employer: "%" })).toEqual([b]); // a literal percent sign, not "anything"
    expect(ids({ from: "2026-02-15", to: "2026-03-01" })).toEqual([b]);
    expect(ids({ placementId: a })).toEqual([a]);
  });

  it("holds 25 a page; a page past the end shows the last one", () => {
    for (let i = 0; i < 30; i++)
      insertPlacementFor(db, { candidateId: insertRegisteredCandidate(db), startDate: addDays("2026-01-01", i) });
    expect(listPlacements(db).placements).toHaveLength(25);
    expect(listPlacements(db, { page: 2 })).toMatchObject({ page: 2, pageCount: 2, total: 30 });
    expect(listPlacements(db, { page: 50 }).placements.map((p) => p.startDate)).toEqual(
      Array.from({ length: 5 }, (_, i) => addDays("2026-01-05", -i)),
    );
  });
});

describe("finding a candidate by name", () => {
  it("finds by first or last name, in any order and case, or by phone; never staff or deleted accounts", () => {
    const awa = insertRegisteredCandidate(db, { firstName: "Awa", lastName: "Sangaré", phone: "+22376543210" });
    insertRegisteredCandidate(db, { firstName: "Oumar", lastName: "Sangaré" });
    expect(findCandidatesByName(db, "awa sangaré").map((c) => c.id)).toEqual([awa]);
    expect(findCandidatesByName(db, "Sangaré Awa").map((c) => c.id)).toEqual([awa]);
    expect(findCandidatesByName(db, "sangaré")).toHaveLength(2);
    expect(findCandidatesByName(db, "76 54 32 10").map((c) => c.id)).toEqual([awa]);
    expect(findCandidatesByName(db, "Conseiller")).toEqual([]);
    expect(findCandidatesByName(db, "a")).toEqual([]);
    expect(findCandidatesByName(db, "%")).toEqual([]);
    expect(findCandidatesByName(db, "_")).toEqual([]);
    expect(findCandidatesByName(db, "' OR 1=1 --")).toEqual([]);
  });
});
