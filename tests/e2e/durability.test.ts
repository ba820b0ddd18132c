// Durability of the built server: bounded concurrent
// applications and hires on 127.0.0.1, the server killed with SIGKILL in the
// middle, restarted on the same file. Afterwards the database is intact and
// every request that was answered 2xx/3xx is in it; SIGTERM then lets a request
// in flight finish and the process exits 0. No browser is needed, but the built
// server and the seeded template database only exist where the browser tests
// run, hence `describeInBrowser`.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BuiltServer, freePort, startBuiltServer } from "../helpers/built-server";
import { describeInBrowser } from "./harness";
import { E2E_DIR, TEMPLATE_DB } from "./paths";

const DEMO_PASSWORD = "baara-demo";
const CANDIDATE_COUNT = 12;
const IN_FLIGHT = 12;

/** A form POST as a browser without JavaScript sends it (same-site Origin, no redirect followed). */
function post(url: string, pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
}

async function logIn(url: string, identifier: string, ip: string): Promise<string> {
  const response = await post(url, "/connexion", { identifier, password: DEMO_PASSWORD }, { "X-Forwarded-For": ip });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (response.status !== 302 || !cookie) throw new Error(`login of ${identifier} answered ${response.status}`);
  return cookie;
}

type Sent =
  | { kind: "apply"; candidateId: number; offerId: number; status?: number; error?: string; location?: string }
  | {
      kind: "move";
      applicationId: number;
      offerId: number;
      to: "offered" | "hired";
      from: string;
      status?: number;
      error?: string;
    };

const answeredOk = (s: Sent) => s.status !== undefined && s.status >= 200 && s.status < 400;

