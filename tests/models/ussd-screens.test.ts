// Every screen the USSD menu can reach, walked breadth-first (each choice on each new
// screen, an invalid one too, a name and a PIN where asked), in French and in
// Bamanankan, for a new number and for a known candidate: none is longer than 182
// characters with its prefix, and all are GSM-7. The SMS after an application fits one.
import { describe, expect, it } from "vitest";
import { setPin } from "../../app/models/pin.server";
import { answerUssd } from "../../app/models/ussd/engine.server";
import { say } from "../../app/models/ussd/text.server";
import { isGsm7, smsShape } from "../../app/utils/gsm7";
import { ussdSessions } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertApplicationWith, insertCandidate, insertEmployer, insertOffer } from "../helpers/factories";

const LIMIT = 182;
const CHOICES = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "x"];
// Each call a few minutes after the last: the walk opens many sessions, as many hours of real use would.
const STEP_MS = 150_000;

async function world() {
  const db = createTestDb();
  const { org } = await insertEmployer(db, "verified", "Entreprise Générale de Bâtiment et de Travaux du Mali");
  const long = "Très long intitulé d'offre pour un maçon coffreur ferrailleur expérimenté à Bamako";
  for (let i = 0; i < 5; i++) {
    insertOffer(db, {
      orgId: org.id,
      title: `${long} ${i}`,
      trade: "macon",
      commune: "Commune VI",
      payAmount: 1_250_000,
    });
  }
  insertOffer(db, { orgId: org.id, title: "Couturière", trade: "couturier", region: "segou", type: "apprentissage" });
  return { db, offers: [1, 2, 3] };
}

function inputsFor(screen: string) {
  if (/prénom|nom:|togo:|jamu|name/i.test(screen)) return ["Awa", "x"];
  if (/PIN|gundo/i.test(screen)) return ["2468", "x"];
  return CHOICES;
}

/** Walks the menu from each of `starts` (e.g. the language choice); returns every screen seen. */
async function walk(db: ReturnType<typeof createTestDb>, phoneOf: () => string, starts: string[][], maxCalls = 700) {
  const seen = new Map<string, string>();
  let clock = Date.now();
  let calls = 0;
  let queue = starts;
  while (queue.length > 0 && calls < maxCalls) {
    const next: string[][] = [];
    for (const path of queue) {
      if (calls >= maxCalls) break;
      calls++;
      clock += STEP_MS;
      const body = await answerUssd(db, {
        sessionId: `walk-${calls}`,
        phoneNumber: phoneOf(),
        text: path.join("*"),
        now: new Date(clock),
      });
      const fresh = !seen.has(body);
      seen.set(body, path.join("*"));
      if (fresh && body.startsWith("CON ") && path.length < 16) {
        for (const input of inputsFor(body)) next.push([...path, input]);
      }
    }
    queue = next;
  }
  return seen;
}

function expectScreensFit(seen: Map<string, string>) {
  const tooLong = [...seen].filter(([body]) => body.length > LIMIT).map(([body, path]) => `${path}: ${body}`);
  expect(tooLong).toEqual([]);
  const notGsm7 = [...seen].filter(([body]) => !isGsm7(body)).map(([body, path]) => `${path}: ${body}`);
  expect(notGsm7).toEqual([]);
}

let phoneSeq = 0;
const newPhone = () => `2236${String(7_000_000 + ++phoneSeq).slice(-7)}`;

describe("every screen of the USSD menu fits a phone", () => {
  it.each([
    ["fr", "1"],
    ["bm", "2"],
    ["en", "3"],
  ])(
    "for a new number, in %s",
    async (_, choice) => {
      const { db } = await world();
      const seen = await walk(db, newPhone, [[choice]]);
      expect(seen.size).toBeGreaterThan(40);
      expectScreensFit(seen);
    },
    120_000,
  );

  it.each(["fr", "bm"] as const)(
    "for a known candidate with applications, in %s",
    async (locale) => {
      const { db } = await world();
      const phone = newPhone();
      const user = insertCandidate(db, { phone: `+${phone}`, locale: locale as "fr" });
      await setPin(db, user.id, "2468", { actorId: user.id });
      insertApplicationWith(db, { offerId: 1, candidateId: user.id, status: "offered" });
      insertApplicationWith(db, { offerId: 2, candidateId: user.id });
      // From home, and from inside "my applications" (behind the PIN, where a breadth-first walk gets last).
      const starts = [[], ["2", "2468", "1"], ["2", "2468", "2"], ["3", "2"]];
      const seen = await walk(db, () => phone, starts, 300);
      const screens = [...seen.keys()].join("\n");
      expect(screens).toContain(locale === "fr" ? "3 Retirer" : "3 Ka bo a la");
      expectScreensFit(seen);
    },
    120_000,
  );
});

describe("the SMS after an application", () => {
  it.each(["fr", "en", "bm"] as const)("fits one GSM-7 segment in %s, with the longest title kept", (locale) => {
    const text = say(locale, "applied.sms", { title: "W".repeat(40), code: "123456" });
    expect(smsShape(text)).toMatchObject({ encoding: "gsm7", segments: 1 });
  });
});

describe("USSD sessions kept", () => {
  it("limits a number to 30 new sessions an hour, and forgets sessions a day after their last step", async () => {
    const db = createTestDb();
    const phone = newPhone();
    const start = Date.parse("2026-06-01T08:00:00Z");
    const dial = (n: number, at: number) =>
      answerUssd(db, { sessionId: `s${n}`, phoneNumber: phone, text: "", now: new Date(at) });
    for (let n = 0; n < 30; n++) expect(await dial(n, start + n * 1000)).toMatch(/^CON /);
    expect(await dial(30, start + 40_000)).toMatch(/^END .*Revenez dans 60 min\.$/);
    expect(await dial(31, start + 3_600_000 + 1000)).toMatch(/^CON /);
    expect(db.select().from(ussdSessions).all()).toHaveLength(31);
    await answerUssd(db, {
      sessionId: "later",
      phoneNumber: newPhone(),
      text: "",
      now: new Date(start + 26 * 3_600_000),
    });
    expect(db.select({ id: ussdSessions.sessionId }).from(ussdSessions).all()).toEqual([{ id: "later" }]);
  });
});
