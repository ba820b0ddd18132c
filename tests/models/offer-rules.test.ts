import { describe, expect, it } from "vitest";
import { checkOfferRules, findContactDetails, riskFlags, RISK_RULES, type OfferRuleInput } from "../../app/models/offer-rules";
import { addDays } from "../../app/utils/dates";
import { SMIG_FCFA } from "../../app/utils/reference";

const kinds = (text: string) => findContactDetails(text).map((f) => f.kind);

describe("findContactDetails", () => {
  it.each([
    ["Appelez le 70 12 34 56 après 17 h", "70 12 34 56"],
    ["tel:70123456", "70123456"],
    ["+223 70 12 34 56", "+223 70 12 34 56"],
    ["+223-70.12.34.56", "+223-70.12.34.56"],
    ["00223 70-12-34-56", "00223 70-12-34-56"],
    ["0022370123456", "0022370123456"],
    ["Bureau : 76.12.34.56", "76.12.34.56"],
    ["WhatsApp 66 77 88 99", "66 77 88 99"],
    ["Tél. 20 22 33 44 (fixe)", "20 22 33 44"],
    ["En France : +33 6 12 34 56 78", "+33 6 12 34 56 78"],
  ])("finds the phone number in %j", (text, found) => {
    expect(findContactDetails(text)).toEqual([{ kind: "phone", text: found }]);
  });

  it.each([
    ["Écrivez à recrutement@atelier.ml", "recrutement@atelier.ml"],
    ["CV à JEAN.DIARRA@EXEMPLE.COM", "JEAN.DIARRA@EXEMPLE.COM"],
    ["contact: jean [at] exemple.ml", "jean [at] exemple.ml"],
    ["jean(at)exemple.com", "jean(at)exemple.com"],
  ])("finds the e-mail address in %j, and not its domain as a link", (text, found) => {
    expect(findContactDetails(text)).toEqual([{ kind: "email", text: found }]);
  });

  it.each([
    ["Postulez sur www.baara-emploi.com", "www.baara-emploi.com"],
    ["Détails : https://exemple.org/offre?id=3", "https://exemple.org/offre?id=3"],
    ["http://bit.ly/xyz", "http://bit.ly/xyz"],
    ["voir atelier.ml", "atelier.ml"],
    ["formulaire sur site.ml/postuler", "site.ml/postuler"],
    ["wa.me/22370000000", "wa.me/22370000000"],
  ])("finds the link in %j", (text, found) => {
    expect(findContactDetails(text)).toEqual([{ kind: "link", text: found }]);
  });

  it.each([
    "Date limite : 2026-12-01",
    "Début le 01/12/2026",
    "Salaire 150 000 F CFA par mois",
    "salaire 150000 FCFA",
    "De 100 000 à 1 500 000 FCFA selon le profil",
    "salaire : 45.000 à 60.000",
    "2 postes, 40 000 F, 12 mois",
    "de 8 h à 17 h, 6 jours sur 7, ouvert 24h/24",
    "Référence 2026/0045, Bac+2 exigé",
    "M. Traoré vous formera. Bonne humeur...",
  ])("flags nothing in %j (dates and money are not phone numbers)", (text) => {
    expect(findContactDetails(text)).toEqual([]);
  });

  it("finds every kind in one text", () => {
    expect(kinds("Appelez 70 12 34 56 ou écrivez à a@b.ml, voir www.atelier.ml")).toEqual(["email", "link", "phone"]);
  });
});

const today = "2026-03-10";

const rule = (changes: Partial<OfferRuleInput> = {}): OfferRuleInput => ({
  title: "Maçon qualifié",
  description: "Chantier à Kalaban Coro, trois ans d'expérience.",
  contract: "cdi",
  payAmount: 75_000,
  payPeriod: "month",
  closingDate: addDays(today, 30),
  ...changes,
});

