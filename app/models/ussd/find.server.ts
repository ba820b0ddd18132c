// "Find work": the type, the trades that have open offers for the choices made, the
// offers three a screen, and one offer with its keypad code and "1 Apply".
import { and, desc, eq, gte, type SQL, sql } from "drizzle-orm";
import { ensureShortCode } from "~/models/offer-codes.server";
import { isOpenOffer } from "~/models/offers.server";
import { formatDate, formatNumber } from "~/utils/format";
import { OFFER_TYPES, offers, organisations } from "../../../db/schema";
import { requireAccount } from "./access.server";
import { ALL } from "./browse.server";
import { choice, once, pageOf } from "./session-state.server";
import { type Line, label, navLine, numbered, say, withNote } from "./text.server";
import type { Ctx, NodeHandlers, Step } from "./types.server";

const OFFERS_PER_SCREEN = 3;
const TRADES_PER_SCREEN = 7;

const invalid = (ctx: Ctx): Step => ({ invalid: say(ctx.locale, "invalid") });
const today = (ctx: Ctx) => ctx.now.toISOString().slice(0, 10);

type Choices = { region: string | null; type: string | null; trade?: string | null };

// Open offers without a join: the few verified organisations are one small set, and the
// filters are then read from offers_trade_idx / offers_listing_idx alone.
function openWhere(ctx: Ctx, { region, type, trade }: Choices): SQL | undefined {
  return and(
    eq(offers.status, "published"),
    gte(offers.closingDate, today(ctx)),
    sql`${offers.orgId} IN (SELECT id FROM organisations WHERE verification_status = 'verified')`,
    region ? eq(offers.region, region) : undefined,
    type ? eq(offers.type, type as (typeof OFFER_TYPES)[number]) : undefined,
    trade ? eq(offers.trade, trade) : undefined,
  );
}

// Counted from the covering index alone: left to itself the planner reads every offer of the region.
const TRADES_SQL = `SELECT trade FROM offers INDEXED BY offers_trade_idx
  WHERE status = 'published' AND closing_date >= ? AND trade IS NOT NULL
    AND org_id IN (SELECT id FROM organisations WHERE verification_status = 'verified')
    AND (? IS NULL OR region = ?) AND (? IS NULL OR type = ?)
  GROUP BY trade ORDER BY count(*) DESC, trade`;
const TRADES_FRESH_MS = 60_000;
const recentTrades = new WeakMap<object, Map<string, { until: number; trades: string[] }>>();

/**
 * The trades of the open offers for these choices, the most offered first: counted again
 * at most once a minute per choice, since every session of a crowd asks the same few lists.
 */
function tradesWithOffers(ctx: Ctx, { region, type }: Choices): string[] {
  const key = `${today(ctx)}|${region ?? ""}|${type ?? ""}`;
  const cache = recentTrades.get(ctx.db) ?? new Map<string, { until: number; trades: string[] }>();
  recentTrades.set(ctx.db, cache);
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.trades;
  const rows = ctx.db.$client.prepare(TRADES_SQL).all(today(ctx), region, region, type, type) as { trade: string }[];
  const trades = rows.map((row) => row.trade);
  cache.set(key, { until: Date.now() + TRADES_FRESH_MS, trades });
  return trades;
}

function openOffers(ctx: Ctx, choices: Choices) {
  return ctx.db
    .select({
      id: offers.id,
      title: offers.title,
      commune: offers.commune,
      region: offers.region,
      payAmount: offers.payAmount,
      payPeriod: offers.payPeriod,
    })
    .from(offers)
    .where(openWhere(ctx, choices))
    .orderBy(desc(offers.publishedAt), desc(offers.id))
    .limit(60)
    .all();
}

type Pay = { payAmount: number | null; payPeriod: "month" | "day" | "total" };
const payOf = (offer: Pay, ctx: Ctx) =>
  offer.payAmount
    ? `${formatNumber(offer.payAmount, "fr")}F${say(ctx.locale, `period.${offer.payPeriod}`)}`
    : say(ctx.locale, "find.payNone");

