// The session's memory across replays: a step's result is kept under its input's index,
// so that the same inputs sent again decide the same way and act only once.
import type { Account, Ctx } from "./types.server";

/** `fn`'s result the first time this input gets here; the kept one on every replay (JSON only). */
export async function once<T>(ctx: Ctx, what: string, fn: () => T | Promise<T>): Promise<T> {
  ctx.state.memo ??= {};
  const memo = ctx.state.memo;
  const key = `${ctx.index}:${what}`;
  if (key in memo) return memo[key] as T;
  const value = await fn();
  memo[key] = value ?? null;
  return value;
}

/** The person behind the number at this input: as the session began, or as they registered in it. */
export function accountNow(ctx: Ctx): Account {
  const registered = ctx.state.registered;
  if (registered && ctx.index > registered.at) return { kind: "candidate", userId: registered.userId, hasPin: true };
  return ctx.state.start?.account ?? { kind: "none" };
}

/** The PIN was checked (or created) at an earlier input of this session. */
export const pinChecked = (ctx: Ctx) => ctx.state.pinAt !== undefined && ctx.index > ctx.state.pinAt;

/** A number typed as a choice (1, 2 …), or null. */
export function choice(input: string): number | null {
  return /^[1-9]\d?$/.test(input) ? Number(input) : null;
}

/** The items of page `page` (0-based) and whether there are more. */
export function pageOf<T>(items: readonly T[], page: number, size: number) {
  const slice = items.slice(page * size, page * size + size);
  return { slice, more: items.length > (page + 1) * size };
}
