// The USSD menu's endpoint for the telecom aggregator (the usual convention: form fields
// sessionId, serviceCode, phoneNumber, networkCode, text; a text/plain `CON `/`END ` answer).
// Whatever the input, a screen comes back: a failure inside is an END screen, never a 500.
import { answerUssd } from "~/models/ussd/engine.server";
import { screen } from "~/models/ussd/text.server";
import { refuseUntrustedGateway } from "~/utils/channel-auth.server";
import { getDb } from "~/utils/db.server";
import type { Route } from "./+types/api.ussd";

const HEADERS = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };

async function fieldsOf(request: Request) {
  try {
    const form = await request.formData();
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : null;
    };
    return { sessionId: field("sessionId"), phoneNumber: field("phoneNumber"), text: field("text") };
  } catch {
    return { sessionId: null, phoneNumber: null, text: null };
  }
}

export async function action({ request }: Route.ActionArgs) {
  const refused = refuseUntrustedGateway(request);
  if (refused) return refused;
  const fields = await fieldsOf(request);
  try {
    return new Response(await answerUssd(getDb(), fields), { headers: HEADERS });
  } catch (error) {
    console.error("ussd step failed", error);
    return new Response(screen("END", ["Service indisponible. Réessayez plus tard."]), { headers: HEADERS });
  }
}
