// Two-way SMS through the real route and database: each keyword in French and
// Bambara (any case, accents, spaces), the PIN, STOP and START with the outbox,
// a gateway's retried id, the hourly limit, hostile texts and bodies, and
// another person's applications never shown.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { renderMessage, sendPendingMessages } from "../../app/models/outbox.server";
import { queuePhoneMessage } from "../../app/models/phone-messages.server";
import { setPin } from "../../app/models/pin.server";
import { SMS_PER_HOUR } from "../../app/models/sms/inbound.server";
import { action } from "../../app/routes/api.sms";
import { DEMO_CHANNEL_TOKEN } from "../../app/utils/channel-auth.server";
import { getDb } from "../../app/utils/db.server";
import { smsShape } from "../../app/utils/gsm7";
import { applications, auditLog, inboundSms, outbox, phoneNumbers } from "../../db/schema";
import { insertApplication, insertCandidate, insertOffer, insertOrganisation } from "../helpers/factories";

const PIN = "4826";
let seq = 0;
const ids = { awa: 0, moussa: 0, macon: 0, closed: 0, other: 0 };
const codes = { macon: "", closed: "" };
const AWA = "+22376100001";
const MOUSSA = "+22376100002";
const NOBODY = "+22376100003";

async function post(body: BodyInit, headers: Record<string, string>, token = DEMO_CHANNEL_TOKEN) {
  const request = new Request(`http://localhost/api/sms?token=${token}`, { method: "POST", body, headers });
  return (await action({ request, params: {}, context: {} } as never)) as Response;
}

/** An SMS from `from`, form-encoded as aggregators send it; a fresh gateway id unless given. */
function sms(from: string, text: string, id = `gw-${++seq}`) {
  const form = new URLSearchParams({ from, to: "3622", text, id, date: "2026-12-02 10:00:00" });
  return post(form, { "Content-Type": "application/x-www-form-urlencoded" });
}

const rowsTo = (phone: string) =>
  getDb().select().from(outbox).where(eq(outbox.recipient, phone)).orderBy(outbox.id).all();

/** The text of the last SMS queued for this number, as the outbox renders it; and its locale. */
async function lastReply(phone: string) {
  const row = rowsTo(phone).at(-1);
  if (!row) throw new Error(`no SMS to ${phone}`);
  const { text } = await renderMessage(row);
  // Every answer is one SMS in GSM-7.
  expect(smsShape(text), text).toMatchObject({ encoding: "gsm7", segments: 1 });
  return { text, locale: row.locale, payload: row.payload };
}

/** Sends an SMS and reads the answer it got. */
async function ask(from: string, text: string) {
  const response = await sms(from, text);
  expect(response.status).toBe(200);
  expect(await response.text()).toBe("OK\n");
  return lastReply(from);
}

beforeAll(async () => {
  const db = getDb();
  const org = insertOrganisation(db, { name: "Atelier Keïta" });
  const macon = insertOffer(db, {
    orgId: org.id,
    title: "Maçon qualifié pour chantier d'immeuble de quatre étages",
    region: "segou",
    commune: "Markala",
    payAmount: 90000,
    payPeriod: "month",
    shortCode: "4017",
  });
  insertOffer(db, { orgId: org.id, title: "Mécanicien moto", region: "bamako", payAmount: 3000 });
  const closed = insertOffer(db, { orgId: org.id, title: "Soudeur", status: "closed", shortCode: "2336" });
  const other = insertOffer(db, { orgId: org.id, title: "Vendeuse de tissus Bazin", region: "kayes" });
  const awa = insertCandidate(db, { phone: AWA, firstName: "Awa" });
  const moussa = insertCandidate(db, { phone: MOUSSA, firstName: "Moussa" });
  await setPin(db, awa.id, PIN, { actorId: awa.id });
  Object.assign(ids, { awa: awa.id, moussa: moussa.id, macon: macon.id, closed: closed.id, other: other.id });
  // Moussa's application must never show in Awa's STATUT.
  insertApplication(db, { offerId: other.id, candidateId: moussa.id });
  codes.macon = "4017";
  codes.closed = "2336";
});

describe("AIDE and anything not understood", () => {
  it("answers the help in French, and in Bambara to DEME, which makes Bambara the number's language", async () => {
    const help = await ask("+22376200001", "aide");
    expect(help.text).toContain("OFFRES");
    expect(help.text).toContain("POSTULER code PIN");
    expect(help.locale).toBe("fr");
    const deme = await ask("+22376200001", "  DƐMƐ ");
    expect(deme.text).toContain("SEBEN code PIN");
    const row = getDb().select().from(phoneNumbers).where(eq(phoneNumbers.phone, "+22376200001")).get();
    expect(row?.locale).toBe("bm");
    // Unknown words and empty texts get the help, now in Bambara.
    expect((await ask("+22376200001", "bonjour")).text).toContain("SEBEN code PIN");
    expect((await ask("+22376200001", "")).text).toContain("SEBEN code PIN");
    // A French keyword brings French back.
    expect((await ask("+22376200001", "Aide")).text).toContain("POSTULER code PIN");
  });

  it("answers HELP in English, and the number's English stays for what follows", async () => {
    expect((await ask("+22376200004", "help")).text).toContain("APPLY code PIN");
    expect((await ask("+22376200004", "?")).locale).toBe("en");
  });
});

