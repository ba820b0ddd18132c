// The PIN (checked once a session, or created when the account has none) and the
// registration of a number without an account: consent first, then five short steps.
import { checkPin, hasPin, isWeakPin, pinWait, setPin } from "~/models/pin.server";
import { proceed } from "./access.server";
import { registerByPhone } from "./actions.server";
import { accountNow, once } from "./session-state.server";
import { navLine, say, withNote } from "./text.server";
import type { Ctx, NodeHandlers, Step } from "./types.server";

const NAME = /^[\p{L}][\p{L}\p{M}' .-]{0,39}$/u;
const invalid = (ctx: Ctx, key = "invalid"): Step => ({ invalid: say(ctx.locale, key) });
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** A name as kept: its spaces tidied; null when it is not a name (digits, signs, too long). */
function nameOf(input: string) {
  const name = input.replace(/\s+/g, " ").trim();
  return NAME.test(name) ? name : null;
}

export const accountScreens: NodeHandlers = {
  pin: {
    render: (_, ctx, note) => withNote(note, [say(ctx.locale, "account.pin"), navLine(ctx.locale)]),
    handle: async ({ target }, input, ctx) => {
      const account = accountNow(ctx);
      if (account.kind !== "candidate") return invalid(ctx);
      if (!/^\d{4}$/.test(input)) return invalid(ctx, "account.wrongPin");
      const verdict = await once(ctx, "pin", () => checkPin(ctx.db, account.userId, input, ctx.now.getTime()));
      if (verdict === "locked") {
        const wait = minutes(pinWait(ctx.db, account.userId, ctx.now.getTime()) || 900);
        return { end: [say(ctx.locale, "account.locked", { minutes: wait })] };
      }
      if (verdict === "wrong") return invalid(ctx, "account.wrongPin");
      ctx.state.pinAt = ctx.index;
      return proceed(target, account.userId, ctx);
    },
  },
  newPin: {
    render: (_, ctx, note) => withNote(note, [say(ctx.locale, "account.newPin"), navLine(ctx.locale)]),
    handle: ({ target, reg }, input, ctx) => {
      if (!/^\d{4}$/.test(input) || isWeakPin(input)) return invalid(ctx, "account.badPin");
      return { push: { kind: "confirmPin", target, reg, pin: input } };
    },
  },
  confirmPin: {
    render: (_, ctx, note) => withNote(note, [say(ctx.locale, "account.confirmPin"), navLine(ctx.locale)]),
    handle: async ({ target, reg, pin }, input, ctx) => {
      if (input !== pin) return { pop: true, note: say(ctx.locale, "account.mismatch") };
      let userId: number;
      if (reg) {
        const registered = await once(ctx, "register", () => registerByPhone(ctx, reg, pin));
        if (registered === null) return { end: [say(ctx.locale, "register.taken")] };
        ctx.state.registered = { at: ctx.index, userId: registered };
        userId = registered;
      } else {
        const account = accountNow(ctx);
        if (account.kind !== "candidate") return invalid(ctx);
        // The operator vouches for the number: an account whose phone it is may set its first PIN here.
        await once(ctx, "setPin", async () => (await setPinOnce(ctx, account.userId, pin)).ok);
        userId = account.userId;
      }
      ctx.state.pinAt = ctx.index;
      return proceed(target, userId, ctx);
    },
  },
  noAccount: {
    render: (_, ctx, note) =>
      withNote(note, [say(ctx.locale, "account.noAccount"), say(ctx.locale, "account.register"), navLine(ctx.locale)]),
    handle: ({ target }, input, ctx) => (input === "1" ? { push: { kind: "consent", target } } : invalid(ctx)),
  },
  consent: {
    render: (_, ctx, note) => withNote(note, [say(ctx.locale, "register.consent")]),
    handle: ({ target }, input, ctx) => {
      if (input === "1") return { push: { kind: "firstName", target } };
      if (input === "2") return { end: [say(ctx.locale, "register.refused")] };
      return invalid(ctx);
    },
  },
  firstName: {
    render: (_, ctx, note) => withNote(note, [say(ctx.locale, "register.firstName"), navLine(ctx.locale)]),
    handle: ({ target }, input, ctx) => {
      const first = nameOf(input);
      return first ? { push: { kind: "lastName", target, first } } : invalid(ctx, "register.badName");
    },
  },
  lastName: {
    render: (_, ctx, note) => withNote(note, [say(ctx.locale, "register.lastName"), navLine(ctx.locale)]),
    handle: ({ target, first }, input, ctx) => {
      const last = nameOf(input);
      if (!last) return invalid(ctx, "register.badName");
      // An alert's region and trade are already chosen: they are the profile's too.
      if (target.kind === "alertSave") {
        return { push: { kind: "newPin", target, reg: { first, last, region: target.region, trade: target.trade } } };
      }
      return { push: { kind: "region", page: 0, flow: { kind: "register", target, reg: { first, last } } } };
    },
  },
};

async function setPinOnce(ctx: Ctx, userId: number, pin: string) {
  // Two sessions of one number at once: the first PIN set stays, never overwritten from a phone.
  if (hasPin(ctx.db, userId)) return { ok: false };
  return setPin(ctx.db, userId, pin, { actorId: userId });
}
