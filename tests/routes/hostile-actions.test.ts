// Hostile input, generated, against the main actions, called as the server
// calls them (node environment, the process-wide in-memory database) with the
// right session. Bodies mix the real field names with hostile values
// (10 000+ characters, control characters, emoji, `<script>`, SQL fragments,
// repeated fields, missing fields) and hostile extra keys (`__proto__`,
// `constructor`, `prototype`, unknown names); half of them start from a body
// the action accepts with one or two fields spoiled, so that they get past the
// first checks and reach the models. The answer is never a 5xx nor an
// unexpected exception, and when it is a 4xx the database is exactly as before
// (every table's content, except the audit log and the sessions; 429 once the
// rate limits wake up is a 4xx too).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { action as adminUsersAction } from "../../app/routes/admin.utilisateurs";
import { action as profileAction } from "../../app/routes/candidat.profil";
import { action as loginAction } from "../../app/routes/connexion";
import { action as moderationAction } from "../../app/routes/conseiller.moderation";
import { action as newOfferAction } from "../../app/routes/employeur.offres.nouvelle";
import { action as registerAction } from "../../app/routes/inscription";
import { action as applyAction } from "../../app/routes/offres.$offerId.postuler";
import { action as reportAction } from "../../app/routes/offres.$offerId.signaler";
import { userActionSchema } from "../../app/schemas/admin";
import { applySchema } from "../../app/schemas/application";
import { loginSchema, registrationSchema } from "../../app/schemas/auth";
import { moderationSchema } from "../../app/schemas/moderation";
import { offerSchema } from "../../app/schemas/offer";
import { profileSchema } from "../../app/schemas/profile";
import { reportSchema } from "../../app/schemas/report";
import { getDb } from "../../app/utils/db.server";
import {
  insertCandidate,
  insertEmployer,
  insertOffer,
  insertUser,
  requestWithCookie,
  sessionCookieFor,
} from "../helpers/factories";
import { fieldNames, hostileForm, intents, mutatedForm } from "../helpers/hostile";
import { offerFields } from "../helpers/offers";

// The pay and duration of each offer type have their own names in the form (`emploi_payAmount`).
const OFFER_TYPE_FIELDS = ["emploi", "apprentissage", "stage", "formation"].flatMap((type) => [
  `${type}_payAmount`,
  `${type}_durationMonths`,
]);

const RUNS = 40;
const EXCLUDED_TABLES = new Set(["audit_log", "sessions"]);

type Action = (args: never) => unknown;

/** Every table's rows (but the audit log and sessions), to compare before and after. */
function snapshot(): Record<string, string> {
  const client = getDb().$client;
  const tables = client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as Array<{ name: string }>;
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    if (EXCLUDED_TABLES.has(name)) continue;
    const rows = client.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all();
    result[name] = JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString("base64") : v));
  }
  return result;
}

function counts(snap: Record<string, string>) {
  return Object.fromEntries(Object.entries(snap).map(([name, rows]) => [name, (JSON.parse(rows) as unknown[]).length]));
}

const isDataWithInit = (value: unknown): value is { init: ResponseInit | null } =>
  typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";

/** The HTTP status the server would send for what the action returned or threw. */
function statusOf(outcome: unknown): number {
  if (outcome instanceof Response) return outcome.status;
  if (isDataWithInit(outcome)) return outcome.init?.status ?? 200;
  if (outcome instanceof Error) return 500;
  return 200;
}

let posted = 0;

/**
 * Posts the body to the case's action with its session, and gives what it
 * returned or threw. In values, `{n}` becomes a number of its own (e-mails that
 * must be new) and `{offer}` the offer to moderate.
 */
