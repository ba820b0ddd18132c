// One step of a USSD session. The aggregator sends every input so far (`1*2*3`); the
// menu replays them from the start on each step (0 back, 00 home, 9 more), keeping
// in ussd_sessions what replay cannot find again (a PIN checked, an account made,
// an application sent) and the last screen: the same step sent twice is answered
// again with it, and acts once.
import { createHash } from "node:crypto";
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import { gatewayPhone, phoneLocale } from "~/models/phone-numbers.server";
import type { Db } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import { users, ussdSessions } from "../../../db/schema";
import { accountScreens } from "./account.server";
import { applicationScreens } from "./applications.server";
import { browseScreens } from "./browse.server";
import { findScreens } from "./find.server";
import { type Line, say, screen } from "./text.server";
import type { Account, Ctx, Node, NodeHandlers, SessionState, Step } from "./types.server";

const HOUR_MS = 3_600_000;

/** New sessions one number may open in an hour (a person dials a few times; a script, hundreds). */
export const USSD_SESSIONS_PER_HOUR = 30;
/** Sessions are forgotten a day after their last step (the hourly limit needs only the last hour). */
const KEEP_SESSIONS_MS = 24 * HOUR_MS;
/** Inputs one session may hold; real sessions end far sooner (the operator cuts them after a few minutes). */
export const USSD_MAX_INPUTS = 60;

const SCREENS: NodeHandlers = { ...browseScreens, ...findScreens, ...accountScreens, ...applicationScreens };

type Dispatch = {
  render: (node: Node, ctx: Ctx, note: string | null) => Promise<Line[]> | Line[];
  handle: (node: Node, input: string, ctx: Ctx) => Promise<Step> | Step;
};
const screensOf = (node: Node) => SCREENS[node.kind] as unknown as Dispatch;

export type UssdStep = { sessionId: string | null; phoneNumber: string | null; text: string | null; now?: Date };

/** What a number is to Baara: a candidate (with a PIN or not), nobody, or an account that cannot use the menu. */
function accountOf(db: Db, phone: string): Account {
  const user = db
    .select({
      id: users.id,
      role: users.role,
      deletedAt: users.deletedAt,
      disabledAt: users.disabledAt,
      pinHash: users.pinHash,
    })
    .from(users)
    .where(eq(users.phone, phone))
    .get();
  if (!user) return { kind: "none" };
  if (user.role !== "candidat" || user.deletedAt || user.disabledAt) return { kind: "other" };
  return { kind: "candidate", userId: user.id, hasPin: Boolean(user.pinHash) };
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Minutes until this number may open a session again, or 0. */
function sessionWait(db: Db, phone: string, now: Date) {
  const since = new Date(now.getTime() - HOUR_MS);
  const recent = and(eq(ussdSessions.phone, phone), gt(ussdSessions.createdAt, since));
  const count = db.select({ n: sql<number>`count(*)` }).from(ussdSessions).where(recent).get()?.n ?? 0;
  if (count < USSD_SESSIONS_PER_HOUR) return 0;
  const oldest = db
    .select({ at: ussdSessions.createdAt })
    .from(ussdSessions)
    .where(recent)
    .orderBy(asc(ussdSessions.createdAt))
    .limit(1)
    .offset(count - USSD_SESSIONS_PER_HOUR)
    .get();
  return Math.max(1, Math.ceil(((oldest?.at.getTime() ?? now.getTime()) + HOUR_MS - now.getTime()) / 60_000));
}

async function replay(ctx: Ctx, inputs: string[]): Promise<string> {
  const root = (): Node => (ctx.localeChosen ? { kind: "main" } : { kind: "lang" });
  let stack: Node[] = [root()];
  let note: string | null = null;
  for (const [index, input] of inputs.entries()) {
    ctx.index = index;
    note = null;
    if (input === "00") stack = [root()];
    else if (input === "0") stack = stack.length > 1 ? stack.slice(0, -1) : stack;
    else {
      const step = await screensOf(stack.at(-1)!).handle(stack.at(-1)!, input, ctx);
      if ("end" in step) return screen("END", step.end);
      if ("push" in step) stack.push(step.push);
      else if ("pop" in step) {
        stack = stack.length > 1 ? stack.slice(0, -1) : stack;
        note = step.note ?? null;
      } else if ("reset" in step) stack = [step.reset];
      else if ("replace" in step) {
        stack[stack.length - 1] = step.replace;
        note = step.note ?? null;
      } else note = step.invalid;
    }
  }
  const top = stack.at(-1)!;
  return screen("CON", await screensOf(top).render(top, ctx, note));
}

/** The screen answering one step of a session (`CON …` or `END …`). */
export async function answerUssd(db: Db, step: UssdStep): Promise<string> {
  const now = step.now ?? new Date();
  const sessionId = (step.sessionId ?? "").trim().slice(0, 200);
  const phone = gatewayPhone(step.phoneNumber);
  if (!sessionId || !phone) return screen("END", [say("fr", "noSession")]);
  const text = step.text ?? "";
  const textDigest = digest(text);
  const row = db.select().from(ussdSessions).where(eq(ussdSessions.sessionId, sessionId)).get();
  // A session id is one phone's: another number naming it learns nothing of it.
  if (row && row.phone !== phone) return screen("END", [say("fr", "noSession")]);
  if (row && row.lastText === textDigest) return row.lastScreen;
  const state = (row?.state ?? {}) as SessionState;
  state.start ??= { locale: phoneLocale(db, phone) as Locale | null, account: accountOf(db, phone) };
  const locale = state.start.locale ?? "fr";
  if (!row) {
    db.delete(ussdSessions)
      .where(lt(ussdSessions.updatedAt, new Date(now.getTime() - KEEP_SESSIONS_MS)))
      .run();
    const wait = sessionWait(db, phone, now);
    if (wait > 0) return screen("END", [say(locale, "limited", { minutes: wait })]);
  }
  const inputs = text === "" ? [] : text.split("*").map((input) => input.trim());
  const ctx: Ctx = { db, phone, now, locale, localeChosen: state.start.locale !== null, state, index: 0 };
  const answer = inputs.length > USSD_MAX_INPUTS ? screen("END", [say(locale, "tooLong")]) : await replay(ctx, inputs);
  // The text itself holds the PINs typed: only its digest is kept.
  db.insert(ussdSessions)
    .values({ sessionId, phone, lastText: textDigest, lastScreen: answer, state, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: ussdSessions.sessionId,
      set: { lastText: textDigest, lastScreen: answer, state, updatedAt: now },
    })
    .run();
  return answer;
}
