// `npm run demo` / `npx tsx db/seed.ts [--employers N] [--offers N] [--candidates N] [--applications N] [--seed N]
//   [--caseload N]` (the demo counsellor follows N people: db/seed/caseload.ts)
//
// Fills an empty database with believable Malian demo data (README
// "Demo accounts"). A database that already has users is left untouched, so running the
// demo twice keeps what people entered. Everything is drawn from one seeded
// random source: two runs on empty databases give the same content, with dates
// relative to the day of the run. All rows go in one synchronous transaction,
// so an interrupted seed leaves the database empty rather than half-filled.

import { assignMissingShortCodes } from "../app/models/offer-codes.server";
import { databasePath, openDb } from "../app/utils/db.server";
import { hashPassword } from "../app/utils/password.server";
import { insertApplications, planApplications, planDemoApplications } from "./seed/applications";
import { createCallbackRequests } from "./seed/callbacks";
import { createCaseload } from "./seed/caseload";
import { makeCtx } from "./seed/context";
import { auditModeration, createDemoNotifications, createFraudReports, createSavedSearches } from "./seed/extras";
import { insertOffers, planOffers } from "./seed/offers";
import { createEmployers } from "./seed/organisations";
import { createPartnerships } from "./seed/partnerships";
import { createCandidates, createDemoCandidate, createStaff } from "./seed/people";
import { createPlacements } from "./seed/placements";
import { Rng } from "./seed/random";

const DEFAULTS = { employers: 60, offers: 400, candidates: 3000, applications: 6000, seed: 20240729, caseload: 0 };
const MINIMUMS = { employers: 1, offers: 1, candidates: 1, applications: 0, seed: 0, caseload: 0 };
type Options = typeof DEFAULTS;

class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split("=", 2) as [string, string | undefined];
    const name = flag.replace(/^--/, "") as keyof Options;
    if (!flag.startsWith("--") || !(name in DEFAULTS)) {
      throw new UsageError(
        `Unknown option ${flag}. Options: ${Object.keys(DEFAULTS)
          .map((k) => `--${k} N`)
          .join(", ")}`,
      );
    }
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < MINIMUMS[name]) {
      throw new UsageError(`--${name} needs a whole number of at least ${MINIMUMS[name]} (got ${raw ?? "nothing"})`);
    }
    options[name] = value;
  }
  // The caseload is drawn from the candidates (the demo candidate apart).
  if (options.candidates < options.caseload + 1) options.candidates = options.caseload + 1;
  return options;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const db = openDb();
  const sql = db.$client;
  const existing = sql.prepare("SELECT count(*) AS n FROM users").get() as { n: number };
  if (existing.n > 0) {
    console.log(`${databasePath()} already has data (${existing.n} users): nothing seeded.`);
    sql.close();
    return;
  }

  // scrypt is slow on purpose: hash once, share the hash among all demo accounts.
  const passwordHash = await hashPassword("baara-demo");
  const ctx = makeCtx(sql, new Rng(options.seed), passwordHash);

  const counts = sql.transaction(() => {
    const staff = createStaff(ctx);
    const orgs = createEmployers(ctx, staff, options.employers);
    const { offers, demo: demoOffers } = planOffers(ctx, orgs, options.offers);
    const aminata = createDemoCandidate(ctx, staff);
    const candidates = createCandidates(ctx, staff, options.candidates - 1);
    const apps = planApplications(ctx, staff, offers, candidates, options.applications);
    const demoApps = planDemoApplications(ctx, staff, offers, demoOffers, aminata);
    insertOffers(ctx, offers);
    insertApplications(ctx, [...apps, ...demoApps]);
    auditModeration(ctx, staff, offers);
    return {
      placements: createPlacements(ctx, staff, apps, orgs, candidates),
      fraudReports: createFraudReports(ctx, offers, candidates),
      notifications: createDemoNotifications(ctx, demoApps),
      savedSearches: createSavedSearches(ctx, aminata, candidates),
      callbackRequests: createCallbackRequests(ctx, staff, candidates),
      // From its own random stream, so that the rows seeded before it are the same as without it.
      partnerships: createPartnerships({ ...ctx, rng: new Rng(options.seed + 2) }, staff, orgs, candidates),
      // Last, so that the rest of the demo data is the same with or without it.
      caseload: options.caseload > 0 ? createCaseload(ctx, staff, candidates, options.caseload) : null,
    };
  })();
  // Keypad codes for the published offers (USSD, SMS), from their own random stream.
  const codeRng = new Rng(options.seed + 1);
  assignMissingShortCodes(db, () => codeRng.next());
  sql.pragma("wal_checkpoint(TRUNCATE)");
  sql.exec("ANALYZE");

  const tables = [
    "users",
    "organisations",
    "memberships",
    "candidate_profiles",
    "candidate_trades",
    "candidate_notes",
    "offers",
    "applications",
    "application_events",
    "placements",
    "placement_followups",
    "programmes",
    "partnerships",
    "conventions",
    "training_outcomes",
    "fraud_reports",
    "saved_searches",
    "notifications",
    "audit_log",
  ];
  console.log(`Seeded ${databasePath()} in ${((performance.now() - started) / 1000).toFixed(1)} s:`);
  for (const table of tables) {
    const { n } = sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
    console.log(`  ${table.padEnd(20)} ${n}`);
  }
  const byStatus = sql.prepare("SELECT status, count(*) AS n FROM offers GROUP BY status ORDER BY n DESC").all() as {
    status: string;
    n: number;
  }[];
  console.log(`  offers by status     ${byStatus.map((r) => `${r.status} ${r.n}`).join(", ")}`);
  console.log(
    `  placements           ${counts.placements.portal} from the portal, ${counts.placements.outside} found outside it`,
  );
  if (counts.caseload) {
    console.log(
      `  caseload             conseiller@baara.demo follows ${counts.caseload.people} people, ${counts.caseload.placements} newly placed`,
    );
  }
  console.log(
    "Accounts (password baara-demo): admin@baara.demo, conseiller@baara.demo, employeur@baara.demo, candidat@baara.demo (or 70 00 00 01)",
  );
  sql.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
