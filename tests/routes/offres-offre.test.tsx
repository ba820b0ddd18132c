// @vitest-environment jsdom
// The offer page /offres/:offerId with its real loader: details, apply and report
// links, JSON-LD, Open Graph, and who may see an offer that is not public.
import { screen, within } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { JobPostingJsonLd } from "../../app/components/JobPostingJsonLd";
import { decideIdentityRequest, pendingIdentityRequest } from "../../app/models/identity-requests.server";
import { updateOrganisation } from "../../app/models/organisations.server";
import OfferPage, { loader } from "../../app/routes/offres.$offerId";
import { organisationSchema } from "../../app/schemas/organisation";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import type { Locale } from "../../app/utils/i18n";
import type { offers } from "../../db/schema";
import { addMember, insertOffer, insertOrganisation, insertUser, sessionCookieFor } from "../helpers/factories";
import { callRoute, outcomeStatus, renderStub, as as withSession } from "../helpers/route";

type OfferRow = typeof offers.$inferInsert;
const closing = addDays(isoToday(), 20);
const publishedAt = new Date("2026-01-15T09:30:00Z");
// Absolute URLs name the portal as PUBLIC_URL says, not as the request's host does (http://localhost here).
const SITE = "https://baara.ml";
vi.stubEnv("PUBLIC_URL", SITE);

/** The id of a mechanics job in Bamako, published on 15 January unless told. */
function offer(values: Partial<OfferRow> & { orgId: number; title: string }) {
  const details = { description: "Réparation de motos.", sector: "mecanique", closingDate: closing, publishedAt };
  return insertOffer(getDb(), { ...details, ...values }).id;
}

const ids: Record<string, number> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const db = getDb();
  const diarra = insertOrganisation(db, { name: "Atelier Diarra Mécanique" }).id;
  const other = insertOrganisation(db, { name: "Boulangerie du Fleuve" }).id;
  const pendingOrg = insertOrganisation(db, { name: "Garage en attente", status: "pending" }).id;
  const owner = await insertUser(db, { role: "employeur", email: "moussa@diarra.ml" });
  const stranger = await insertUser(db, { role: "employeur", email: "awa@fleuve.ml" });
  const newcomer = await insertUser(db, { role: "employeur", email: "nouveau@garage.ml" });
  addMember(db, owner.id, diarra);
  addMember(db, stranger.id, other);
  addMember(db, newcomer.id, pendingOrg);
  const candidate = await insertUser(db, { role: "candidat", phone: "+22370000001" });
  const counsellor = await insertUser(db, { role: "conseiller", email: "kadia@oim.ml" });
  const admin = await insertUser(db, { role: "admin", email: "admin@baara.ml" });
  for (const [name, user] of Object.entries({ owner, stranger, newcomer, candidate, counsellor, admin })) {
    cookies[name] = await sessionCookieFor(db, user.id);
  }
  Object.assign(ids, {
    diarra,
    job: offer({
      orgId: diarra,
      title: "Mécanicien moto (H/F)",
      description: "Vous réparez les motos Jakarta.\nVous entretenez l'atelier.\n\nProfil : <b>sérieux</b> & ponctuel.",
      region: "koulikoro",
      commune: "Kati",
      contract: "cdi",
      positions: 2,
      payAmount: 90_000,
      payPeriod: "month",
      minEducation: "cap",
      languages: ["fr", "bm"],
      startDate: "2026-03-01",
    }),
    apprenticeship: offer({
      orgId: diarra,
      title: "Apprenti soudeur",
      type: "apprentissage",
      contract: "apprentissage",
      payAmount: 25_000,
      durationMonths: 18,
    }),
    daily: offer({
      orgId: diarra,
      title: "Tôlier journalier",
      contract: "journalier",
      payAmount: 4_000,
      payPeriod: "day",
    }),
    training: offer({
      orgId: diarra,
      title: "Formation en soudure",
      type: "formation",
      contract: "formation",
      payAmount: 30_000,
      payPeriod: "total",
      provider: "Centre de formation professionnelle de Missabougou",
      endDate: "2026-06-30",
      certificate: "Certificat de qualification professionnelle (CQP)",
    }),
    hostile: offer({
      orgId: diarra,
      title: 'Vendeur </script><script>alert("x")</script> <!-- boutique',
      description: "Vente au détail </SCRIPT> et <img src=x onerror=alert(1)>.",
    }),
    draft: offer({ orgId: diarra, title: "Électricien (brouillon)", status: "draft", publishedAt: null }),
    pending: offer({ orgId: diarra, title: "Chauffeur en attente", status: "pending", publishedAt: null }),
    rejected: offer({
      orgId: diarra,
      title: "Travail en Libye",
      status: "rejected",
      publishedAt: null,
      rejectionReason: "Recrutement pour l'étranger sans garantie.",
    }),
    pastClosing: offer({ orgId: diarra, title: "Magasinier", closingDate: addDays(isoToday(), -1) }),
    unverifiedOrg: offer({ orgId: pendingOrg, title: "Laveur de voitures" }),
  });
});

