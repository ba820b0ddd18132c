// Who may go on: a step that acts for an account (apply, my applications, alerts)
// first needs the PIN once in the session — or, for a number without an account,
// the consent screen and a short registration.
import { applyWithPhone, saveAlertByPhone, stopAlertsByPhone } from "./actions.server";
import { accountNow, once, pinChecked } from "./session-state.server";
import { say } from "./text.server";
import type { Ctx, Step, Target } from "./types.server";

/** The screen a target needs first (PIN, new PIN, consent), or the target itself when the PIN was given. */
export async function requireAccount(target: Target, ctx: Ctx): Promise<Step> {
  const account = accountNow(ctx);
  if (account.kind === "other") return { end: [say(ctx.locale, "account.other")] };
  if (account.kind === "candidate") {
    if (pinChecked(ctx)) return proceed(target, account.userId, ctx);
    return { push: account.hasPin ? { kind: "pin", target } : { kind: "newPin", target } };
  }
  if (target.kind === "alertsStop") return { end: [say(ctx.locale, "alerts.noneToStop")] };
  if (target.kind === "applications") return { push: { kind: "noAccount", target } };
  return { push: { kind: "consent", target } };
}

/** What the person came for, now that they are known. */
export async function proceed(target: Target, userId: number, ctx: Ctx): Promise<Step> {
  switch (target.kind) {
    case "applications":
      return { push: { kind: "applications" } };
    case "apply": {
      const result = await once(ctx, "apply", () => applyWithPhone(ctx, userId, target.offerId));
      return { end: [say(ctx.locale, `apply.${result.outcome}`, { code: result.code })] };
    }
    case "alertSave": {
      const result = await once(ctx, "alert", () => saveAlertByPhone(ctx, userId, target.region, target.trade));
      return { end: [say(ctx.locale, `alerts.${result.outcome}`, result.words)] };
    }
    case "alertsStop": {
      const stopped = await once(ctx, "alertsStop", () => stopAlertsByPhone(ctx, userId));
      return { end: [say(ctx.locale, stopped ? "alerts.stopped" : "alerts.noneToStop")] };
    }
  }
}
