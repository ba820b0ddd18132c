// The USSD menu end to end: the route's action with the aggregator's form fields,
// against the real database — whole sessions, paging, back and home, replays,
// hostile inputs, and what one person can never see of another.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { newOffersFor, toFilters } from "../../app/models/alerts.server";
import { setPin } from "../../app/models/pin.server";
import { getDb } from "../../app/utils/db.server";
import {
  applications,
  auditLog,
  callbackRequests,
  candidateProfiles,
  offers,
  outbox,
  savedSearches,
  users,
} from "../../db/schema";
import { insertApplicationWith, insertCandidate, insertEmployer, insertOffer } from "../helpers/factories";
import { Phone, postUssd, ussdPhone } from "./api-ussd-helpers";

const db = () => getDb();
let orgName: string;
let orgId: number;
let kidalOffers: number[];

beforeAll(async () => {
  const { org } = await insertEmployer(db(), "verified", "Atelier Sanogo");
  orgId = org.id;
  orgName = org.name;
  insertOffer(db(), {
    orgId,
    title: "Maçon qualifié pour chantier à Kalaban",
    region: "koulikoro",
    commune: "Kalaban Coro",
    trade: "macon",
    payAmount: 75_000,
    description: "Construire des murs en parpaing. Être à l'heure. ".repeat(10),
  });
  // Seven open offers in Kidal: three screens of offers.
  kidalOffers = Array.from(
    { length: 7 },
    (_, i) => insertOffer(db(), { orgId, title: `Soudeur ${i + 1}`, region: "kidal", trade: "soudeur" }).id,
  );
});

/** A candidate with a PIN whose phone is this Phone's number. */
async function knownCandidate(phone: Phone, values: Parameters<typeof insertCandidate>[1] = {}) {
  const user = insertCandidate(db(), { phone: `+${phone.number}`, firstName: "Fanta", lastName: "Keita", ...values });
  await setPin(db(), user.id, "2468", { actorId: user.id });
  return user;
}

describe("a new number registers and applies", () => {
  it("chooses French, finds an offer, consents, registers in five steps and applies; an SMS follows", async () => {
    const phone = new Phone();
    expect(await phone.dial()).toBe("CON Langue / Kan / Language\n1 Francais\n2 Bamanankan\n3 English");
    expect(await phone.send("1")).toMatch(/^CON Baara.*\n1 Chercher du travail\n2 Mes candidatures/);
    expect(await phone.send("1")).toMatch(/^CON Région \?\n1 District de Bamako\n2 Kayes\n3 Koulikoro/);
    expect(await phone.send("3")).toContain("1 Emploi");
    expect(await phone.send("1")).toContain("1 Macon");
    const list = await phone.send("1");
    expect(list).toContain("Offres 1-1/1");
    expect(list).toContain("Kalaban Coro, 75");
    const detail = await phone.send("1");
    const code = db().select().from(offers).where(eq(offers.title, "Maçon qualifié pour chantier à Kalaban")).get()!
      .shortCode!;
    expect(detail).toContain(orgName);
    expect(detail).toContain(`Code ${code}`);
    expect(detail).toContain("Etre à l'heure"); // folded to GSM-7 letters: é and à stay, ê goes
    expect(await phone.send("1")).toMatch(/^CON Baara garde votre nom.*1 Accepter 2 Refuser$/s);
    expect(await phone.send("1")).toContain("Votre prénom");
    await phone.send("Awa");
    expect(await phone.send("Traoré")).toContain("Votre région");
    expect(await phone.send("1")).toContain("Votre secteur");
    expect(await phone.send("1")).toContain("1 Macon");
    expect(await phone.send("1")).toContain("PIN de 4 chiffres");
    expect(await phone.send("1234")).toMatch(/^CON PIN refusé/);
    expect(await phone.send("2580")).toMatch(/^CON PIN refusé/);
    expect(await phone.send("4826")).toContain("Tapez le PIN encore");
    expect(await phone.send("4862")).toMatch(/^CON Les 2 PIN diffèrent\nChoisissez un code PIN/);
    await phone.send("4826");
    const done = await phone.send("4826");
    expect(done).toBe(`END Candidature envoyée (offre ${code}). Un SMS suit. Suivez-la: *384*22# puis 2.`);
    console.info(`USSD session (fr):\n${phone.transcript.join("\n\n")}`);

    const user = db()
      .select()
      .from(users)
      .where(eq(users.phone, `+${phone.number}`))
      .get()!;
    expect(user).toMatchObject({ role: "candidat", displayName: "Awa Traoré", passwordHash: null, locale: "fr" });
    expect(user.phoneConfirmedAt).not.toBeNull();
    expect(user.pinHash).toMatch(/^scrypt/);
    const profile = db().select().from(candidateProfiles).where(eq(candidateProfiles.userId, user.id)).get()!;
    expect(profile).toMatchObject({ consentMethod: "ussd", region: "bamako" });
    expect(profile.smsConsentAt).not.toBeNull();
    const applied = db().select().from(applications).where(eq(applications.candidateId, user.id)).all();
    expect(applied).toMatchObject([{ channel: "ussd", status: "submitted" }]);
    const sms = db()
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, `+${phone.number}`))
      .all();
    expect(sms).toMatchObject([{ template: "ussd:applied", locale: "fr", payload: { code } }]);
    const registered = db().select().from(auditLog).where(eq(auditLog.action, "account.registered")).all();
    expect(registered.some((row) => row.actorId === user.id && row.detail?.channel === "ussd")).toBe(true);

    // The same last step again (a gateway's retry): the same screen, nothing done twice.
    expect(await phone.resend()).toBe(done);
    expect(db().select().from(applications).where(eq(applications.candidateId, user.id)).all()).toHaveLength(1);
    expect(
      db()
        .select()
        .from(outbox)
        .where(eq(outbox.recipient, `+${phone.number}`))
        .all(),
    ).toHaveLength(1);
  });

  it("in Bamanankan, refusing the consent keeps nothing", async () => {
    const phone = new Phone();
    await phone.dial();
    expect(await phone.send("2")).toMatch(/^CON Baara: baara Mali kono\n1 Ka baara nyini/);
    expect(await phone.send("1")).toContain("Mara jumen?");
    await phone.send("12"); // invalid on a page of seven
    expect(phone.transcript.at(-1)).toContain("Sugandili ma nyi");
    await phone.send("9");
    await phone.send("9");
    expect(phone.transcript.at(-1)).toMatch(/Kidal|Bandiagara/);
    await phone.send("8"); // every region
    expect(await phone.send("5")).toContain("Baara suguya?");
    expect(await phone.send("1")).toContain("Baara yorow 1-3/7");
    await phone.send("1");
    expect(await phone.send("1")).toContain("1 Son 2 Ban");
    expect(await phone.send("2")).toBe("END Foyi ma mara. K'an ben.");
    console.info(`USSD session (bm):\n${phone.transcript.join("\n\n")}`);
    expect(
      db()
        .select()
        .from(users)
        .where(eq(users.phone, `+${phone.number}`))
        .get(),
    ).toBeUndefined();
    // The language is remembered: the next session opens on the main menu, in Bamanankan.
    expect(await phone.dial()).toMatch(/^CON Baara: baara Mali kono/);
  });
});