async function renderOffer(offerId: number | string, as?: string, lng: Locale = "fr") {
  const cookie = as ? cookies[as] : undefined;
  const page = {
    path: "/offres/:offerId",
    Component: OfferPage,
    loader: withSession(cookie, loader),
    ErrorBoundary: () => <h1>Page introuvable</h1>,
  };
  return renderStub([page], `/offres/${offerId}`, { lng });
}

const jsonLd = () => document.querySelector('script[type="application/ld+json"]');
const meta = (selector: string) => document.head.querySelector(selector)?.getAttribute("content");
const detail = (label: string) => {
  const term = screen.getAllByText(label).find((el) => el.tagName === "DT");
  return term?.nextElementSibling?.textContent;
};

async function status(offerId: number | string, as?: string): Promise<number> {
  const path = `/offres/${offerId}`;
  return outcomeStatus(
    callRoute(loader, path, { cookie: as ? cookies[as] : undefined, params: { offerId: String(offerId) } }),
  );
}

describe("/offres/:offerId for everyone", () => {
  it("shows every detail of the offer, the pay in F CFA and the verified employer", async () => {
    await renderOffer(ids.job!);
    expect(await screen.findByRole("heading", { level: 1, name: "Mécanicien moto (H/F)" })).toBeTruthy();
    const header = screen.getByRole("heading", { level: 1 }).closest("header")!;
    expect(within(header).getByText("Emploi")).toBeTruthy();
    const employer = screen.getByRole("link", { name: "Atelier Diarra Mécanique" });
    expect(employer.getAttribute("href")).toBe(`/entreprises/${ids.diarra}`);
    expect(screen.getByText("Entreprise vérifiée")).toBeTruthy();
    expect(detail("Lieu")).toBe("Kati, Koulikoro");
    expect(detail("Contrat")).toBe("CDI");
    expect(detail("Postes")).toBe("2 postes");
    expect(detail("Rémunération")).toMatch(/^90\s000 F CFA par mois$/);
    expect(detail("Niveau minimum")).toBe("CAP");
    expect(detail("Langues")).toBe("Français, Bambara");
    expect(detail("Début")).toBe("1 mars 2026");
    expect(detail("Candidatures jusqu'au")).toMatch(/^\d{1,2} \S+ \d{4}$/);
    expect(screen.getByText("Publiée le 15 janvier 2026")).toBeTruthy();
    expect(document.title).toBe("Mécanicien moto (H/F) · Atelier Diarra Mécanique · Baara");
  });

  it("keeps the description's line breaks and shows any HTML in it as text", async () => {
    await renderOffer(ids.job!);
    const description = (await screen.findByText(/Vous réparez les motos Jakarta/)) as HTMLElement;
    expect(description.className).toContain("whitespace-pre-line");
    expect(description.textContent).toBe(
      "Vous réparez les motos Jakarta.\nVous entretenez l'atelier.\n\nProfil : <b>sérieux</b> & ponctuel.",
    );
    expect(description.querySelector("b")).toBeNull();
  });

  it("gives a visitor the apply link (the apply page asks them to log in or register), and offers to report it", async () => {
    await renderOffer(ids.job!);
    const apply = await screen.findByRole("link", { name: "Postuler à cette offre" });
    expect(apply.getAttribute("href")).toBe(`/offres/${ids.job}/postuler`);
    expect(screen.getByText(/Pour postuler, connectez-vous ou créez un compte gratuit/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Signaler cette offre" }).getAttribute("href")).toBe(
      `/offres/${ids.job}/signaler`,
    );
  });

  it("gives a logged-in candidate the apply link; other roles get none", async () => {
    const { unmount } = await renderOffer(ids.job!, "candidate");
    expect((await screen.findByRole("link", { name: "Postuler à cette offre" })).getAttribute("href")).toBe(
      `/offres/${ids.job}/postuler`,
    );
    expect(screen.queryByText(/Pour postuler, connectez-vous/)).toBeNull();
    unmount();
    await renderOffer(ids.job!, "stranger");
    await screen.findByRole("heading", { level: 1 });
    expect(screen.queryByRole("link", { name: /postuler/i })).toBeNull();
    expect(screen.getByRole("link", { name: "Signaler cette offre" })).toBeTruthy();
  });

  it("shows a training's provider, end date and certificate, and an apprenticeship's duration", async () => {
    const { unmount } = await renderOffer(ids.training!);
    await screen.findByRole("heading", { level: 1, name: "Formation en soudure" });
    expect(detail("Organisme de formation")).toBe("Centre de formation professionnelle de Missabougou");
    expect(detail("Fin de la formation")).toBe("30 juin 2026");
    expect(detail("À la fin")).toBe("Certificat de qualification professionnelle (CQP)");
    expect(detail("Indemnité")).toMatch(/^30\s000 F CFA au total$/);
    unmount();
    await renderOffer(ids.apprenticeship!);
    await screen.findByRole("heading", { level: 1, name: "Apprenti soudeur" });
    expect(detail("Durée")).toBe("18 mois");
    expect(screen.queryByText("Organisme de formation")).toBeNull();
  });

  it("carries Open Graph tags and a description of at most 200 characters", async () => {
    const long = `${"Atelier de mécanique moderne. ".repeat(12)}Fin.`;
    const id = offer({ orgId: ids.diarra!, title: "Mécanicien auto", description: long });
    await renderOffer(id);
    await screen.findByRole("heading", { level: 1, name: "Mécanicien auto" });
    expect(meta('meta[property="og:title"]')).toBe("Mécanicien auto");
    expect(meta('meta[property="og:type"]')).toBe("website");
    expect(meta('meta[property="og:url"]')).toBe(`${SITE}/offres/${id}`);
    expect(document.head.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(`${SITE}/offres/${id}`);
    expect(meta('meta[property="og:locale"]')).toBe("fr_FR");
    const description = meta('meta[property="og:description"]')!;
    expect(description.length).toBeLessThanOrEqual(200);
    expect(description.startsWith("Atelier de mécanique moderne. Atelier")).toBe(true);
    expect(meta('meta[name="description"]')).toBe(description);
  });

  it("speaks English", async () => {
    await renderOffer(ids.job!, undefined, "en");
    await screen.findByRole("heading", { level: 1, name: "Mécanicien moto (H/F)" });
    expect(detail("Place")).toBe("Kati, Koulikoro");
    expect(detail("Positions")).toBe("2 positions");
    expect(detail("Pay")).toMatch(/^90,000 F CFA (a|per) month$/);
    expect(screen.getByRole("link", { name: "Apply for this offer" })).toBeTruthy();
    expect(screen.getByText("Verified employer")).toBeTruthy();
    expect(meta('meta[property="og:locale"]')).toBe("en_GB");
  });
});

describe("JSON-LD JobPosting", () => {
  // biome-ignore lint/suspicious/noExplicitAny: the JSON-LD is read field by field in the assertions.
  const parsed = () => JSON.parse(jsonLd()!.innerHTML) as Record<string, any>;

  it("describes the offer for search engines", async () => {
    await renderOffer(ids.job!);
    await screen.findByRole("heading", { level: 1 });
    expect(parsed()).toEqual({
      "@context": "https://schema.org/",
      "@type": "JobPosting",
      title: "Mécanicien moto (H/F)",
      description: "Vous réparez les motos Jakarta.\nVous entretenez l'atelier.\n\nProfil : <b>sérieux</b> & ponctuel.",
      url: `${SITE}/offres/${ids.job}`,
      datePosted: "2026-01-15T09:30:00.000Z",
      validThrough: `${closing}T23:59:59Z`,
      employmentType: "FULL_TIME",
      hiringOrganization: {
        "@type": "Organization",
        name: "Atelier Diarra Mécanique",
        sameAs: `${SITE}/entreprises/${ids.diarra}`,
      },
      jobLocation: {
        "@type": "Place",
        address: {
          "@type": "PostalAddress",
          addressLocality: "Kati",
          addressRegion: "Koulikoro",
          addressCountry: "ML",
        },
      },
      baseSalary: {
        "@type": "MonetaryAmount",
        currency: "XOF",
        value: { "@type": "QuantitativeValue", value: 90_000, unitText: "MONTH" },
      },
      directApply: false,
    });
  });

  it.each([
    ["apprenticeship", "INTERN", { value: 25_000, unitText: "MONTH" }],
    ["daily", "PER_DIEM", { value: 4_000, unitText: "DAY" }],
    ["training", "OTHER", undefined],
  ] as const)("maps the %s offer to %s with its pay", async (key, employmentType, pay) => {
    await renderOffer(ids[key]!);
    await screen.findByRole("heading", { level: 1 });
    const data = parsed();
    expect(data.employmentType).toBe(employmentType);
    expect(
      data.baseSalary?.value
        ? { value: data.baseSalary.value.value, unitText: data.baseSalary.value.unitText }
        : undefined,
    ).toEqual(pay);
    expect(data.jobLocation.address).toEqual({
      "@type": "PostalAddress",
      addressRegion: "District de Bamako",
      addressCountry: "ML",
    });
  });

  it("cannot be broken out of by a title holding </script> or <!--", async () => {
    await renderOffer(ids.hostile!);
    await screen.findByRole("heading", { level: 1 });
    const script = jsonLd()!;
    expect(script.innerHTML).not.toMatch(/<\/script/i);
    expect(script.innerHTML).not.toContain("<!--");
    expect(script.innerHTML).toContain("\\u003c/script>");
    expect(parsed().title).toBe('Vendeur </script><script>alert("x")</script> <!-- boutique');
    expect(parsed().description).toBe("Vente au détail </SCRIPT> et <img src=x onerror=alert(1)>.");
    // Only the JSON-LD script exists: nothing was injected into the page.
    expect(document.querySelectorAll("script")).toHaveLength(1);
    expect(document.querySelector("img")).toBeNull();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(
      'Vendeur </script><script>alert("x")</script> <!-- boutique',
    );
  });

  it("stays one script in the server's HTML, read back intact by an HTML parser", () => {
    const title = 'Vendeur </script><script>alert("x")</script> <!-- <script>';
    const html = renderToString(
      <JobPostingJsonLd
        offer={{
          title,
          description: "</script>",
          contract: "cdd",
          publishedAt: null,
          closingDate: "2026-12-31",
          commune: null,
          regionLabel: "Kayes",
          payAmount: null,
          payPeriod: "month",
          orgName: "</script>",
          orgUrl: "http://localhost/entreprises/1",
          url: "http://localhost/offres/1",
        }}
      />,
    );
    const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, "text/html");
    const scripts = doc.querySelectorAll("script");
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0]!.textContent!);
    expect([data.title, data.description, data.hiringOrganization.name]).toEqual([title, "</script>", "</script>"]);
  });
});

