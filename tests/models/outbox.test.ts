import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { issueSetPasswordCode } from "../../app/models/activation.server";
import { inviteColleague } from "../../app/models/invitations.server";
import type { EmployerMove } from "../../app/models/lifecycles/application";
import {
  ERASED_SECRET,
  eraseFinishedSecrets,
  MAX_ATTEMPTS,
  renderMessage,
  secretPayload,
  sendPendingMessages,
} from "../../app/models/outbox.server";
import type { Db } from "../../app/utils/db.server";
import {
  httpTransport,
  logTransport,
  type OutgoingMessage,
  type Transport,
  transportFromEnv,
} from "../../app/utils/transports.server";
import { outbox } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertEmployer, insertUser } from "../helpers/factories";

let db: Db;
const savedPublicUrl = process.env.PUBLIC_URL;
beforeEach(() => {
  db = createTestDb();
  process.env.PUBLIC_URL = "https://baara.ml/";
});
afterEach(() => {
  if (savedPublicUrl === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = savedPublicUrl;
});

const MINUTE = 60_000;

type Queued = Partial<typeof outbox.$inferInsert>;
function queue(values: Queued = {}) {
  return db
    .insert(outbox)
    .values({
      channel: "sms",
      recipient: "+22370000001",
      template: "application.shortlisted",
      locale: "fr",
      payload: { offerTitle: "Maçon à Kati", link: "/candidat/candidatures" },
      ...values,
    })
    .returning()
    .get();
}
const row = (id: number) => db.select().from(outbox).where(eq(outbox.id, id)).get()!;

/** A transport that records what it sends, optionally slow or failing. */
function recorder({
  fail = () => false,
  delay = () => 0,
}: {
  fail?: (m: OutgoingMessage, call: number) => boolean;
  delay?: (m: OutgoingMessage, call: number) => number;
} = {}) {
  const sent: OutgoingMessage[] = [];
  let calls = 0;
  const transport: Transport = {
    name: "test",
    async send(message) {
      const call = ++calls;
      sent.push(message);
      await new Promise((resolve) => setTimeout(resolve, delay(message, call)));
      if (fail(message, call)) throw new Error(`gateway down (${call})`);
    },
  };
  const callsFor = (id: number) => sent.filter((m) => m.id === id).length;
  return { transport, sent, callsFor };
}

describe("sendPendingMessages: each message once", () => {
  it("sends what is pending and marks it sent; a second run sends nothing", async () => {
    const a = queue();
    const b = queue({ channel: "email", recipient: "awa@example.ml" });
    const { transport, sent } = recorder();
    const now = Date.now();
    expect(await sendPendingMessages(db, transport, now)).toEqual({ sent: 2, failed: 0, retried: 0, stopped: 0 });
    expect(sent.map((m) => [m.id, m.channel, m.recipient])).toEqual([
      [a.id, "sms", "+22370000001"],
      [b.id, "email", "awa@example.ml"],
    ]);
    expect(row(a.id)).toMatchObject({ status: "sent", attempts: 1, lastError: null, sentAt: new Date(now) });
    expect(await sendPendingMessages(db, transport, now + MINUTE)).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
      stopped: 0,
    });
    expect(sent).toHaveLength(2);
  });

  it("never sends a message twice when two runs start together", async () => {
    const ids = Array.from({ length: 12 }, () => queue().id);
    const { transport, callsFor, sent } = recorder({ delay: (_m, call) => (call % 3) * 2 });
    const [first, second] = await Promise.all([sendPendingMessages(db, transport), sendPendingMessages(db, transport)]);
    expect(first.sent + second.sent).toBe(12);
    for (const id of ids) expect(callsFor(id)).toBe(1);
    expect(sent).toHaveLength(12);
    expect(
      db
        .select()
        .from(outbox)
        .all()
        .every((m) => m.status === "sent" && m.attempts === 1),
    ).toBe(true);
  });

  it("does not resend at once a message that the other run just failed (the retry waits its turn)", async () => {
    // Run A is stuck on its first message while run B fails all the others;
    // when A resumes, its list still holds them, back to `pending`.
    const ids = Array.from({ length: 5 }, () => queue().id);
    const { transport, callsFor } = recorder({ delay: (_m, call) => (call === 1 ? 50 : 0), fail: () => true });
    await Promise.all([sendPendingMessages(db, transport), sendPendingMessages(db, transport)]);
    for (const id of ids) {
      expect(callsFor(id)).toBe(1);
      expect(row(id)).toMatchObject({ status: "pending", attempts: 1 });
    }
  });

  it("leaves alone a message another run has claimed (sending) and one already sent or failed", async () => {
    const sending = queue({ status: "sending", attempts: 1 });
    const sent = queue({ status: "sent", attempts: 1 });
    const failed = queue({ status: "failed", attempts: MAX_ATTEMPTS });
    const { transport, sent: calls } = recorder();
    expect(await sendPendingMessages(db, transport)).toEqual({ sent: 0, failed: 0, retried: 0, stopped: 0 });
    expect(calls).toEqual([]);
    expect([row(sending.id).status, row(sent.id).status, row(failed.id).status]).toEqual(["sending", "sent", "failed"]);
  });
});

