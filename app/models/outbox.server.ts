// The queue of SMS and e-mails: messages wait in the outbox table, are rendered in
// their language, then handed to a transport (app/utils/transports.server.ts).
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, inArray, isNull, like, lte, or, sql } from "drizzle-orm";
import { createInstance, type TFunction } from "i18next";
import { channelNumbers } from "~/utils/channel-numbers";
import type { Db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { isGsm7, smsShape, toGsm7 } from "~/utils/gsm7";
import { publicUrl } from "~/utils/public-url.server";
import type { Transport } from "~/utils/transports.server";
import { outbox } from "../../db/schema";
import { isSmsStopped } from "./phone-numbers.server";

export const MAX_ATTEMPTS = 5;

/** What a secret (a one-time code, a link carrying a token) becomes once its message is sent or given up. */
export const ERASED_SECRET = "[effacé]";
// The payload's own list of its secret keys; `code` and `token` are secret even when nobody said so.
const SECRET_KEYS = "$secret";
const ALWAYS_SECRET = ["code", "token"];

/** A message payload whose `secrets` are needed to send it, then erased from the database. */
export function secretPayload(
  values: Record<string, unknown>,
  secrets: Record<string, string>,
): Record<string, unknown> {
  return { ...values, ...secrets, [SECRET_KEYS]: Object.keys(secrets) };
}

function eraseSecrets(payload: Record<string, unknown>) {
  const declared = Array.isArray(payload[SECRET_KEYS]) ? (payload[SECRET_KEYS] as unknown[]) : [];
  const erased = { ...payload };
  for (const key of [...declared, ...ALWAYS_SECRET]) {
    if (typeof key === "string" && key in erased && key !== SECRET_KEYS) erased[key] = ERASED_SECRET;
  }
  return erased;
}

/**
 * Erases the secrets that finished (sent or failed) messages still hold: those
 * queued before secrets were erased at sending, whose invitation links were not
 * yet declared secret. A daily chore (`npm run jobs`); returns how many changed.
 */
export function eraseFinishedSecrets(db: Db) {
  const rows = db
    .select({ id: outbox.id, template: outbox.template, payload: outbox.payload })
    .from(outbox)
    .where(
      and(
        inArray(outbox.status, ["sent", "failed"]),
        sql`instr(${outbox.payload}, ${ERASED_SECRET}) = 0`,
        or(
          eq(outbox.template, "invitation"),
          ...[SECRET_KEYS, ...ALWAYS_SECRET].map((key) => like(outbox.payload, `%"${key}"%`)),
        ),
      ),
    )
    .all();
  let changed = 0;
  for (const row of rows) {
    const declared =
      row.template === "invitation" && !(SECRET_KEYS in row.payload)
        ? { ...row.payload, [SECRET_KEYS]: ["link"] }
        : row.payload;
    const payload = eraseSecrets(declared);
    if (JSON.stringify(payload) === JSON.stringify(declared)) continue;
    db.update(outbox).set({ payload }).where(eq(outbox.id, row.id)).run();
    changed++;
  }
  return changed;
}

type Translator = { t: TFunction; exists: (key: string) => boolean };
let translators: Promise<Record<string, Translator>> | undefined;

// The namespaces messages are written in: `messages` (the portal's news), `sms` (answers
// to inbound SMS) and `ussd` (what follows a USSD step); a template names its namespace as
// `sms:reply.help`, `messages` being the default.
const MESSAGE_NAMESPACES = ["messages", "sms", "ussd"];
const MESSAGE_LOCALES = ["fr", "en", "bm"];

function readNamespaces(lng: string) {
  const found: Record<string, Record<string, string>> = {};
  for (const ns of MESSAGE_NAMESPACES) {
    const file = path.resolve(process.cwd(), "locales", lng, `${ns}.json`);
    if (fs.existsSync(file)) found[ns] = JSON.parse(fs.readFileSync(file, "utf8"));
  }
  return found;
}

/** Message templates live in locales/<lng>/, like every other text; one not yet in Bamanankan goes in French. */
function messageTranslators() {
  translators ??= (async () => {
    const result: Record<string, Translator> = {};
    const french = readNamespaces("fr");
    for (const lng of MESSAGE_LOCALES) {
      const instance = createInstance();
      await instance.init({
        lng,
        fallbackLng: "fr",
        resources: { fr: french, [lng]: lng === "fr" ? french : readNamespaces(lng) },
        ns: MESSAGE_NAMESPACES,
        defaultNS: "messages",
        interpolation: { escapeValue: false },
        showSupportNotice: false,
      });
      result[lng] = { t: instance.t, exists: (key) => instance.exists(key) };
    }
    return result;
  })();
  return translators;
}

/** What any message may name without its payload: the USSD code, the SMS number, the website. */
export function channelValues() {
  const { ussdCode, smsNumber } = channelNumbers();
  return { ussd: ussdCode, number: smsNumber, site: publicUrl("").replace(/^https?:\/\//, "") };
}

/** The text of a message in its language; links become absolute (PUBLIC_URL). */
export async function renderMessage(row: {
  template: string;
  locale: string;
  channel: string;
  payload: Record<string, unknown>;
}) {
  const all = await messageTranslators();
  const { t, exists } = all[row.locale] ?? all.fr!;
  const key = row.template;
  const textKey = `${key}.${row.channel === "sms" ? "sms" : "body"}`;
  // i18next answers an unknown key with the key itself: never send "application.x.sms" to someone.
  if (!exists(textKey)) throw new Error(`no message template ${textKey}`);
  const link = typeof row.payload.link === "string" ? publicUrl(row.payload.link) : "";
  const values = { ...channelValues(), ...row.payload, link, ...readableInterview(row.payload, row.locale) };
  const text = t(textKey, values);
  // A value nobody gave stays `{{name}}` in i18next's output: never send that to a person.
  if (/\{\{\s*\w+\s*\}\}/.test(text)) throw new Error(`message ${key} lacks a value: ${text.slice(0, 80)}`);
  return {
    subject: row.channel === "email" ? t(`${key}.subject`, values) : null,
    text: row.channel === "sms" ? smsText(text, row.payload) : text,
  };
}

// A payload value under a key ending in `name` is a name (`orgName`, `requestedName`, `candidateName`).
const NAME_KEY = /name$/i;

/**
 * An SMS in GSM-7 letters (160 a segment, every phone shows them): ê → e, « → ", ɛ → e.
 * Except when a name the message carries has letters GSM-7 lacks (a company called
 * « Ɲɛtaa », a person called Zoë): folding would misspell it, so the text goes as written
 * and the operator sends it in UCS-2 (70 a segment). Titles and places are folded.
 */
export function smsText(text: string, payload: Record<string, unknown>) {
  const namesOutsideGsm7 = Object.entries(payload).some(
    ([key, value]) => NAME_KEY.test(key) && typeof value === "string" && !isGsm7(value),
  );
  return namesOutsideGsm7 ? text : toGsm7(text);
}

/**
 * Sent to a number that asked STOP all the same: a one-time code the person just asked for
 * (its payload declares `code` secret) and what says `$always` (the STOP and START confirmations).
 */
function sentDespiteStop(payload: Record<string, unknown>) {
  const secrets = payload[SECRET_KEYS];
  return payload.$always === true || (Array.isArray(secrets) && secrets.includes("code"));
}

/** `2026-03-10T09:30` (as the form sends it, Mali time = UTC) as `10 mars 2026, 09:30`. */
function readableInterview(payload: Record<string, unknown>, locale: string) {
  const at = payload.interviewAt;
  if (typeof at !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at)) return {};
  const time = Date.parse(`${at}:00Z`);
  return Number.isNaN(time) ? {} : { interviewAt: formatDateTime(time, locale) };
}

/**
 * Sends what is pending. Each message is first claimed (pending → sending) so
 * that two runs never send it twice; a failure puts it back with a growing
 * delay (1, 2, 4, 8 minutes ...), and after 5 attempts it stays `failed`.
 * A message left `sending` by a crash is never resent automatically.
 * Once sent, or failed for good, its secrets are erased (`secretPayload`).
 * An SMS to a number that asked STOP becomes `stopped` instead (`sentDespiteStop` aside).
 */
export async function sendPendingMessages(db: Db, transport: Transport, now = Date.now(), limit = 200) {
  const due = db
    .select()
    .from(outbox)
    .where(
      and(eq(outbox.status, "pending"), or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, new Date(now)))),
    )
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all();
  const result = { sent: 0, failed: 0, retried: 0, stopped: 0 };
  for (const row of due) {
    if (row.channel === "sms" && !sentDespiteStop(row.payload) && isSmsStopped(db, row.recipient)) {
      // Not an error and never retried: the person said no more SMS.
      const stopped = db
        .update(outbox)
        .set({ status: "stopped", nextAttemptAt: null, payload: eraseSecrets(row.payload) })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, "pending"), eq(outbox.attempts, row.attempts)))
        .run().changes;
      result.stopped += stopped;
      continue;
    }
    // Claimed only as it was read: a run started at the same time that has
    // meanwhile failed it (and put it back for later) must not resend it at once.
    const claimed = db
      .update(outbox)
      .set({ status: "sending", attempts: row.attempts + 1 })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, "pending"), eq(outbox.attempts, row.attempts)))
      .run().changes;
    if (claimed === 0) continue;
    try {
      const { subject, text } = await renderMessage(row);
      await transport.send({ id: row.id, channel: row.channel, recipient: row.recipient, subject, text });
      const shape = row.channel === "sms" ? smsShape(text) : null;
      db.update(outbox)
        .set({
          status: "sent",
          sentAt: new Date(now),
          lastError: null,
          payload: eraseSecrets(row.payload),
          encoding: shape?.encoding ?? null,
          segments: shape?.segments ?? null,
        })
        .where(eq(outbox.id, row.id))
        .run();
      result.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const final = attempts >= MAX_ATTEMPTS;
      db.update(outbox)
        .set({
          status: final ? "failed" : "pending",
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
          nextAttemptAt: final ? null : new Date(now + 60_000 * 2 ** (attempts - 1)),
          // Kept while a retry needs it, erased once nobody will send it.
          ...(final ? { payload: eraseSecrets(row.payload) } : {}),
        })
        .where(eq(outbox.id, row.id))
        .run();
      if (final) result.failed++;
      else result.retried++;
    }
  }
  return result;
}
