// The offer lifecycle as a matrix: every (status, action, role) is tried
// through the one write path (transitionOffer) on the real database, and the
// expected outcome is written out below, not read from the table. Allowed: the
// status changes, the audit row and the notification are written. Refused:
// nothing changes.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { LifecycleRole } from "../../app/models/lifecycles/lifecycle";
import { isEditable, type OfferAction, offerActionsFor } from "../../app/models/lifecycles/offer";
import { expireOffersPastClosing, type OfferActor, transitionOffer } from "../../app/models/lifecycles/offer.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { auditLog, notifications, type OfferStatus, offers } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertApplication, insertEmployer, insertOffer, insertUser } from "../helpers/factories";

type Expected = {
  from: OfferStatus[];
  to: OfferStatus;
  by: LifecycleRole[];
  /** The audit action written, or null when the move writes none. */
  audit: string | null;
  notify: string | null;
  /** The offer's flags before the move, so that the move's guard holds. */
  flags?: string[];
};

const MODERATORS: LifecycleRole[] = ["counsellor", "admin"];
const EVERY_STATUS: OfferStatus[] = ["draft", "pending", "published", "closed", "filled", "expired", "rejected"];

const EXPECTED: Record<OfferAction, Expected> = {
  saveDraft: {
    from: ["draft", "pending", "rejected"],
    to: "draft",
    by: ["owner"],
    audit: "offer.updated",
    notify: null,
  },
  submit: {
    from: ["draft", "pending", "published"],
    to: "published",
    by: ["owner"],
    audit: "offer.updated",
    notify: null,
  },
  submitForReview: {
    from: ["draft", "pending", "published", "rejected"],
    to: "pending",
    by: ["owner"],
    audit: "offer.updated",
    notify: null,
  },
  close: {
    from: ["draft", "pending", "published"],
    to: "closed",
    by: ["owner"],
    audit: "offer.closed",
    notify: null,
  },
  fill: {
    from: ["published"],
    to: "filled",
    by: ["owner"],
    audit: "offer.filled",
    notify: null,
  },
  fillByHire: {
    from: ["draft", "pending", "published", "expired", "rejected"],
    to: "filled",
    by: ["owner"],
    audit: null,
    notify: null,
  },
  // Made only by undoing the hire that filled the offer (the application's audit row tells it).
  reopenAfterUndoneHire: { from: ["filled"], to: "published", by: ["owner"], audit: null, notify: null },
  expire: { from: ["published", "pending"], to: "expired", by: ["system"], audit: null, notify: null },
  suspendByReports: {
    from: ["published"],
    to: "pending",
    by: ["system"],
    audit: "offer.suspended_by_reports",
    notify: "moderation.offer.reported",
  },
  publish: {
    from: ["pending"],
    to: "published",
    by: MODERATORS,
    audit: "offer.published",
    notify: "moderation.offer.published",
  },
  reject: {
    from: ["pending"],
    to: "rejected",
    by: MODERATORS,
    audit: "offer.rejected",
    notify: "moderation.offer.rejected",
  },
  republish: {
    from: ["pending"],
    to: "published",
    by: MODERATORS,
    audit: "report.dismissed",
    notify: "moderation.offer.republished",
    flags: ["reported"],
  },
  upholdReports: {
    from: EVERY_STATUS,
    to: "rejected",
    by: MODERATORS,
    audit: "report.upheld",
    notify: "moderation.offer.suspended",
  },
};

const ROLES: LifecycleRole[] = ["owner", "employer", "candidate", "counsellor", "admin", "system"];

let db: Db;
let orgId: number;
let ownerId: number;
const actors = {} as Record<LifecycleRole, OfferActor>;

beforeAll(async () => {
  db = createTestDb();
  const { user, org } = await insertEmployer(db, "verified");
  orgId = org.id;
  ownerId = user.id;
  const outsider = await insertEmployer(db, "verified");
  const candidate = await insertUser(db, { role: "candidat", password: null });
  const counsellor = await insertUser(db, { role: "conseiller", password: null });
  const admin = await insertUser(db, { role: "admin", password: null });
  actors.owner = { userId: user.id, roles: ["employer"] };
  actors.employer = { userId: outsider.user.id, roles: ["employer"] };
  actors.candidate = { userId: candidate.id, roles: ["candidate"] };
  actors.counsellor = { userId: counsellor.id, roles: ["counsellor"] };
  actors.admin = { userId: admin.id, roles: ["admin"] };
  actors.system = { userId: null, roles: ["system"] };
});

const statusOf = (id: number) =>
  db.select({ status: offers.status }).from(offers).where(eq(offers.id, id)).get()!.status;
const auditOf = (id: number) =>
  db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subjectId, String(id)))
    .all();
const noticesOf = (id: number) =>
  db
    .select()
    .from(notifications)
    .where(eq(notifications.link, `/employeur/offres/${id}`))
    .all();

const cases = (Object.keys(EXPECTED) as OfferAction[]).flatMap((action) =>
  EVERY_STATUS.flatMap((from) => ROLES.map((role) => ({ action, from, role }))),
);