describe("sendPendingMessages: failures and retries", () => {
  it("retries a failing gateway after 1, 2, 4 and 8 minutes, then gives up after 5 attempts keeping the error", async () => {
    const message = queue();
    const { transport, callsFor } = recorder({ fail: () => true });
    const start = Date.now();
    let now = start;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await sendPendingMessages(db, transport, now);
      expect(callsFor(message.id)).toBe(attempt);
      const after = row(message.id);
      expect(after.attempts).toBe(attempt);
      expect(after.lastError).toBe(`gateway down (${attempt})`);
      if (attempt < MAX_ATTEMPTS) {
        expect(result).toEqual({ sent: 0, failed: 0, retried: 1, stopped: 0 });
        expect(after.status).toBe("pending");
        const wait = after.nextAttemptAt!.getTime() - now;
        waits.push(wait / MINUTE);
        // Not picked again before its time.
        expect(await sendPendingMessages(db, transport, now + wait - 1)).toEqual({
          sent: 0,
          failed: 0,
          retried: 0,
          stopped: 0,
        });
        expect(callsFor(message.id)).toBe(attempt);
        now += wait;
      } else {
        expect(result).toEqual({ sent: 0, failed: 1, retried: 0, stopped: 0 });
        expect(after).toMatchObject({ status: "failed", nextAttemptAt: null });
      }
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // A failed message stays failed: a later run does not send it.
    await sendPendingMessages(db, transport, now + 24 * 60 * MINUTE);
    expect(callsFor(message.id)).toBe(MAX_ATTEMPTS);
  });

  it("sends on a later attempt once the gateway is back, and clears the error", async () => {
    const message = queue();
    const { transport, callsFor } = recorder({ fail: (_m, call) => call === 1 });
    const now = Date.now();
    await sendPendingMessages(db, transport, now);
    expect(row(message.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "gateway down (1)" });
    expect(await sendPendingMessages(db, transport, now + MINUTE)).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
      stopped: 0,
    });
    expect(row(message.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(callsFor(message.id)).toBe(2);
  });

  it("does not pick a message whose next attempt is in the future", async () => {
    const now = Date.now();
    const later = queue({ nextAttemptAt: new Date(now + 10 * MINUTE) });
    const due = queue({ nextAttemptAt: new Date(now - MINUTE) });
    const { transport, sent } = recorder();
    await sendPendingMessages(db, transport, now);
    expect(sent.map((m) => m.id)).toEqual([due.id]);
    expect(row(later.id).status).toBe("pending");
    await sendPendingMessages(db, transport, now + 10 * MINUTE);
    expect(sent.map((m) => m.id)).toEqual([due.id, later.id]);
  });

  it("fails a message whose template does not exist instead of sending the bare key", async () => {
    const message = queue({ template: "application.withdrawn" });
    const { transport, sent } = recorder();
    expect(await sendPendingMessages(db, transport)).toEqual({ sent: 0, failed: 0, retried: 1, stopped: 0 });
    expect(sent).toEqual([]);
    expect(row(message.id).lastError).toContain("application.withdrawn");
  });
});