export const findScreens: NodeHandlers = {
  types: {
    render: (_, ctx, note) =>
      withNote(note, [
        say(ctx.locale, "find.type"),
        ...numbered(OFFER_TYPES.map((type) => say(ctx.locale, `type.${type}`))),
        `5 ${say(ctx.locale, "find.allTypes")}`,
        navLine(ctx.locale),
      ]),
    handle: ({ region }, input, ctx) => {
      const n = choice(input);
      if (n === 5) return { push: { kind: "trades", region, type: null, page: 0 } };
      const type = n ? OFFER_TYPES[n - 1] : undefined;
      return type ? { push: { kind: "trades", region, type, page: 0 } } : invalid(ctx);
    },
  },
  trades: {
    render: ({ region, type, page }, ctx, note) => {
      const all = tradesWithOffers(ctx, { region, type });
      const { slice, more } = pageOf(all, page, TRADES_PER_SCREEN);
      const anyOffer = all.length > 0 || openOffers(ctx, { region, type }).length > 0;
      if (!anyOffer) return withNote(note, [say(ctx.locale, "find.none"), navLine(ctx.locale)]);
      const items = numbered(slice.map((code) => label("trade", code, ctx.locale)));
      return withNote(note, [
        say(ctx.locale, "find.trade"),
        ...items,
        `${ALL} ${say(ctx.locale, "find.allTrades")}`,
        navLine(ctx.locale, more),
      ]);
    },
    handle: async ({ region, type, page }, input, ctx) => {
      const n = choice(input);
      if (n === ALL) return { push: { kind: "offers", region, type, trade: null, page: 0 } };
      const { slice, more } = pageOf(
        await once(ctx, "trades", () => tradesWithOffers(ctx, { region, type })),
        page,
        TRADES_PER_SCREEN,
      );
      if (n === 9 && more) return { push: { kind: "trades", region, type, page: page + 1 } };
      const trade = n ? slice[n - 1] : undefined;
      return trade ? { push: { kind: "offers", region, type, trade, page: 0 } } : invalid(ctx);
    },
  },
  offers: {
    render: ({ page, region, type, trade }, ctx, note) => {
      const choices = { region, type, trade };
      const all = openOffers(ctx, choices);
      if (all.length === 0) return withNote(note, [say(ctx.locale, "find.none"), navLine(ctx.locale)]);
      const { slice, more } = pageOf(all, page, OFFERS_PER_SCREEN);
      const from = page * OFFERS_PER_SCREEN + 1;
      const heading = say(ctx.locale, "find.offers", { from, to: from + slice.length - 1, total: all.length });
      const items: Line[] = slice.map((offer, i) => ({
        before: `${i + 1} `,
        flex: offer.title,
        after: `, ${offer.commune ?? label("region", offer.region, ctx.locale)}, ${payOf(offer, ctx)}`,
      }));
      return withNote(note, [heading, ...items, navLine(ctx.locale, more)]);
    },
    handle: async ({ page, region, type, trade }, input, ctx) => {
      const choices = { region, type, trade };
      const ids = await once(ctx, "offers", () => openOffers(ctx, choices).map((offer) => offer.id));
      const { slice, more } = pageOf(ids, page, OFFERS_PER_SCREEN);
      const n = choice(input);
      if (n === 9 && more) return { push: { kind: "offers", ...choices, page: page + 1 } };
      const offerId = n ? slice[n - 1] : undefined;
      return offerId ? { push: { kind: "offer", offerId } } : invalid(ctx);
    },
  },
  offer: {
    render: ({ offerId }, ctx, note) => {
      const offer = ctx.db
        .select({
          title: offers.title,
          description: offers.description,
          closingDate: offers.closingDate,
          payAmount: offers.payAmount,
          payPeriod: offers.payPeriod,
          orgName: organisations.name,
        })
        .from(offers)
        .innerJoin(organisations, eq(organisations.id, offers.orgId))
        .where(and(eq(offers.id, offerId), isOpenOffer(today(ctx))))
        .get();
      if (!offer) return withNote(note, [say(ctx.locale, "find.closed"), navLine(ctx.locale)]);
      const code = ensureShortCode(ctx.db, offerId);
      const closing = formatDate(offer.closingDate, "fr", "short");
      return withNote(note, [
        { flex: offer.orgName, after: ":" },
        { flex: offer.title },
        `${payOf(offer, ctx)}. ${say(ctx.locale, "find.closing", { date: closing })}`,
        { flex: offer.description },
        say(ctx.locale, "find.code", { code }),
        `${say(ctx.locale, "find.apply")} ${navLine(ctx.locale)}`,
      ]);
    },
    handle: ({ offerId }, input, ctx) =>
      input === "1" ? requireAccount({ kind: "apply", offerId }, ctx) : invalid(ctx),
  },
};