describe("paging, back and home", () => {
  it("shows three offers a screen with 9 for more, 0 goes back a screen and 00 home", async () => {
    const phone = new Phone();
    await phone.dial();
    await phone.send("1");
    await phone.send("1");
    expect(await phone.send("9")).toMatch(/\n1 Gao\n2 Kidal\n/); // page 2 of the regions
    expect(await phone.send("2")).toContain("Type ?");
    await phone.send("5");
    await phone.send("1");
    expect(phone.transcript.at(-1)).toContain("Offres 1-3/7");
    expect(await phone.send("9")).toContain("Offres 4-6/7");
    expect(await phone.send("9")).toContain("Offres 7-7/7");
    const last = phone.transcript.at(-1)!;
    expect(last).not.toContain("9 Suite");
    expect(await phone.send("9")).toMatch(/^CON Choix invalide\nOffres 7-7\/7/);
    expect(await phone.send("0")).toContain("Offres 4-6/7");
    const offer = await phone.send("2"); // newest first: 7 6 5, then 4 3 2
    expect(offer).toContain("Soudeur 3");
    expect(await phone.send("00")).toMatch(/^CON Baara.*\n1 Chercher du travail/);
    expect(await phone.send("0")).toMatch(/^CON Baara.*\n1 Chercher du travail/);
    expect(kidalOffers).toHaveLength(7);
  });

  it("answers an invalid choice with the same screen under 'Choix invalide'", async () => {
    const phone = new Phone();
    await phone.dial();
    await phone.send("1");
    for (const input of ["7", "abc", "", "1;DROP TABLE users", "<script>alert(1)</script>", "🙂"]) {
      expect(await phone.send(input)).toMatch(/^CON Choix invalide\nBaara/);
    }
  });
});

