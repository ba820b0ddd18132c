// A phone on the USSD menu, as the aggregator drives POST /api/ussd: each step sends
// every input of the session so far, joined by "*"; the transcript keeps what was shown.
import { randomUUID } from "node:crypto";
import { action } from "../../app/routes/api.ussd";
import { DEMO_CHANNEL_TOKEN } from "../../app/utils/channel-auth.server";

export type Answer = { status: number; body: string };

/** One POST to /api/ussd with the form fields given (the demo token in the URL unless told). */
export async function postUssd(fields: Record<string, string>, url = `http://x/api/ussd?token=${DEMO_CHANNEL_TOKEN}`) {
  const request = new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  const response = (await action({ request, params: {}, context: {} } as never)) as Response;
  return { status: response.status, body: await response.text(), response };
}

let phoneSeq = 0;
/** A Malian mobile number no other USSD test uses, as a gateway writes it. */
export const ussdPhone = () => `2236${String(5_000_000 + ++phoneSeq).slice(-7)}`;

export class Phone {
  readonly inputs: string[] = [];
  readonly transcript: string[] = [];
  sessionId = randomUUID();

  constructor(readonly number = ussdPhone()) {}

  get text() {
    return this.inputs.join("*");
  }

  /** Dials the code: a new session. */
  async dial() {
    this.sessionId = randomUUID();
    this.inputs.length = 0;
    return this.step();
  }

  /** Types one input and sends the whole session's text. */
  async send(input: string) {
    this.inputs.push(input);
    return this.step(input);
  }

  /** The same step again, as a gateway retrying it would. */
  async resend() {
    return this.step();
  }

  private async step(typed?: string) {
    const { body, status } = await postUssd({
      sessionId: this.sessionId,
      serviceCode: "*384*22#",
      phoneNumber: this.number,
      networkCode: "61001",
      text: this.text,
    });
    if (status !== 200) throw new Error(`USSD answered ${status}: ${body}`);
    this.transcript.push(`${typed === undefined ? "> (dial)" : `> ${typed}`}\n${body}`);
    return body;
  }
}
