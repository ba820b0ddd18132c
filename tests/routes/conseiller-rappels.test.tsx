// @vitest-environment jsdom
// /conseiller/rappels: the call-back requests asked from the USSD menu, taken and marked done by counsellors;
// the dashboard's figure. Bad input tried: an empty form, an unknown intent, ids that are letters, <script>,
// an SQL fragment, 10 000 digits, an id that names nothing, a request another counsellor took.
import { screen, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requestCallback, takeCallback } from "../../app/models/callback-requests.server";
import CounsellorHome, { loader as homeLoader } from "../../app/routes/conseiller._index";
import Callbacks, { action, loader } from "../../app/routes/conseiller.rappels";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { callbackRequests } from "../../db/schema";
import { insertCandidate, registerEmployer, sessionCookieFor } from "../helpers/factories";
import { insertStaff } from "../helpers/factories/staff";
import { as, callRoute, renderRoutes, statusOf, thrownStatus } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "", other: "", admin: "" };
let counsellorId = 0;
let otherId = 0;
const HOUR = 3_600_000;

beforeAll(async () => {
  const db = getDb();
  const candidate = insertCandidate(db, { phone: "+22370112233" });
  const employer = await registerEmployer(db, { email: "patron@rappels.ml" });
  counsellorId = insertStaff(db, { name: "Kadia Konaté" }).id;
  otherId = insertStaff(db, { name: "Ibrahim Diallo" }).id;
  const admin = insertStaff(db, { role: "admin" }).id;
  cookies.candidat = await sessionCookieFor(db, candidate.id);
  cookies.employeur = await sessionCookieFor(db, employer.id);
  cookies.conseiller = await sessionCookieFor(db, counsellorId);
  cookies.other = await sessionCookieFor(db, otherId);
  cookies.admin = await sessionCookieFor(db, admin);
});

beforeEach(() => {
  getDb().delete(callbackRequests).run();
});

const ask = (phone: string, hoursAgo: number, userId: number | null = null, locale: Locale | "bm" = "bm") =>
  requestCallback(getDb(), { phone, userId, locale, now: Date.now() - hoursAgo * HOUR }).id;

const post = (fields: Record<string, string>, cookie = cookies.conseiller) =>
  callRoute(action, "/conseiller/rappels", { cookie, body: new URLSearchParams(fields) });

async function renderPage(url = "/conseiller/rappels", cookie = cookies.conseiller, lng: Locale = "fr") {
  const page = {
    path: "/conseiller/rappels",
    Component: Callbacks,
    loader: as(cookie, loader),
    action: as(cookie, action),
  };
  return renderRoutes([page], url, { lng });
}

const row = (id: number) => document.getElementById(`rappel-${id}`) as HTMLElement;

describe("who may use /conseiller/rappels", () => {
  it.each(["candidat", "employeur"] as const)("a %s gets 403 from the loader and the action", async (role) => {
    const id = ask("+22376000001", 1);
    expect(await thrownStatus(callRoute(loader, "/conseiller/rappels", { cookie: cookies[role] }))).toBe(403);
    expect(await thrownStatus(post({ intent: "take", callbackId: String(id) }, cookies[role]))).toBe(403);
    expect(getDb().select().from(callbackRequests).where(eq(callbackRequests.id, id)).get()!.takenBy).toBeNull();
  });

  it("sends a visitor to the login page", async () => {
    expect(await thrownStatus(callRoute(loader, "/conseiller/rappels"))).toBe(302);
  });
});

