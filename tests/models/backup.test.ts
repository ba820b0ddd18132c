// npm run backup / npm run restore: a round trip on a real database file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../app/utils/db.server";
import { users } from "../../db/schema";
import { insertCandidate } from "../helpers/factories";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baara-backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (script: string, args: string[], databasePath: string) =>
  execFileSync("npx", ["tsx", script, ...args], {
    env: { ...process.env, DATABASE_PATH: databasePath },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

describe("backup and restore", () => {
  it("takes an online backup while the database is open, then restores it over later changes", async () => {
    const live = path.join(dir, "live.db");
    const db = openDb(live);
    const kept = await insertCandidate(db, { phone: "+22367000001" });

    // The portal keeps its connection open during the backup.
    const backup = path.join(dir, "backups", "b1.db");
    expect(run("db/backup.ts", [backup], live)).toContain("backup written");
    expect(fs.existsSync(backup)).toBe(true);

    // After the backup: one person added, one changed.
    await insertCandidate(db, { phone: "+22367000002" });
    db.update(users).set({ displayName: "Changed after backup" }).where(eq(users.id, kept.id)).run();
    db.$client.close();

    expect(run("db/restore.ts", [backup], live)).toContain("(ok)");
    const restored = openDb(live);
    expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(restored.select().from(users).where(eq(users.phone, "+22367000002")).get()).toBeUndefined();
    expect(restored.select().from(users).where(eq(users.id, kept.id)).get()?.displayName).not.toBe(
      "Changed after backup",
    );
    restored.$client.close();
  }, 60_000);

  it("refuses to restore a damaged file and leaves the database as it was", async () => {
    const live = path.join(dir, "live2.db");
    const db = openDb(live);
    await insertCandidate(db, { phone: "+22367000003" });
    db.$client.close();
    const damaged = path.join(dir, "damaged.db");
    fs.writeFileSync(damaged, Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(4096, 7)]));
    expect(() => run("db/restore.ts", [damaged], live)).toThrow();
    const after = openDb(live);
    expect(after.select().from(users).where(eq(users.phone, "+22367000003")).get()).toBeDefined();
    after.$client.close();
  }, 60_000);
});
