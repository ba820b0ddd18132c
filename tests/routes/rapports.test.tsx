// @vitest-environment jsdom
// /conseiller/rapports and its two CSV downloads: who may open them, what the page
// shows (figures, "< 5", tables, SVG charts, links), and the files' headers.
// Bad input tried: a period given backwards, months that do not exist, an unknown
// region and partner, `<script>` and an SQL fragment in the query string.
import { screen, waitFor, within } from "@testing-library/react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import Reports, { loader } from "../../app/routes/conseiller.rapports._index";
import { loader as indicatorsCsvLoader } from "../../app/routes/conseiller.rapports.indicateurs-csv";
import { loader as placementsCsvLoader } from "../../app/routes/conseiller.rapports.placements-csv";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import { auditLog } from "../../db/schema";
import { registerCandidate, registerEmployer, sessionCookieFor } from "../helpers/factories";
import { insertOffer } from "../helpers/factories/offers";
import { insertConvention, insertPartnership, insertProgramme, programmeText } from "../helpers/factories/partnerships";
import { insertStaff } from "../helpers/factories/staff";
import { insertCountedOrganisation, insertPlacementFor, insertRegisteredCandidate } from "../helpers/placements";
import { as, callRoute, renderRoutes, thrownBy } from "../helpers/route";

const cookies = { candidat: "", employeur: "", conseiller: "", admin: "" };
let counsellor = 0;
let conventionReference = "";
const today = isoToday();
const thisMonth = today.slice(0, 7);

beforeAll(async () => {
  const db = getDb();
  cookies.candidat = await sessionCookieFor(db, (await registerCandidate(db, { phone: "70 44 55 66" })).id);
  cookies.employeur = await sessionCookieFor(db, (await registerEmployer(db, { email: "patron@rapports.ml" })).id);
  const oim = insertCountedOrganisation(db, { kind: "partner", name: "OIM Mali" });
  counsellor = insertStaff(db, { orgId: oim }).id;
  cookies.conseiller = await sessionCookieFor(db, counsellor);
  cookies.admin = await sessionCookieFor(db, insertStaff(db, { role: "admin" }).id);
  // Seven women from Ségou registered this month, six of them placed, followed by an OIM counsellor; one man from Kayes.
  const garage = insertCountedOrganisation(db, { name: "Garage Sanogo", sector: "mecanique" });
  // Two of the six were hired on an offer of the garage's convention, in a programme that has no other.
  const programmeId = insertProgramme(db, {
    texts: { fr: programmeText("Petit programme"), en: programmeText("Small programme") },
  }).id;
  const partnership = insertPartnership(db, { orgId: garage, programmeId, status: "active" });
  const { convention } = insertConvention(db, partnership, {
    startDate: `${thisMonth}-01`,
    endDate: "2030-12-31",
    commitments: [{ offerType: "emploi", quantity: 3 }],
  });
  const conventionOffer = insertOffer(db, {
    orgId: garage,
    sector: "mecanique",
    conventionId: convention.id,
    commitmentKey: 1,
    publishedAt: new Date(`${thisMonth}-01T09:00:00Z`),
  }).id;
  conventionReference = convention.reference;
  for (let i = 0; i < 7; i++) {
    const id = insertRegisteredCandidate(db, {
      firstName: "Aïssata",
      lastName: `Traoré${i}`,
      sex: "f",
      region: "segou",
      migrantStatus: "returnee",
      counsellorId: counsellor,
      registeredOn: `${thisMonth}-01`,
    });
    if (i < 6)
      insertPlacementFor(db, {
        candidateId: id,
        orgId: garage,
        offerId: i < 2 ? conventionOffer : null,
        startDate: addDays(`${thisMonth}-01`, 0),
      });
  }
  insertRegisteredCandidate(db, { sex: "m", region: "kayes", registeredOn: `${thisMonth}-01` });
});

type Loader = (args: never) => unknown;
const call = (fn: Loader, url: string, cookie?: string) =>
  callRoute(fn, url, { cookie, context: { clientIp: "41.73.5.5" } });

