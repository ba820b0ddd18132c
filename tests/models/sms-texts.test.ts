// The SMS keywords as people type them, and every answer of locales/<lng>/sms.json as one
// SMS: GSM-7 only, 160 units at most, with realistic long values (a 6-digit code, a
// long website, titles cut the way the answers cut them).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelValues, renderMessage } from "../../app/models/outbox.server";
import { parseSms } from "../../app/models/sms/keywords.server";
import { splitRegion } from "../../app/models/sms/offers.server";
import { fitLines, roomFor, SMS_UNITS } from "../../app/models/sms/text.server";
import { isGsm7, smsShape } from "../../app/utils/gsm7";
import type { Locale } from "../../app/utils/i18n";

describe("keywords", () => {
  it.each([
    ["OFFRES macon", "offres", "fr"],
    ["  offres   Maçon  ", "offres", "fr"],
    ["Offrès", "offres", "fr"],
    ["baara", "offres", "bm"],
    ["JOBS", "offres", "en"],
    ["postuler 4017 1234", "postuler", "fr"],
    ["SƐBƐN 4017 1234", "postuler", "bm"],
    ["seben", "postuler", "bm"],
    ["Statut 1234", "statut", "fr"],
    ["COGO 1234", "statut", "bm"],
    ["aide", "aide", "fr"],
    ["DƐMƐ", "aide", "bm"],
    ["deme!", "aide", "bm"],
    ["STOP", "stop", null],
    ["ARRÊT", "stop", "fr"],
    ["jo", "stop", "bm"],
    ["START", "start", null],
    ["daminɛ", "start", "bm"],
    ["", "unknown", null],
    ["bonjour", "unknown", null],
    ["<script>", "unknown", null],
  ])("%j is %s (%s)", (text, keyword, language) => {
    expect(parseSms(text)).toMatchObject({ keyword, language });
  });

  it("masks the PIN of what it keeps, wherever it stands", () => {
    expect(parseSms("POSTULER 4017 1234").masked).toBe("POSTULER 4017 ****");
    expect(parseSms("  statut   1234 ").masked).toBe("  statut   **** ");
    expect(parseSms("POSTUL 4017 1234").masked).toBe("POSTUL **** ****");
    expect(parseSms("OFFRES macon kati").masked).toBe("OFFRES macon kati");
  });

  it("finds a region named in any writing, and keeps the other words", () => {
    expect(splitRegion(["maçon", "SÉGOU"])).toEqual({ region: "segou", words: ["maçon"] });
    expect(splitRegion(["chauffeur", "Nioro", "du", "Sahel"])).toEqual({ region: "nioro", words: ["chauffeur"] });
    expect(splitRegion(["couturiere"])).toEqual({ region: undefined, words: ["couturiere"] });
  });
});

const LONG_TITLE = "Maçon coffreur qualifié pour chantier d'immeuble R+4, équipe de nuit, Kalaban Coro";
const LOCALES: Locale[] = ["fr", "en", "bm"];

function templates(lng: string) {
  const file = path.resolve("locales", lng, "sms.json");
  const reply = JSON.parse(fs.readFileSync(file, "utf8")).reply as Record<string, { sms: string }>;
  return Object.keys(reply);
}

/** The longest values an answer carries; titles and lists built as the answers build them. */
function longValues(locale: Locale, name: string) {
  const values: Record<string, unknown> = { code: "123456789012", words: "x".repeat(30), minutes: 15, limit: 30 };
  const line = { head: "1234567 ", flex: LONG_TITLE, tail: ", Kalaban Coro, 1500000F/mois" };
  values.title = fitLines([{ head: "", flex: LONG_TITLE, tail: "" }], roomFor(locale, name, "title", values), 1);
  values.offers = fitLines([line, line, line], roomFor(locale, name, "offers"));
  const status = { head: "1234567 ", flex: LONG_TITLE, tail: ": a taara baara la" };
  values.applications = fitLines([status, status, status], roomFor(locale, name, "applications"));
  return values;
}

describe("every answer is one GSM-7 SMS", () => {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.PUBLIC_URL = "https://www.baara-emploi-mali.ml";
    process.env.USSD_CODE = "*384*2233#";
    process.env.SMS_NUMBER = "36 22 00";
  });
  afterAll(() => {
    process.env = saved;
  });

  it("writes the status and pay words in GSM-7 letters", () => {
    for (const locale of LOCALES) {
      const { status, pay } = JSON.parse(fs.readFileSync(path.resolve("locales", locale, "sms.json"), "utf8"));
      for (const word of [...Object.values(status), ...Object.values(pay)])
        expect(isGsm7(String(word)), locale).toBe(true);
    }
  });

  it("has the same answers in French, English and Bambara", () => {
    expect(templates("en")).toEqual(templates("fr"));
    expect(templates("bm")).toEqual(templates("fr"));
  });

  it.each(LOCALES.flatMap((locale) => templates("fr").map((name) => [locale, name] as const)))(
    "%s %s",
    async (locale, name) => {
      // Written in GSM-7 letters already: the outbox's folding is a safety net, not the spelling.
      const written = JSON.parse(fs.readFileSync(path.resolve("locales", locale, "sms.json"), "utf8")).reply[name].sms;
      expect(isGsm7(written), written).toBe(true);
      const payload = { ...channelValues(), ...longValues(locale, name) };
      const { text } = await renderMessage({ template: `sms:reply.${name}`, locale, channel: "sms", payload });
      expect(smsShape(text), text).toMatchObject({ encoding: "gsm7", segments: 1 });
      expect(smsShape(text).units).toBeLessThanOrEqual(SMS_UNITS);
      // A title keeps enough of itself to be recognised.
      if (text.includes("Maçon") || text.includes("Macon")) expect(text).toMatch(/Macon coffreur/);
    },
  );
});