/** Resolves once connections to `port` are refused: a server that is stopping closes its listener first. */
async function untilNothingListens(port: number) {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(false);
      });
      socket.once("error", () => resolve(true));
    });
    if (refused) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeInBrowser("durability of the built server", () => {
  let url = "";
  let port = 0;
  let dbPath = "";
  let server: BuiltServer | undefined;

  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    dbPath = path.join(E2E_DIR, `durability-${port}.db`);
    fs.copyFileSync(TEMPLATE_DB, dbPath);
    server = await startBuiltServer(dbPath, { port });
  });

  afterAll(() => {
    if (server?.process.exitCode === null) server.process.kill("SIGKILL");
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
  });

  it("keeps every answered application and hire, whole, across a SIGKILL in the middle", async () => {
    // What to send, read from the copy before anything happens.
    const before = new Database(dbPath, { readonly: true });
    const employer = before.prepare("SELECT id FROM users WHERE email = 'employeur@baara.demo'").get() as {
      id: number;
    };
    const openOffers = before
      .prepare(
        `SELECT o.id, o.positions FROM offers o JOIN memberships m ON m.org_id = o.org_id
         WHERE m.user_id = ? AND o.status = 'published' ORDER BY o.id`,
      )
      .all(employer.id) as { id: number; positions: number }[];
    const openApplications = before
      .prepare(
        `SELECT id, offer_id AS offerId, status FROM applications
         WHERE offer_id IN (${openOffers.map((o) => o.id).join(",")}) AND status IN ('submitted','shortlisted','interview','offered')`,
      )
      .all() as { id: number; offerId: number; status: string }[];
    // Seeded candidates share the demo password; these have applied to none of the employer's offers.
    const candidates = before
      .prepare(
        `SELECT id, phone FROM users u WHERE role = 'candidat' AND deleted_at IS NULL AND disabled_at IS NULL
         AND phone IS NOT NULL AND email IS NULL
         AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = u.id AND a.offer_id IN (${openOffers.map((o) => o.id).join(",")}))
         ORDER BY id LIMIT ?`,
      )
      .all(CANDIDATE_COUNT) as { id: number; phone: string }[];
    before.close();
    expect(openOffers.length).toBeGreaterThanOrEqual(3);
    expect(candidates).toHaveLength(CANDIDATE_COUNT);

    // Every candidate logs in from its own address (the server trusts a proxy on loopback).
    const cookies = new Map<number, string>();
    await Promise.all(candidates.map(async (c, i) => cookies.set(c.id, await logIn(url, c.phone, `10.6.0.${i + 1}`))));
    const employerCookie = await logIn(url, "employeur@baara.demo", "10.6.1.1");

    // Applications and the employer's moves, interleaved: hire whoever was seen
    // (interview, offered), make an offer to the others. More interviews than
    // positions on some offers, so some hires must be refused.
    const applies: Sent[] = candidates.flatMap((c) =>
      openOffers.map((o) => ({ kind: "apply" as const, candidateId: c.id, offerId: o.id })),
    );
    const moves: Sent[] = openApplications.map((a) => ({
      kind: "move" as const,
      applicationId: a.id,
      offerId: a.offerId,
      from: a.status,
      to: a.status === "interview" || a.status === "offered" ? ("hired" as const) : ("offered" as const),
    }));
    const sent: Sent[] = [];
    const total = applies.length + moves.length;
    for (let i = 0; sent.length < total; i++) {
      if (i < applies.length) sent.push(applies[i]!);
      if (i % 3 === 0 && moves.length > 0) sent.push(moves.shift()!);
    }
    expect(total).toBeGreaterThanOrEqual(40);

    let answered = 0;
    let killedAfter = -1;
    const killer = server!;
    const send = (s: Sent) =>
      s.kind === "apply"
        ? post(
            url,
            `/offres/${s.offerId}/postuler`,
            { message: "Bonjour, je suis disponible.", cvFileId: "" },
            { Cookie: cookies.get(s.candidateId)! },
          )
        : post(
            url,
            `/employeur/offres/${s.offerId}/candidatures/${s.applicationId}`,
            s.to === "hired" ? { intent: "move", to: "hired", startDate: "" } : { intent: "move", to: "offered" },
            { Cookie: employerCookie },
          );
    let next = 0;
    const worker = async () => {
      while (next < sent.length) {
        const s = sent[next++]!;
        try {
          const response = await send(s);
          await response.arrayBuffer();
          s.status = response.status;
          if (s.kind === "apply") s.location = response.headers.get("location") ?? undefined;
          answered++;
          // Half answered: the machine loses power.
          if (answered >= total / 2 && killedAfter < 0) {
            killedAfter = answered;
            killer.process.kill("SIGKILL");
          }
        } catch (error) {
          // Reset in flight (ECONNRESET, "other side closed") or refused after the kill: unanswered.
          const cause = (error as { cause?: { code?: string } }).cause;
          s.error = cause?.code === "ECONNREFUSED" ? "refused" : "reset";
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    expect(await killer.exited).toBeNull(); // killed by the signal, no exit code

    const ok = sent.filter(answeredOk);
    const unanswered = sent.filter((s) => s.status === undefined);
    const statuses = sent.reduce<Record<string, number>>((acc, s) => {
      const key = `${s.kind} ${s.status ?? s.error}`;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {});
    console.log(
      `[durability] ${total} requests, ${answered} answered (${ok.length} 2xx/3xx), ${unanswered.length} unanswered; SIGKILL after ${killedAfter} answers`,
      statuses,
    );
    expect(ok.length).toBeGreaterThan(0);
    expect(unanswered.length).toBeGreaterThan(0);
    // Nothing answered with a server error, before the kill.
    expect(sent.filter((s) => (s.status ?? 0) >= 500)).toEqual([]);

    // Before the restart: the file (with its WAL) is intact.
    const cold = new Database(dbPath);
    expect(cold.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(cold.pragma("foreign_key_check")).toEqual([]);
    cold.close();

    server = await startBuiltServer(dbPath, { port });
    expect((await fetch(`${url}/offres`)).status).toBe(200);

    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const application = db.prepare("SELECT id, status FROM applications WHERE candidate_id = ? AND offer_id = ?");
      const byId = db.prepare("SELECT status FROM applications WHERE id = ?");
      const event = db.prepare(
        "SELECT count(*) AS n FROM application_events WHERE application_id = ? AND to_status = ?",
      );
      const placement = db.prepare("SELECT id, offer_id AS offerId FROM placements WHERE application_id = ?");
      const followups = db.prepare("SELECT count(*) AS n FROM placement_followups WHERE placement_id = ?");

      const unansweredApplies = unanswered.filter((s) => s.kind === "apply");
      const committedAnyway = unansweredApplies.filter((s) => application.get(s.candidateId, s.offerId)).length;
      console.log(
        `[durability] unanswered applications found in the database anyway: ${committedAnyway} of ${unansweredApplies.length}`,
      );

      for (const s of ok) {
        if (s.kind === "apply") {
          const row = application.get(s.candidateId, s.offerId) as { id: number } | undefined;
          expect(row, `answered application of ${s.candidateId} to offer ${s.offerId}`).toBeDefined();
          if (s.status === 302) expect(s.location).toBe(`/candidat/candidatures#candidature-${row!.id}`);
        } else if (s.to === "hired") {
          expect(byId.get(s.applicationId), `answered hire of application ${s.applicationId}`).toEqual({
            status: "hired",
          });
          const p = placement.get(s.applicationId) as { id: number; offerId: number } | undefined;
          expect(p?.offerId).toBe(s.offerId);
          expect(followups.get(p!.id)).toEqual({ n: 3 });
        } else {
          // An offer made may since have been closed (the offer filled), never lost.
          expect((event.get(s.applicationId, "offered") as { n: number }).n).toBe(1);
        }
      }

      // Whole transactions only: every hire has its placement and follow-ups,
      // never more hires than positions, and a full offer is marked filled.
      const hires = db
        .prepare(
          `SELECT o.id, o.positions, o.status, count(a.id) AS hired,
             sum(p.id IS NULL) AS withoutPlacement,
             sum((SELECT count(*) FROM placement_followups f WHERE f.placement_id = p.id) <> 3) AS withoutFollowups
           FROM offers o JOIN applications a ON a.offer_id = o.id AND a.status = 'hired'
           LEFT JOIN placements p ON p.application_id = a.id
           WHERE o.id IN (${openOffers.map((o) => o.id).join(",")}) GROUP BY o.id`,
        )
        .all() as {
        id: number;
        positions: number;
        status: string;
        hired: number;
        withoutPlacement: number;
        withoutFollowups: number;
      }[];
      expect(hires.length).toBeGreaterThan(0);
      for (const offer of hires) {
        expect(offer.hired, `hires on offer ${offer.id}`).toBeLessThanOrEqual(offer.positions);
        expect(offer.withoutPlacement).toBe(0);
        expect(offer.withoutFollowups).toBe(0);
        if (offer.hired === offer.positions) expect(offer.status).toBe("filled");
      }
      console.log(
        "[durability] hires per offer after restart",
        hires.map((h) => `${h.id}: ${h.hired}/${h.positions} ${h.status}`).join(", "),
      );
    } finally {
      db.close();
    }
  });

  it("on SIGTERM answers the request in flight, then exits 0", async () => {
    if (server?.process.exitCode !== null) server = await startBuiltServer(dbPath, { port });
    const running = server!;
    // A login whose form arrives in two parts: the server has its headers (it answers
    // 100 Continue) and waits for the rest of the body when SIGTERM comes.
    const login = http.request(`${url}/connexion`, {
      method: "POST",
      headers: {
        Origin: url,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": "10.6.2.1",
        Expect: "100-continue",
      },
    });
    const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
      login.once("response", resolve);
      login.once("error", reject);
    });
    login.flushHeaders();
    await new Promise((resolve) => login.once("continue", resolve));
    login.write("identifier=employeur%40baara.demo&");
    const stoppedAt = Date.now();
    running.process.kill("SIGTERM");
    await untilNothingListens(port);
    expect(running.process.exitCode).toBeNull(); // still waiting for the request in flight
    login.end(`password=${DEMO_PASSWORD}`);
    const response = await answered;
    response.resume();
    expect(response.statusCode).toBe(302);
    expect(response.headers["set-cookie"]?.length).toBeGreaterThan(0);
    expect(await running.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    // Closed cleanly: the WAL was checkpointed into a file that is whole.
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});
