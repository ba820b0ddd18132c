// @vitest-environment jsdom
// The language of a person's SMS and e-mails is chosen on their account page;
// `?lng=` in a link only changes the pages' language for that browser.
// Bad input tried: "de", `<script>`, an empty or missing choice, the field
// sent twice, 10 000 characters.
import { screen, waitFor } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as rootLoader } from "../../app/root";
import CandidateAccount, {
  action as candidateAction,
  loader as candidateLoader,
} from "../../app/routes/candidat.compte";
import Account, { action as accountAction, loader as accountLoader } from "../../app/routes/compte";
import { getDb } from "../../app/utils/db.server";
import { users } from "../../db/schema";
import { registerCandidate, registerEmployer, requestWithCookie, sessionCookieFor } from "../helpers/factories";
import { as, callRoute, followRedirect, type Handler, renderRoutes, settled, statusOf } from "../helpers/route";

const people = { employer: { id: 0, cookie: "" }, candidate: { id: 0, cookie: "" } };
beforeAll(async () => {
  const db = getDb();
  const employer = await registerEmployer(db, { email: "langue@atelier.ml" });
  const candidate = await registerCandidate(db, { phone: "70 77 66 01" });
  people.employer = { id: employer.id, cookie: await sessionCookieFor(db, employer.id) };
  people.candidate = { id: candidate.id, cookie: await sessionCookieFor(db, candidate.id) };
});

const storedLocale = (id: number) =>
  getDb().select({ locale: users.locale }).from(users).where(eq(users.id, id)).get()!.locale;
const setStoredLocale = (id: number, locale: "fr" | "en") =>
  getDb().update(users).set({ locale }).where(eq(users.id, id)).run();

const post = (handler: Handler, url: string, cookie: string, fields: Record<string, string | string[]>) =>
  settled(callRoute(handler, url, { cookie, body: fields }));

const PAGES = [
  {
    name: "/compte",
    path: "/compte",
    who: "employer",
    Component: Account,
    loader: accountLoader,
    action: accountAction,
  },
  {
    name: "/candidat/compte",
    path: "/candidat/compte",
    who: "candidate",
    Component: CandidateAccount,
    loader: candidateLoader,
    action: candidateAction,
  },
] as const;

async function renderPage(page: (typeof PAGES)[number], cookie: string) {
  const route = {
    path: page.path,
    Component: page.Component,
    loader: as(cookie, page.loader),
    action: as(cookie, page.action),
  };
  return renderRoutes([route], page.path);
}

describe("?lng= in a link", () => {
  it("changes the pages' language for a logged-in person but not the language stored for their messages", async () => {
    setStoredLocale(people.candidate.id, "fr");
    const request = requestWithCookie("http://localhost/?lng=en", people.candidate.cookie);
    const result = (await rootLoader({ request, params: {}, context: {} } as never)) as { data: { locale: string } };
    expect(result.data.locale).toBe("en");
    expect(storedLocale(people.candidate.id)).toBe("fr");
  });
});

describe.each(PAGES)("$name: the language of my SMS and e-mails", (page) => {
  const person = () => people[page.who];

  it("saves the choice with a plain form and says so", async () => {
    setStoredLocale(person().id, "fr");
    const user = await renderPage(page, person().cookie);
    const select = screen.getByLabelText("Langue de mes SMS et e-mails") as HTMLSelectElement;
    expect(select.value).toBe("fr");
    expect(select.closest("form")?.getAttribute("method")).toBe("post");
    await user.selectOptions(select, "English");
    await user.click(screen.getByRole("button", { name: "Enregistrer la langue" }));
    expect((await screen.findByRole("status")).textContent).toBe(
      "Langue enregistrée : Baara vous écrira dans cette langue.",
    );
    expect(storedLocale(person().id)).toBe("en");
    expect((screen.getByLabelText("Langue de mes SMS et e-mails") as HTMLSelectElement).value).toBe("en");
  });

  it("redirects to the page with a confirmation (no JavaScript needed)", async () => {
    setStoredLocale(person().id, "en");
    const result = (await post(page.action, page.path, person().cookie, {
      intent: "language",
      locale: "fr",
    })) as Response;
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(page.path);
    expect(await followRedirect(result, page.loader, { cookie: person().cookie })).toMatchObject({
      flash: { message: "candidate:account.language.saved" },
    });
    expect(storedLocale(person().id)).toBe("fr");
  });

  it.each<[string, Record<string, string | string[]>]>([
    ["another language", { locale: "de" }],
    ["markup", { locale: "<script>alert(1)</script>" }],
    ["an empty choice", { locale: "" }],
    ["no choice", {}],
    ["the field twice", { locale: ["fr", "en"] }],
    ["10 000 characters", { locale: "e".repeat(10_000) }],
  ])("refuses %s with 400 and a message, and changes nothing", async (_label, fields) => {
    setStoredLocale(person().id, "fr");
    const result = (await post(page.action, page.path, person().cookie, { intent: "language", ...fields })) as {
      data: { fieldErrors: Record<string, string> };
    };
    expect(statusOf(result)).toBe(400);
    expect(result.data.fieldErrors).toEqual({ locale: "candidate:errors.localeInvalid" });
    expect(storedLocale(person().id)).toBe("fr");
  });

  it("shows the message on the form when a crafted value is sent", async () => {
    setStoredLocale(person().id, "fr");
    const user = await renderPage(page, person().cookie);
    const select = screen.getByLabelText("Langue de mes SMS et e-mails") as HTMLSelectElement;
    select.querySelector('option[value="en"]')!.setAttribute("value", "de");
    await user.selectOptions(select, "English");
    await user.click(screen.getByRole("button", { name: "Enregistrer la langue" }));
    await waitFor(() => expect(screen.getAllByText("Choisissez une des langues proposées.").length).toBeGreaterThan(0));
    expect(storedLocale(person().id)).toBe("fr");
  });
});
