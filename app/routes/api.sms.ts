// Inbound SMS from the telecom aggregator: `from`, `to`, `text`, `id`, `date`, form-encoded
// (or JSON). The answer is "OK" at once; the replies leave through the outbox.

import { gatewayPhone } from "~/models/phone-numbers.server";
import { receiveSms } from "~/models/sms/inbound.server";
import { refuseUntrustedGateway } from "~/utils/channel-auth.server";
import { getDb } from "~/utils/db.server";
import type { Route } from "./+types/api.sms";

const GATEWAY_ID_CHARS = 128;

function plain(text: string, status: number, extra: Record<string, string> = {}) {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...extra },
  });
}

type Fields = Partial<Record<"from" | "to" | "text" | "id" | "date", string>>;
const NAMES = ["from", "to", "text", "id", "date"] as const;

/** The fields as text, whichever way they came; null when the body is neither a form nor a JSON object. */
async function readFields(request: Request): Promise<Fields | null> {
  const fields: Fields = {};
  if (/\bjson\b/i.test(request.headers.get("content-type") ?? "")) {
    const body: unknown = await request.json().catch(() => null);
    if (!body || typeof body !== "object" || Array.isArray(body)) return null;
    for (const name of NAMES) {
      const value = (body as Record<string, unknown>)[name];
      if (typeof value === "string" || typeof value === "number") fields[name] = String(value);
    }
    return fields;
  }
  const form = await request.formData().catch(() => null);
  if (!form) return null;
  for (const name of NAMES) {
    const value = form.get(name);
    if (typeof value === "string") fields[name] = value;
  }
  return fields;
}

/** The gateway's time of receipt: ISO text, or epoch seconds or milliseconds; null when unreadable. */
function gatewayDate(value: string | undefined) {
  if (!value) return null;
  const trimmed = value.trim();
  const time = /^\d{9,13}$/.test(trimmed)
    ? Number(trimmed) * (trimmed.length <= 10 ? 1000 : 1)
    : Date.parse(trimmed.replace(" ", "T"));
  return Number.isFinite(time) ? new Date(time) : null;
}

export async function action({ request }: Route.ActionArgs) {
  const refused = refuseUntrustedGateway(request);
  if (refused) return refused;
  const fields = await readFields(request);
  if (!fields) return plain("Bad request: send a form (or JSON) with from, to, text, id, date.", 400);
  const phone = gatewayPhone(fields.from);
  if (!phone) return plain("Bad request: `from` is missing or is not a phone number.", 400);
  const gatewayId = fields.id?.trim() ?? "";
  if (!gatewayId || gatewayId.length > GATEWAY_ID_CHARS) {
    return plain(`Bad request: \`id\` is missing or longer than ${GATEWAY_ID_CHARS} characters.`, 400);
  }
  try {
    await receiveSms(getDb(), {
      gatewayId,
      phone,
      to: fields.to?.trim().slice(0, 40) || null,
      text: fields.text ?? "",
      receivedAt: gatewayDate(fields.date),
    });
  } catch (error) {
    console.error("inbound SMS not handled", error);
    return plain("Try again later.", 503, { "Retry-After": "30" });
  }
  return plain("OK", 200);
}
