// @vitest-environment jsdom
// Every form keeps every field after a refusal, as a phone without JavaScript sees it:
// each row posts a form with one bad field to the real action, renders the page as the
// server does (real loader, that answer, no effect run) and reads every other field back
// from the HTML. Passwords are never sent back (tested with the password forms).
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { REASON_MAX } from "../../app/schemas/moderation";
import { addDays, isoToday } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { assistedFields } from "../helpers/counsellor";
import {
  insertAdmin,
  insertApplication,
  insertCounsellor,
  insertEmployer,
  insertOffer,
  registerCandidate,
  sessionCookieFor,
} from "../helpers/factories";
import { createTestI18n, WithI18n } from "../helpers/i18n";
import { callRoute, type Handler } from "../helpers/route";

type Fields = Record<string, string | string[]>;
type Row = {
  route: string;
  module: () => Promise<{ default: unknown; loader: Handler; action: Handler }>;
  url: () => string;
  params?: () => Record<string, string>;
  who: "employer" | "counsellor" | "admin";
  body: () => Fields;
  bad: string;
  keep: string[];
};

const cookies = { employer: "", counsellor: "", admin: "" };
const ids = { offer: 0, pendingOffer: 0, partner: 0, application: 0 };

beforeAll(async () => {
  const db = getDb();
  const employer = await insertEmployer(db, "verified", "Boulangerie du Fleuve");
  const counsellor = insertCounsellor(db, "OIM Mali");
  const admin = await insertAdmin(db);
  ids.offer = insertOffer(db, { orgId: employer.org.id, title: "Boulanger" }).id;
  ids.pendingOffer = insertOffer(db, { orgId: employer.org.id, title: "Pâtissier", status: "pending" }).id;
  ids.partner = counsellor.orgId!;
  const candidate = await registerCandidate(db, { phone: "70 40 50 99" });
  ids.application = insertApplication(db, { offerId: ids.offer, candidateId: candidate.id, status: "shortlisted" }).id;
  cookies.employer = await sessionCookieFor(db, employer.user.id);
  cookies.counsellor = await sessionCookieFor(db, counsellor.id);
  cookies.admin = await sessionCookieFor(db, admin.id);
});

const ROWS: Row[] = [
  {
    route: "/employeur/offres/nouvelle",
    module: () => import("../../app/routes/employeur.offres.nouvelle"),
    url: () => "/employeur/offres/nouvelle",
    who: "employer",
    body: () => ({
      intent: "draft",
      type: "emploi",
      title: "Boulanger de nuit",
      description: "Pétrir et cuire le pain de la boulangerie, de 2 h à 8 h, six nuits par semaine.",
      sector: "btp",
      trade: "",
      minEducation: "",
      startDate: "",
      region: "kayes",
      commune: "Kayes N'Di",
      positions: "2",
      languages: ["fr", "bm"],
      contract: "cdd",
      emploi_payAmount: "80 000",
      payPeriod: "month",
      closingDate: addDays(isoToday(), -2),
    }),
    bad: "closingDate",
    keep: [
      "title",
      "description",
      "sector",
      "region",
      "commune",
      "positions",
      "languages",
      "contract",
      "emploi_payAmount",
    ],
  },
  {
    route: "/employeur/organisation",
    module: () => import("../../app/routes/employeur.organisation"),
    url: () => "/employeur/organisation",
    who: "employer",
    body: () => ({
      intent: "save",
      name: "Boulangerie du Fleuve",
      rccm: "",
      nif: "",
      sector: "btp",
      region: "kayes",
      commune: "Kayes N'Di",
      description: "Pain, croissants et gâteaux de fête depuis 1998.",
      contactName: "Awa Sidibé",
      contactPhone: "70 11 22 33",
      contactEmail: "pas-une-adresse",
      membership: "none",
    }),
    bad: "contactEmail",
    keep: ["name", "sector", "region", "commune", "description", "contactName", "contactPhone", "contactEmail"],
  },
  {
    route: "/conseiller/candidats/nouveau",
    module: () => import("../../app/routes/conseiller.candidats.nouveau"),
    url: () => "/conseiller/candidats/nouveau",
    who: "counsellor",
    body: () => ({ ...assistedFields({ birthDate: "3000-01-01" }), smsConsent: "on" }),
    bad: "birthDate",
    keep: ["firstName", "lastName", "region", "commune", "educationLevel", "trades", "skills", "languages"].concat([
      "experienceYears",
      "availability",
      "migrantStatus",
      "consentMethod",
      "sex",
    ]),
  },
  {
    route: "/admin/utilisateurs (new counsellor)",
    module: () => import("../../app/routes/admin.utilisateurs"),
    url: () => "/admin/utilisateurs",
    who: "admin",
    body: () => ({
      intent: "createCounsellor",
      firstName: "Kadia",
      lastName: "Konaté",
      email: "kadia@",
      phone: "",
      partnerOrgId: String(ids.partner),
    }),
    bad: "email",
    keep: ["firstName", "lastName", "email", "partnerOrgId"],
  },
  {
    route: "/admin/organisations (new partner)",
    module: () => import("../../app/routes/admin.organisations"),
    url: () => "/admin/organisations",
    who: "admin",
    body: () => ({
      intent: "create",
      name: "",
      shortName: "ACF",
      region: "mopti",
      commune: "Sévaré",
      contactName: "Moussa Cissé",
      contactPhone: "76 00 11 22",
      contactEmail: "contact@acf.ml",
    }),
    bad: "name",
    keep: ["shortName", "region", "commune", "contactName", "contactPhone", "contactEmail"],
  },
  {
    route: "/offres/:offerId/signaler",
    module: () => import("../../app/routes/offres.$offerId.signaler"),
    url: () => `/offres/${ids.offer}/signaler`,
    params: () => ({ offerId: String(ids.offer) }),
    who: "counsellor",
    body: () => ({ reason: "other", details: "x".repeat(5000) }),
    bad: "details",
    keep: ["reason"],
  },
  {
    route: "/conseiller/moderation (reject reason)",
    module: () => import("../../app/routes/conseiller.moderation"),
    url: () => "/conseiller/moderation",
    who: "counsellor",
    body: () => ({ intent: "offer.reject", offerId: String(ids.pendingOffer), reason: "y".repeat(REASON_MAX + 1) }),
    bad: "reason",
    keep: ["reason"],
  },
  {
    route: "/employeur/offres/:offerId/candidatures/:applicationId (interview)",
    module: () => import("../../app/routes/employeur.offres.$offerId.candidatures.$applicationId"),
    url: () => `/employeur/offres/${ids.offer}/candidatures/${ids.application}`,
    params: () => ({ offerId: String(ids.offer), applicationId: String(ids.application) }),
    who: "employer",
    body: () => ({
      intent: "move",
      to: "interview",
      interviewAt: "2020-01-01T09:00",
      interviewPlace: "Boulangerie, Kayes N'Di",
    }),
    bad: "interviewAt",
    keep: ["interviewAt", "interviewPlace"],
  },
  {
    route: "/employeur/offres/:offerId/candidatures/:applicationId (refusal)",
    module: () => import("../../app/routes/employeur.offres.$offerId.candidatures.$applicationId"),
    url: () => `/employeur/offres/${ids.offer}/candidatures/${ids.application}`,
    params: () => ({ offerId: String(ids.offer), applicationId: String(ids.application) }),
    who: "employer",
    body: () => ({ intent: "move", to: "rejected", refusalReason: "", note: "Merci, nous gardons votre dossier." }),
    bad: "refusalReason",
    keep: ["note"],
  },
];