describe("offer lifecycle: every status, action and role", () => {
  it.each(cases)("$from, $action by $role", ({ action, from, role }) => {
    const expected = EXPECTED[action];
    const allowed = expected.from.includes(from) && expected.by.includes(role);
    const offer = insertOffer(db, { orgId, status: from, moderationFlags: expected.flags ?? [] });

    const result = transitionOffer(db, { offerId: offer.id, action, actor: actors[role], detail: { tried: action } });

    if (!allowed) {
      expect(result).toEqual({ ok: false, reason: "notAllowed" });
      expect(statusOf(offer.id)).toBe(from);
      expect(auditOf(offer.id)).toEqual([]);
      expect(noticesOf(offer.id)).toEqual([]);
      return;
    }
    expect(result).toEqual({ ok: true, from, to: expected.to });
    expect(statusOf(offer.id)).toBe(expected.to);
    const audit = auditOf(offer.id);
    if (expected.audit === null) expect(audit).toEqual([]);
    else {
      expect(audit).toHaveLength(1);
      const { userId } = actors[role];
      expect(audit[0]).toMatchObject({ action: expected.audit, actorId: userId, detail: { tried: action } });
    }
    const notices = noticesOf(offer.id);
    if (expected.notify === null) expect(notices).toEqual([]);
    else {
      expect(notices).toMatchObject([{ userId: ownerId, kind: expected.notify, payload: { offerTitle: offer.title } }]);
    }
  });
});

describe("offer lifecycle: guards", () => {
  it("refuses to submit the offer of an organisation not verified, and publish it", async () => {
    const { user, org } = await insertEmployer(db, "pending");
    const offer = insertOffer(db, { orgId: org.id, status: "pending" });
    const member = { userId: user.id, roles: ["employer"] as const };
    const submit = transitionOffer(db, { offerId: offer.id, action: "submit", actor: member });
    const publish = transitionOffer(db, { offerId: offer.id, action: "publish", actor: actors.counsellor });
    expect([submit, publish]).toEqual([
      { ok: false, reason: "orgNotVerified" },
      { ok: false, reason: "orgNotVerified" },
    ]);
    expect(statusOf(offer.id)).toBe("pending");
  });

  it("refuses the employer's saves of an offer that reports took down", () => {
    const offer = insertOffer(db, { orgId, status: "pending", moderationFlags: ["reported"] });
    for (const action of ["saveDraft", "submit", "submitForReview"] as const) {
      const result = transitionOffer(db, { offerId: offer.id, action, actor: actors.owner });
      expect(result).toEqual({ ok: false, reason: "underReview" });
    }
    expect(statusOf(offer.id)).toBe("pending");
  });

  it("refuses to close or fill an offer of a suspended organisation", async () => {
    const { user, org } = await insertEmployer(db, "suspended");
    const offer = insertOffer(db, { orgId: org.id, status: "published" });
    for (const action of ["close", "fill"] as const) {
      const actor = { userId: user.id, roles: ["employer"] as const };
      expect(transitionOffer(db, { offerId: offer.id, action, actor })).toEqual({ ok: false, reason: "withheld" });
    }
    expect(statusOf(offer.id)).toBe("published");
  });

  it("republishes only an offer that reports took down", () => {
    const offer = insertOffer(db, { orgId, status: "pending" });
    expect(transitionOffer(db, { offerId: offer.id, action: "republish", actor: actors.counsellor })).toEqual({
      ok: false,
      reason: "notSuspendedByReports",
    });
    expect(statusOf(offer.id)).toBe("pending");
  });

  it("reopens a filled offer only when a hire left a position free", async () => {
    const offer = insertOffer(db, { orgId, status: "filled", positions: 1 });
    const candidate = await insertUser(db, { role: "candidat", password: null });
    insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status: "hired" });
    const result = transitionOffer(db, { offerId: offer.id, action: "reopenAfterUndoneHire", actor: actors.owner });
    expect(result).toEqual({ ok: false, reason: "positionsFull" });
    expect(statusOf(offer.id)).toBe("filled");
  });

  it("answers notFound for an offer that does not exist", () => {
    const result = transitionOffer(db, { offerId: 999_999, action: "close", actor: actors.owner });
    expect(result).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("offer lifecycle: the daily expiry", () => {
  it("expires the published and pending offers past their closing date, and no other", () => {
    const yesterday = addDays(isoToday(), -1);
    const past = EVERY_STATUS.map((status) => insertOffer(db, { orgId, status, closingDate: yesterday }));
    const stillOpen = insertOffer(db, { orgId, status: "published" });
    expect(expireOffersPastClosing(db, isoToday())).toBe(2);
    expect(past.map((offer) => statusOf(offer.id))).toEqual([
      "draft",
      "expired",
      "expired",
      "closed",
      "filled",
      "expired",
      "rejected",
    ]);
    expect(statusOf(stillOpen.id)).toBe("published");
    const written = past.map((offer) => auditOf(offer.id));
    expect(written.flat()).toEqual([]);
  });
});

describe("offer lifecycle: what the employer's pages offer", () => {
  it("shows close and fill, and the edit form, exactly where the employer may use them", () => {
    const shown = Object.fromEntries(
      EVERY_STATUS.map((status) => [status, { actions: offerActionsFor(status), editable: isEditable(status) }]),
    );
    expect(shown).toEqual({
      draft: { actions: ["close"], editable: true },
      pending: { actions: ["close"], editable: true },
      published: { actions: ["close", "fill"], editable: true },
      closed: { actions: [], editable: false },
      filled: { actions: [], editable: false },
      expired: { actions: [], editable: false },
      rejected: { actions: [], editable: true },
    });
  });
});
