import { and, desc, eq, gt, sql } from "drizzle-orm";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { offers, organisations, savedSearches } from "../../db/schema";
import { notifyCandidate } from "./messages.server";
import { isOpenOffer } from "./offers.server";
import { type SearchFilters, toFtsQuery } from "./search.server";

export const MAX_SAVED_SEARCHES = 10;

/** The /offres parameters an alert keeps (French names, as in the URL). */
export const ALERT_KEYS = ["q", "type", "region", "secteur", "contrat"] as const;

export function toFilters(query: Record<string, string>): SearchFilters {
  return {
    q: query.q || undefined,
    type: (query.type || undefined) as SearchFilters["type"],
    region: query.region || undefined,
    sector: query.secteur || undefined,
    contract: (query.contrat || undefined) as SearchFilters["contract"],
  };
}

export function listAlerts(db: Db, userId: number) {
  return db
    .select()
    .from(savedSearches)
    .where(eq(savedSearches.userId, userId))
    .orderBy(desc(savedSearches.createdAt))
    .all();
}

/** Saves a search as an alert (at most 10; the same search twice is kept once). */
export function saveAlert(db: Db, userId: number, query: Record<string, string>, label?: string | null) {
  const clean = Object.fromEntries(ALERT_KEYS.filter((k) => query[k]).map((k) => [k, query[k]!.slice(0, 200)]));
  const existing = listAlerts(db, userId);
  if (existing.some((a) => JSON.stringify(a.query) === JSON.stringify(clean)))
    return { ok: true as const, duplicate: true };
  if (existing.length >= MAX_SAVED_SEARCHES) return { ok: false as const, reason: "too_many" as const };
  db.insert(savedSearches)
    .values({ userId, query: clean, label: label ?? null, lastCheckedAt: new Date() })
    .run();
  return { ok: true as const, duplicate: false };
}

export function deleteAlert(db: Db, userId: number, alertId: number) {
  return (
    db
      .delete(savedSearches)
      .where(and(eq(savedSearches.id, alertId), eq(savedSearches.userId, userId)))
      .run().changes > 0
  );
}

/** Open offers published after `since` that match an alert's search. */
export function newOffersFor(db: Db, filters: SearchFilters, since: Date, today = isoToday()) {
  const match = filters.q ? toFtsQuery(filters.q) : null;
  if (filters.q && !match) return [];
  return db
    .select({ id: offers.id, title: offers.title })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(
      and(
        isOpenOffer(today),
        gt(offers.publishedAt, since),
        filters.type ? eq(offers.type, filters.type) : undefined,
        filters.region ? eq(offers.region, filters.region) : undefined,
        filters.sector ? eq(offers.sector, filters.sector) : undefined,
        filters.contract ? eq(offers.contract, filters.contract) : undefined,
        match ? sql`${offers.id} IN (SELECT rowid FROM offers_fts WHERE offers_fts MATCH ${match})` : undefined,
      ),
    )
    .orderBy(desc(offers.publishedAt))
    .limit(50)
    .all();
}

/**
 * `npm run alerts`: for each candidate, the offers published since their last
 * digest that match any of their alerts, in one digest — at most one a day.
 * A candidate who already had today's digest keeps their new offers for
 * tomorrow's.
 */
export function runAlerts(db: Db, now = Date.now()) {
  const alerts = db.select().from(savedSearches).all();
  const byUser = new Map<number, typeof alerts>();
  for (const alert of alerts) byUser.set(alert.userId, [...(byUser.get(alert.userId) ?? []), alert]);
  const today = isoToday(new Date(now));
  let digests = 0;
  for (const [userId, userAlerts] of byUser) {
    // One digest per calendar day (as the dedupe key says), not per rolling 24 hours:
    // a daily run a few seconds earlier than yesterday's must still send today's.
    if (userAlerts.some((a) => a.lastDigestAt && isoToday(a.lastDigestAt) === today)) continue;
    const found = new Map<number, string>();
    for (const alert of userAlerts) {
      const since = alert.lastCheckedAt ?? alert.createdAt;
      for (const offer of newOffersFor(db, toFilters(alert.query), since, today)) found.set(offer.id, offer.title);
    }
    db.transaction((tx) => {
      tx.update(savedSearches)
        .set({ lastCheckedAt: new Date(now) })
        .where(eq(savedSearches.userId, userId))
        .run();
      if (found.size === 0) return;
      tx.update(savedSearches)
        .set({ lastDigestAt: new Date(now) })
        .where(eq(savedSearches.userId, userId))
        .run();
      const titles = [...found.values()];
      notifyCandidate(tx, userId, {
        kind: "alerts.digest",
        template: "alerts.digest",
        payload: { count: titles.length, titles: titles.slice(0, 3).join(" · ") },
        link: "/candidat/alertes",
        dedupeKey: `alerts:${userId}:${today}`,
      });
    });
    if (found.size > 0) digests++;
  }
  return { digests };
}