describe("OFFRES", () => {
  it("lists open offers with code, place and pay, and how to apply, whatever the case and accents", async () => {
    const reply = await ask("+22376200002", "  offres   MACON   ségou ");
    expect(reply.text).toMatch(/^4017 Macon qualifié pour .*, Markala, 90000F\/mois\nPostuler: POSTULER code PIN$/s);
    expect((await ask("+22376200002", "OFFRÈS maçon SEGOU")).text).toContain("4017 ");
  });

  it("gives a code to an offer published before codes existed", async () => {
    const reply = await ask("+22376200002", "offres mecanicien bamako");
    expect(reply.text).toMatch(/^\d{4} Mécanicien moto, Bamako, 3000F\/mois/);
  });

  it("says when nothing matches, and suggests AIDE; the region filters", async () => {
    expect((await ask("+22376200002", "OFFRES maçon kayes")).text).toContain("Aucune offre ouverte pour");
    expect((await ask("+22376200002", "OFFRES astronaute")).text).toContain("AIDE");
  });

  it("answers BAARA in Bambara", async () => {
    const reply = await ask("+22376200003", "baara macon");
    expect(reply.text).toContain("4017 Macon");
    expect(reply.text).toContain("F/kalo");
    expect(reply.text).toContain("SEBEN code PIN");
    expect(reply.locale).toBe("bm");
  });
});

describe("POSTULER", () => {
  it("tells a number without a candidate account how to register", async () => {
    expect((await ask(NOBODY, `POSTULER ${codes.macon} 1234`)).text).toContain("Inscrivez-vous au *384*22#");
  });

  it("catches a mistyped code, an unknown one, a closed offer, a missing code", async () => {
    expect((await ask(AWA, "POSTULER 4071 4826")).text).toContain("mal tapé");
    expect((await ask(AWA, "postuler 5558")).text).toContain("Aucune offre n'a le code 5558");
    expect((await ask(AWA, `POSTULER ${codes.closed} ${PIN}`)).text).toContain("est fermée");
    expect((await ask(AWA, "POSTULER")).text).toContain("POSTULER code PIN");
  });

  it("asks for the PIN, tells how to set one, refuses a wrong one", async () => {
    expect((await ask(AWA, `POSTULER ${codes.macon}`)).text).toContain("Ajoutez votre PIN");
    expect((await ask(MOUSSA, `POSTULER ${codes.macon} 1234`)).text).toContain("Choisissez d'abord votre PIN");
    expect((await ask(AWA, `POSTULER ${codes.macon} 9999`)).text).toContain("PIN incorrect");
    expect(getDb().select().from(applications).where(eq(applications.candidateId, ids.awa)).all()).toEqual([]);
  });

  it("applies with the right PIN (channel sms), says so once, and keeps the text with its PIN masked", async () => {
    const reply = await ask(AWA, `  Postuler   ${codes.macon}   ${PIN} `);
    expect(reply.text).toMatch(/^Candidature envoyée: Macon qualifié/);
    const sent = getDb()
      .select()
      .from(applications)
      .where(and(eq(applications.candidateId, ids.awa), eq(applications.offerId, ids.macon)))
      .get();
    expect(sent?.channel).toBe("sms");
    expect((await ask(AWA, `SƐBƐN ${codes.macon} ${PIN}`)).text).toContain("I togo sebenna ka ban");
    const stored = getDb().select().from(inboundSms).where(eq(inboundSms.phone, AWA)).all();
    expect(stored.map((row) => row.text).join(" ")).not.toContain(PIN);
    expect(stored.some((row) => row.text.includes(`${codes.macon}   ****`))).toBe(true);
    const audit = getDb().select().from(auditLog).where(eq(auditLog.action, "sms.applied")).all();
    expect(audit).toHaveLength(1);
  });
});

describe("STATUT", () => {
  it("lists the number's own latest applications with their status, never another person's", async () => {
    await ask(AWA, "aide");
    expect((await ask(AWA, "STATUT")).text).toContain("STATUT PIN");
    const reply = await ask(AWA, `statut ${PIN}`);
    expect(reply.text).toMatch(/^Vos candidatures:\n4017 Macon qualifié.*: en attente$/s);
    expect(reply.text).not.toContain("Bazin");
    const cogo = await ask(AWA, `COGO ${PIN}`);
    expect(cogo.text).toContain("a be makononi na");
    // Moussa has an application but no PIN: nothing of it is told.
    expect((await ask(MOUSSA, "STATUT 1234")).text).not.toContain("Bazin");
  });
});

