// Every SMS text of French and Bamanankan (messages, SMS answers, USSD follow-ups), filled with
// long but realistic values: written in GSM-7 letters, and one segment of 160 unless said why not.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMessage } from "../../app/models/outbox.server";
import { isGsm7, smsShape } from "../../app/utils/gsm7";

const TOKEN = "Xk3v9QmT2pLw8RzN4bYc7HdJ6sFa1GeUo5iKqWtVnMx";
const LINKS: Record<string, string> = {
  confirmPhone: "/confirmer-telephone",
  invitation: `/invitation/${TOKEN}`,
  setPassword: "/activer-compte",
  passwordReset: "/nouveau-mot-de-passe",
  passwordResetLink: `/nouveau-mot-de-passe?jeton=${TOKEN}`,
  "alerts.digest": "/candidat/alertes",
  "organisationIdentity.accepted": "/employeur/organisation",
  "organisationIdentity.refused": "/employeur/organisation",
};

const VALUES: Record<string, unknown> = {
  offerTitle: "Aide-maçon pour chantier à Kalaban Coro",
  title: "Aide-maçon pour chantier à Kalaban Coro",
  interviewAt: "2030-09-10T09:30",
  interviewPlace: "Garage Sanogo, route de Koutiala, Sikasso",
  count: 12,
  titles: "Maçon à Kati · Soudeur · Chauffeur poids lourd",
  orgName: "Boulangerie Moderne du Fleuve",
  requestedName: "Boulangerie Moderne de Bamako SARL",
  code: "482913",
  number: "36 22",
  ussd: "*384*22#",
  site: "baara.ml",
  minutes: 15,
  limit: 5,
  words: "chauffeur poids lourd Sikasso",
  amount: "75 000 FCFA",
  date: "10/09/2030",
  from: "10/09/2030",
  to: "10/10/2030",
  region: "Koulikoro",
  trade: "Maçonnerie",
  status: "présélectionnée",
  total: 12,
  offers: "4071 Maçon, Kati, 3 500 F/jour\n5128 Soudeur, Bamako, 75 000 F/mois\n6230 Chauffeur, Ségou",
  applications: "4071 Maçon, Kati: présélectionnée\n5128 Soudeur, Bamako: en attente",
};

// Two segments, and why that is right.
const TWO_SEGMENTS: Record<string, string> = {
  "messages:application.interview": "the date, the place and the link are all needed to come to the interview",
};

const NAMESPACES = ["messages", "sms", "ussd"];

function smsKeys(node: unknown, prefix: string[] = []): string[] {
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "sms" && typeof value === "string" ? [prefix.join(".")] : smsKeys(value, [...prefix, key]),
  );
}

const savedPublicUrl = process.env.PUBLIC_URL;
beforeAll(() => {
  process.env.PUBLIC_URL = "https://baara.ml/";
});
afterAll(() => {
  if (savedPublicUrl === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = savedPublicUrl;
});

for (const locale of ["fr", "bm"]) {
  for (const ns of NAMESPACES) {
    const file = path.resolve("locales", locale, `${ns}.json`);
    if (!fs.existsSync(file)) continue;
    const texts = JSON.parse(fs.readFileSync(file, "utf8"));
    describe(`locales/${locale}/${ns}.json`, () => {
      for (const key of smsKeys(texts)) {
        const name = `${ns}:${key}`;
        it(`${key}.sms is in GSM-7 letters and fits ${TWO_SEGMENTS[name] ? "two SMS" : "one SMS"}`, async () => {
          const template: string = key.split(".").reduce((node, part) => node[part], texts).sms;
          expect(isGsm7(template.replace(/{{[^}]*}}/g, "")), template).toBe(true);
          const payload = { ...VALUES, link: LINKS[key] ?? "/candidat/candidatures" };
          const { text } = await renderMessage({ template: name, locale, channel: "sms", payload });
          expect(text).not.toContain("{{");
          expect(smsShape(text)).toMatchObject({ encoding: "gsm7", segments: TWO_SEGMENTS[name] ? 2 : 1 });
        });
      }
    });
  }
}
