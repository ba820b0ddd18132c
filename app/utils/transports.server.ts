// How a message leaves the platform once the outbox hands it over: written to a
// log file, posted to an SMS gateway, or mailed by SMTP. The queue itself is app/models/outbox.server.ts.
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";

export type OutgoingMessage = {
  id: number;
  channel: "sms" | "email";
  recipient: string;
  subject: string | null;
  text: string;
};

/** Sends one message, or throws. */
export interface Transport {
  name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/** `log` (default): appends each message as a JSON line to a file (data/outbox.log). */
export function logTransport(file = path.resolve(process.cwd(), "data/outbox.log")): Transport {
  return {
    name: "log",
    async send(message) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`);
    },
  };
}

/** An HTTP SMS gateway: POST JSON {to, text} with a bearer token; any non-2xx is a failure. */
export function httpTransport(url: string, token: string | undefined, fetchImpl: typeof fetch = fetch): Transport {
  return {
    name: "http",
    async send(message) {
      const response = await fetchImpl(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({
          channel: message.channel,
          to: message.recipient,
          subject: message.subject,
          text: message.text,
          reference: `baara-${message.id}`,
        }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!response.ok) throw new Error(`gateway answered ${response.status}`);
    },
  };
}

/** E-mail by SMTP (`smtp://user:pass@host:587`, `smtps://…`); a refused or unreachable server is a failure. */
export function smtpTransport(url: string, from: string): Transport {
  const mailer = nodemailer.createTransport({
    url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    name: "smtp",
    async send(message) {
      await mailer.sendMail({
        from,
        to: message.recipient,
        subject: message.subject ?? "",
        text: message.text,
        headers: { "X-Baara-Reference": `baara-${message.id}` },
      });
    },
  };
}

export const DEFAULT_MAIL_FROM = "Baara <no-reply@baara.ml>";

/** Each channel its own transport: SMS by `sms`, e-mails by `email`. */
export function byChannel(transports: Record<OutgoingMessage["channel"], Transport>): Transport {
  const { sms, email } = transports;
  return {
    name: sms.name === email.name ? sms.name : `sms:${sms.name} email:${email.name}`,
    send: (message) => transports[message.channel].send(message),
  };
}

/**
 * The transports chosen by configuration: SMS by the HTTP gateway when SMS_GATEWAY_URL is set,
 * e-mails by SMTP when SMTP_URL is set (from MAIL_FROM), else each to the log file (OUTBOX_LOG,
 * default data/outbox.log). OUTBOX_TRANSPORT=log logs both whatever is set (tests, demo).
 */
export function transportFromEnv(env = process.env): Transport {
  const forced = env.OUTBOX_TRANSPORT ?? "";
  // A typo ("lgo") must not quietly send real messages, nor log them instead of sending.
  if (!["", "log", "http"].includes(forced)) throw new Error(`OUTBOX_TRANSPORT must be log or http, not ${forced}`);
  if (forced === "http" && !env.SMS_GATEWAY_URL) throw new Error("OUTBOX_TRANSPORT=http needs SMS_GATEWAY_URL");
  const log = logTransport(env.OUTBOX_LOG ? path.resolve(env.OUTBOX_LOG) : undefined);
  if (forced === "log") return log;
  return byChannel({
    sms: env.SMS_GATEWAY_URL ? httpTransport(env.SMS_GATEWAY_URL, env.SMS_GATEWAY_TOKEN) : log,
    email: env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM || DEFAULT_MAIL_FROM) : log,
  });
}
