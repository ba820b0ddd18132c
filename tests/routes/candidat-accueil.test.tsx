// @vitest-environment jsdom
// The candidate's home: notifications of their applications (with "mark as
// read"), the completeness bar while the profile is incomplete, links to the
// rest of the space. Bad input tried: another user's notification id, ids that
// are not numbers, an unknown intent, an employer.
import { screen, waitFor, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applyToOffer, moveApplication } from "../../app/models/applications.server";
import { notifyUsers } from "../../app/models/notifications.server";
import { saveProfile } from "../../app/models/profiles.server";
import CandidateHome, { action, loader } from "../../app/routes/candidat._index";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { notifications } from "../../db/schema";
import { insertEmployer, insertOffer, insertUser, registerCandidate, sessionCookieFor } from "../helpers/factories";
import { createTestI18n } from "../helpers/i18n";
import { unreadNotifications } from "../helpers/notifications";
import { as, callRoute, renderRoutes, settled, statusOf } from "../helpers/route";

const cookies = { rokia: "", complete: "", employer: "" };
const ids = { rokia: 0, other: 0, othersNotification: 0 };

beforeAll(async () => {
  const db = getDb();
  const rokia = await registerCandidate(db, { phone: "70 44 00 01", firstName: "Rokia", lastName: "Traoré" });
  const complete = await registerCandidate(db, { phone: "70 44 00 02", firstName: "Issa", lastName: "Maïga" });
  const other = await registerCandidate(db, { phone: "70 44 00 03", firstName: "Mariam" });
  const { user: employer, org } = await insertEmployer(db, "verified", "Hôtel du Fleuve");
  saveProfile(
    db,
    complete.id,
    {
      firstName: "Issa",
      lastName: "Maïga",
      sex: null,
      birthDate: "2000-03-03",
      region: "gao",
      commune: "Gao",
      educationLevel: "def",
      trades: ["cuisinier"],
      skills: null,
      languages: ["son"],
      experienceYears: 1,
      availability: "later",
      drivingLicence: false,
      disability: null,
      migrantStatus: null,
      smsConsent: false,
    },
    { consent: false },
  );
  // Rokia's news, from the real pipeline: shortlisted then an interview on one offer, rejected on another.
  const cook = insertOffer(db, { orgId: org.id, title: "Cuisinière" }).id;
  const waiter = insertOffer(db, { orgId: org.id, title: "Serveuse" }).id;
  const first = applyToOffer(db, { candidateId: rokia.id, offerId: cook });
  const second = applyToOffer(db, { candidateId: rokia.id, offerId: waiter });
  if (!first.ok || !second.ok) throw new Error("apply failed");
  moveApplication(db, { employerId: employer.id, applicationId: first.applicationId, to: "shortlisted" });
  moveApplication(db, {
    employerId: employer.id,
    applicationId: second.applicationId,
    to: "rejected",
    refusalReason: "profile_mismatch",
  });
  notifyUsers(db, [other.id], { kind: "application.hired", payload: { offerTitle: "Secret" } });
  ids.rokia = rokia.id;
  ids.other = other.id;
  ids.othersNotification = db.select().from(notifications).where(eq(notifications.userId, other.id)).get()!.id;
  cookies.rokia = await sessionCookieFor(db, rokia.id);
  cookies.complete = await sessionCookieFor(db, complete.id);
  cookies.employer = await sessionCookieFor(
    db,
    (await insertUser(db, { role: "employeur", email: "e@accueil.ml" })).id,
  );
  void employer;
});

async function renderHome(cookie = cookies.rokia, lng: Locale = "fr") {
  const home = { path: "/candidat", Component: CandidateHome, loader: as(cookie, loader), action: as(cookie, action) };
  return renderRoutes([home], "/candidat", { lng });
}

const post = (fields: Record<string, string>, cookie = cookies.rokia) =>
  settled(callRoute(action, "/candidat", { cookie, body: fields }));