describe("secrets: erased from the database once a message is sent or given up", () => {
  /** The payload column as SQLite holds it: what a copy of the database would show. */
  const storedPayload = (id: number) =>
    (db.$client.prepare("SELECT payload FROM outbox WHERE id = ?").get(id) as { payload: string }).payload;

  async function activationSms() {
    const person = await insertUser(db, { role: "candidat", phone: "+22370445566", password: null });
    const { code } = issueSetPasswordCode(db, person.id)!;
    return { code, id: db.select().from(outbox).get()!.id };
  }

  async function invitationMessage() {
    const { user } = await insertEmployer(db, "verified", "Boulangerie du Fleuve");
    const result = inviteColleague(db, user.id, { phone: "+22370112233" });
    if (!result?.ok) throw new Error("invitation refused");
    return { token: result.token, id: db.select().from(outbox).get()!.id };
  }

  it("sends the activation code, then keeps only a marker in its place", async () => {
    const { code, id } = await activationSms();
    // Needed until it is sent.
    expect(storedPayload(id)).toContain(code);
    const { transport, sent } = recorder();
    await sendPendingMessages(db, transport);
    expect(sent[0]!.text).toContain(code);
    expect(row(id).status).toBe("sent");
    expect(storedPayload(id)).not.toContain(code);
    expect(row(id).payload).toMatchObject({ code: ERASED_SECRET, link: "/activer-compte" });
  });

  it("sends the invitation link with its token, then erases the link and keeps the organisation's name", async () => {
    const { token, id } = await invitationMessage();
    const { transport, sent } = recorder();
    await sendPendingMessages(db, transport);
    expect(sent[0]!.text).toContain(`https://baara.ml/invitation/${token}`);
    expect(storedPayload(id)).not.toContain(token);
    expect(row(id).payload).toMatchObject({ orgName: "Boulangerie du Fleuve", link: ERASED_SECRET });
  });

  it("keeps the secret while a retry is due, and erases it when the last attempt fails", async () => {
    const { code, id } = await activationSms();
    const { transport, callsFor } = recorder({ fail: () => true });
    let now = Date.now();
    await sendPendingMessages(db, transport, now);
    expect(row(id).status).toBe("pending");
    expect(storedPayload(id)).toContain(code);
    while (row(id).status === "pending") {
      now += 60 * MINUTE;
      await sendPendingMessages(db, transport, now);
    }
    expect(callsFor(id)).toBe(MAX_ATTEMPTS);
    expect(row(id)).toMatchObject({ status: "failed", payload: expect.objectContaining({ code: ERASED_SECRET }) });
    expect(storedPayload(id)).not.toContain(code);
  });

  it("erases whatever a payload declares secret, whatever its template, and a `code` or `token` even undeclared", async () => {
    const declared = queue({
      template: "alerts.digest",
      payload: secretPayload({ count: 1, titles: "Maçon" }, { link: "/x?cle=abc123" }),
    });
    const undeclared = queue({
      template: "setPassword",
      payload: { code: "482913", token: "t0k3n", link: "/activer-compte" },
    });
    const plain = queue();
    await sendPendingMessages(db, recorder().transport);
    expect(row(declared.id).payload).toMatchObject({ count: 1, titles: "Maçon", link: ERASED_SECRET });
    expect(row(undeclared.id).payload).toMatchObject({
      code: ERASED_SECRET,
      token: ERASED_SECRET,
      link: "/activer-compte",
    });
    expect(row(plain.id).payload).toEqual({ offerTitle: "Maçon à Kati", link: "/candidat/candidatures" });
  });

  it("erases, as a daily chore, the secrets that finished messages still hold (sent before this rule)", async () => {
    const token = "k".repeat(43);
    const sentCode = queue({
      template: "setPassword",
      status: "sent",
      attempts: 1,
      payload: { code: "482913", link: "/activer-compte" },
    });
    const failedInvitation = queue({
      template: "invitation",
      status: "failed",
      attempts: MAX_ATTEMPTS,
      payload: { orgName: "Atelier", link: `/invitation/${token}` },
    });
    const pendingCode = queue({ template: "setPassword", payload: { code: "771204", link: "/activer-compte" } });
    const news = queue({ status: "sent", attempts: 1 });

    expect(eraseFinishedSecrets(db)).toBe(2);
    expect(row(sentCode.id).payload).toEqual({ code: ERASED_SECRET, link: "/activer-compte" });
    expect(storedPayload(failedInvitation.id)).not.toContain(token);
    expect(row(failedInvitation.id).payload).toMatchObject({ orgName: "Atelier", link: ERASED_SECRET });
    // Still to be sent: it needs its code.
    expect(row(pendingCode.id).payload).toEqual({ code: "771204", link: "/activer-compte" });
    expect(row(news.id).payload).toEqual({ offerTitle: "Maçon à Kati", link: "/candidat/candidatures" });
    expect(eraseFinishedSecrets(db)).toBe(0);
  });

  it("still writes the whole message, code included, to the development log file", async () => {
    const { code } = await activationSms();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baara-outbox-"));
    try {
      await sendPendingMessages(db, logTransport(path.join(dir, "outbox.log")));
      expect(fs.readFileSync(path.join(dir, "outbox.log"), "utf8")).toContain(`Code : ${code}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("renderMessage: in the message's language, with an absolute link", () => {
  it("writes the SMS in French or English with the PUBLIC_URL link", async () => {
    const payload = { offerTitle: "Maçon à Kati", link: "/candidat/candidatures" };
    const fr = await renderMessage({ template: "application.shortlisted", locale: "fr", channel: "sms", payload });
    const en = await renderMessage({ template: "application.shortlisted", locale: "en", channel: "sms", payload });
    expect(fr.subject).toBeNull();
    expect(fr.text).toContain("présélectionnée");
    // In GSM-7 letters: the ç of the title becomes c (à is one of them).
    expect(fr.text).toContain('"Macon à Kati"');
    expect(fr.text).toContain("https://baara.ml/candidat/candidatures");
    expect(en.text).toContain("shortlisted");
    expect(en.text).toContain("https://baara.ml/candidat/candidatures");
    expect(en.text).not.toContain("présélectionnée");
  });

  it("gives an e-mail a subject and a body", async () => {
    const payload = { offerTitle: "Driver", link: "/candidat" };
    const message = await renderMessage({ template: "application.hired", locale: "en", channel: "email", payload });
    expect(message.subject).toBe("Congratulations, you are hired");
    expect(message.text).toMatch(/^Hello,/);
    expect(message.text).toContain("https://baara.ml/candidat");
  });

  it("sends through the transport what renderMessage writes, in the row's language", async () => {
    queue({ locale: "en", channel: "email", recipient: "awa@example.ml" });
    const { transport, sent } = recorder();
    await sendPendingMessages(db, transport);
    expect(sent[0]).toMatchObject({ subject: "Your application is shortlisted", recipient: "awa@example.ml" });
    expect(sent[0]!.text).toContain("https://baara.ml/candidat/candidatures");
  });

  it("writes an interview's date and time as people read them, not as the form sent it", async () => {
    const payload = {
      offerTitle: "Soudeur",
      interviewAt: "2030-03-10T09:30",
      interviewPlace: "Garage Sanogo, Sikasso",
      link: "/candidat/candidatures",
    };
    const fr = await renderMessage({ template: "application.interview", locale: "fr", channel: "sms", payload });
    const en = await renderMessage({ template: "application.interview", locale: "en", channel: "sms", payload });
    expect(fr.text).toContain("10 mars 2030, 09:30");
    expect(en.text).toContain("10 Mar 2030, 09:30");
    expect(fr.text).not.toContain("2030-03-10T09:30");
    expect(fr.text).toContain("Garage Sanogo, Sikasso");
  });

  it("writes in Bamanankan: SMS in the letters phones show, e-mails in the standard orthography", async () => {
    const payload = { offerTitle: "Macon", link: "/" };
    const sms = await renderMessage({ template: "application.offered", locale: "bm", channel: "sms", payload });
    expect(sms.text).toContain("baaradibaga b'a fe ka");
    const email = await renderMessage({ template: "application.offered", locale: "bm", channel: "email", payload });
    expect(email.text).toContain("Baaradibaga b'a fɛ ka");
  });
});

describe("every message template the code uses", () => {
  const moves: EmployerMove[] = ["shortlisted", "interview", "offered", "hired", "rejected"];
  const TEMPLATES = [
    ...moves.map((m) => `application.${m}`),
    "application.positionFilled",
    "alerts.digest",
    "invitation",
    "setPassword",
    "passwordReset",
    "passwordResetLink",
    "confirmPhone",
  ];
  const payload = {
    offerId: 12,
    offerTitle: "Électricien bâtiment",
    interviewAt: "2030-05-02T10:00",
    interviewPlace: "Bureau ACI 2000",
    refusalReason: "profile_mismatch",
    note: null,
    count: 3,
    titles: "Maçon · Soudeur · Chauffeur",
    orgName: "Atelier Traoré",
    code: "482913",
    link: "/candidat/candidatures",
  };

  it("covers every literal template named in app/ and db/", () => {
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) {
          for (const match of fs.readFileSync(full, "utf8").matchAll(/template:\s*"([^"]+)"/g)) found.add(match[1]!);
        }
      }
    };
    walk(path.resolve("app"));
    walk(path.resolve("db"));
    expect(found.size).toBeGreaterThan(0);
    for (const template of found) {
      // `sms:reply.help`: a phone channel's answer, rendered with the others in sms-templates.test.ts.
      const [ns, key] = template.includes(":") ? template.split(":") : [null, template];
      if (ns) {
        const texts = JSON.parse(fs.readFileSync(path.resolve("locales/fr", `${ns}.json`), "utf8"));
        expect(
          `${key}.sms`.split(".").reduce((node, part) => node?.[part], texts),
          template,
        ).toBeTypeOf("string");
      } else expect(TEMPLATES).toContain(template);
    }
  });

  for (const template of TEMPLATES) {
    for (const locale of ["fr", "en"]) {
      it(`${template} renders in ${locale}, by SMS and e-mail, with nothing left to fill`, async () => {
        const sms = await renderMessage({ template, locale, channel: "sms", payload });
        const email = await renderMessage({ template, locale, channel: "email", payload });
        for (const text of [sms.text, email.subject!, email.text]) {
          expect(text).not.toContain("{{");
          expect(text).not.toContain(`${template}.`);
          expect(text.length).toBeGreaterThan(10);
        }
        expect(sms.text).toContain("https://baara.ml/candidat/candidatures");
        expect(email.text).toContain("https://baara.ml/candidat/candidatures");
        // An SMS fits in a few segments.
        expect(sms.text.length).toBeLessThan(320);
      });
    }
  }
});

describe("logTransport", () => {
  it("appends each message as one JSON line to the file, creating its folder", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baara-outbox-"));
    const file = path.join(dir, "nested", "outbox.log");
    try {
      const transport = logTransport(file);
      expect(transport.name).toBe("log");
      await transport.send({ id: 1, channel: "sms", recipient: "+22370000001", subject: null, text: "Bonjour" });
      await transport.send({
        id: 2,
        channel: "email",
        recipient: "a@b.ml",
        subject: "Objet",
        text: "Ligne 1\nLigne 2",
      });
      const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
      expect(lines).toHaveLength(2);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        id: 1,
        channel: "sms",
        recipient: "+22370000001",
        text: "Bonjour",
        at: expect.any(String),
      });
      expect(JSON.parse(lines[1]!)).toMatchObject({ id: 2, subject: "Objet", text: "Ligne 1\nLigne 2" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("httpTransport against a gateway on 127.0.0.1", () => {
  type Received = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };
  const received: Received[] = [];
  let answer = 200;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(answer, { "Content-Type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    answer = 200;
  });

  it("posts {to, text, channel} as JSON with the bearer token", async () => {
    await httpTransport(url, "s3cret").send({
      id: 9,
      channel: "sms",
      recipient: "+22376000000",
      subject: null,
      text: "Baara : bonjour",
    });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: "POST", url: "/sms" });
    expect(request!.headers.authorization).toBe("Bearer s3cret");
    expect(request!.headers["content-type"]).toContain("application/json");
    expect(JSON.parse(request!.body)).toMatchObject({ to: "+22376000000", text: "Baara : bonjour", channel: "sms" });
  });

  it("sends no Authorization header without a token", async () => {
    await httpTransport(url, undefined).send({
      id: 9,
      channel: "sms",
      recipient: "+22376000000",
      subject: null,
      text: "x",
    });
    expect(received[0]!.headers.authorization).toBeUndefined();
  });

  it("takes a 500 answer as a failure, and the outbox keeps the message for a retry", async () => {
    answer = 500;
    await expect(
      httpTransport(url, "t").send({ id: 1, channel: "sms", recipient: "+22376000000", subject: null, text: "x" }),
    ).rejects.toThrow("gateway answered 500");
    const message = queue();
    expect(await sendPendingMessages(db, httpTransport(url, "t"))).toEqual({
      sent: 0,
      failed: 0,
      retried: 1,
      stopped: 0,
    });
    expect(row(message.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "gateway answered 500" });
    answer = 200;
    expect(await sendPendingMessages(db, httpTransport(url, "t"), Date.now() + MINUTE)).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
      stopped: 0,
    });
    expect(JSON.parse(received.at(-1)!.body).text).toContain("https://baara.ml/candidat/candidatures");
  });

  it("takes an unreachable gateway as a failure", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      httpTransport(`http://127.0.0.1:${port}/`, "t").send({
        id: 1,
        channel: "sms",
        recipient: "+22376000000",
        subject: null,
        text: "x",
      }),
    ).rejects.toThrow();
  });
});