async function post(c: Case, entries: Array<[string, string]>, ip: string): Promise<unknown> {
  const body = new FormData();
  posted++;
  for (const [key, value] of entries) {
    body.append(key, value.replaceAll("{n}", String(posted)).replaceAll("{offer}", String(ids.moderatedOffer)));
  }
  const request = requestWithCookie(`http://localhost${c.path()}`, c.cookie(), { method: "POST", body });
  try {
    return await c.action({ request, params: c.params(), context: { clientIp: ip } } as never);
  } catch (error) {
    // A thrown Response or data() is how an action answers 4xx and redirects; anything else is a crash.
    if (error instanceof Response || isDataWithInit(error)) return error;
    return error instanceof Error ? error : new Error(`threw ${String(error)}`);
  }
}

const entriesOf = (fields: Record<string, string | string[]>) =>
  Object.entries(fields).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v): [string, string] => [key, v]),
  );

type Case = {
  name: string;
  action: Action;
  path: () => string;
  params: () => Record<string, string>;
  fields: string[];
  intents?: string[];
  /** The field whose real values pick a branch ("intent" unless said). */
  key?: string;
  cookie: () => string | undefined;
  /** A body the action accepts, mutated by the property to reach past validation. */
  valid: () => Record<string, string | string[]>;
  /** Called before each run (and its snapshot): a new offer to report or moderate. */
  fresh?: () => void;
};

const ids = { org: 0, reportOffer: 0, applyOffer: 0, moderatedOffer: 0, target: 0 };
const cookies = { candidate: "", employer: "", counsellor: "", admin: "" };

beforeAll(async () => {
  const db = getDb();
  const candidate = await insertCandidate(db);
  const { user: employer, org } = await insertEmployer(db, "verified");
  const counsellor = await insertUser(db, { role: "conseiller", password: null });
  const admin = await insertUser(db, { role: "admin", password: null });
  ids.org = org.id;
  // One offer per case: three reports suspend an offer, moderation rejects one.
  ids.reportOffer = insertOffer(db, { orgId: org.id }).id;
  ids.applyOffer = insertOffer(db, { orgId: org.id }).id;
  ids.moderatedOffer = insertOffer(db, { orgId: org.id, status: "pending" }).id;
  // Whom the admin's forms act on (not a user whose session another case uses).
  ids.target = (await insertCandidate(db)).id;
  await insertUser(db, { role: "candidat", phone: "+22370000001" });
  cookies.candidate = await sessionCookieFor(db, candidate.id);
  cookies.employer = await sessionCookieFor(db, employer.id);
  cookies.counsellor = await sessionCookieFor(db, counsellor.id);
  cookies.admin = await sessionCookieFor(db, admin.id);
});