describe("a known number", () => {
  it("sees its applications after the PIN, withdraws one and answers a job offer", async () => {
    const phone = new Phone();
    const user = await knownCandidate(phone, { locale: "fr" });
    const [first, second] = kidalOffers;
    const open = insertApplicationWith(db(), { offerId: first!, candidateId: user.id }).id;
    const offered = insertApplicationWith(db(), { offerId: second!, candidateId: user.id, status: "offered" }).id;
    expect(await phone.dial()).toMatch(/^CON Baara/); // its account's language: no language screen
    expect(await phone.send("2")).toContain("code PIN");
    expect(await phone.send("1111")).toMatch(/^CON PIN incorrect/);
    const list = await phone.send("2468");
    expect(list).toMatch(/Vos candidatures:\n1 Soudeur 2: offre d'emploi\n2 Soudeur 1: envoyée/);
    expect(await phone.send("1")).toMatch(/1 Accepter l'offre\n2 Refuser l'offre\n3 Retirer/);
    expect(await phone.send("2")).toContain("Pourquoi refuser");
    expect(await phone.send("2")).toBe("END Refus envoyé. Bonne recherche.");
    const answered = db().select().from(applications).where(eq(applications.id, offered)).get()!;
    expect(answered).toMatchObject({ offerAnswer: "declined", offerAnswerReason: "distance" });

    await phone.dial();
    await phone.send("2");
    await phone.send("2468");
    await phone.send("2");
    expect(await phone.send("3")).toContain("1 Oui 2 Non");
    expect(await phone.send("2")).toContain("3 Retirer"); // 2 = no: back to the application
    await phone.send("3");
    expect(await phone.send("1")).toBe("END Candidature retirée.");
    expect(db().select().from(applications).where(eq(applications.id, open)).get()?.status).toBe("withdrawn");
  });

  it("accepts a job offer after the PIN, once", async () => {
    const phone = new Phone();
    const user = await knownCandidate(phone);
    const offered = insertApplicationWith(db(), { offerId: kidalOffers[5]!, candidateId: user.id, status: "offered" });
    await phone.dial();
    await phone.send("2");
    await phone.send("2468");
    await phone.send("1");
    const accepted = await phone.send("1");
    expect(accepted).toBe("END Vous avez accepté. L'employeur va vous contacter.");
    expect(await phone.resend()).toBe(accepted);
    const row = db().select().from(applications).where(eq(applications.id, offered.id)).get()!;
    expect(row.offerAnswer).toBe("accepted");
  });

  it("subscribes to SMS alerts for a trade and a region, then stops them; asks to be called back", async () => {
    const phone = new Phone();
    const user = await knownCandidate(phone, { smsConsent: false, phoneConfirmed: false });
    await phone.dial();
    await phone.send("3");
    await phone.send("1");
    await phone.send("1"); // Bamako
    await phone.send("1"); // BTP
    await phone.send("1"); // Maçon
    expect(await phone.send("2468")).toBe(
      "END Alerte enregistrée: Macon, District de Bamako. Les nouvelles offres arrivent par SMS.",
    );
    expect(db().select().from(savedSearches).where(eq(savedSearches.userId, user.id)).all()).toMatchObject([
      { query: { region: "bamako", secteur: "btp", q: "Maçon" } },
    ]);
    // The daily digest finds offers of that trade with the alert's words (here in Koulikoro, to find the maçon's).
    const query = db().select().from(savedSearches).where(eq(savedSearches.userId, user.id)).get()!.query;
    const found = newOffersFor(db(), toFilters({ ...query, region: "koulikoro" }), new Date(0));
    expect(found.map((offer) => offer.title)).toEqual(["Maçon qualifié pour chantier à Kalaban"]);
    const person = db().select().from(users).where(eq(users.id, user.id)).get()!;
    expect(person.phoneConfirmedAt).not.toBeNull();
    await phone.dial();
    await phone.send("3");
    await phone.send("2");
    expect(await phone.send("2468")).toBe("END Vos alertes SMS sont arretées.");
    expect(db().select().from(savedSearches).where(eq(savedSearches.userId, user.id)).all()).toEqual([]);

    await phone.dial();
    expect(await phone.send("4")).toBe("END Merci. Un conseiller va vous rappeler bientot.");
    await phone.dial();
    expect(await phone.send("4")).toBe("END Demande déjà enregistrée. Un conseiller va vous rappeler.");
    const asked = db()
      .select()
      .from(callbackRequests)
      .where(eq(callbackRequests.phone, `+${phone.number}`))
      .all();
    expect(asked).toMatchObject([{ userId: user.id, locale: "fr" }]);
  });

  it("an account without a PIN creates one on its own number and applies; applying again says so", async () => {
    const phone = new Phone();
    const user = insertCandidate(db(), { phone: `+${phone.number}` });
    const walkToFirstKidalOffer = async () => {
      await phone.dial();
      for (const input of ["1", "9", "2", "5", "8", "1"]) await phone.send(input);
      return phone.send("1");
    };
    await walkToFirstKidalOffer();
    expect(await phone.send("1")).toContain("PIN de 4 chiffres");
    await phone.send("9137");
    const code = db().select().from(offers).where(eq(offers.id, kidalOffers[6]!)).get()!.shortCode;
    expect(await phone.send("9137")).toBe(
      `END Candidature envoyée (offre ${code}). Un SMS suit. Suivez-la: *384*22# puis 2.`,
    );
    expect(db().select().from(users).where(eq(users.id, user.id)).get()!.pinHash).toMatch(/^scrypt/);

    await walkToFirstKidalOffer();
    expect(await phone.send("1")).toContain("Votre code PIN");
    expect(await phone.send("9137")).toBe(`END Vous avez déjà postulé à cette offre (${code}).`);
    expect(db().select().from(applications).where(eq(applications.candidateId, user.id)).all()).toHaveLength(1);
  });

  it("a number without an account has no applications to show, and no alert to stop", async () => {
    const phone = new Phone();
    await phone.dial();
    await phone.send("1");
    expect(await phone.send("2")).toContain("Pas de compte Baara pour ce numéro.");
    await phone.send("00");
    await phone.send("3");
    expect(await phone.send("2")).toBe("END Aucune alerte pour ce numéro.");
  });
});

describe("never another person's data", () => {
  it("lists only the caller's applications, and a session id answers only its own phone", async () => {
    const mine = new Phone();
    const other = new Phone();
    const me = await knownCandidate(mine);
    const them = await knownCandidate(other, { firstName: "Secret", lastName: "Voisin" });
    insertApplicationWith(db(), { offerId: kidalOffers[3]!, candidateId: them.id });
    insertApplicationWith(db(), { offerId: kidalOffers[4]!, candidateId: me.id });
    await mine.dial();
    await mine.send("2");
    const list = await mine.send("2468");
    expect(list).toContain("Soudeur 5");
    expect(list).not.toContain("Soudeur 4");
    expect(list).not.toMatch(/Secret|Voisin/);

    // Another number sending this session's id (and text) gets nothing of it.
    const { body } = await postUssd({ sessionId: mine.sessionId, phoneNumber: other.number, text: mine.text });
    expect(body).toBe("END Session inconnue. Recomposez *384*22#.");
    // A job offer's screen never names another candidate, nor a migrant status.
    expect(mine.transcript.join("\n")).not.toMatch(/migrant|retourn|réfugi/i);
  });
});

describe("hostile and broken requests", () => {
  it("answers every input with a screen, never a 500", async () => {
    const phone = new Phone();
    await phone.dial();
    const texts = [
      "x".repeat(10_000),
      "1*".repeat(5_000),
      "1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1*1",
      "'; DROP TABLE users; --",
      "<script>alert(1)</script>",
      "🙂*🙂*🙂",
      "1*1*1*1*1*1*1*1*1*1*Awa*Traoré*1*1*1",
      "\u0000\u0007",
    ];
    for (const text of texts) {
      const { status, body } = await postUssd({
        sessionId: `s-${text.length}-${Math.random()}`,
        phoneNumber: ussdPhone(),
        text,
      });
      expect(status).toBe(200);
      expect(body).toMatch(/^(CON|END) /);
      expect(body.length).toBeLessThanOrEqual(182);
    }
  });

  it("ends at once without a phone number or a session id", async () => {
    const cases: Record<string, string>[] = [
      { sessionId: "abc" },
      { phoneNumber: ussdPhone() },
      { sessionId: "a", phoneNumber: "not a phone" },
    ];
    for (const fields of cases) {
      const { status, body } = await postUssd({ text: "", ...fields });
      expect(status).toBe(200);
      expect(body).toBe("END Session inconnue. Recomposez *384*22#.");
    }
  });

  it("refuses a caller without the gateway token (401) and takes it in the URL or as basic auth", async () => {
    const fields = { sessionId: "tok", phoneNumber: ussdPhone(), text: "" };
    expect((await postUssd(fields, "http://x/api/ussd")).status).toBe(401);
    expect((await postUssd(fields, "http://x/api/ussd?token=wrong")).status).toBe(401);
    expect((await postUssd(fields)).status).toBe(200);
    const request = new Request("http://x/api/ussd", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Authorization: `Basic ${Buffer.from("aggregator:baara-demo-canal").toString("base64")}`,
      },
      body: new URLSearchParams({ ...fields, sessionId: "tok2" }),
    });
    const { action } = await import("../../app/routes/api.ussd");
    const response = (await action({ request, params: {}, context: {} } as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/plain");
  });

  it("limits the sessions one number opens in an hour", async () => {
    const phone = new Phone();
    for (let i = 0; i < 30; i++) expect(await phone.dial()).toMatch(/^CON /);
    expect(await phone.dial()).toMatch(/^END Trop de sessions pour ce numéro\. Revenez dans \d+ min\.$/);
  });
});
