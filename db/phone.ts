// `npm run phone -- 70000001`: a phone in the terminal, talking to the running portal exactly as a
// telecom aggregator does (POST /api/ussd and /api/sms, form fields, the gateway token), and reading
// the SMS the portal sends back from the outbox log. Without a terminal it reads one command a line.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { DEMO_CHANNEL_TOKEN } from "../app/utils/channel-auth.server";
import { channelNumbers } from "../app/utils/channel-numbers";
import { smsShape } from "../app/utils/gsm7";
import { normalizeMaliPhone } from "../app/utils/phone";

const SCREEN_MAX = 182;
const DISPLAY_WIDTH = 30;
const REPLY_WAIT_MS = 70_000;
// After a reply, more parts may follow from the same outbox run.
const MORE_REPLIES_MS = 3_000;
const REQUEST_TIMEOUT_MS = 15_000;
const MALI_NETWORK_CODE = "61002";

const USAGE = `usage: npm run phone -- <number> [--url URL] [--token TOKEN] [--outbox-log FILE]
  <number>        the phone's number in any Malian writing: 70000001, "70 00 00 01", +22370000001`;

const HELP = (ussdCode: string, smsNumber: string) =>
  [
    ["commands:", ""],
    [`  ussd (or ${ussdCode})`, 'dial the USSD menu; then each line is your next input, "hangup" leaves'],
    ["  sms TEXT", `text TEXT to ${smsNumber} (e.g. "sms AIDE", "sms POSTULER 4071") and show the replies`],
    ["  help", "this list"],
    ["  quit", "leave"],
  ]
    .map(([left, right]) => (right ? `${left!.padEnd(24)}${right}` : left))
    .join("\n");

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string" },
    token: { type: "string" },
    "outbox-log": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (options.help || positionals.length !== 1) {
  console.log(USAGE);
  process.exit(options.help ? 0 : 2);
}
const phone = phoneOf(positionals[0]!);
if (!phone) {
  console.error(`"${positionals[0]}" is not a phone number (try 70000001 or +22370000001).`);
  process.exit(2);
}
const baseUrl = (options.url ?? `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, "");
const token = options.token ?? (process.env.CHANNEL_TOKEN || DEMO_CHANNEL_TOKEN);
const outboxLog = path.resolve(options["outbox-log"] ?? "data/outbox.log");
const { ussdCode, smsNumber } = channelNumbers();
const interactive = Boolean(process.stdin.isTTY);

/** A Malian number in any writing as E.164, or another country's `+…` number. */
function phoneOf(input: string): string | null {
  const mali = normalizeMaliPhone(input);
  if (mali) return mali;
  const international = /^(?:\+|00)([1-9]\d{7,14})$/.exec(input.replace(/[\s.\-()]/g, ""));
  return international ? `+${international[1]}` : null;
}

/** The text cut into lines of the display's width, at spaces where it can. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      let rest = word;
      while ([...rest].length > width) {
        if (line) lines.push(line);
        line = "";
        lines.push([...rest].slice(0, width).join(""));
        rest = [...rest].slice(width).join("");
      }
      const candidate = line ? `${line} ${rest}` : rest;
      if ([...candidate].length > width) {
        lines.push(line);
        line = rest;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** A USSD screen's length against its limit; an SMS's length, encoding and parts. */
function ussdCount(text: string) {
  const length = [...text].length;
  return `[${length}/${SCREEN_MAX}]${length > SCREEN_MAX ? " TOO LONG" : ""}`;
}

function smsCount(text: string) {
  const shape = smsShape(text);
  return `[${shape.units} ${shape.encoding}, ${shape.segments} SMS]`;
}

/** A phone's display: the text framed, its count in the bottom border. */
function frame(text: string, title: string, count: string): string {
  const pad = (s: string) => s + " ".repeat(Math.max(0, DISPLAY_WIDTH - [...s].length));
  const top = `┌─ ${title} ${"─".repeat(Math.max(0, DISPLAY_WIDTH - title.length - 1))}┐`;
  const bottom = `└${"─".repeat(Math.max(0, DISPLAY_WIDTH + 2 - count.length - 1))}${count}─┘`;
  return [top, ...wrap(text, DISPLAY_WIDTH).map((line) => `│ ${pad(line)} │`), bottom].join("\n");
}

async function post(endpoint: string, fields: Record<string, string>): Promise<Response | string> {
  const url = `${baseUrl}${endpoint}?token=${encodeURIComponent(token)}`;
  try {
    return await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
    const code =
      cause?.code ?? cause?.errors?.[0]?.code ?? (cause as Error | undefined)?.message ?? (error as Error).name;
    return `cannot reach ${baseUrl} (${code}): is the portal running? (npm run demo, or --url)`;
  }
}

/** Why the portal refused the gateway, in words. */
async function refusal(response: Response): Promise<string> {
  const body = (await response.text()).trim().slice(0, 200);
  const hint =
    response.status === 401
      ? " (wrong token: --token, or CHANNEL_TOKEN)"
      : response.status === 503
        ? " (the portal has no CHANNEL_TOKEN: its channels are off)"
        : response.status === 404
          ? " (this portal has no such endpoint)"
          : "";
  return `the portal answered ${response.status}${hint}${body ? `: ${body}` : ""}`;
}

function fail(message: string) {
  console.log(`! ${message}`);
  process.exitCode = 1;
}

type UssdSession = { id: string; inputs: string[] };
let session: UssdSession | null = null;

async function ussdStep(input: string | null) {
  if (!session) return;
  if (input !== null) session.inputs.push(input);
  const answer = await post("/api/ussd", {
    sessionId: session.id,
    serviceCode: ussdCode,
    phoneNumber: phone!,
    networkCode: MALI_NETWORK_CODE,
    text: session.inputs.join("*"),
  });
  if (typeof answer === "string" || !answer.ok) {
    session = null;
    fail(typeof answer === "string" ? answer : await refusal(answer));
    return;
  }
  const body = await answer.text();
  const kind = body.slice(0, 4);
  if (kind !== "CON " && kind !== "END ") {
    session = null;
    fail(`the answer starts with neither CON nor END: ${body.slice(0, 80)}`);
    return;
  }
  console.log(frame(body.slice(4), ussdCode, ussdCount(body.slice(4))));
  if (kind === "END ") {
    session = null;
    console.log("(session ended)");
  }
}

type LoggedMessage = { at?: string; channel?: string; recipient?: string; text?: string };

/** Messages to this phone appended to the outbox log since `offset`; returns the new offset too. */
function newMessages(offset: number): { offset: number; messages: LoggedMessage[] } {
  let size: number;
  try {
    size = fs.statSync(outboxLog).size;
  } catch {
    return { offset: 0, messages: [] };
  }
  // The log was deleted and started again.
  if (size < offset) offset = 0;
  if (size === offset) return { offset, messages: [] };
  const fd = fs.openSync(outboxLog, "r");
  const buffer = Buffer.alloc(size - offset);
  fs.readSync(fd, buffer, 0, buffer.length, offset);
  fs.closeSync(fd);
  const text = buffer.toString("utf8");
  // Only whole lines: a line still being written is read at the next look.
  const complete = text.lastIndexOf("\n") + 1;
  const messages = text
    .slice(0, complete)
    .split("\n")
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LoggedMessage];
      } catch {
        return [];
      }
    })
    .filter((m) => m.channel === "sms" && m.recipient && phoneOf(m.recipient) === phone);
  return { offset: offset + Buffer.byteLength(text.slice(0, complete)), messages };
}

async function sms(text: string) {
  let offset = fs.existsSync(outboxLog) ? fs.statSync(outboxLog).size : 0;
  const answer = await post("/api/sms", {
    from: phone!,
    to: smsNumber.replace(/\s/g, ""),
    text,
    id: `sim-${randomUUID()}`,
    date: new Date().toISOString(),
  });
  if (typeof answer === "string" || !answer.ok) {
    fail(typeof answer === "string" ? answer : await refusal(answer));
    return;
  }
  console.log(`(sent to ${smsNumber}; waiting for the replies in ${outboxLog})`);
  const started = Date.now();
  let lastReply = 0;
  let replies = 0;
  for (;;) {
    const found = newMessages(offset);
    offset = found.offset;
    for (const message of found.messages) {
      replies++;
      lastReply = Date.now();
      console.log(frame(message.text ?? "", `SMS from ${smsNumber}`, smsCount(message.text ?? "")));
    }
    if (replies > 0 && Date.now() - lastReply > MORE_REPLIES_MS) return;
    if (replies === 0 && Date.now() - started > REPLY_WAIT_MS) {
      fail(
        `no reply for ${phone} in ${outboxLog} within ${REPLY_WAIT_MS / 1000} s. The portal's scheduler may be off ` +
          "(SCHEDULER=off), it may send by an SMS gateway (OUTBOX_TRANSPORT=http) or to another log " +
          "(--outbox-log), or this number sent STOP.",
      );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const isDial = (line: string) => /^ussd$/i.test(line) || line.replace(/\s/g, "") === ussdCode;

