// The menu's screens that anyone may see: the language, the main menu, and the
// choice of a region, a sector and a trade (to search, to register, for an alert).

import { requestCallback } from "~/models/callback-requests.server";
import { setPhoneLocale } from "~/models/phone-numbers.server";
import { isLocale } from "~/utils/i18n";
import { REGION_CODES, SECTOR_CODES, TRADE_CODES, TRADES } from "~/utils/reference";
import { requireAccount } from "./access.server";
import { accountNow, choice, once, pageOf } from "./session-state.server";
import { label, navLine, numbered, say, withNote } from "./text.server";
import type { Ctx, Flow, NodeHandlers, Step } from "./types.server";

const PAGE = 7;
/** The choice "all" (regions, types, trades), next to 9 for the next page. */
export const ALL = 8;
const LANGUAGES = ["fr", "bm", "en"] as const;

const invalid = (ctx: Ctx): Step => ({ invalid: say(ctx.locale, "invalid") });

/** After a region: a search asks the type, registration and alerts ask the sector. */
function afterRegion(flow: Flow, region: string | null): Step {
  if (flow.kind === "find") return { push: { kind: "types", region } };
  if (flow.kind === "register")
    return { push: { kind: "sector", page: 0, flow: { ...flow, reg: { ...flow.reg, region } } } };
  return { push: { kind: "sector", page: 0, flow: { kind: "alert", region } } };
}

async function afterTrade(flow: Flow, trade: string, ctx: Ctx): Promise<Step> {
  if (flow.kind === "register") return { push: { kind: "newPin", target: flow.target, reg: { ...flow.reg, trade } } };
  return requireAccount(
    { kind: "alertSave", region: flow.kind === "alert" ? (flow.region ?? null) : null, trade },
    ctx,
  );
}

export const browseScreens: NodeHandlers = {
  lang: {
    render: (_, ctx, note) => withNote(note, [say(ctx.locale, "language"), "1 Français", "2 Bamanankan", "3 English"]),
    handle: async (_, input, ctx) => {
      const locale = LANGUAGES[(choice(input) ?? 0) - 1];
      if (!locale || !isLocale(locale)) return invalid(ctx);
      await once(ctx, "locale", () => setPhoneLocale(ctx.db, ctx.phone, locale, ctx.now));
      ctx.locale = locale;
      ctx.localeChosen = true;
      return { reset: { kind: "main" } };
    },
  },
  main: {
    render: (_, ctx, note) =>
      withNote(note, [
        say(ctx.locale, "main.title"),
        ...numbered(["find", "applications", "alerts", "callback"].map((key) => say(ctx.locale, `main.${key}`))),
        `8 ${say(ctx.locale, "main.language")}`,
      ]),
    handle: async (_, input, ctx) => {
      switch (input) {
        case "1":
          return { push: { kind: "region", page: 0, flow: { kind: "find" } } };
        case "2":
          return requireAccount({ kind: "applications" }, ctx);
        case "3":
          return { push: { kind: "alerts" } };
        case "4": {
          const account = accountNow(ctx);
          const userId = account.kind === "candidate" ? account.userId : null;
          const asked = await once(ctx, "callback", () =>
            requestCallback(ctx.db, { phone: ctx.phone, userId, locale: ctx.locale, now: ctx.now.getTime() }),
          );
          return { end: [say(ctx.locale, asked.alreadyOpen ? "callback.already" : "callback.done")] };
        }
        case "8":
          return { push: { kind: "lang" } };
        default:
          return invalid(ctx);
      }
    },
  },
  region: {
    render: ({ page, flow }, ctx, note) => {
      const { slice, more } = pageOf(REGION_CODES, page, PAGE);
      const heading = say(ctx.locale, flow.kind === "register" ? "register.region" : "find.region");
      const all = flow.kind === "register" ? [] : [`${ALL} ${say(ctx.locale, "find.allRegions")}`];
      const items = numbered(slice.map((code) => label("region", code, ctx.locale)));
      return withNote(note, [heading, ...items, ...all, navLine(ctx.locale, more)]);
    },
    handle: ({ page, flow }, input, ctx) => {
      const { slice, more } = pageOf(REGION_CODES, page, PAGE);
      const n = choice(input);
      if (n === 9 && more) return { push: { kind: "region", page: page + 1, flow } };
      if (n === ALL && flow.kind !== "register") return afterRegion(flow, null);
      const region = n ? slice[n - 1] : undefined;
      return region ? afterRegion(flow, region) : invalid(ctx);
    },
  },
  sector: {
    render: ({ page }, ctx, note) => {
      const { slice, more } = pageOf(SECTOR_CODES, page, PAGE);
      const items = numbered(slice.map((code) => say(ctx.locale, `sector.${code}`)));
      return withNote(note, [say(ctx.locale, "register.sector"), ...items, navLine(ctx.locale, more)]);
    },
    handle: ({ page, flow }, input, ctx) => {
      const { slice, more } = pageOf(SECTOR_CODES, page, PAGE);
      const n = choice(input);
      if (n === 9 && more) return { push: { kind: "sector", page: page + 1, flow } };
      const sector = n ? slice[n - 1] : undefined;
      return sector ? { push: { kind: "tradeOf", sector, page: 0, flow } } : invalid(ctx);
    },
  },
  tradeOf: {
    render: ({ sector, page }, ctx, note) => {
      const { slice, more } = pageOf(tradesOf(sector), page, PAGE);
      const items = numbered(slice.map((code) => label("trade", code, ctx.locale)));
      return withNote(note, [say(ctx.locale, "register.trade"), ...items, navLine(ctx.locale, more)]);
    },
    handle: ({ sector, page, flow }, input, ctx) => {
      const { slice, more } = pageOf(tradesOf(sector), page, PAGE);
      const n = choice(input);
      if (n === 9 && more) return { push: { kind: "tradeOf", sector, page: page + 1, flow } };
      const trade = n ? slice[n - 1] : undefined;
      return trade ? afterTrade(flow, trade, ctx) : invalid(ctx);
    },
  },
  alerts: {
    render: (_, ctx, note) =>
      withNote(note, [
        say(ctx.locale, "alerts.title"),
        say(ctx.locale, "alerts.subscribe"),
        say(ctx.locale, "alerts.stop"),
        navLine(ctx.locale),
      ]),
    handle: (_, input, ctx) => {
      if (input === "1") return { push: { kind: "region", page: 0, flow: { kind: "alert" } } };
      if (input === "2") return requireAccount({ kind: "alertsStop" }, ctx);
      return invalid(ctx);
    },
  },
};

const tradesOf = (sector: string) => TRADE_CODES.filter((code) => TRADES[code] === sector);
