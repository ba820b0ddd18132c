// "Call me back" from the USSD menu: one open request per number, taken by one counsellor, done once called.
import { beforeEach, describe, expect, it } from "vitest";
import {
  CALLBACKS_PAGE_SIZE,
  callbacksWaiting,
  callbackTabCounts,
  completeCallback,
  listCallbacks,
  releaseCallback,
  requestCallback,
  takeCallback,
} from "../../app/models/callback-requests.server";
import type { Db } from "../../app/utils/db.server";
import { callbackRequests } from "../../db/schema";
import { auditRows, createTestDb } from "../helpers/db";
import { insertCandidate, insertUser } from "../helpers/factories";

let db: Db;
const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const MINUTE = 60_000;

beforeEach(() => {
  db = createTestDb();
});

const ask = (phone: string, at = T0, userId: number | null = null) =>
  requestCallback(db, { phone, userId, locale: "bm", now: at });

describe("requestCallback", () => {
  it("opens one request per number: asking again returns the open one", () => {
    const first = ask("+22376303719");
    expect(first.alreadyOpen).toBe(false);
    expect(ask("+22376303719", T0 + MINUTE)).toEqual({ id: first.id, alreadyOpen: true });
    expect(ask("+22366112233").alreadyOpen).toBe(false);
    expect(db.select().from(callbackRequests).all()).toHaveLength(2);
    expect(auditRows(db, "callback.requested")).toHaveLength(2);
  });

  it("opens a new one once the last is done", async () => {
    const counsellor = await insertUser(db, { role: "conseiller" });
    const { id } = ask("+22376303719");
    takeCallback(db, id, counsellor.id);
    completeCallback(db, id, counsellor.id);
    expect(ask("+22376303719", T0 + 60 * MINUTE)).toMatchObject({ alreadyOpen: false });
  });
});

describe("take, complete, release", () => {
  it("lets any counsellor take an open request, and refuses a second one naming who took it", async () => {
    const awa = await insertUser(db, { role: "conseiller", displayName: "Awa Keïta" });
    const ibrahim = await insertUser(db, { role: "conseiller", displayName: "Ibrahim Diallo" });
    const { id } = ask("+22376303719");
    expect(takeCallback(db, id, awa.id, T0 + MINUTE)).toEqual({ ok: true });
    expect(takeCallback(db, id, ibrahim.id)).toEqual({
      ok: false,
      reason: "taken",
      takenBy: { id: awa.id, name: "Awa Keïta" },
    });
    expect(takeCallback(db, id, awa.id)).toEqual({ ok: true });
    expect(takeCallback(db, 9999, awa.id)).toEqual({ ok: false, reason: "notFound" });
    expect(auditRows(db, "callback.taken")).toHaveLength(1);
  });

  it("lets only the taker or an admin mark it done", async () => {
    const awa = await insertUser(db, { role: "conseiller", displayName: "Awa Keïta" });
    const ibrahim = await insertUser(db, { role: "conseiller" });
    const admin = await insertUser(db, { role: "admin" });
    const one = ask("+22376303719").id;
    const two = ask("+22366112233").id;
    expect(completeCallback(db, one, awa.id)).toEqual({ ok: false, reason: "notTaken" });
    takeCallback(db, one, awa.id);
    takeCallback(db, two, awa.id);
    expect(completeCallback(db, one, ibrahim.id)).toMatchObject({ ok: false, reason: "notYours" });
    expect(completeCallback(db, one, awa.id, T0 + 5 * MINUTE)).toEqual({ ok: true });
    expect(completeCallback(db, one, awa.id)).toEqual({ ok: false, reason: "done" });
    expect(takeCallback(db, one, ibrahim.id)).toEqual({ ok: false, reason: "done" });
    expect(completeCallback(db, two, admin.id)).toEqual({ ok: true });
    expect(auditRows(db, "callback.done").map((r) => r.actorId)).toEqual([awa.id, admin.id]);
  });

  it("gives a taken request back to the queue, by its taker only", async () => {
    const awa = await insertUser(db, { role: "conseiller" });
    const ibrahim = await insertUser(db, { role: "conseiller" });
    const { id } = ask("+22376303719");
    takeCallback(db, id, awa.id);
    expect(releaseCallback(db, id, ibrahim.id)).toMatchObject({ ok: false, reason: "notYours" });
    expect(releaseCallback(db, id, awa.id)).toEqual({ ok: true });
    expect(takeCallback(db, id, ibrahim.id)).toEqual({ ok: true });
    expect(auditRows(db, "callback.released")).toHaveLength(1);
  });
});

describe("listCallbacks", () => {
  it("lists open ones oldest first with the person's account, mine, and done ones newest first", async () => {
    const awa = await insertUser(db, { role: "conseiller", displayName: "Awa Keïta" });
    const candidate = insertCandidate(db, { phone: "+22366112233", firstName: "Fanta", lastName: "Coulibaly" });
    const late = ask("+22376303719", T0 + 10 * MINUTE).id;
    const early = ask("+22366112233", T0).id;
    const other = ask("+22390000000", T0 + 20 * MINUTE).id;
    takeCallback(db, late, awa.id);
    takeCallback(db, other, awa.id);
    completeCallback(db, other, awa.id);

    const open = listCallbacks(db, { status: "open", counsellorId: awa.id });
    expect(open.total).toBe(2);
    expect(open.rows.map((r) => r.id)).toEqual([early, late]);
    expect(open.rows[0]).toMatchObject({ personId: candidate.id, personRole: "candidat", takenBy: null });
    expect(open.rows[1]).toMatchObject({ personId: null, takerName: "Awa Keïta", locale: "bm" });
    expect(listCallbacks(db, { status: "mine", counsellorId: awa.id }).rows.map((r) => r.id)).toEqual([late]);
    expect(listCallbacks(db, { status: "done", counsellorId: awa.id }).rows.map((r) => r.id)).toEqual([other]);
    expect(callbackTabCounts(db, awa.id)).toEqual({ open: 2, mine: 1 });
    expect(callbacksWaiting(db)).toEqual({ count: 2, oldestAt: new Date(T0) });
  });

  it(`pages 500 requests by ${CALLBACKS_PAGE_SIZE}`, async () => {
    const awa = await insertUser(db, { role: "conseiller" });
    for (let i = 0; i < 500; i++) ask(`+2237${String(i).padStart(7, "0")}`, T0 + i * MINUTE);
    const last = listCallbacks(db, { status: "open", page: 99, counsellorId: awa.id });
    expect(last).toMatchObject({ total: 500, page: 20, pageCount: 20 });
    expect(last.rows).toHaveLength(CALLBACKS_PAGE_SIZE);
    expect(last.rows.at(-1)!.phone).toBe("+22370000499");
  });
});
