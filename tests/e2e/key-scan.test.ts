// Every page of every role, in French and in English (and in Bambara for visitors and candidates),
// reached by a full load and by clicking the portal's own links (client-side navigation): none shows
// a locale key, an unfinished text or a heading, link or button without a name, and each says its
// language in <html lang> (French on a page not written in Bambara). Which pages were seen is checked
// against app/routes.ts: a route nobody reached and not excluded below, with its reason, fails the test by name.
import { and, eq, inArray, notInArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteColleague } from "../../app/models/invitations.server";
import { isOpenOffer } from "../../app/models/offers.server";
import { openDb } from "../../app/utils/db.server";
import { applications, memberships, offers, organisations, partnerships, programmes, users } from "../../db/schema";
import { Coverage, crawl, type Lng, load, type Role, switchLanguage, type Tab } from "./crawl";
import { describeInBrowser, usePortal } from "./harness";
import { logIn } from "./journeys";
import { routePatterns, shown } from "./route-patterns";

const ROLES: Role[] = ["anonymous", "candidat", "employeur", "conseiller", "admin"];

/** Bambara is offered to visitors and candidates: their pages are written in it. */
const LANGUAGES_OF: Record<Role, Lng[]> = {
  anonymous: ["fr", "en", "bm"],
  candidat: ["fr", "en", "bm"],
  employeur: ["fr", "en"],
  conseiller: ["fr", "en"],
  admin: ["fr", "en"],
};

const HOME: Record<Role, string> = {
  anonymous: "/",
  candidat: "/candidat",
  employeur: "/employeur",
  conseiller: "/conseiller",
  admin: "/admin",
};

/** Routes that are not pages, never followed. */
const EXCLUDED: Record<string, string> = {
  healthz: "a resource for monitoring (JSON), not a page",
  "api/sms": "the SMS aggregator's endpoint (POST with the gateway token), not a page",
  "api/ussd": "the USSD aggregator's endpoint (POST with the gateway token, text/plain screens), not a page",
  "conseiller/rapports/placements.csv": "a CSV download",
  "conseiller/rapports/indicateurs.csv": "a CSV download",
  "fichiers/:fileId": "a file download (a CV, a person's data)",
  deconnexion: "logging out: a POST from the header's button",
};

type Sample = { pattern: string; path: (ids: Record<string, string>) => string; roles: Role[]; status?: number };

/**
 * Pages no link leads to (reached from an SMS, an e-mail, or after a form), loaded directly by the
 * roles that may see them. A pattern that app/routes.ts does not have (yet) is skipped.
 */
const SAMPLES: Sample[] = [
  { pattern: "activer-compte", path: () => "/activer-compte", roles: ["anonymous"] },
  { pattern: "invitation/:token", path: (ids) => `/invitation/${ids.invitation}`, roles: ["anonymous"] },
  { pattern: "mot-de-passe-oublie", path: () => "/mot-de-passe-oublie", roles: ["anonymous"] },
  { pattern: "nouveau-mot-de-passe", path: () => "/nouveau-mot-de-passe?telephone=70000001", roles: ["anonymous"] },
  { pattern: "confirmer-telephone", path: () => "/confirmer-telephone", roles: ["candidat"] },
  { pattern: "candidat/favoris", path: () => "/candidat/favoris", roles: ["candidat"] },
  {
    pattern: "conseiller/offres/:offerId/correspondances",
    path: (ids) => `/conseiller/offres/${ids.offer}/correspondances`,
    roles: ["conseiller", "admin"],
  },
  // The offer the crawl opens first may be one the demo candidate has already applied to.
  { pattern: "offres/:offerId/postuler", path: (ids) => `/offres/${ids.offer}/postuler`, roles: ["candidat"] },
  // The convention's form: signing (documents received) or amending (signed, active) a demo partnership.
  {
    pattern: "conseiller/partenariats/:id/convention",
    path: (ids) => `/conseiller/partenariats/${ids.partnership}/convention`,
    roles: ["conseiller", "admin"],
  },
  // A published programme's page, in case the demo's programmes list is empty of links for a role.
  {
    pattern: "partenariats/:programmeId",
    path: (ids) => `/partenariats/${ids.programme}`,
    roles: ["anonymous", "employeur", "candidat"],
  },
  // The demo employer's active partnership: its convention, amendments and results (the list opens the newest).
  {
    pattern: "employeur/partenariats/:id",
    path: (ids) => `/employeur/partenariats/${ids.employerPartnership}`,
    roles: ["employeur"],
  },
  { pattern: "*", path: () => "/cette-page-n-existe-pas", roles: ["anonymous", "candidat"], status: 404 },
];

