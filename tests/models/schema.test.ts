import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db, migrationState } from "../../app/utils/db.server";
import { offers, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertApplication, insertOffer, insertOrganisation, insertUser } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

function ftsMatch(query: string): number[] {
  return (
    db.$client.prepare("SELECT rowid FROM offers_fts WHERE offers_fts MATCH ? ORDER BY rowid").all(query) as {
      rowid: number;
    }[]
  ).map((r) => r.rowid);
}

describe("migrations and pragmas", () => {
  it("applies every migration the code ships with", () => {
    const state = migrationState(db);
    expect(state.expected).toBeGreaterThanOrEqual(2);
    expect(state.applied).toBe(state.expected);
  });

  it("enforces foreign keys", () => {
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(() => insertOffer(db, { orgId: 9999 })).toThrow(/FOREIGN KEY/);
  });

  it("creates every table of the design", () => {
    const tables = (
      db.$client.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    for (const name of [
      "users",
      "sessions",
      "organisations",
      "memberships",
      "candidate_profiles",
      "offers",
      "offers_fts",
      "applications",
      "application_events",
      "placements",
      "placement_followups",
      "fraud_reports",
      "saved_searches",
      "notifications",
      "outbox",
      "files",
      "audit_log",
    ]) {
      expect(tables).toContain(name);
    }
  });
});

describe("constraints enforced by the database", () => {
  it("one account per phone number", async () => {
    await insertUser(db, { role: "candidat", phone: "+22370000001" });
    await expect(insertUser(db, { role: "employeur", phone: "+22370000001" })).rejects.toThrow(
      /UNIQUE constraint failed: users\.phone/,
    );
  });

  it("one account per e-mail address", async () => {
    await insertUser(db, { role: "candidat", email: "awa@example.ml" });
    await expect(insertUser(db, { role: "candidat", email: "awa@example.ml" })).rejects.toThrow(
      /UNIQUE constraint failed: users\.email/,
    );
  });

  it("an account needs a phone or an e-mail address", () => {
    expect(() =>
      db.insert(users).values({ role: "candidat", displayName: "Sans contact", phone: null, email: null }).run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it("one application per candidate and offer", async () => {
    const org = insertOrganisation(db);
    const offer = insertOffer(db, { orgId: org.id });
    const candidate = await insertUser(db, { role: "candidat", phone: "+22370000001" });
    insertApplication(db, { offerId: offer.id, candidateId: candidate.id });
    expect(() => insertApplication(db, { offerId: offer.id, candidateId: candidate.id })).toThrow(
      /UNIQUE constraint failed: applications\.offer_id, applications\.candidate_id/,
    );
    // The same candidate may apply to another offer.
    const other = insertOffer(db, { orgId: org.id });
    expect(() => insertApplication(db, { offerId: other.id, candidateId: candidate.id })).not.toThrow();
  });

  it("an offer has between 1 and 500 positions", () => {
    const org = insertOrganisation(db);
    expect(() => insertOffer(db, { orgId: org.id, positions: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => insertOffer(db, { orgId: org.id, positions: 501 })).toThrow(/CHECK constraint failed/);
    expect(() => insertOffer(db, { orgId: org.id, positions: -3 })).toThrow(/CHECK constraint failed/);
    expect(insertOffer(db, { orgId: org.id, positions: 1 }).positions).toBe(1);
    expect(insertOffer(db, { orgId: org.id, positions: 500 }).positions).toBe(500);
  });
});

describe("full-text search of offers", () => {
  it("finds a title whatever its accents and case", () => {
    const org = insertOrganisation(db);
    const offer = insertOffer(db, { orgId: org.id, title: "Électricien bâtiment" });
    insertOffer(db, { orgId: org.id, title: "Maçon qualifié" });
    expect(ftsMatch("electricien")).toEqual([offer.id]);
    expect(ftsMatch("ELECTRICIEN")).toEqual([offer.id]);
    expect(ftsMatch("électricien")).toEqual([offer.id]);
    expect(ftsMatch("batiment")).toEqual([offer.id]);
  });

  it("finds the beginning of a word", () => {
    const org = insertOrganisation(db);
    const offer = insertOffer(db, { orgId: org.id, title: "Apprenti(e) mécanicien moto" });
    insertOffer(db, { orgId: org.id, title: "Électricien bâtiment" });
    expect(ftsMatch("mecan*")).toEqual([offer.id]);
    expect(ftsMatch("méca*")).toEqual([offer.id]);
    expect(ftsMatch("apprenti")).toEqual([offer.id]);
  });

  it("searches the description and the commune too", () => {
    const org = insertOrganisation(db);
    const offer = insertOffer(db, {
      orgId: org.id,
      title: "Vendeuse",
      description: "Boutique de pagnes au grand marché.",
      commune: "Kalaban Coro",
    });
    expect(ftsMatch("pagnes")).toEqual([offer.id]);
    expect(ftsMatch("kalaban")).toEqual([offer.id]);
  });

  it("follows a change of title: the old word is no longer found", () => {
    const org = insertOrganisation(db);
    const offer = insertOffer(db, { orgId: org.id, title: "Électricien bâtiment" });
    db.update(offers).set({ title: "Plombier sanitaire" }).where(eq(offers.id, offer.id)).run();
    expect(ftsMatch("electricien")).toEqual([]);
    expect(ftsMatch("plombier")).toEqual([offer.id]);
  });

  it("follows a change of status without losing the offer", () => {
    const org = insertOrganisation(db);
    const offer = insertOffer(db, { orgId: org.id, title: "Électricien bâtiment", status: "draft" });
    db.update(offers).set({ status: "published" }).where(eq(offers.id, offer.id)).run();
    expect(ftsMatch("electricien")).toEqual([offer.id]);
  });

  it("forgets a deleted offer", () => {
    const org = insertOrganisation(db);
    const offer = insertOffer(db, { orgId: org.id, title: "Électricien bâtiment" });
    const kept = insertOffer(db, { orgId: org.id, title: "Électricien auto" });
    db.delete(offers).where(eq(offers.id, offer.id)).run();
    expect(ftsMatch("electricien")).toEqual([kept.id]);
    expect(ftsMatch("batiment")).toEqual([]);
    // The index is still consistent with its content table.
    expect(() =>
      db.$client.prepare("INSERT INTO offers_fts(offers_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
  });
});
