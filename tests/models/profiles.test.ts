// The candidate's profile: saving (consent time-stamped once, SMS consent set
// and cleared, trades replaced, display name, audit) and the completeness bar.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getOwnProfile, type ProfileInput, profileCompleteness, saveProfile } from "../../app/models/profiles.server";
import type { Db } from "../../app/utils/db.server";
import { auditLog, candidateProfiles, candidateTrades, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertUser, registerCandidate } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const input = (changes: Partial<ProfileInput> = {}): ProfileInput => ({
  firstName: "Aminata",
  lastName: "Koné",
  sex: "f",
  birthDate: "2002-05-14",
  region: "sikasso",
  commune: "Kadiolo",
  educationLevel: "cap",
  trades: ["couturier", "teinturier"],
  skills: "Broderie à la machine",
  languages: ["fr", "bm"],
  experienceYears: 3,
  availability: "immediate",
  drivingLicence: false,
  disability: null,
  migrantStatus: "returnee",
  smsConsent: false,
  ...changes,
});

const profileRow = (userId: number) =>
  db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, userId)).get()!;
const tradesOf = (userId: number) =>
  db
    .select()
    .from(candidateTrades)
    .where(eq(candidateTrades.userId, userId))
    .all()
    .map((t) => t.trade)
    .sort();

describe("saveProfile", () => {
  it("keeps the consent given at registration, with its first time stamp", async () => {
    const candidate = await registerCandidate(db, { phone: "70 11 22 33" });
    const registeredAt = profileRow(candidate.id).consentAt!;
    expect(registeredAt).toBeInstanceOf(Date);
    vi.useFakeTimers({ now: registeredAt.getTime() + 86_400_000, toFake: ["Date"] });
    try {
      saveProfile(db, candidate.id, input(), { consent: true });
      saveProfile(db, candidate.id, input(), { consent: false });
    } finally {
      vi.useRealTimers();
    }
    const row = profileRow(candidate.id);
    expect(row.consentAt!.getTime()).toBe(registeredAt.getTime());
    expect(row.consentMethod).toBe("online");
  });

  it("time-stamps consent the first time it is given (a profile without one), then keeps it", async () => {
    const user = await insertUser(db, { role: "candidat", phone: "+22370112234" });
    saveProfile(db, user.id, input(), { consent: false });
    expect(profileRow(user.id).consentAt).toBeNull();
    const before = Date.now();
    saveProfile(db, user.id, input(), { consent: true });
    const first = profileRow(user.id).consentAt!;
    expect(first.getTime()).toBeGreaterThanOrEqual(before);
    expect(profileRow(user.id).consentMethod).toBe("online");
    saveProfile(db, user.id, input({ commune: "Zégoua" }), { consent: true });
    expect(profileRow(user.id).consentAt!.getTime()).toBe(first.getTime());
  });

  it("sets SMS consent with a time stamp, keeps the first one, and clears it when withdrawn", async () => {
    const candidate = await registerCandidate(db, { phone: "70 11 22 35" });
    expect(profileRow(candidate.id).smsConsentAt).toBeNull();
    saveProfile(db, candidate.id, input({ smsConsent: true }), { consent: false });
    const given = profileRow(candidate.id).smsConsentAt!;
    expect(given).toBeInstanceOf(Date);
    saveProfile(db, candidate.id, input({ smsConsent: true, commune: "Niéna" }), { consent: false });
    expect(profileRow(candidate.id).smsConsentAt!.getTime()).toBe(given.getTime());
    saveProfile(db, candidate.id, input({ smsConsent: false }), { consent: false });
    expect(profileRow(candidate.id).smsConsentAt).toBeNull();
  });

  it("replaces the trades (none left over), and keeps a trade given twice once", async () => {
    const candidate = await registerCandidate(db, { phone: "70 11 22 36" });
    saveProfile(db, candidate.id, input({ trades: ["macon", "carreleur"] }), { consent: false });
    expect(tradesOf(candidate.id)).toEqual(["carreleur", "macon"]);
    saveProfile(db, candidate.id, input({ trades: ["soudeur", "soudeur"] }), { consent: false });
    expect(tradesOf(candidate.id)).toEqual(["soudeur"]);
    saveProfile(db, candidate.id, input({ trades: [] }), { consent: false });
    expect(tradesOf(candidate.id)).toEqual([]);
    expect(getOwnProfile(db, candidate.id)!.trades).toEqual([]);
  });

  it("updates the display name and writes every field, the sensitive ones included", async () => {
    const candidate = await registerCandidate(db, { phone: "70 11 22 37", firstName: "Awa", lastName: "Diarra" });
    saveProfile(
      db,
      candidate.id,
      input({ firstName: "Aminata", lastName: "N'Diaye", drivingLicence: true, disability: "visual" }),
      {
        consent: false,
      },
    );
    expect(db.select().from(users).where(eq(users.id, candidate.id)).get()!.displayName).toBe("Aminata N'Diaye");
    const profile = getOwnProfile(db, candidate.id)!;
    expect(profile).toMatchObject({
      firstName: "Aminata",
      lastName: "N'Diaye",
      sex: "f",
      birthDate: "2002-05-14",
      region: "sikasso",
      commune: "Kadiolo",
      educationLevel: "cap",
      skills: "Broderie à la machine",
      languages: ["fr", "bm"],
      experienceYears: 3,
      availability: "immediate",
      drivingLicence: true,
      disability: "visual",
      migrantStatus: "returnee",
    });
    expect(profile.trades.sort()).toEqual(["couturier", "teinturier"]);
  });

  it("creates the profile of a candidate who had none", async () => {
    const user = await insertUser(db, { role: "candidat", phone: "+22370112238" });
    expect(getOwnProfile(db, user.id)).toBeNull();
    saveProfile(db, user.id, input(), { consent: true });
    expect(getOwnProfile(db, user.id)!.firstName).toBe("Aminata");
  });

  it("writes one audit row per save, by the candidate", async () => {
    const candidate = await registerCandidate(db, { phone: "70 11 22 39" });
    saveProfile(db, candidate.id, input(), { consent: false });
    saveProfile(db, candidate.id, input(), { consent: false });
    const rows = db.select().from(auditLog).where(eq(auditLog.action, "profile.updated")).all();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.actorId === candidate.id && r.subjectId === String(candidate.id))).toBe(true);
  });
});