describe("offers that are not public", () => {
  it("answer 404 for an unknown id or one that is not a number", async () => {
    for (const id of [
      "999999",
      "abc",
      "1.5",
      "-1",
      "1e3",
      "0x10",
      "99999999999999999999",
      " 1",
      "1;DROP TABLE offers",
    ]) {
      expect(await status(id), id).toBe(404);
    }
    expect(await status(ids.job!)).toBe(200);
  });

  it("answer 404 to visitors, candidates and other employers", async () => {
    for (const key of ["draft", "pending", "rejected", "pastClosing", "unverifiedOrg"]) {
      for (const as of [undefined, "candidate", "stranger", "newcomer"]) {
        if (key === "unverifiedOrg" && as === "newcomer") continue;
        expect(await status(ids[key]!, as), `${key} as ${as ?? "visitor"}`).toBe(404);
      }
    }
  });

  it("show a draft to its organisation's members, with its status and no apply link or JSON-LD", async () => {
    await renderOffer(ids.draft!, "owner");
    expect(await screen.findByRole("heading", { level: 1, name: "Électricien (brouillon)" })).toBeTruthy();
    expect(within(screen.getByRole("status")).getByText(/^Cette offre n'est pas publiée \(brouillon\)/)).toBeTruthy();
    expect(jsonLd()).toBeNull();
    expect(screen.queryByRole("link", { name: /postuler/i })).toBeNull();
    expect(screen.queryByRole("link", { name: "Signaler cette offre" })).toBeNull();
  });

  it("lead counsellors and admins to the people who match an open offer, and nobody else", async () => {
    const matches = `/conseiller/offres/${ids.job}/correspondances`;
    for (const role of ["counsellor", "admin"]) {
      const { unmount } = await renderOffer(ids.job!, role);
      const link = await screen.findByRole("link", { name: "Trouver des candidats pour cette offre" });
      expect(link.getAttribute("href")).toBe(matches);
      unmount();
    }
    for (const role of [undefined, "candidate", "owner"]) {
      const { unmount } = await renderOffer(ids.job!, role);
      await screen.findByRole("heading", { level: 1 });
      expect(screen.queryByRole("link", { name: "Trouver des candidats pour cette offre" })).toBeNull();
      unmount();
    }
  });

  it("show pending and rejected offers to counsellors and admins, with the reason of a refusal", async () => {
    const { unmount } = await renderOffer(ids.pending!, "counsellor");
    expect(await screen.findByText(/^Cette offre n'est pas publiée \(en cours de vérification\)/)).toBeTruthy();
    unmount();
    await renderOffer(ids.rejected!, "admin");
    expect(await screen.findByText(/^Cette offre n'est pas publiée \(refusée\)/)).toBeTruthy();
    expect(screen.getByText("Motif du refus : Recrutement pour l'étranger sans garantie.")).toBeTruthy();
  });

  it("tell the organisation why a published offer is hidden: closing date passed, or employer not verified", async () => {
    const { unmount } = await renderOffer(ids.pastClosing!, "owner");
    expect(
      await screen.findByText("Cette offre n'est plus visible du public : sa date de clôture est passée."),
    ).toBeTruthy();
    expect(jsonLd()).toBeNull();
    unmount();
    await renderOffer(ids.unverifiedOrg!, "newcomer");
    expect(
      await screen.findByText("Cette offre n'est pas visible du public : l'entreprise n'est pas encore vérifiée."),
    ).toBeTruthy();
    // No link to an employer page that would answer 404.
    expect(screen.queryByRole("link", { name: "Garage en attente" })).toBeNull();
    expect(screen.getByText("Garage en attente")).toBeTruthy();
  });

  it("do not send a public offer's moderation details to the page", async () => {
    const data = (await loader({
      request: new Request(`http://localhost/offres/${ids.job}`),
      params: { offerId: String(ids.job) },
      context: {},
    } as never)) as { offer: Record<string, unknown> };
    expect(data.offer).not.toHaveProperty("moderationFlags");
    expect(data.offer).not.toHaveProperty("createdBy");
    expect(data.offer.rejectionReason).toBeNull();
  });
});

describe("a verified organisation asking for a new name", () => {
  it("keeps its checked name on the offer and in the JSON-LD until a counsellor accepts the new one", async () => {
    const db = getDb();
    const org = insertOrganisation(db, { name: "Atelier Coulibaly Soudure" });
    const owner = await insertUser(db, { role: "employeur", email: "owner@coulibaly.ml" });
    addMember(db, owner.id, org.id);
    const counsellor = await insertUser(db, { role: "conseiller", email: "awa@oim.ml" });
    const offerId = offer({ orgId: org.id, title: "Soudeur qualifié" });
    const form = organisationSchema.parse({
      name: "Agence Nationale pour l'Emploi",
      sector: "btp",
      region: "bamako",
      membership: "none",
    });
    expect(updateOrganisation(db, owner.id, form)).toMatchObject({ status: "verified", identityRequest: "requested" });

    const shown = async () => {
      const { unmount } = await renderOffer(offerId);
      await screen.findByRole("heading", { level: 1 });
      const header = screen.getByRole("heading", { level: 1 }).closest("header")!;
      const result = {
        page: within(header).getByRole("link").textContent,
        jsonLd: JSON.parse(jsonLd()!.innerHTML).hiringOrganization.name,
        badge: within(header).queryByText("Entreprise vérifiée") !== null,
      };
      unmount();
      return result;
    };
    expect(await shown()).toEqual({
      page: "Atelier Coulibaly Soudure",
      jsonLd: "Atelier Coulibaly Soudure",
      badge: true,
    });

    decideIdentityRequest(db, {
      counsellorId: counsellor.id,
      requestId: pendingIdentityRequest(db, org.id)!.id,
      decision: "accept",
    });
    expect(await shown()).toEqual({
      page: "Agence Nationale pour l'Emploi",
      jsonLd: "Agence Nationale pour l'Emploi",
      badge: true,
    });
  });
});
