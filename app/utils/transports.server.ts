// How a message leaves the platform once the outbox hands it over: written to a
// log file, or posted to an SMS gateway. The queue itself is app/models/outbox.server.ts.
import fs from "node:fs";
import path from "node:path";

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

/** The transport chosen by configuration: OUTBOX_TRANSPORT=log|http (http needs SMS_GATEWAY_URL). */
export function transportFromEnv(env = process.env): Transport {
  const name = env.OUTBOX_TRANSPORT || (env.SMS_GATEWAY_URL ? "http" : "log");
  if (name === "http") {
    if (!env.SMS_GATEWAY_URL) throw new Error("OUTBOX_TRANSPORT=http needs SMS_GATEWAY_URL");
    return httpTransport(env.SMS_GATEWAY_URL, env.SMS_GATEWAY_TOKEN);
  }
  // A typo ("htpp") must not quietly write real messages to a log file instead of sending them.
  if (name !== "log") throw new Error(`OUTBOX_TRANSPORT must be log or http, not ${name}`);
  return logTransport();
}
