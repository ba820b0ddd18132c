// @vitest-environment jsdom
// A person's number, where those allowed to call it see it: a call link
// (tel:+223…) and a WhatsApp link on the employer's applicant page, the
// counsellor's candidate list and file, and the follow-up cards. Refusals kept:
// another employer gets no applicant's number, a candidate or employer no placements page.
import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { applyToOffer } from "../../app/models/applications.server";
import Candidates, { loader as listLoader } from "../../app/routes/conseiller.candidats._index";
import CandidateFilePage, { loader as fileLoader } from "../../app/routes/conseiller.candidats.$userId";
import Placements, { loader as placementsLoader } from "../../app/routes/conseiller.placements";
import { loader as applicantsLoader } from "../../app/routes/employeur.offres.$offerId.candidatures";
import ApplicationPage, {
  loader as applicationLoader,
} from "../../app/routes/employeur.offres.$offerId.candidatures.$applicationId";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { insertEmployer, insertOffer, registerCandidate, sessionCookieFor } from "../helpers/factories";
import { insertStaff } from "../helpers/factories/staff";
import { insertPlacementFor } from "../helpers/placements";
import { as, callRoute, renderRoutes, statusOf, thrownBy } from "../helpers/route";

const cookies = { employer: "", rival: "", counsellor: "", candidate: "" };
const ids = { candidate: 0, offer: 0, application: 0 };
const NUMBER = "+223 76 30 37 19";
const DIGITS = /76303719/;

beforeAll(async () => {
  const db = getDb();
  const mine = await insertEmployer(db, "verified", "Atelier Bagayoko");
  const rival = await insertEmployer(db, "verified", "Atelier Voisin");
  cookies.employer = await sessionCookieFor(db, mine.user.id);
  cookies.rival = await sessionCookieFor(db, rival.user.id);
  cookies.counsellor = await sessionCookieFor(db, insertStaff(db).id);
  const candidate = await registerCandidate(db, { firstName: "Oumou", lastName: "Sangaré", phone: "76 30 37 19" });
  ids.candidate = candidate.id;
  cookies.candidate = await sessionCookieFor(db, candidate.id);
  ids.offer = insertOffer(db, { orgId: mine.org.id, title: "Soudeuse" }).id;
  const applied = applyToOffer(db, { candidateId: candidate.id, offerId: ids.offer, cvFileId: null });
  if (!applied.ok) throw new Error(applied.reason);
  ids.application = applied.applicationId;
  // Started two months ago: the 1-month follow-up is overdue.
  insertPlacementFor(db, { candidateId: candidate.id, orgId: mine.org.id, startDate: addDays(isoToday(), -60) });
});

/** The call link and the WhatsApp link of the number, inside `where`. */
function expectPhoneLinks(where: HTMLElement) {
  expect(within(where).getByRole("link", { name: NUMBER }).getAttribute("href")).toBe("tel:+22376303719");
  expect(
    within(where)
      .getByRole("link", { name: `WhatsApp ${NUMBER}` })
      .getAttribute("href"),
  ).toBe("https://wa.me/22376303719");
}

describe("the employer's applicant page", () => {
  const url = () => `/employeur/offres/${ids.offer}/candidatures/${ids.application}`;
  const params = () => ({ offerId: String(ids.offer), applicationId: String(ids.application) });

  it("shows the applicant's number as a call link and a WhatsApp link", async () => {
    await renderRoutes(
      [
        {
          path: "/employeur/offres/:offerId/candidatures/:applicationId",
          Component: ApplicationPage,
          loader: as(cookies.employer, applicationLoader),
        },
      ],
      url(),
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Oumou Sangaré" })).toBeTruthy();
    expectPhoneLinks(screen.getByText("Téléphone").closest("div")!);
  });

  it("another employer gets 404 on the application and no number anywhere", async () => {
    const refused = await thrownBy(callRoute(applicationLoader, url(), { cookie: cookies.rival, params: params() }));
    expect(statusOf(refused)).toBe(404);
    expect(JSON.stringify(refused)).not.toMatch(DIGITS);
    const list = await thrownBy(
      callRoute(applicantsLoader, `/employeur/offres/${ids.offer}/candidatures`, {
        cookie: cookies.rival,
        params: { offerId: String(ids.offer) },
      }),
    );
    expect(statusOf(list)).toBe(404);
  });

  it("the employer's own list of applications leaves the number out", async () => {
    const list = await callRoute(applicantsLoader, `/employeur/offres/${ids.offer}/candidatures`, {
      cookie: cookies.employer,
      params: { offerId: String(ids.offer) },
    });
    expect(JSON.stringify(list)).toContain("Oumou");
    expect(JSON.stringify(list)).not.toMatch(DIGITS);
  });
});

describe("the counsellor's pages", () => {
  it("the candidate's file shows the number as links", async () => {
    await renderRoutes(
      [
        {
          path: "/conseiller/candidats/:userId",
          Component: CandidateFilePage,
          loader: as(cookies.counsellor, fileLoader, { clientIp: "41.73.9.9" }),
        },
      ],
      `/conseiller/candidats/${ids.candidate}`,
    );
    expect(await screen.findByRole("heading", { level: 1, name: /Oumou Sangaré/ })).toBeTruthy();
    expectPhoneLinks(document.body);
  });

  it("the list of candidates shows the number as links", async () => {
    await renderRoutes(
      [{ path: "/conseiller/candidats", Component: Candidates, loader: as(cookies.counsellor, listLoader) }],
      "/conseiller/candidats?q=Sangar%C3%A9",
    );
    const name = await screen.findByRole("link", { name: "Oumou Sangaré" });
    expectPhoneLinks(name.closest("li")!);
  });

  it("the overdue follow-up's card shows the candidate's number as links", async () => {
    await renderRoutes(
      [{ path: "/conseiller/placements", Component: Placements, loader: as(cookies.counsellor, placementsLoader) }],
      "/conseiller/placements",
      { context: { clientIp: "41.73.9.9" } },
    );
    expectPhoneLinks(await screen.findByRole("article", { name: /Oumou Sangaré/ }));
  });

  it.each(["employer", "candidate"] as const)("a %s gets 403 on the placements and candidates pages", async (who) => {
    for (const [loader, url] of [
      [placementsLoader, "/conseiller/placements"],
      [listLoader, "/conseiller/candidats"],
    ] as const)
      expect(statusOf(await thrownBy(callRoute(loader, url, { cookie: cookies[who] }))), url).toBe(403);
  });
});
