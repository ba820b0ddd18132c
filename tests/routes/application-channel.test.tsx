// @vitest-environment jsdom
// Applications sent from a phone without internet, as counsellors see them: "par USSD" / "par SMS" on the candidate's
// file, and a channel table on the reports page that counts them; whether the person has a PIN.
import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { setPin } from "../../app/models/pin.server";
import CandidateFile, { loader as fileLoader } from "../../app/routes/conseiller.candidats.$userId";
import Reports, { loader as reportsLoader } from "../../app/routes/conseiller.rapports._index";
import { isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Channel } from "../../db/schema";
import { insertApplicationWith, sessionCookieFor } from "../helpers/factories";
import { insertStaff } from "../helpers/factories/staff";
import { insertCountedOrganisation, insertPublishedOffer, insertRegisteredCandidate } from "../helpers/placements";
import { as, renderRoutes } from "../helpers/route";

const thisMonth = isoToday().slice(0, 7);
let cookie = "";
let mariam = 0;

beforeAll(async () => {
  const db = getDb();
  cookie = await sessionCookieFor(db, insertStaff(db, { name: "Kadia Konaté" }).id);
  const orgId = insertCountedOrganisation(db, { name: "Garage Sanogo" });
  const offerId = insertPublishedOffer(db, { orgId, publishedOn: `${thisMonth}-01` });
  const apply = (channel: Channel, n: number) => {
    for (let i = 0; i < n; i++) {
      const candidateId = insertRegisteredCandidate(db, { registeredOn: `${thisMonth}-01` });
      insertApplicationWith(db, { offerId, candidateId, channel, createdAt: new Date(`${thisMonth}-01T10:00:00Z`) });
    }
  };
  apply("self", 6);
  apply("ussd", 7);
  apply("sms", 5);
  apply("counsellor", 5);
  apply("phone", 5);
  mariam = insertRegisteredCandidate(db, { firstName: "Mariam", lastName: "Diarra", registeredOn: `${thisMonth}-01` });
  insertApplicationWith(db, { offerId, candidateId: mariam, channel: "ussd" });
});

describe("the channel of an application, for counsellors", () => {
  it("shows 'par USSD' in the candidate's file", async () => {
    const page = { path: "/conseiller/candidats/:userId", Component: CandidateFile, loader: as(cookie, fileLoader) };
    await renderRoutes([page], `/conseiller/candidats/${mariam}`);
    const applications = screen.getByRole("heading", { name: "Candidatures" }).closest("section") as HTMLElement;
    expect(within(applications).getByText(/par USSD/)).toBeTruthy();
  });

  it("says in the file whether the person has a PIN, never the PIN", async () => {
    await setPin(getDb(), mariam, "4826", { actorId: mariam });
    const page = { path: "/conseiller/candidats/:userId", Component: CandidateFile, loader: as(cookie, fileLoader) };
    await renderRoutes([page], `/conseiller/candidats/${mariam}`);
    const account = screen.getByRole("heading", { name: "Contact et compte" }).closest("section") as HTMLElement;
    const pin = within(account).getByText("Code PIN (menu USSD, SMS)");
    expect(pin.nextElementSibling?.textContent).toBe("Choisi par la personne");
    expect(document.body.textContent).not.toContain("4826");
  });

  it("counts USSD and SMS applications on the reports page", async () => {
    const page = { path: "/conseiller/rapports", Component: Reports, loader: as(cookie, reportsLoader) };
    await renderRoutes([page], "/conseiller/rapports");
    const table = screen.getByRole("table", { name: "Indicateurs par canal de candidature" });
    const row = (name: string) => within(table).getByRole("rowheader", { name }).closest("tr") as HTMLElement;
    expect(within(row("USSD")).getByText("8")).toBeTruthy();
    expect(within(row("SMS")).getByText("5")).toBeTruthy();
    expect(within(row("En ligne, par la personne")).getByText("6")).toBeTruthy();
  });
});