describe("transportFromEnv: each channel its transport", () => {
  const gateway = "http://127.0.0.1:9/";
  const smtp = "smtp://baara:secret@127.0.0.1:2525";

  it("logs both channels by default, and when OUTBOX_TRANSPORT=log whatever else is set", () => {
    expect(transportFromEnv({}).name).toBe("log");
    expect(transportFromEnv({ OUTBOX_TRANSPORT: "log", SMS_GATEWAY_URL: gateway, SMTP_URL: smtp }).name).toBe("log");
  });

  it("sends SMS to the HTTP gateway when SMS_GATEWAY_URL is set, e-mails by SMTP when SMTP_URL is set", () => {
    expect(transportFromEnv({ SMS_GATEWAY_URL: gateway }).name).toBe("sms:http email:log");
    expect(transportFromEnv({ SMTP_URL: smtp }).name).toBe("sms:log email:smtp");
    expect(transportFromEnv({ SMS_GATEWAY_URL: gateway, SMTP_URL: smtp }).name).toBe("sms:http email:smtp");
    expect(transportFromEnv({ OUTBOX_TRANSPORT: "http", SMS_GATEWAY_URL: gateway, SMS_GATEWAY_TOKEN: "t" }).name).toBe(
      "sms:http email:log",
    );
  });

  it("refuses OUTBOX_TRANSPORT=http without a gateway URL", () => {
    expect(() => transportFromEnv({ OUTBOX_TRANSPORT: "http" })).toThrow("SMS_GATEWAY_URL");
  });

  it("refuses a transport name it does not know rather than quietly logging real messages", () => {
    expect(() => transportFromEnv({ OUTBOX_TRANSPORT: "htpp", SMS_GATEWAY_URL: gateway })).toThrow("log or http");
    expect(() => transportFromEnv({ OUTBOX_TRANSPORT: "lgo" })).toThrow("log or http");
  });

  it("writes the log where OUTBOX_LOG says", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baara-outbox-"));
    try {
      const file = path.join(dir, "messages.log");
      const message = { id: 3, channel: "email" as const, recipient: "awa@example.ml", subject: "S", text: "T" };
      await transportFromEnv({ OUTBOX_LOG: file }).send(message);
      expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject(message);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
