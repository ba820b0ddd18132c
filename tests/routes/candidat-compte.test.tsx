// @vitest-environment jsdom
// "My account": change the password, download all my data, delete my account.
// Bad input tried: a wrong current password, a mismatched confirmation, a
// wrong password to delete, deleting without ticking "I understand", an
// unknown intent, an employer, a visitor asking for the export.
import { screen, waitFor } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { saveAlert } from "../../app/models/alerts.server";
import { applyToOffer, moveApplication } from "../../app/models/applications.server";
import { storeCv } from "../../app/models/files.server";
import { authenticate } from "../../app/models/login.server";
import { saveProfile } from "../../app/models/profiles.server";
import Account, { action, loader } from "../../app/routes/candidat.compte";
import { action as fileAction } from "../../app/routes/fichiers.$fileId";
import { getDb } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/session.server";
import {
  applications,
  auditLog,
  candidateProfiles,
  files,
  notifications,
  outbox,
  sessions,
  users,
} from "../../db/schema";
import {
  cookieFrom,
  insertEmployer,
  insertOffer,
  registerCandidate,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { toFormData } from "../helpers/offers";
import { as, callRoute, cookiesAfter, errorOf, renderRoutes, settled, statusOf } from "../helpers/route";

const PASSWORD = "bamako2026";
const KADIATOU = {
  phone: "+22370880001",
  email: "kadiatou.samake@exemple.ml",
  firstName: "Kadiatou",
  lastName: "Samaké",
};
const cookies = { kadiatou: "", kadiatouPhone: "", moussa: "", employer: "" };
const ids = { kadiatou: 0, moussa: 0, application: 0 };

beforeAll(async () => {
  const db = getDb();
  const kadiatou = await registerCandidate(db, {
    phone: "70 88 00 01",
    email: KADIATOU.email,
    firstName: "Kadiatou",
    lastName: "Samaké",
  });
  const moussa = await registerCandidate(db, { phone: "70 88 00 02", firstName: "Moussa", lastName: "Konaté" });
  const { user: employer, org } = await insertEmployer(db, "verified", "Menuiserie du Niger");
  saveProfile(
    db,
    kadiatou.id,
    {
      firstName: "Kadiatou",
      lastName: "Samaké",
      sex: "f",
      birthDate: "2001-01-09",
      region: "segou",
      commune: "Markala",
      educationLevel: "bac",
      trades: ["comptable"],
      skills: "Tenue de caisse chez Samaké Frères",
      languages: ["fr", "bm"],
      experienceYears: 2,
      availability: "immediate",
      drivingLicence: false,
      disability: null,
      migrantStatus: "returnee",
      smsConsent: true,
    },
    { consent: true },
  );
  storeCv(db, kadiatou.id, {
    name: "cv-kadiatou-samake.pdf",
    bytes: Buffer.from("%PDF-1.4 Kadiatou Samaké +22370880001 %%EOF"),
  });
  const offer = insertOffer(db, { orgId: org.id, title: "Comptable" });
  const applied = applyToOffer(db, {
    candidateId: kadiatou.id,
    offerId: offer.id,
    message: "Bonjour, je suis Kadiatou Samaké, joignable au 70 88 00 01.",
  });
  if (!applied.ok) throw new Error(applied.reason);
  moveApplication(db, { employerId: employer.id, applicationId: applied.applicationId, to: "shortlisted" });
  saveAlert(db, kadiatou.id, { q: "comptable", region: "segou" });
  // Someone mistyped her password once: the audit log names her phone.
  await authenticate(db, { identifier: "70 88 00 01", password: "mauvais-mot", ip: "10.9.9.9" });
  ids.kadiatou = kadiatou.id;
  ids.moussa = moussa.id;
  ids.application = applied.applicationId;
  cookies.kadiatou = await sessionCookieFor(db, kadiatou.id);
  cookies.kadiatouPhone = await sessionCookieFor(db, kadiatou.id);
  cookies.moussa = await sessionCookieFor(db, moussa.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
});

async function renderAccount(cookie: string, url = "/candidat/compte") {
  return renderRoutes(
    [
      { path: "/candidat/compte", Component: Account, loader: as(cookie, loader), action: as(cookie, action) },
      { path: "/connexion", Component: () => <h1>Connexion</h1> },
    ],
    url,
  );
}

const post = (fields: Record<string, string>, cookie: string) =>
  settled(callRoute(action, "/candidat/compte", { cookie, body: fields, context: { clientIp: "10.0.0.7" } }));
const userOf = (cookie: string) => getSessionUser(getDb(), requestWithCookie("http://localhost/", cookie));

describe("/candidat/compte: changing the password", () => {
  it("refuses a wrong current password with a message under that field (400), and changes nothing", async () => {
    const user = await renderAccount(cookies.moussa);
    await user.type(screen.getByLabelText("Mot de passe actuel"), "pas-le-bon");
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "segou-2027");
    await user.type(screen.getByLabelText("Confirmez le nouveau mot de passe"), "segou-2027");
    await user.click(screen.getByRole("button", { name: "Changer mon mot de passe" }));
    await waitFor(() =>
      expect(errorOf(screen.getByLabelText("Mot de passe actuel"))).toBe("Ce mot de passe n'est pas le bon."),
    );
    expect((screen.getByLabelText("Mot de passe actuel") as HTMLInputElement).value).toBe("pas-le-bon");

    const result = await post(
      { intent: "password", currentPassword: "pas-le-bon", newPassword: "segou-2027", passwordConfirm: "segou-2027" },
      cookies.moussa,
    );
    expect(statusOf(result)).toBe(400);
    expect((await authenticate(getDb(), { identifier: "70 88 00 02", password: PASSWORD, ip: "10.0.0.8" })).ok).toBe(
      true,
    );
  });

  it("refuses a short or mismatched new password, never echoing passwords back", async () => {
    const result = (await post(
      { intent: "password", currentPassword: PASSWORD, newPassword: "court", passwordConfirm: "autre" },
      cookies.moussa,
    )) as {
      data: { fieldErrors: Record<string, string> };
    };
    expect(statusOf(result)).toBe(400);
    expect(result.data.fieldErrors).toEqual({
      newPassword: "validation.passwordTooShort",
      passwordConfirm: "validation.passwordMismatch",
    });
    expect(JSON.stringify(result.data)).not.toContain(PASSWORD);
  });

  it("changes it: other sessions end, this browser gets a fresh session and stays logged in", async () => {
    const other = await sessionCookieFor(getDb(), ids.moussa);
    const result = (await post(
      { intent: "password", currentPassword: PASSWORD, newPassword: "segou-2027", passwordConfirm: "segou-2027" },
      cookies.moussa,
    )) as Response;
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/candidat/compte");
    const fresh = cookieFrom(result);
    expect((await userOf(fresh))?.id).toBe(ids.moussa);
    expect(await userOf(other)).toBeNull();
    expect(await userOf(cookies.moussa)).toBeNull();
    expect(
      (await authenticate(getDb(), { identifier: "70 88 00 02", password: "segou-2027", ip: "10.0.0.8" })).ok,
    ).toBe(true);
    cookies.moussa = fresh;
    await renderAccount(cookiesAfter(result));
    expect(screen.getByRole("status").textContent).toBe(
      "Votre mot de passe est changé. Vos autres appareils ont été déconnectés.",
    );
  });
});

describe("/candidat/compte: guessing the current password", () => {
  it("answers 429 at the 6th wrong password in 15 minutes, changing or deleting alike, and deletes nothing", async () => {
    const db = getDb();
    const fanta = await registerCandidate(db, { phone: "70 88 00 03", firstName: "Fanta", lastName: "Keïta" });
    const cookie = await sessionCookieFor(db, fanta.id);
    for (let i = 0; i < 3; i++) {
      expect(
        statusOf(
          await post(
            {
              intent: "password",
              currentPassword: `devine-${i}`,
              newPassword: "segou-2027",
              passwordConfirm: "segou-2027",
            },
            cookie,
          ),
        ),
      ).toBe(400);
    }
    for (let i = 3; i < 5; i++)
      expect(statusOf(await post({ intent: "delete", password: `devine-${i}`, understand: "on" }, cookie))).toBe(400);

    const deleting = (await post({ intent: "delete", password: PASSWORD, understand: "on" }, cookie)) as {
      data: { fieldErrors: Record<string, string> };
      init: { headers: Record<string, string> };
    };
    expect(statusOf(deleting)).toBe(429);
    expect(Number(deleting.init.headers["Retry-After"])).toBeGreaterThan(0);
    expect(deleting.data.fieldErrors).toEqual({ password: "validation.tooManyPasswordChecks" });
    expect(db.select().from(users).where(eq(users.id, fanta.id)).get()!.deletedAt).toBeNull();
    const changing = await post(
      { intent: "password", currentPassword: PASSWORD, newPassword: "segou-2027", passwordConfirm: "segou-2027" },
      cookie,
    );
    expect(statusOf(changing)).toBe(429);
    expect((await authenticate(db, { identifier: "70 88 00 03", password: PASSWORD, ip: "10.0.0.8" })).ok).toBe(true);
    const failures = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.password_check_failed"))
      .all()
      .filter((row) => row.actorId === fanta.id);
    expect(failures).toHaveLength(5);

    // On the page, the message is under the field, in French.
    const user = await renderAccount(cookie);
    await user.type(screen.getByLabelText("Votre mot de passe"), PASSWORD);
    await user.click(screen.getByRole("checkbox", { name: "Je comprends que la suppression est définitive." }));
    await user.click(screen.getByRole("button", { name: "Supprimer mon compte" }));
    await waitFor(() =>
      expect(errorOf(screen.getByLabelText("Votre mot de passe"))).toBe(
        "Trop d'essais de mot de passe. Pour votre sécurité, attendez 15 minutes avant de réessayer.",
      ),
    );
    expect(db.select().from(users).where(eq(users.id, fanta.id)).get()!.deletedAt).toBeNull();
  });
});

describe("/candidat/compte: downloading my data", () => {
  it("the page's form posts to the download route, without client-side navigation", async () => {
    await renderAccount(cookies.kadiatou);
    const form = screen.getByRole("button", { name: "Télécharger mes données" }).closest("form")!;
    expect(form.getAttribute("method")).toBe("post");
    expect(form.getAttribute("action")).toBe("/fichiers/mes-donnees");
  });

  it("gives one JSON file, as an attachment, with the profile and the applications, and writes the audit row", async () => {
    const request = requestWithCookie("http://localhost/fichiers/mes-donnees", cookies.kadiatou, {
      method: "POST",
      body: toFormData({ intent: "export" }),
    });
    const response = (await fileAction({
      request,
      params: { fileId: "mes-donnees" },
      context: { clientIp: "10.0.0.7" },
    } as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="baara-mes-donnees.json"; filename*=UTF-8''baara-mes-donnees.json`,
    );
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const exported = JSON.parse(await response.text());
    expect(exported.account).toMatchObject({
      phone: KADIATOU.phone,
      email: KADIATOU.email,
      displayName: "Kadiatou Samaké",
    });
    expect(exported.profile).toMatchObject({ commune: "Markala", migrantStatus: "returnee" });
    expect(exported.trades).toEqual(["comptable"]);
    expect(exported.applications).toHaveLength(1);
    expect(exported.applications[0]).toMatchObject({ offerTitle: "Comptable", status: "shortlisted" });
    expect(exported.applications[0].timeline.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      "submitted",
      "shortlisted",
    ]);
    expect(exported.savedSearches[0].query).toEqual({ q: "comptable", region: "segou" });
    expect(Buffer.from(exported.files[0].base64, "base64").toString()).toMatch(/^%PDF-/);
    const audit = getDb().select().from(auditLog).where(eq(auditLog.action, "account.exported")).all();
    expect(audit.map((a) => [a.actorId, a.ip])).toEqual([[ids.kadiatou, "10.0.0.7"]]);
  });

  it("sends a visitor to log in, and answers 404 to a POST on a CV's id", async () => {
    const visitor = await (
      fileAction({
        request: new Request("http://localhost/fichiers/mes-donnees", { method: "POST" }),
        params: { fileId: "mes-donnees" },
        context: {},
      } as never) as Promise<Response>
    ).catch((e: Response) => e);
    expect(visitor.status).toBe(302);
    const cv = await (
      fileAction({
        request: requestWithCookie("http://localhost/fichiers/1", cookies.kadiatou, { method: "POST" }),
        params: { fileId: "1" },
        context: {},
      } as never) as Promise<Response>
    ).catch((e: Response) => e);
    expect(cv.status).toBe(404);
  });
});

describe("/candidat/compte: deleting my account", () => {
  it("explains what goes and what stays", async () => {
    await renderAccount(cookies.kadiatou);
    expect(
      screen.getByText(/^Ce qui est effacé : votre profil, votre CV, votre numéro, votre e-mail, votre nom/),
    ).toBeTruthy();
    expect(screen.getByText(/^Ce qui reste, sans votre nom : vos candidatures et embauches/)).toBeTruthy();
  });

  it('refuses a wrong password and a missing "I understand", and deletes nothing', async () => {
    const user = await renderAccount(cookies.kadiatou);
    await user.type(screen.getByLabelText("Votre mot de passe"), "pas-le-bon");
    await user.click(screen.getByRole("checkbox", { name: "Je comprends que la suppression est définitive." }));
    await user.click(screen.getByRole("button", { name: "Supprimer mon compte" }));
    await waitFor(() =>
      expect(errorOf(screen.getByLabelText("Votre mot de passe"))).toBe("Ce mot de passe n'est pas le bon."),
    );

    const unticked = (await post({ intent: "delete", password: PASSWORD }, cookies.kadiatou)) as {
      data: { fieldErrors: Record<string, string> };
    };
    expect(statusOf(unticked)).toBe(400);
    expect(unticked.data.fieldErrors).toEqual({ understand: "candidate:errors.understandRequired" });
    expect(statusOf(await post({ intent: "delete", password: "pas-le-bon", understand: "on" }, cookies.kadiatou))).toBe(
      400,
    );
    expect(getDb().select().from(users).where(eq(users.id, ids.kadiatou)).get()!.phone).toBe(KADIATOU.phone);
    expect((await userOf(cookies.kadiatou))?.id).toBe(ids.kadiatou);
  });

  it("answers 400 to an unknown intent and 403 to an employer", async () => {
    expect(statusOf(await post({ intent: "export" }, cookies.kadiatou))).toBe(400);
    expect(statusOf(await post({ intent: "delete", password: PASSWORD, understand: "on" }, cookies.employer))).toBe(
      403,
    );
  });

  it("deletes it: the sessions end, the page says so, and the database keeps no phone, e-mail or name of hers", async () => {
    const user = await renderAccount(cookies.kadiatou);
    await user.type(screen.getByLabelText("Votre mot de passe"), PASSWORD);
    await user.click(screen.getByRole("checkbox", { name: "Je comprends que la suppression est définitive." }));
    await user.click(screen.getByRole("button", { name: "Supprimer mon compte" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Votre compte a été supprimé" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toMatch(/vous êtes déconnecté\(e\)/);

    const db = getDb();
    expect(await userOf(cookies.kadiatou)).toBeNull();
    expect(await userOf(cookies.kadiatouPhone)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, ids.kadiatou)).all()).toHaveLength(0);
    const row = db.select().from(users).where(eq(users.id, ids.kadiatou)).get()!;
    expect(row).toMatchObject({ phone: null, email: null, passwordHash: null, displayName: "—" });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, ids.kadiatou)).all()).toHaveLength(0);
    expect(db.select().from(files).where(eq(files.ownerId, ids.kadiatou)).all()).toHaveLength(0);
    expect(db.select().from(notifications).where(eq(notifications.userId, ids.kadiatou)).all()).toHaveLength(0);
    expect(db.select().from(outbox).where(eq(outbox.userId, ids.kadiatou)).all()).toHaveLength(0);
    expect(db.select().from(outbox).where(eq(outbox.recipient, KADIATOU.phone)).all()).toHaveLength(0);
    // The application stays, anonymous and withdrawn (no employer waits on it), for the statistics.
    expect(db.select().from(applications).where(eq(applications.id, ids.application)).get()).toMatchObject({
      status: "withdrawn",
      message: null,
    });

    // Every text of every table: none of her contact details or her name remain.
    const tables = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of tables) {
      const dump = JSON.stringify(db.$client.prepare(`SELECT * FROM "${name}"`).all(), (_key, value) =>
        Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString("latin1") : value,
      );
      for (const secret of [KADIATOU.phone, "70880001", KADIATOU.email, "Kadiatou", "Samak"]) {
        expect(dump.includes(secret), `${secret} in ${name}`).toBe(false);
      }
    }
  });

  it("after deletion, the same link without a session is an ordinary login redirect for anyone else", async () => {
    const result = await (
      loader({
        request: new Request("http://localhost/candidat/compte"),
        params: {},
        context: {},
      } as never) as Promise<unknown>
    ).catch((e: unknown) => e);
    expect((result as Response).status).toBe(302);
  });
});
