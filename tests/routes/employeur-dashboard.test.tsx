// @vitest-environment jsdom
// The employer's dashboard: moderation outcomes as notifications, "mark as read",
// and links to the employer's own offer pages. Bad input tried: another user's
// notification id, ids that are not numbers, an unknown intent.
import { screen, waitFor, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifyUsers } from "../../app/models/notifications.server";
import EmployerHome, { action, loader } from "../../app/routes/employeur._index";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { notifications } from "../../db/schema";
import { insertEmployer, insertOffer, sessionCookieFor } from "../helpers/factories";
import { unreadNotifications } from "../helpers/notifications";
import { as, callRoute, renderRoutes } from "../helpers/route";

let cookie = "";
const ids = { employer: 0, other: 0, offer: 0, othersNotification: 0 };

beforeAll(async () => {
  const db = getDb();
  const { user, org } = await insertEmployer(db, "rejected", "Boulangerie du Fleuve");
  const other = await insertEmployer(db, "verified", "Autre");
  ids.employer = user.id;
  ids.other = other.user.id;
  ids.offer = insertOffer(db, { orgId: org.id, title: "Pâtissier", status: "draft" }).id;
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 10, 9, minutes));
  const notify = (kind: string, payload: Record<string, unknown>, minutes: number) => {
    notifyUsers(db, [user.id], { kind, payload, link: "/employeur/organisation" });
    const last = db.select().from(notifications).orderBy(notifications.id).all().at(-1)!;
    db.update(notifications)
      .set({ createdAt: at(minutes) })
      .where(eq(notifications.id, last.id))
      .run();
  };
  notify("moderation.offer.published", { offerTitle: "Boulanger" }, 1);
  notify("moderation.organisation.rejected", { orgName: "Boulangerie du Fleuve", reason: "RCCM introuvable." }, 2);
  notify("something.new", {}, 3);
  notifyUsers(db, [other.user.id], {
    kind: "moderation.offer.rejected",
    payload: { offerTitle: "Secret", reason: "x" },
  });
  ids.othersNotification = db.select().from(notifications).where(eq(notifications.userId, other.user.id)).get()!.id;
  cookie = await sessionCookieFor(db, user.id);
});

async function renderHome(lng: Locale = "fr") {
  const home = { path: "/employeur", Component: EmployerHome, loader: as(cookie, loader), action: as(cookie, action) };
  return renderRoutes([home], "/employeur", { lng, heading: false });
}

const post = (fields: Record<string, string>) => callRoute(action, "/employeur", { cookie, body: fields });

describe("/employeur notifications", () => {
  it("shows the moderation outcomes in French, newest first, with the reason", async () => {
    await renderHome();
    const list = (await screen.findByRole("heading", { name: /^Notifications/ })).closest("section")!;
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.querySelector("p")!.textContent)).toEqual([
      "NouveauVous avez une nouvelle notification.",
      "NouveauLa vérification de Boulangerie du Fleuve a été refusée. Corrigez les informations de l'entreprise.",
      "NouveauVotre offre « Boulanger » est publiée.",
    ]);
    expect(within(items[1]!).getByText("Motif : RCCM introuvable.")).toBeTruthy();
    expect(within(list).getByText("(3 nouvelles)")).toBeTruthy();
    expect(screen.queryByText(/Secret/)).toBeNull();
  });

  it("writes them in English for an English reader", async () => {
    await renderHome("en");
    expect(await screen.findByText('Your offer "Boulanger" is published.')).toBeTruthy();
    expect(screen.getByText("Reason: RCCM introuvable.")).toBeTruthy();
  });

  it("links each offer to its page in the employer space", async () => {
    await renderHome();
    expect((await screen.findByRole("link", { name: "Pâtissier" })).getAttribute("href")).toBe(
      `/employeur/offres/${ids.offer}`,
    );
    expect(screen.getByRole("link", { name: "Publier une offre" }).getAttribute("href")).toBe(
      "/employeur/offres/nouvelle",
    );
  });

  it("marks one notification read, then all; never another user's", async () => {
    const user = await renderHome();
    const list = (await screen.findByRole("heading", { name: /^Notifications/ })).closest("section")!;
    await user.click(within(list).getAllByRole("button", { name: "Marquer comme lu" })[0]!);
    expect(await screen.findByText("(2 nouvelles)")).toBeTruthy();
    expect(unreadNotifications(ids.employer)).toBe(2);

    // Another user's notification id is ignored.
    await post({ intent: "markRead", notificationId: String(ids.othersNotification) });
    expect(unreadNotifications(ids.other)).toBe(1);

    await user.click(screen.getByRole("button", { name: "Tout marquer comme lu" }));
    await waitFor(() => expect(screen.queryByText(/nouvelles?\)/)).toBeNull());
    expect(unreadNotifications(ids.employer)).toBe(0);
    expect(unreadNotifications(ids.other)).toBe(1);
    expect(screen.queryByRole("button", { name: "Tout marquer comme lu" })).toBeNull();
  });

  it.each([
    [{ intent: "markRead", notificationId: "abc" }],
    [{ intent: "markRead", notificationId: "1 OR 1=1" }],
    [{ intent: "delete" }],
  ])("answers 400 to %j", async (fields) => {
    const error = await post(fields).catch((e: unknown) => e);
    expect((error as { init: ResponseInit }).init.status).toBe(400);
  });
});
