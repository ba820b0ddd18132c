// E-mails by SMTP: an SMTP server on 127.0.0.1 (smtp-server) receives what the outbox sends
// through nodemailer, and the test reads the message back as a mailbox would.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { secretPayload, sendPendingMessages } from "../../app/models/outbox.server";
import type { Db } from "../../app/utils/db.server";
import { smtpTransport, transportFromEnv } from "../../app/utils/transports.server";
import { outbox } from "../../db/schema";
import { createTestDb } from "../helpers/db";

type Received = { from: string; to: string[]; user: string | undefined; raw: string };
let received: Received[] = [];
let refuse: string | null = null;
let server: SMTPServer;
let url: string;
let badPasswordUrl: string;

beforeAll(async () => {
  server = new SMTPServer({
    // Plain text on the loopback: no certificate to make for a test.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === "baara" && auth.password === "s3cret") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(_address, _session, callback) {
      callback(refuse ? Object.assign(new Error(refuse), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  url = `smtp://baara:s3cret@127.0.0.1:${port}`;
  badPasswordUrl = `smtp://baara:wrong@127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let db: Db;
const savedPublicUrl = process.env.PUBLIC_URL;
beforeEach(() => {
  db = createTestDb();
  received = [];
  refuse = null;
  process.env.PUBLIC_URL = "https://baara.ml/";
});
afterEach(() => {
  if (savedPublicUrl === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = savedPublicUrl;
});

/** Quoted-printable (a body, or a header's `Q` word) as text. */
function fromQuotedPrintable(text: string) {
  const bytes = text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
}

/** A received message as a mail reader shows it: its headers decoded, and its text. */
function read(raw: string) {
  const split = raw.indexOf("\r\n\r\n");
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    const value = line
      .slice(colon + 1)
      .trim()
      .replace(/\?=\s+=\?/g, "?==?")
      .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, word: string) =>
        kind.toUpperCase() === "B"
          ? Buffer.from(word, "base64").toString("utf8")
          : fromQuotedPrintable(word.replace(/_/g, " ")),
      );
    headers.set(line.slice(0, colon).toLowerCase(), value);
  }
  const body = raw.slice(split + 4);
  const encoding = headers.get("content-transfer-encoding")?.toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? fromQuotedPrintable(body)
      : encoding === "base64"
        ? Buffer.from(body, "base64").toString("utf8")
        : body;
  return { headers, text: text.replace(/\r\n/g, "\n") };
}

function queueInvitation(recipient = "awa@example.ml") {
  return db
    .insert(outbox)
    .values({
      channel: "email",
      recipient,
      template: "invitation",
      locale: "fr",
      payload: secretPayload({ orgName: "Atelier Traoré" }, { link: "/invitation/abc123" }),
    })
    .returning()
    .get();
}
const row = (id: number) => db.select().from(outbox).where(eq(outbox.id, id)).get()!;

describe("smtpTransport", () => {
  it("sends an outbox e-mail to its recipient, from MAIL_FROM, with its subject and body", async () => {
    const message = queueInvitation();
    const transport = smtpTransport(url, "Baara <no-reply@baara.ml>");
    expect(await sendPendingMessages(db, transport)).toMatchObject({ sent: 1, retried: 0 });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail).toMatchObject({ from: "no-reply@baara.ml", to: ["awa@example.ml"], user: "baara" });
    const { headers, text } = read(mail!.raw);
    expect(headers.get("to")).toBe("awa@example.ml");
    expect(headers.get("from")).toBe("Baara <no-reply@baara.ml>");
    expect(headers.get("subject")).toBe("Invitation à rejoindre Atelier Traoré sur Baara");
    expect(headers.get("x-baara-reference")).toBe(`baara-${message.id}`);
    expect(text).toContain("Vous êtes invité(e) à rejoindre Atelier Traoré sur Baara");
    expect(text).toContain("https://baara.ml/invitation/abc123");
    expect(row(message.id)).toMatchObject({ status: "sent", encoding: null });
  });

  it("keeps the message for a retry when the server refuses the recipient", async () => {
    refuse = "No such mailbox";
    const message = queueInvitation("nobody@example.ml");
    expect(await sendPendingMessages(db, smtpTransport(url, "Baara <no-reply@baara.ml>"))).toMatchObject({
      sent: 0,
      retried: 1,
    });
    expect(row(message.id)).toMatchObject({ status: "pending", attempts: 1 });
    expect(row(message.id).lastError).toContain("No such mailbox");
  });

  it("keeps the message for a retry when the password is wrong", async () => {
    const message = queueInvitation();
    await sendPendingMessages(db, smtpTransport(badPasswordUrl, "Baara <no-reply@baara.ml>"));
    expect(row(message.id)).toMatchObject({ status: "pending", attempts: 1 });
    expect(received).toEqual([]);
  });
});

describe("transportFromEnv with SMTP_URL", () => {
  it("mails the e-mails by SMTP from MAIL_FROM and still logs the SMS without a gateway", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baara-smtp-"));
    try {
      const log = path.join(dir, "outbox.log");
      const transport = transportFromEnv({
        SMTP_URL: url,
        MAIL_FROM: "Baara Mali <contact@baara.ml>",
        OUTBOX_LOG: log,
      });
      queueInvitation();
      db.insert(outbox)
        .values({ channel: "sms", recipient: "+22370000001", template: "confirmPhone", payload: { code: "1234" } })
        .run();
      expect(await sendPendingMessages(db, transport)).toMatchObject({ sent: 2 });
      expect(received.map((mail) => [mail.from, mail.to])).toEqual([["contact@baara.ml", ["awa@example.ml"]]]);
      expect(read(received[0]!.raw).headers.get("from")).toBe("Baara Mali <contact@baara.ml>");
      const logged = fs
        .readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(logged.map((m) => [m.channel, m.recipient])).toEqual([["sms", "+22370000001"]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