async function renderReports(url = "/conseiller/rapports", lng: Locale = "fr") {
  return renderRoutes(
    [{ path: "/conseiller/rapports", Component: Reports, loader: as(cookies.conseiller, loader) }],
    url,
    { lng },
  );
}

const URLS: [string, Loader][] = [
  ["/conseiller/rapports", loader as Loader],
  ["/conseiller/rapports?periode=3&region=segou", loader as Loader],
  ["/conseiller/rapports/placements.csv", placementsCsvLoader as Loader],
  ["/conseiller/rapports/indicateurs.csv", indicatorsCsvLoader as Loader],
];

describe("who may open the reports", () => {
  it.each(["candidat", "employeur"] as const)(
    "a %s gets 403 on the page and both downloads, and no export is audited",
    async (role) => {
      for (const [url, fn] of URLS) expect((await thrownBy(call(fn, url, cookies[role]))).init?.status, url).toBe(403);
      expect(
        getDb()
          .select()
          .from(auditLog)
          .all()
          .filter((r) => r.action.startsWith("export.")),
      ).toEqual([]);
    },
  );

  it("sends a visitor to the login page", async () => {
    for (const [url, fn] of URLS) expect(((await thrownBy(call(fn, url))) as Response).status, url).toBe(302);
  });

  it("opens for a counsellor and an admin", async () => {
    for (const role of ["conseiller", "admin"] as const)
      await expect(call(loader as Loader, "/conseiller/rapports", cookies[role])).resolves.toHaveProperty("report");
  });
});