describe("STOP and START", () => {
  const phone = "+22376200009";
  const stoppedAt = () => getDb().select().from(phoneNumbers).where(eq(phoneNumbers.phone, phone)).get()?.smsStoppedAt;
  const transport = {
    name: "test",
    sent: [] as string[],
    async send(m: { recipient: string }) {
      this.sent.push(m.recipient);
    },
  };

  it("STOP stops every SMS but its own confirmation; START brings them back (JO and DAMINE too)", async () => {
    const stop = await ask(phone, "Stop");
    expect(stop.text).toContain("START");
    expect(stop.payload.$always).toBe(true);
    expect(stoppedAt()).toBeInstanceOf(Date);
    queuePhoneMessage(getDb(), { phone, template: "sms:reply.help", locale: "fr", dedupeKey: `alert-${phone}` });
    await sendPendingMessages(getDb(), transport);
    const statuses = rowsTo(phone).map((row) => row.status);
    expect(statuses).toEqual(["sent", "stopped"]);

    expect((await ask(phone, "start")).text).toContain("SMS Baara repris");
    expect(stoppedAt()).toBeNull();
    expect((await ask(phone, "jo")).text).toContain("DAMINE");
    expect(stoppedAt()).toBeInstanceOf(Date);
    expect((await ask(phone, "DAMINƐ")).text).toContain("JO ci");
    expect(stoppedAt()).toBeNull();
    expect(getDb().select().from(auditLog).where(eq(auditLog.action, "sms.stopped")).all()).toHaveLength(2);
  });
});

describe("the gateway's retries and the hourly limit", () => {
  it("acts once on an id sent twice", async () => {
    const phone = "+22376200010";
    expect((await sms(phone, "STOP", "same-id")).status).toBe(200);
    expect((await sms(phone, "STOP", "same-id")).status).toBe(200);
    expect(rowsTo(phone)).toHaveLength(1);
    expect(getDb().select().from(inboundSms).where(eq(inboundSms.gatewayId, "same-id")).all()).toHaveLength(1);
  });

  it(`answers ${SMS_PER_HOUR} SMS an hour from a number, then one "too many" and silence`, async () => {
    const phone = "+22376200011";
    for (let i = 0; i < SMS_PER_HOUR; i++) expect((await sms(phone, "AIDE")).status).toBe(200);
    expect(rowsTo(phone)).toHaveLength(SMS_PER_HOUR);
    expect((await ask(phone, "AIDE")).text).toContain("Trop de SMS");
    expect((await sms(phone, "OFFRES macon")).status).toBe(200);
    expect(rowsTo(phone)).toHaveLength(SMS_PER_HOUR + 1);
    expect(getDb().select().from(inboundSms).where(eq(inboundSms.phone, phone)).all()).toHaveLength(SMS_PER_HOUR + 2);
  });
});

describe("hostile texts and bodies", () => {
  it("answers any text with the help or an empty search, never an error", async () => {
    const phone = "+22376200012";
    for (const text of [
      "<script>alert(1)</script>",
      "'; DROP TABLE users; --",
      'OFFRES " OR 1=1 -- NEAR( * ',
      "POSTULER '; DROP TABLE offers; -- 1234",
      "STATUT <b>1234</b>",
      "🙂🙂🙂 ɲɛ ŋ",
      "x".repeat(20_000),
      "OFFRES ".repeat(500),
    ]) {
      const response = await sms(phone, text);
      expect(response.status, text.slice(0, 30)).toBe(200);
      await lastReply(phone);
    }
  });

  it("refuses a bad from or id (400), reads JSON, and a wrong token gets 401", async () => {
    const json = (body: unknown) => post(JSON.stringify(body), { "Content-Type": "application/json" });
    expect((await sms("", "AIDE")).status).toBe(400);
    expect((await sms("<script>", "AIDE")).status).toBe(400);
    expect((await sms("+22376200013", "AIDE", "")).status).toBe(400);
    expect((await sms("+22376200013", "AIDE", "x".repeat(500))).status).toBe(400);
    expect((await post("{not json", { "Content-Type": "application/json" })).status).toBe(400);
    expect((await json([1, 2])).status).toBe(400);
    expect((await json({ from: 22376200013, text: { nested: true }, id: 77 })).status).toBe(200);
    expect((await json({ from: "+22376200013", text: "aide", id: "json-1" })).status).toBe(200);
    expect((await lastReply("+22376200013")).text).toContain("OFFRES");
    const form = new URLSearchParams({ from: "+22376200013", text: "AIDE", id: "t-1" });
    expect((await post(form, { "Content-Type": "application/x-www-form-urlencoded" }, "wrong")).status).toBe(401);
  });
});
