// The USSD menu as a stack of screens (nodes). Each input of the session moves it:
// a choice pushes a screen, `0` pops one, `00` goes home; a step that acts (applies,
// registers, checks a PIN) keeps its result in the session's state, so that replaying
// the inputs never acts twice.
import type { Db } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import type { Line } from "./text.server";

/** What a phone's person is to Baara, as the session found them when it began. */
export type Account = { kind: "candidate"; userId: number; hasPin: boolean } | { kind: "none" } | { kind: "other" };

/** What a screen asking for the PIN (or an account) leads to once the person is known. */
export type Target =
  | { kind: "apply"; offerId: number }
  | { kind: "applications" }
  | { kind: "alertSave"; region: string | null; trade: string | null }
  | { kind: "alertsStop" };

/** What a new person typed so far while registering. */
export type Registration = { first?: string; last?: string; region?: string | null; trade?: string | null };

/** Why a region, sector or trade is being chosen. */
export type Flow =
  | { kind: "find" }
  | { kind: "register"; target: Target; reg: Registration }
  | { kind: "alert"; region?: string | null };

export type Node =
  | { kind: "lang" }
  | { kind: "main" }
  | { kind: "region"; page: number; flow: Flow }
  | { kind: "sector"; page: number; flow: Flow }
  | { kind: "tradeOf"; sector: string; page: number; flow: Flow }
  | { kind: "types"; region: string | null }
  | { kind: "trades"; region: string | null; type: string | null; page: number }
  | { kind: "offers"; region: string | null; type: string | null; trade: string | null; page: number }
  | { kind: "offer"; offerId: number }
  | { kind: "pin"; target: Target }
  | { kind: "newPin"; target: Target; reg?: Registration }
  | { kind: "confirmPin"; target: Target; reg?: Registration; pin: string }
  | { kind: "noAccount"; target: Target }
  | { kind: "consent"; target: Target }
  | { kind: "firstName"; target: Target }
  | { kind: "lastName"; target: Target; first: string }
  | { kind: "applications" }
  | { kind: "application"; applicationId: number }
  | { kind: "declineReason"; applicationId: number }
  | { kind: "confirmWithdraw"; applicationId: number }
  | { kind: "alerts" };

export type NodeOf<K extends Node["kind"]> = Extract<Node, { kind: K }>;

export type SessionState = {
  /** The number's language and account when the session began: replay decides with them, not with later ones. */
  start?: { locale: Locale | null; account: Account };
  /** The input that registered the person (and their new account). */
  registered?: { at: number; userId: number };
  /** The input at which the PIN was checked or created: later inputs need it no more. */
  pinAt?: number;
  /** Each step's result that replay must find again (`<input index>:<what>` → result). */
  memo?: Record<string, unknown>;
};

export type Ctx = {
  db: Db;
  phone: string;
  now: Date;
  locale: Locale;
  /** A language was chosen for this number (before or in the session). */
  localeChosen: boolean;
  state: SessionState;
  /** Which input is being handled (0 = the first). */
  index: number;
};

export type Step =
  | { push: Node }
  | { pop: true; note?: string }
  | { reset: Node }
  | { replace: Node; note?: string }
  | { invalid: string }
  | { end: Line[] };

export type NodeHandlers = {
  [K in Node["kind"]]?: {
    render: (node: NodeOf<K>, ctx: Ctx, note: string | null) => Promise<Line[]> | Line[];
    handle: (node: NodeOf<K>, input: string, ctx: Ctx) => Promise<Step> | Step;
  };
};
