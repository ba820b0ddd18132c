// What every seed step shares: the raw SQLite handle, the random source, "now",
// the one password hash, and the registries that keep phones and e-mails unique.
import type Database from "better-sqlite3";
import type { Trade } from "../../app/utils/reference";
import type { Sex } from "./names";
import { DAY, isoDate, PhoneBook, type Rng } from "./random";

export interface Ctx {
  sql: Database.Database;
  rng: Rng;
  /** The day the seed runs, as epoch ms: every date is relative to it. */
  now: number;
  today: string;
  passwordHash: string;
  phones: PhoneBook;
  emails: Set<string>;
}

export function makeCtx(sql: Database.Database, rng: Rng, passwordHash: string): Ctx {
  // Midnight UTC today: two runs on the same day give identical rows, timestamps included.
  const now = Math.floor(Date.now() / DAY) * DAY;
  return { sql, rng, now, today: isoDate(now), passwordHash, phones: new PhoneBook(rng), emails: new Set() };
}

export interface Counsellor {
  id: number;
  /** Short name of the partner body: OIM, ANPE, APEJ, CNPM, CCIM. */
  body: string;
}

export interface Staff {
  adminId: number;
  demoCounsellorId: number;
  counsellors: Counsellor[];
}

export type OrgStage = "established" | "new" | "unverified" | "suspended";

export interface Org {
  id: number;
  name: string;
  sector: string;
  region: string;
  commune: string;
  stage: OrgStage;
  createdAt: number;
  verifiedAt: number | null;
  suspendedAt: number | null;
  /** User ids; the owner first. */
  members: number[];
  /** How often the organisation posts, relative to others. */
  weight: number;
  isDemo: boolean;
}

export interface Candidate {
  id: number;
  createdAt: number;
  sex: Sex;
  region: string;
  trades: Trade[];
  counsellorId: number | null;
}

type Value = string | number | boolean | null | undefined | object;

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** INSERT one row through a cached prepared statement; returns the new rowid. */
export function insert(ctx: Ctx, table: string, row: Record<string, Value>): number {
  const columns = Object.keys(row);
  const key = `${table}(${columns.join(",")})`;
  let statements = cache.get(ctx.sql);
  if (!statements) {
    statements = new Map();
    cache.set(ctx.sql, statements);
  }
  let stmt = statements.get(key);
  if (!stmt) {
    const placeholders = columns.map(() => "?").join(", ");
    stmt = ctx.sql.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders})`);
    statements.set(key, stmt);
  }
  const values = columns.map((column) => {
    const value = row[column];
    if (value === undefined || value === null) return null;
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "object") return JSON.stringify(value);
    return value;
  });
  return Number(stmt.run(values).lastInsertRowid);
}

/** A user with the shared demo password; their phone, if any, confirmed when the account was made. */
export function insertUser(
  ctx: Ctx,
  user: {
    role: "candidat" | "employeur" | "conseiller" | "admin";
    displayName: string;
    phone?: string | null;
    email?: string | null;
    createdAt: number;
    lastLoginAt?: number | null;
    locale?: "fr" | "en";
  },
): number {
  if (user.email) ctx.emails.add(user.email);
  return insert(ctx, "users", {
    role: user.role,
    phone: user.phone ?? null,
    phone_confirmed_at: user.phone ? Math.round(user.createdAt) : null,
    email: user.email ?? null,
    password_hash: ctx.passwordHash,
    display_name: user.displayName,
    locale: user.locale ?? "fr",
    created_at: Math.round(user.createdAt),
    last_login_at: user.lastLoginAt == null ? null : Math.round(user.lastLoginAt),
  });
}

/** A unique e-mail address: adds a number when the address is taken. */
export function uniqueEmail(ctx: Ctx, local: string, domain: string): string {
  let email = `${local}@${domain}`;
  for (let n = 2; ctx.emails.has(email); n++) email = `${local}${n}@${domain}`;
  ctx.emails.add(email);
  return email;
}

export function audit(
  ctx: Ctx,
  entry: {
    actorId: number | null;
    action: string;
    subjectType: string;
    subjectId: number;
    detail?: object;
    at: number;
  },
) {
  insert(ctx, "audit_log", {
    actor_id: entry.actorId,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: String(entry.subjectId),
    detail: entry.detail ?? null,
    ip: null,
    created_at: Math.round(entry.at),
  });
}