const unwrap = (result: unknown) =>
  result && typeof result === "object" && "data" in result && "init" in result
    ? (result as { data: unknown }).data
    : result;

/** The page as the server renders it after the refused post. */
async function refusedPage(row: Row) {
  const mod = await row.module();
  const options = { cookie: cookies[row.who], params: row.params?.() ?? {} };
  const answer = (await callRoute(mod.action, row.url(), { ...options, body: row.body() })) as {
    data: { fieldErrors?: Record<string, unknown> };
    init: ResponseInit | null;
  };
  const loaderData = unwrap(await callRoute(mod.loader, row.url(), options));
  const i18n = await createTestI18n("fr");
  const Stub = createRoutesStub([{ id: "page", path: row.url().split("?")[0]!, Component: mod.default as never }]);
  const html = renderToString(
    <WithI18n i18n={i18n}>
      <Stub
        initialEntries={[row.url()]}
        hydrationData={{ loaderData: { page: loaderData }, actionData: { page: answer.data } }}
      />
    </WithI18n>,
  );
  return { answer, doc: new DOMParser().parseFromString(html, "text/html") };
}

/** What the form shows for a field: the typed text, the selected option, the ticked boxes. */
function shownValues(doc: Document, name: string): string[] {
  const controls = [...doc.querySelectorAll(`[name="${name}"]`)].filter((c) => c.closest("form[method='post']"));
  return controls.flatMap((control) => {
    if (control instanceof HTMLInputElement && (control.type === "checkbox" || control.type === "radio"))
      return control.hasAttribute("checked") ? [control.value] : [];
    if (control instanceof HTMLSelectElement)
      return [...control.options].filter((o) => o.hasAttribute("selected")).map((o) => o.value);
    if (control instanceof HTMLTextAreaElement) return [control.textContent ?? ""];
    return [(control as HTMLInputElement).getAttribute("value") ?? ""];
  });
}

describe("every form keeps what was typed after a refusal (JavaScript off)", () => {
  it.each(ROWS.map((row) => [row.route, row] as const))("%s", async (_route, row) => {
    const { answer, doc } = await refusedPage(row);
    expect(answer.init?.status).toBeGreaterThanOrEqual(400);
    expect(answer.init?.status).toBeLessThan(500);
    expect(Object.keys(answer.data.fieldErrors ?? {})).toContain(row.bad);
    const body = row.body();
    for (const name of row.keep) {
      const typed = ([] as string[]).concat(body[name]!).filter((v) => v !== "");
      expect(shownValues(doc, name), name).toEqual(expect.arrayContaining(typed));
    }
  });
});