describe("profileCompleteness", () => {
  it("a profile just registered: 0 %, every useful field missing, in the form's order", async () => {
    const candidate = await registerCandidate(db, { phone: "70 11 22 40" });
    expect(profileCompleteness(getOwnProfile(db, candidate.id))).toEqual({
      percent: 0,
      missing: [
        "birthDate",
        "region",
        "commune",
        "educationLevel",
        "trades",
        "languages",
        "experienceYears",
        "availability",
      ],
    });
  });

  it("no profile at all counts as empty", () => {
    expect(profileCompleteness(null).percent).toBe(0);
  });

  it('a full profile is 100 %, whatever the sex answer ("I prefer not to say" is an answer)', async () => {
    const candidate = await registerCandidate(db, { phone: "70 11 22 41" });
    saveProfile(db, candidate.id, input({ sex: null, disability: null, migrantStatus: null }), { consent: false });
    expect(profileCompleteness(getOwnProfile(db, candidate.id))).toEqual({ percent: 100, missing: [] });
  });

  it("0 years of experience is filled; no trades and no languages are not", async () => {
    const candidate = await registerCandidate(db, { phone: "70 11 22 42" });
    saveProfile(db, candidate.id, input({ experienceYears: 0, trades: [], languages: [], commune: null }), {
      consent: false,
    });
    const result = profileCompleteness(getOwnProfile(db, candidate.id));
    expect(result.missing).toEqual(["commune", "trades", "languages"]);
    expect(result.percent).toBe(63);
  });
});