describe("the report page", () => {
  it("shows the key figures, '< 5' with the note explaining it, tables by breakdown and SVG charts with titles", async () => {
    await renderReports();
    const key = screen.getByRole("heading", { name: "Chiffres clés" }).closest("section") as HTMLElement;
    const figure = (name: string) => within(key).getByText(name).parentElement!.querySelector("dd")!.textContent;
    // 7 women, 1 man, and the candidate who registered online above (sex not given).
    expect(figure("Candidats inscrits")).toBe("9");
    expect(figure("Placements")).toBe("6");
    expect(figure("Taux de placement")).toBe("67 %");
    expect(figure("Candidatures")).toBe("< 5");
    expect(screen.getByRole("heading", { name: "Pourquoi « < 5 » et « masqué » ?" })).toBeTruthy();

    const bySex = screen.getByRole("table", { name: "Indicateurs par sexe" });
    const women = within(bySex).getByRole("row", { name: /Femmes/ });
    // 7 women, 1 man, 1 not given: the two small cells hold 2 people, so women are hidden as their complement.
    expect(within(women).getAllByRole("cell")[0]!.textContent).toBe("masqué");
    expect(within(within(bySex).getByRole("row", { name: /Hommes/ })).getAllByRole("cell")[0]!.textContent).toBe("< 5");
    expect(screen.getByRole("table", { name: "Indicateurs par région" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "Indicateurs par secteur" })).toBeTruthy();

    const chart = screen.getByRole("img", { name: /Placements par mois/ });
    expect(chart.tagName.toLowerCase()).toBe("svg");
    expect(chart.querySelector("title")!.textContent).toBe("Placements par mois (premier jour de travail)");
    expect(chart.querySelector("desc")!.textContent).toContain("Diagramme en barres");
    expect(screen.getByRole("img", { name: /Toujours en poste à 3 et 6 mois/ })).toBeTruthy();
    expect(screen.getByRole("table", { name: "Placements par mois (premier jour de travail)" })).toBeTruthy();
    // No number of people under five anywhere in the page's tables (offers are not people).
    const offersColumn = (cell: HTMLElement) =>
      cell.closest("[aria-labelledby=partnerships]") && (cell as HTMLTableCellElement).cellIndex === 5;
    for (const cell of screen.getAllByRole("cell"))
      if (/^\d+$/.test(cell.textContent!) && !offersColumn(cell))
        expect(Number(cell.textContent)).toBeGreaterThanOrEqual(5);
  });

  it("filters by region with the GET form, and the CSV links carry the same filters", async () => {
    const user = await renderReports();
    await user.selectOptions(screen.getByLabelText(/^Région/), "kayes");
    await user.click(screen.getByRole("button", { name: "Afficher" }));
    await waitFor(() => {
      const key = screen.getByRole("heading", { name: "Chiffres clés" }).closest("section") as HTMLElement;
      expect(within(key).getByText("Candidats inscrits").parentElement!.querySelector("dd")!.textContent).toBe("< 5");
    });
    const link = screen.getByRole("link", { name: "Placements (CSV, une ligne par placement)" }) as HTMLAnchorElement;
    expect(link.getAttribute("href")).toMatch(
      /^\/conseiller\/rapports\/placements\.csv\?du=\d{4}-\d{2}&au=\d{4}-\d{2}&region=kayes$/,
    );
    expect(
      (screen.getByRole("link", { name: "Indicateurs (CSV)" }) as HTMLAnchorElement).getAttribute("href"),
    ).toContain("region=kayes");
  });

  it("puts the two downloads right under the filters, before the figures and charts, as buttons", async () => {
    await renderReports();
    const downloads = screen.getByRole("region", { name: "Télécharger" });
    const filters = screen.getByRole("region", { name: "Période et filtres" });
    const keyFigures = screen.getByRole("heading", { name: "Chiffres clés" });
    expect(filters.compareDocumentPosition(downloads) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(downloads.compareDocumentPosition(keyFigures) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    for (const link of within(downloads).getAllByRole("link")) expect(link.className).toContain("btn-secondary");
    expect(within(downloads).getAllByRole("link")).toHaveLength(2);
  });

  it("the presets choose the last 3, 6 or 12 months; 12 by default", async () => {
    const data = (await call(loader as Loader, "/conseiller/rapports", cookies.conseiller)) as {
      query: { from: string; to: string; preset?: number };
    };
    expect(data.query).toMatchObject({ to: thisMonth, preset: 12 });
    const three = (await call(loader as Loader, "/conseiller/rapports?periode=3", cookies.conseiller)) as {
      query: { preset?: number };
      report: { period: { months: string[] } };
    };
    expect(three.query.preset).toBe(3);
    expect(three.report.period.months).toHaveLength(3);
  });

  it("a hand-edited query string: backwards period turned round, unknown filters dropped", async () => {
    const data = (await call(
      loader as Loader,
      "/conseiller/rapports?du=2026-06&au=2026-01&region=<script>&partenaire=1%20OR%201=1&type=drop",
      cookies.conseiller,
    )) as {
      query: Record<string, unknown>;
    };
    expect(data.query).toEqual({
      from: "2026-01",
      to: "2026-06",
      region: undefined,
      partnerId: undefined,
      offerType: undefined,
      preset: undefined,
    });
  });

  it.each(["au=9999-12", "au=0000-01", "du=0000-01", "du=9999-12&au=9999-12", "du=2026-13&au=abc", "du=1999-12"])(
    "a month that does not exist or that no report covers (%s) answers 400 with the form's message, never 500",
    async (search) => {
      const answer = (await call(loader as Loader, `/conseiller/rapports?${search}`, cookies.conseiller)) as {
        init?: ResponseInit;
        data: { query: { from: string; to: string; fieldErrors?: Record<string, string> } };
      };
      expect(answer.init?.status).toBe(400);
      expect(Object.values(answer.data.query.fieldErrors ?? {})).toContain("reports:filters.monthInvalid");
      // The page still shows the last 12 months.
      expect(answer.data.query.to).toBe(thisMonth);
      for (const fn of [placementsCsvLoader, indicatorsCsvLoader]) {
        const csv = (await call(fn as Loader, `/conseiller/rapports/x.csv?${search}`, cookies.conseiller)) as Response;
        expect(csv.status).toBe(400);
        expect(await csv.text()).toContain("choisissez un mois dans la liste");
      }
    },
  );

  it("says on the page which month does not exist, in the filter form", async () => {
    await renderReports("/conseiller/rapports?au=9999-12");
    expect(await screen.findAllByText(/Ce mois n'existe pas ou aucun rapport ne le couvre/)).not.toHaveLength(0);
    expect((screen.getByLabelText(/^À/) as HTMLSelectElement).getAttribute("aria-invalid")).toBe("true");
  });

  it("shows the partnership results by programme and by convention, a tiny programme as '< 5'", async () => {
    await renderReports();
    const byProgramme = screen.getByRole("table", { name: "Résultats par programme" });
    const tiny = within(byProgramme).getByRole("row", { name: /Petit programme/ });
    expect(within(tiny).getAllByRole("cell")[0]!.textContent).toBe("< 5");
    expect(within(tiny).getAllByRole("cell")[4]!.textContent).toBe("1");
    const byConvention = screen.getByRole("table", { name: "Résultats par convention" });
    const row = within(byConvention).getByRole("row", { name: new RegExp(conventionReference) });
    expect(within(row).getAllByRole("cell")[0]!.textContent).toBe("< 5");
  });

  it("reads in English", async () => {
    await renderReports("/conseiller/rapports", "en");
    expect(screen.getByRole("heading", { level: 1, name: "Reports and indicators" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "Indicators by sex" })).toBeTruthy();
  });
});

describe("the CSV downloads", () => {
  it.each([
    ["/conseiller/rapports/placements.csv", placementsCsvLoader, "baara-placements", "export.placements_csv"],
    ["/conseiller/rapports/indicateurs.csv", indicatorsCsvLoader, "baara-indicateurs", "export.indicators_csv"],
  ] as const)(
    "%s: CSV in UTF-8 with a BOM, saved as a dated file, never cached, audited",
    async (url, fn, name, action) => {
      const response = (await call(
        fn as Loader,
        `${url}?du=2026-01&au=${thisMonth}&region=segou`,
        cookies.conseiller,
      )) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="${name}-2026-01-${thisMonth}.csv"`,
      );
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      expect(text).toContain("\r\n");
      expect(text).not.toContain("Aïssata");
      expect(text.split("\r\n")[0]).toMatch(/^\uFEFF?"[^"]+";"/);
      expect(getDb().select().from(auditLog).where(eq(auditLog.action, action)).all().at(-1)).toMatchObject({
        actorId: counsellor,
        ip: "41.73.5.5",
        detail: { filters: { from: "2026-01", to: thisMonth, region: "segou" } },
      });
    },
  );

  it("in English (?lng=en): English headings, commas between cells and decimal points", async () => {
    const response = (await call(
      indicatorsCsvLoader as Loader,
      `/conseiller/rapports/indicateurs.csv?du=2026-01&au=${thisMonth}&lng=en`,
      cookies.conseiller,
    )) as Response;
    const text = await response.text();
    expect(text.split("\r\n")[0]).toBe('"Indicator","Breakdown","Category","Value"');
    // 6 placed of 9 registered.
    expect(text).toContain('"Placement rate (%)","Total","",66.7\r\n');
  });

  it("holds the partnership rows by programme and by convention, protected as on the page", async () => {
    const response = (await call(
      indicatorsCsvLoader as Loader,
      `/conseiller/rapports/indicateurs.csv?du=2026-01&au=${thisMonth}`,
      cookies.conseiller,
    )) as Response;
    const text = await response.text();
    expect(text).toContain('"Conventions : personnes placées";"programme";"Petit programme";"< 5"\r\n');
    expect(text).toContain('"Conventions : offres publiées";"programme";"Petit programme";1\r\n');
    expect(text).toContain(`"Conventions : personnes placées";"convention";"${conventionReference}";"< 5"\r\n`);
    const english = await (
      (await call(
        indicatorsCsvLoader as Loader,
        `/conseiller/rapports/indicateurs.csv?du=2026-01&au=${thisMonth}&lng=en`,
        cookies.conseiller,
      )) as Response
    ).text();
    expect(english).toContain('"Agreements: people placed","programme","Small programme","< 5"\r\n');
  });

  it("in French: `;` between cells and a decimal comma, for a French Excel", async () => {
    const response = (await call(
      indicatorsCsvLoader as Loader,
      `/conseiller/rapports/indicateurs.csv?du=2026-01&au=${thisMonth}`,
      cookies.conseiller,
    )) as Response;
    const text = await response.text();
    expect(text.split("\r\n")[0]).toBe('"Indicateur";"Ventilation";"Catégorie";"Valeur"');
    expect(text).toContain('"Taux de placement (%)";"Total";"";66,7\r\n');
  });
});
