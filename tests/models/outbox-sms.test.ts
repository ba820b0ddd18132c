// SMS as they leave: in GSM-7 letters unless a name would be misspelt, their encoding and
// segments kept, and none to a number that sent STOP (one-time codes and STOP's own answer aside).
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { issueSetPasswordCode } from "../../app/models/activation.server";
import { ERASED_SECRET, secretPayload, sendPendingMessages, smsText } from "../../app/models/outbox.server";
import { startSms, stopSms } from "../../app/models/phone-numbers.server";
import type { Db } from "../../app/utils/db.server";
import { isGsm7 } from "../../app/utils/gsm7";
import type { OutgoingMessage, Transport } from "../../app/utils/transports.server";
import { outbox } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertUser } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const PHONE = "+22370000001";
type Queued = Partial<typeof outbox.$inferInsert>;
const queue = (values: Queued = {}) =>
  db
    .insert(outbox)
    .values({
      channel: "sms",
      recipient: PHONE,
      template: "application.shortlisted",
      locale: "fr",
      payload: { offerTitle: "Maçon à Kati", link: "/candidat/candidatures" },
      ...values,
    })
    .returning()
    .get();
const row = (id: number) => db.select().from(outbox).where(eq(outbox.id, id)).get()!;

function recorder() {
  const sent: OutgoingMessage[] = [];
  const transport: Transport = {
    name: "test",
    async send(message) {
      sent.push(message);
    },
  };
  return { transport, sent };
}

describe("STOP: no SMS to a number that asked for none", () => {
  it("marks the news `stopped`, sends nothing, never retries it, and still sends the e-mails", async () => {
    stopSms(db, PHONE);
    const news = queue();
    const email = queue({ channel: "email", recipient: "awa@example.ml" });
    const { transport, sent } = recorder();
    expect(await sendPendingMessages(db, transport)).toEqual({ sent: 1, failed: 0, retried: 0, stopped: 1 });
    expect(sent.map((m) => m.id)).toEqual([email.id]);
    expect(row(news.id)).toMatchObject({ status: "stopped", lastError: null, nextAttemptAt: null, sentAt: null });
    startSms(db, PHONE);
    expect(await sendPendingMessages(db, transport, Date.now() + 60 * 60_000)).toMatchObject({ sent: 0, stopped: 0 });
    expect(row(news.id).status).toBe("stopped");
  });

  it("stops only that number", async () => {
    stopSms(db, "+22370000009");
    const other = queue();
    const { transport, sent } = recorder();
    await sendPendingMessages(db, transport);
    expect(sent.map((m) => m.id)).toEqual([other.id]);
  });

  it("sends again once the number sent START", async () => {
    stopSms(db, PHONE);
    startSms(db, PHONE);
    const news = queue();
    await sendPendingMessages(db, recorder().transport);
    expect(row(news.id).status).toBe("sent");
  });

  it("still sends a one-time code the person asked for, and a message marked $always (STOP's own answer)", async () => {
    const person = await insertUser(db, { role: "candidat", phone: PHONE, password: null });
    stopSms(db, PHONE);
    const { code } = issueSetPasswordCode(db, person.id)!;
    const confirmation = queue({ payload: { offerTitle: "x", link: "/", $always: true } });
    const { transport, sent } = recorder();
    expect(await sendPendingMessages(db, transport)).toMatchObject({ sent: 2, stopped: 0 });
    expect(sent[0]!.text).toContain(code);
    expect(row(confirmation.id).status).toBe("sent");
  });

  it("erases the secrets of a message it will never send", async () => {
    stopSms(db, PHONE);
    const link = queue({ payload: secretPayload({ orgName: "Atelier" }, { link: "/invitation/abc" }) });
    await sendPendingMessages(db, recorder().transport);
    expect(row(link.id)).toMatchObject({ status: "stopped", payload: { orgName: "Atelier", link: ERASED_SECRET } });
  });
});

describe("GSM-7: the letters every phone shows, 160 to a segment", () => {
  it('folds the text (ç → c, « » → "), and keeps its encoding and segments on the row', async () => {
    const message = queue();
    const { transport, sent } = recorder();
    await sendPendingMessages(db, transport);
    expect(sent[0]!.text).toContain('"Macon à Kati"');
    expect(isGsm7(sent[0]!.text)).toBe(true);
    expect(row(message.id)).toMatchObject({ status: "sent", encoding: "gsm7", segments: 1 });
  });

  it("counts the segments of a long SMS (153 characters each once split)", async () => {
    const message = queue({ payload: { offerTitle: "Maçon ".repeat(30).trim(), link: "/candidat/candidatures" } });
    await sendPendingMessages(db, recorder().transport);
    expect(row(message.id)).toMatchObject({ encoding: "gsm7", segments: 2 });
  });

  it("sends a name GSM-7 lacks as written, in UCS-2, rather than misspell it", async () => {
    const message = queue({
      template: "invitation",
      payload: secretPayload({ orgName: "Ɲɛtaa Couture" }, { link: "/invitation/abc" }),
    });
    const { transport, sent } = recorder();
    await sendPendingMessages(db, transport);
    expect(sent[0]!.text).toContain("Ɲɛtaa Couture");
    expect(row(message.id)).toMatchObject({ encoding: "ucs2", segments: 2 });
  });

  it("folds everything else, names in GSM-7 letters included", () => {
    expect(smsText("« Hélène » à Ségou, tôt", { orgName: "Hélène Couture" })).toBe('" Hélène " à Ségou, tot');
    expect(smsText("Zoë · Kayes", { candidateName: "Zoë" })).toBe("Zoë · Kayes");
    expect(smsText("Zoë · Kayes", { offerTitle: "Zoë" })).toBe("Zoe - Kayes");
  });

  it("keeps no encoding for an e-mail", async () => {
    const message = queue({ channel: "email", recipient: "awa@example.ml" });
    await sendPendingMessages(db, recorder().transport);
    expect(row(message.id)).toMatchObject({ status: "sent", encoding: null, segments: null });
  });
});

describe("values every message may name", () => {
  it("fills the USSD code, the SMS number and the site without the payload giving them", async () => {
    const { sent, transport } = recorder();
    const message = queue({ template: "ussd:applied", payload: { title: "Tisserand", code: "1041" } });
    await sendPendingMessages(db, transport);
    expect(row(message.id).status).toBe("sent");
    expect(sent[0]!.text).toContain("*384*22#");
    expect(sent[0]!.text).not.toContain("{{");
  });

  it("never sends a text with a value missing: the message waits for a retry instead", async () => {
    const { sent, transport } = recorder();
    const message = queue({ template: "ussd:applied", payload: { code: "1041" } });
    await sendPendingMessages(db, transport);
    expect(sent).toHaveLength(0);
    expect(row(message.id).status).toBe("pending");
    expect(row(message.id).lastError).toContain("lacks a value");
  });
});
