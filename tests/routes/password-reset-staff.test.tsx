// @vitest-environment jsdom
// A counsellor or an admin sends a candidate a code to change their password, from the candidate's file.
// Refusals tried: a visitor, a candidate (for themselves or another), an employer, a counsellor's or an
// employer's id as the candidate, a deleted, a disabled and an unreachable candidate, malformed ids.
import { screen } from "@testing-library/react";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import CandidateFilePage, {
  action as fileAction,
  loader as fileLoader,
} from "../../app/routes/conseiller.candidats.$userId";
import { getDb } from "../../app/utils/db.server";
import { auditLog, outbox } from "../../db/schema";
import {
  insertAdmin,
  insertCandidate,
  insertCounsellor,
  registerCandidate,
  registerEmployer,
  sessionCookieFor,
} from "../helpers/factories";
import { as, callRoute, renderRoutes, statusOf, thrownBy } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "", stranger: "", admin: "" };
const ids = { withPassword: 0, byEmail: 0, deleted: 0, disabled: 0, unreachable: 0, employer: 0, counsellor: 0 };

beforeAll(async () => {
  const db = getDb();
  const candidate = await registerCandidate(db, { phone: "79 10 00 01" });
  const withPassword = await registerCandidate(db, { phone: "79 10 00 02" });
  const byEmail = await registerCandidate(db, { email: "awa.reset@exemple.ml" });
  const employer = await registerEmployer(db, { email: "patron@reset.ml" });
  const counsellor = insertCounsellor(db, "OIM Mali", "Kadia Konaté");
  const stranger = insertCounsellor(db, "CNPM", "Fanta Camara");
  const admin = await insertAdmin(db);
  Object.assign(ids, {
    withPassword: withPassword.id,
    byEmail: byEmail.id,
    deleted: insertCandidate(db, { deleted: true }).id,
    disabled: insertCandidate(db, { disabled: true }).id,
    unreachable: insertCandidate(db, { phone: null, email: "sans-contact-9@baara.invalid" }).id,
    employer: employer.id,
    counsellor: counsellor.id,
  });
  cookies.candidat = await sessionCookieFor(db, candidate.id);
  cookies.employeur = await sessionCookieFor(db, employer.id);
  cookies.conseiller = await sessionCookieFor(db, counsellor.id);
  cookies.stranger = await sessionCookieFor(db, stranger.id);
  cookies.admin = await sessionCookieFor(db, admin.id);
});

type Refused = { data: { fieldErrors: Record<string, string> }; init: ResponseInit | null };

const send = (userId: number | string, cookie: string) =>
  callRoute(fileAction, `/conseiller/candidats/${userId}`, {
    cookie,
    params: { userId: String(userId) },
    body: { intent: "password.reset" },
    context: { clientIp: "41.30.0.1" },
  });

const resetMessages = (userId: number) =>
  getDb()
    .select()
    .from(outbox)
    .where(and(eq(outbox.userId, userId), eq(outbox.template, "passwordReset")))
    .all();

describe("the candidate file's « send a code to change the password »", () => {
  it("asks to confirm, sends the SMS the counsellor never sees, says so and audits the counsellor", async () => {
    const cookie = cookies.conseiller;
    const wrap = (fn: unknown) => as(cookie, fn as never, { clientIp: "41.30.0.2" });
    const routes = [
      {
        path: "/conseiller/candidats/:userId",
        Component: CandidateFilePage,
        loader: wrap(fileLoader),
        action: wrap(fileAction),
      },
    ];
    const user = await renderRoutes(routes, `/conseiller/candidats/${ids.withPassword}`);
    await user.click(screen.getByText("Envoyer un code pour changer le mot de passe"));
    expect(screen.getByText(/Un code valable 30 minutes sera envoyé par SMS au 79 10 00 02\./)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Oui, envoyer le code" }));
    expect((await screen.findByRole("status")).textContent).toContain("La personne va recevoir un code par SMS");
    const [sms] = resetMessages(ids.withPassword);
    expect(sms).toMatchObject({ channel: "sms", recipient: "+22379100002" });
    expect(document.body.textContent).not.toContain(String(sms!.payload.code));
    const audit = getDb().select().from(auditLog).where(eq(auditLog.action, "account.code_issued")).all();
    expect(audit.at(-1)).toMatchObject({ actorId: ids.counsellor, subjectId: String(ids.withPassword) });
  });

  it("sends a link by e-mail to a candidate without a phone; an admin may, and so may any counsellor", async () => {
    expect(statusOf(await send(ids.byEmail, cookies.admin))).toBe(302);
    expect(statusOf(await send(ids.byEmail, cookies.stranger))).toBe(302);
    const mails = getDb().select().from(outbox).where(eq(outbox.userId, ids.byEmail)).all();
    expect(mails.filter((m) => m.status === "pending")).toMatchObject([
      { channel: "email", template: "passwordResetLink", recipient: "awa.reset@exemple.ml" },
    ]);
  });

  it("refuses visitors, candidates and employers before anything is sent", async () => {
    const before = resetMessages(ids.withPassword).length;
    const visitor = (await thrownBy(send(ids.withPassword, ""))) as Response;
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    expect(statusOf(await thrownBy(send(ids.withPassword, cookies.candidat)))).toBe(403);
    expect(statusOf(await thrownBy(send(ids.withPassword, cookies.employeur)))).toBe(403);
    expect(resetMessages(ids.withPassword)).toHaveLength(before);
  });

  it("answers 404 for an employer's, a counsellor's, a deleted or an unknown id, and for malformed ids", async () => {
    for (const id of [ids.employer, ids.counsellor, ids.deleted, 999_999]) {
      const refused = (await send(id, cookies.conseiller)) as unknown as Refused;
      expect(refused.init?.status).toBe(404);
      expect(refused.data.fieldErrors.form).toBe("counsellor:errors.notFound");
    }
    for (const id of ["0", "abc", "1 OR 1=1", "<script>"]) {
      expect(statusOf(await thrownBy(send(id, cookies.conseiller)))).toBe(404);
    }
  });

  it("says why nothing was sent to a disabled or an unreachable candidate (400)", async () => {
    const disabled = (await send(ids.disabled, cookies.conseiller)) as unknown as Refused;
    expect(disabled.init?.status).toBe(400);
    expect(disabled.data.fieldErrors.form).toBe("password:staff.errors.disabled");
    const unreachable = (await send(ids.unreachable, cookies.conseiller)) as unknown as Refused;
    expect(unreachable.init?.status).toBe(400);
    expect(unreachable.data.fieldErrors.form).toBe("password:staff.errors.noContact");
    expect(getDb().select().from(outbox).where(eq(outbox.userId, ids.disabled)).all()).toEqual([]);
  });
});