const CASES: Case[] = [
  {
    name: "registration /inscription (visitor)",
    action: registerAction,
    path: () => "/inscription",
    params: () => ({}),
    fields: [...fieldNames(registrationSchema), "redirectTo"],
    intents: intents(registrationSchema),
    key: "accountType",
    valid: () => ({
      accountType: "candidat",
      firstName: "Awa",
      lastName: "Diarra",
      phone: "",
      email: "awa.{n}@test.ml",
      password: "bamako2026",
      passwordConfirm: "bamako2026",
      consent: "on",
    }),
    cookie: () => undefined,
  },
  {
    name: "login /connexion (visitor)",
    action: loginAction,
    path: () => "/connexion",
    params: () => ({}),
    fields: fieldNames(loginSchema),
    valid: () => ({ identifier: "70 00 00 01", password: "bamako2026", redirectTo: "/candidat" }),
    cookie: () => undefined,
  },
  {
    name: "report /offres/:id/signaler (visitor)",
    action: reportAction,
    path: () => `/offres/${ids.reportOffer}/signaler`,
    params: () => ({ offerId: String(ids.reportOffer) }),
    fields: fieldNames(reportSchema),
    fresh: () => {
      ids.reportOffer = insertOffer(getDb(), { orgId: ids.org }).id;
    },
    valid: () => ({ reason: "other", details: "Il demande de l'argent avant l'entretien." }),
    cookie: () => undefined,
  },
  {
    name: "apply /offres/:id/postuler (candidate)",
    action: applyAction,
    path: () => `/offres/${ids.applyOffer}/postuler`,
    params: () => ({ offerId: String(ids.applyOffer) }),
    fields: fieldNames(applySchema),
    valid: () => ({ message: "Bonjour, je suis disponible.", cvFileId: "" }),
    cookie: () => cookies.candidate,
  },
  {
    name: "new offer /employeur/offres/nouvelle (verified employer)",
    action: newOfferAction,
    path: () => "/employeur/offres/nouvelle",
    params: () => ({}),
    fields: [...fieldNames(offerSchema), "intent", ...OFFER_TYPE_FIELDS],
    intents: ["draft", "submit"],
    valid: () => {
      const { payAmount, ...fields } = offerFields();
      return { intent: "draft", ...fields, emploi_payAmount: payAmount! };
    },
    cookie: () => cookies.employer,
  },
  {
    name: "profile /candidat/profil (candidate)",
    action: profileAction,
    path: () => "/candidat/profil",
    params: () => ({}),
    fields: fieldNames(profileSchema({ consentNeeded: true, today: "2026-06-15" })),
    valid: () => ({
      intent: "profile.save",
      firstName: "Awa",
      lastName: "Diarra",
      region: "bamako",
      languages: ["fr", "bm"],
      consent: "on",
    }),
    intents: ["profile.save", "cv.upload"],
    cookie: () => cookies.candidate,
  },
  {
    name: "moderation /conseiller/moderation (counsellor)",
    action: moderationAction,
    path: () => "/conseiller/moderation",
    params: () => ({}),
    fields: fieldNames(moderationSchema),
    fresh: () => {
      ids.moderatedOffer = insertOffer(getDb(), { orgId: ids.org, status: "pending" }).id;
    },
    intents: intents(moderationSchema),
    valid: () => ({ intent: "offer.reject", offerId: "{offer}", reason: "Le salaire n'est pas indiqué." }),
    cookie: () => cookies.counsellor,
  },
  {
    name: "users /admin/utilisateurs (admin)",
    action: adminUsersAction,
    path: () => "/admin/utilisateurs",
    params: () => ({}),
    fields: fieldNames(userActionSchema),
    intents: intents(userActionSchema),
    valid: () => ({ intent: "role", userId: String(ids.target), role: "candidat" }),
    cookie: () => cookies.admin,
  },
];

describe("hostile form bodies posted to the main actions", () => {
  for (const c of CASES) {
    it(`${c.name}: the valid body the property starts from is accepted`, async () => {
      c.fresh?.();
      const outcome = await post(c, entriesOf(c.valid()), "10.7.7.7");
      const status = statusOf(outcome);
      expect(status, JSON.stringify((outcome as { data?: unknown }).data)).toBeLessThan(400);
    });

    it(`${c.name}: never a 5xx, and a refusal leaves the database as it was`, async () => {
      let n = 0;
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(hostileForm(c.fields, c.intents ?? [], c.key), mutatedForm(c.valid())),
          async (body) => {
            c.fresh?.();
            const before = snapshot();
            // Half of the runs from the same address (the rate limits answer 429), half from fresh ones.
            const ip = n++ % 2 === 0 ? "10.9.9.9" : `10.8.${n >> 8}.${n & 255}`;
            const outcome = await post(c, body, ip);
            const status = statusOf(outcome);
            seen.set(status, (seen.get(status) ?? 0) + 1);
            // An unexpected exception counts as the 500 the server would send; its stack is shown.
            expect(status, outcome instanceof Error ? outcome.stack : `answered ${status}`).toBeLessThan(500);
            if (status >= 400) {
              const after = snapshot();
              const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
              const rows = JSON.stringify({ before: counts(before), after: counts(after) });
              expect(changed, `answered ${status} but changed the database: ${rows}`).toEqual([]);
            }
          },
        ),
        { numRuns: RUNS },
      );
      // The session was accepted and the form reached its validation: some bodies were refused with 400.
      expect(seen.get(400) ?? 0).toBeGreaterThan(0);
    });
  }
});