const ACCOUNTS: Record<Exclude<Role, "anonymous">, string> = {
  candidat: "candidat@baara.demo",
  employeur: "employeur@baara.demo",
  conseiller: "conseiller@baara.demo",
  admin: "admin@baara.demo",
};

describeInBrowser("no locale key on any page", () => {
  const portal = usePortal();
  const patterns = routePatterns();
  const coverage = new Coverage();
  const ids: Record<string, string> = {};

  beforeAll(() => {
    const db = openDb(portal.dbPath, { migrate: false });
    try {
      const userId = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
      // An invitation as a colleague receives it: its link holds a token shown only once.
      const invited = inviteColleague(db, userId(ACCOUNTS.employeur), { email: "collegue@key-scan.test" });
      if (!invited?.ok) throw new Error(`no invitation: ${JSON.stringify(invited)}`);
      ids.invitation = invited.token;
      // An open offer the demo candidate has not applied to: its page links to the form.
      const applied = db
        .select({ id: applications.offerId })
        .from(applications)
        .where(eq(applications.candidateId, userId(ACCOUNTS.candidat)));
      const open = db
        .select({ id: offers.id })
        .from(offers)
        .innerJoin(organisations, eq(organisations.id, offers.orgId))
        .where(and(isOpenOffer(), notInArray(offers.id, applied)))
        .orderBy(offers.id)
        .get()!;
      ids.offer = String(open.id);
      const withConvention = db
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(inArray(partnerships.status, ["documents_received", "signed", "active"]))
        .orderBy(partnerships.id)
        .get();
      ids.partnership = String(withConvention?.id ?? "");
      const published = db
        .select({ id: programmes.id })
        .from(programmes)
        .where(eq(programmes.status, "published"))
        .orderBy(programmes.position, programmes.id)
        .get();
      ids.programme = String(published?.id ?? "");
      const employerActive = db
        .select({ id: partnerships.id })
        .from(partnerships)
        .innerJoin(memberships, eq(memberships.orgId, partnerships.orgId))
        .where(and(eq(memberships.userId, userId(ACCOUNTS.employeur)), eq(partnerships.status, "active")))
        .get();
      ids.employerPartnership = String(employerActive?.id ?? "");
    } finally {
      db.$client.close();
    }
  });

  for (const role of ROLES) {
    describe(role, () => {
      // One tab per role, logged in once; French first, then English (and Bambara) through the header's switch.
      let tab: Tab;
      beforeAll(async () => {
        const page = await (await portal.newContext()).newPage();
        if (role !== "anonymous") await logIn(page, ACCOUNTS[role]);
        const excluded = new Set(Object.keys(EXCLUDED));
        tab = { page, role, lng: "fr", patterns, excluded, coverage, problems: [] };
      });
      // A crawl cut short by its timeout must not go on clicking in the next test's tab.
      afterAll(() => tab?.page.context().close());

      for (const lng of LANGUAGES_OF[role]) {
        it(`${lng}: every page reached by its links shows its texts`, async () => {
          tab.problems = [];
          if (lng !== tab.lng) await switchLanguage(tab, HOME[role], lng);
          await crawl(tab, HOME[role]);
          for (const sample of SAMPLES.filter((s) => s.roles.includes(role) && patterns.includes(s.pattern))) {
            await load(tab, sample.path(ids), sample.status);
          }
          expect([...new Set(tab.problems)]).toEqual([]);
        }, 240_000);
      }
    });
  }

  it("every route of app/routes.ts was shown to some role, or is excluded with a reason", () => {
    console.log(`Pages seen (fr|en|bm; F full load, C client-side navigation):\n${coverage.table(patterns, ROLES)}`);
    const missed = patterns.filter((pattern) => !coverage.reached(pattern) && !(pattern in EXCLUDED));
    expect(missed.map(shown)).toEqual([]);
  });
});