describe("the list", () => {
  it("shows open requests oldest first: waiting time, a number to call, the person's file, the language", async () => {
    const candidate = insertCandidate(getDb(), { phone: "+22366554433", firstName: "Fanta", lastName: "Coulibaly" });
    const recent = ask("+22376000002", 0.5, null, "fr");
    const oldest = ask("+22366554433", 2, candidate.id);
    await renderPage();
    const items = screen.getAllByRole("listitem").filter((li) => li.id.startsWith("rappel-"));
    expect(items.map((li) => li.id)).toEqual([`rappel-${oldest}`, `rappel-${recent}`]);
    expect(within(row(oldest)).getByRole("heading", { level: 3 }).textContent).toBe("Demandée il y a 2 h");
    expect(within(row(recent)).getByRole("heading", { level: 3 }).textContent).toBe("Demandée il y a 30 minutes");
    expect(within(row(oldest)).getByRole("link", { name: "+223 66 55 44 33" }).getAttribute("href")).toBe(
      "tel:+22366554433",
    );
    const name = within(row(oldest)).getByRole("link", { name: /Fanta Coulibaly/ });
    expect(name.getAttribute("href")).toBe(`/conseiller/candidats/${candidate.id}`);
    expect(within(row(oldest)).getByText("Bamanankan")).toBeTruthy();
    expect(within(row(recent)).getByText("Pas de compte à ce numéro")).toBeTruthy();
    expect(within(row(recent)).getByText("Français")).toBeTruthy();
    expect(screen.getByRole("link", { name: "À rappeler (2)" }).getAttribute("aria-current")).toBe("page");
  });

  it("takes a request, then marks it done, with plain forms, and it moves to the done tab", async () => {
    const id = ask("+22376000003", 1);
    const user = await renderPage();
    await user.click(within(row(id)).getByRole("button", { name: "Je le prends" }));
    expect((await screen.findByRole("status")).textContent).toContain("Demande prise");
    expect(within(row(id)).getByText("Prise par vous")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Mes demandes (1)" })).toBeTruthy();
    await user.click(within(row(id)).getByRole("button", { name: "Fait" }));
    expect(await screen.findByText("Aucune demande de rappel en attente.")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("Rappel marqué comme fait");
    await user.click(screen.getByRole("link", { name: "Faites" }));
    await screen.findByRole("link", { name: "Faites", current: "page" });
    expect(within(row(id)).getByText("Prise par Kadia Konaté")).toBeTruthy();
    expect(within(row(id)).getByRole("heading", { level: 3 }).textContent).toMatch(/^Rappel fait le /);
  });

  it("refuses a request another counsellor took, naming them (409), and shows who holds it", async () => {
    const id = ask("+22376000004", 1);
    takeCallback(getDb(), id, otherId);
    const result = await post({ intent: "take", callbackId: String(id) });
    expect(statusOf(result)).toBe(409);
    expect(await post({ intent: "complete", callbackId: String(id) }).then(statusOf)).toBe(403);
    await renderPage();
    expect(within(row(id)).getByText("Prise par Ibrahim Diallo")).toBeTruthy();
    expect(within(row(id)).queryByRole("button")).toBeNull();
  });

  it("lets an admin mark another counsellor's request done", async () => {
    const id = ask("+22376000005", 1);
    takeCallback(getDb(), id, otherId);
    const result = await post({ intent: "complete", callbackId: String(id) }, cookies.admin);
    expect((result as Response).status).toBe(302);
    expect(getDb().select().from(callbackRequests).where(eq(callbackRequests.id, id)).get()!.doneAt).not.toBeNull();
  });

  it.each([
    ["an empty form", {}, 400],
    ["no id", { intent: "take" }, 400],
    ["an unknown intent", { intent: "steal", callbackId: "1" }, 400],
    ["letters", { intent: "take", callbackId: "abc" }, 400],
    ["<script>", { intent: "take", callbackId: "<script>alert(1)</script>" }, 400],
    ["an SQL fragment", { intent: "take", callbackId: "1 OR 1=1; DROP TABLE callback_requests" }, 400],
    ["10 000 digits", { intent: "take", callbackId: "9".repeat(10_000) }, 400],
    ["an id that names nothing", { intent: "take", callbackId: "987654" }, 404],
  ])("answers %s with %i and a message, never a 500", async (_, fields, status) => {
    const result = (await post(fields as Record<string, string>)) as { data: { error: unknown } };
    expect(statusOf(result)).toBe(status);
    expect(result.data.error).toBeTruthy();
  });

  it("shows the refusal in the counsellor's language on the page", async () => {
    const id = ask("+22376000006", 1);
    const user = await renderPage("/conseiller/rappels", cookies.conseiller, "en");
    takeCallback(getDb(), id, otherId);
    await user.click(within(row(id)).getByRole("button", { name: "I'll take it" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Ibrahim Diallo has already taken this request.");
  });

  it("holds 500 requests: 25 a page, with page links", async () => {
    const db = getDb();
    const now = Date.now();
    db.insert(callbackRequests)
      .values(
        Array.from({ length: 500 }, (_, i) => ({
          phone: `+2237${String(i).padStart(7, "0")}`,
          locale: "fr" as const,
          createdAt: new Date(now - (500 - i) * 60_000),
        })),
      )
      .run();
    await renderPage("/conseiller/rappels?page=20");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("500 demandes");
    expect(screen.getAllByRole("button", { name: "Je le prends" })).toHaveLength(25);
    expect(screen.getByRole("link", { name: /Page précédente/ }).getAttribute("href")).toBe(
      "/conseiller/rappels?vue=ouvertes&page=19",
    );
  });
});

describe("the counsellor dashboard", () => {
  it("counts the requests waiting and says how long the oldest has waited, linking to the list", async () => {
    ask("+22376000007", 3);
    ask("+22376000008", 1);
    const page = {
      path: "/conseiller",
      Component: CounsellorHome,
      loader: as(cookies.conseiller, homeLoader),
    };
    await renderRoutes([page], "/conseiller");
    const section = screen.getByRole("heading", { name: "Rappels" }).closest("section") as HTMLElement;
    expect(within(section).getByText("Demandes de rappel en attente")).toBeTruthy();
    expect(within(section).getByRole("link", { name: /2/ }).getAttribute("href")).toBe("/conseiller/rappels");
    expect(within(section).getByText("La plus ancienne attend depuis 3 h.")).toBeTruthy();
  });
});