describe("checkOfferRules", () => {
  it("accepts a normal offer", () => {
    expect(checkOfferRules(rule(), today)).toEqual({});
  });

  it.each([
    ["today", today],
    ["yesterday", addDays(today, -1)],
    ["last year", "2025-03-10"],
  ])("refuses a closing date %s", (_label, closingDate) => {
    expect(checkOfferRules(rule({ closingDate }), today)).toEqual({ closingDate: "offer.rules.closingDateFuture" });
  });

  it("accepts tomorrow and a year ahead, refuses further", () => {
    expect(checkOfferRules(rule({ closingDate: addDays(today, 1) }), today)).toEqual({});
    expect(checkOfferRules(rule({ closingDate: addDays(today, 366) }), today)).toEqual({});
    expect(checkOfferRules(rule({ closingDate: addDays(today, 367) }), today)).toEqual({
      closingDate: "offer.rules.closingDateTooFar",
    });
  });

  it.each(["cdi", "cdd"] as const)("refuses 39 999 F CFA a month for a %s, naming the SMIG", (contract) => {
    expect(checkOfferRules(rule({ contract, payAmount: 39_999 }), today)).toEqual({
      payAmount: { key: "offer.rules.underSmig", values: { smig: 40_000 } },
    });
    expect(SMIG_FCFA).toBe(40_000);
  });

  it("accepts exactly the SMIG (40 000) for a cdd", () => {
    expect(checkOfferRules(rule({ contract: "cdd", payAmount: 40_000 }), today)).toEqual({});
  });

  it("refuses a cdi without pay", () => {
    expect(checkOfferRules(rule({ payAmount: null }), today)).toMatchObject({ payAmount: { key: "offer.rules.underSmig" } });
  });

  it("refuses a cdi paid by the day", () => {
    expect(checkOfferRules(rule({ payPeriod: "day", payAmount: 5_000 }), today)).toEqual({
      payPeriod: "offer.rules.monthlyPayRequired",
    });
  });

  it.each([
    ["journalier", 3_000, "day"],
    ["saisonnier", 30_000, "month"],
    ["apprentissage", 10_000, "month"],
    ["apprentissage", 0, "month"],
    ["stage", null, "month"],
    ["formation", null, "month"],
  ] as const)("does not apply the SMIG to %s (%s)", (contract, payAmount, payPeriod) => {
    expect(checkOfferRules(rule({ contract, payAmount, payPeriod }), today)).toEqual({});
  });

  it("names the phone number found in the description", () => {
    expect(checkOfferRules(rule({ description: "Appelez Moussa au 76 12 34 56 pour un rendez-vous." }), today)).toEqual({
      description: { key: "offer.rules.contactIn.phone", values: { found: "76 12 34 56" } },
    });
  });

  it("checks the title too, and names every detail found", () => {
    expect(checkOfferRules(rule({ title: "Maçon — jean@atelier.ml 70123456" }), today)).toEqual({
      title: { key: "offer.rules.contactIn.email", values: { found: "jean@atelier.ml, 70123456" } },
    });
  });

  it("gives one message per field when several rules fail", () => {
    const errors = checkOfferRules(
      rule({ closingDate: today, payAmount: 1, description: "www.arnaque.com" }),
      today,
    );
    expect(Object.keys(errors).sort()).toEqual(["closingDate", "description", "payAmount"]);
  });
});

const flags = (text: string, publishedOffersOfOrg = 3) => riskFlags({ text, publishedOffersOfOrg });

describe("riskFlags", () => {
  it("holds an organisation's first offer", () => {
    expect(flags("Maçon à Bamako", 0)).toEqual(["first_offer"]);
    expect(flags("Maçon à Bamako", 1)).toEqual([]);
  });

  it.each([
    "FRAIS DE DOSSIER : 5 000 F",
    "Frais d'inscription obligatoires",
    "Une caution de 25 000 F est demandée",
    "Payez 10 000 F à l'embauche",
    "Le candidat doit payer sa tenue",
    "Paiement par Orange Money avant l'entretien",
    "envoyer la cotisation par Wave",
    "Application fee required",
  ])("holds %j as asking candidates for money", (text) => {
    expect(flags(text)).toEqual(["asks_money"]);
  });

  it.each([
    "Travail en Algérie, logé nourri",
    "ALGERIE, LIBYE : départ rapide",
    "Visa et billet fournis",
    "Chauffeurs pour l'Arabie Saoudite",
    "Emploi en Europe (Espagne, Italie)",
    "Passeport exigé",
    "Jobs abroad with good pay",
    "Ouvriers pour Dubaï",
  ])("holds %j as recruiting for work abroad", (text) => {
    expect(flags(text)).toEqual(["work_abroad"]);
  });

  it("gives every rule that holds, in the order of the rules", () => {
    expect(flags("Frais de dossier puis visa pour la Libye", 0)).toEqual(["first_offer", "asks_money", "work_abroad"]);
  });

  it.each([
    "Maçon qualifié pour un chantier à Kalaban Coro. Salaire 75 000 F par mois, payé chaque mois.",
    "Cuisinier pour un restaurant à Ségou. Repas fournis.",
    "Apprenti couturier chez Francis Diarra, atelier à Sikasso.",
    "Vendeuse pour une boutique du marché de Médine, tous pays d'origine bienvenus.",
  ])("holds nothing in a normal offer: %j", (text) => {
    expect(flags(text)).toEqual([]);
  });

  it("keeps its rules as data, each with a code", () => {
    expect(RISK_RULES.map((r) => r.code)).toEqual(["first_offer", "asks_money", "work_abroad"]);
  });
});