/** Runs one line; false when the person leaves. */
async function command(raw: string): Promise<boolean> {
  const line = raw.trim();
  if (!interactive) console.log(`> ${line}`);
  if (/^(quit|exit)$/i.test(line)) return false;
  if (session) {
    if (/^hangup$/i.test(line)) {
      session = null;
      console.log("(hung up)");
    } else {
      await ussdStep(line);
    }
    return true;
  }
  if (!line) return true;
  if (isDial(line)) {
    session = { id: `sim-${randomUUID()}`, inputs: [] };
    await ussdStep(null);
  } else if (/^sms(\s|$)/i.test(line)) {
    const text = line.slice(3).trim();
    if (text) await sms(text);
    else console.log('! sms needs a text, e.g. "sms AIDE"');
  } else if (/^help$/i.test(line)) {
    console.log(HELP(ussdCode, smsNumber));
  } else if (/^[*#]/.test(line)) {
    console.log(`! Baara answers on ${ussdCode}`);
  } else {
    console.log(`! unknown command "${line.slice(0, 40)}": type help`);
  }
  return true;
}

const prompt = () => (session ? "ussd> " : `${phone}> `);
console.log(`phone ${phone} → ${baseUrl}; USSD ${ussdCode}, SMS ${smsNumber}. Type help.`);
const lines = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
if (interactive) {
  lines.setPrompt(prompt());
  lines.prompt();
}
// One line at a time: an SMS waits for its replies before the next command runs.
for await (const line of lines) {
  if (!(await command(line))) break;
  if (interactive) {
    lines.setPrompt(prompt());
    lines.prompt();
  }
}
lines.close();