describe("/candidat", () => {
  it("lists the news of the candidate's applications in plain French, linking to them", async () => {
    await renderHome();
    const list = screen.getByRole("heading", { name: /^Notifications/ }).closest("section")!;
    const texts = within(list)
      .getAllByRole("listitem")
      .map((li) => li.querySelector("p")!.textContent);
    expect(texts).toEqual([
      "NouveauVotre candidature à « Serveuse » n'a pas été retenue. D'autres offres vous attendent.",
      "NouveauBonne nouvelle : votre candidature à « Cuisinière » est présélectionnée.",
    ]);
    expect(within(list).getByText("(2 nouvelles)")).toBeTruthy();
    for (const link of within(list).getAllByRole("link", { name: "Voir" }))
      expect(link.getAttribute("href")).toBe("/candidat/candidatures");
    expect(screen.queryByText(/Secret/)).toBeNull();
  });

  it("marks one notification read, then all; never another user's", async () => {
    const user = await renderHome();
    const list = screen.getByRole("heading", { name: /^Notifications/ }).closest("section")!;
    await user.click(within(list).getAllByRole("button", { name: "Marquer comme lu" })[0]!);
    expect(await screen.findByText("(1 nouvelle)")).toBeTruthy();
    expect(unreadNotifications(ids.rokia)).toBe(1);

    expect(statusOf(await post({ intent: "markRead", notificationId: String(ids.othersNotification) }))).toBe(302);
    expect(unreadNotifications(ids.other)).toBe(1);

    await user.click(screen.getByRole("button", { name: "Tout marquer comme lu" }));
    await waitFor(() => expect(screen.queryByText(/nouvelles?\)/)).toBeNull());
    expect(unreadNotifications(ids.rokia)).toBe(0);
    expect(unreadNotifications(ids.other)).toBe(1);
  });

  it.each([
    [{ intent: "markRead", notificationId: "abc" }],
    [{ intent: "markRead", notificationId: "1 OR 1=1" }],
    [{ intent: "delete" }],
  ])("answers 400 to %j", async (fields) => {
    expect(statusOf(await post(fields))).toBe(400);
  });

  it("answers 403 to an employer", async () => {
    expect(statusOf(await post({ intent: "markRead" }, cookies.employer))).toBe(403);
  });

  it("shows the completeness bar with what is missing, linking to the profile's fields", async () => {
    await renderHome();
    expect(screen.getByRole("progressbar", { name: "Profil complet à 0 %" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "vos métiers" }).getAttribute("href")).toBe(
      "/candidat/profil#field-trades",
    );
  });

  it("hides the bar once the profile is complete, and links to every part of the space", async () => {
    await renderHome(cookies.complete);
    expect(screen.queryByRole("progressbar")).toBeNull();
    const nav = screen.getByRole("navigation", { name: "Mon espace candidat" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((a) => a.getAttribute("href")),
    ).toEqual([
      "/offres",
      "/candidat/profil",
      "/candidat/candidatures",
      "/candidat/alertes",
      "/candidat/favoris",
      "/candidat/compte",
    ]);
  });

  it("writes the notifications in English for an English reader", async () => {
    const db = getDb();
    notifyUsers(db, [ids.rokia], {
      kind: "application.interview",
      payload: { offerTitle: "Cuisinière", interviewAt: "2026-03-10T09:30", interviewPlace: "Gao" },
    });
    await renderHome(cookies.rokia, "en");
    expect(screen.getByText('Interview for "Cuisinière": 10 Mar 2026, 09:30, Gao.')).toBeTruthy();
    expect(screen.getByText('Good news: your application to "Cuisinière" is shortlisted.')).toBeTruthy();
  });
});

describe("notifications.json has a text for every kind a candidate receives", () => {
  const kinds = [
    "application.shortlisted",
    "application.interview",
    "application.offered",
    "application.hired",
    "application.rejected",
    "application.positionFilled",
    "application.status_changed",
    "alerts.digest",
  ];
  it.each(["fr", "en"] as const)("%s", async (lng) => {
    const i18n = await createTestI18n(lng);
    for (const kind of kinds) {
      const text = i18n.t(kind, {
        ns: "notifications",
        offerTitle: "X",
        status: "Y",
        interviewAt: "Z",
        interviewPlace: "W",
        count: 2,
        titles: "T",
      });
      expect(text, kind).not.toBe(kind);
      expect(text, kind).not.toMatch(/\{\{/);
    }
  });
});
