// "My applications" after the PIN: the five latest with their status; a job offer
// accepted or declined (with a coded reason), an open application withdrawn.
import { and, eq } from "drizzle-orm";
import { withdrawApplication } from "~/models/applications.server";
import { candidateApplicationRows } from "~/models/candidate-applications.server";
import { canAnswerOffer, canWithdraw } from "~/models/lifecycles/application";
import { applicationStatusKey } from "~/models/lifecycles/training";
import { answerOffer } from "~/models/offer-answers.server";
import { OFFER_DECLINE_REASONS } from "~/schemas/offer-answer";
import { applications, offers } from "../../../db/schema";
import { accountNow, choice, once } from "./session-state.server";
import { type Line, navLine, numbered, say, withNote } from "./text.server";
import type { Ctx, NodeHandlers, Step } from "./types.server";

const LATEST = 5;
const invalid = (ctx: Ctx): Step => ({ invalid: say(ctx.locale, "invalid") });

function userIdOf(ctx: Ctx) {
  const account = accountNow(ctx);
  return account.kind === "candidate" ? account.userId : null;
}

/** One of the person's own applications (another's is never found). */
function ownApplication(ctx: Ctx, applicationId: number) {
  const userId = userIdOf(ctx);
  if (userId === null) return null;
  return (
    ctx.db
      .select({
        status: applications.status,
        offerAnswer: applications.offerAnswer,
        title: offers.title,
        offerType: offers.type,
      })
      .from(applications)
      .innerJoin(offers, eq(offers.id, applications.offerId))
      .where(and(eq(applications.id, applicationId), eq(applications.candidateId, userId)))
      .get() ?? null
  );
}

const gone = (ctx: Ctx): Line[] => [say(ctx.locale, "applications.notPossible"), navLine(ctx.locale)];

export const applicationScreens: NodeHandlers = {
  applications: {
    render: (_, ctx, note) => {
      const userId = userIdOf(ctx);
      const rows = userId === null ? [] : candidateApplicationRows(ctx.db, userId, LATEST);
      if (rows.length === 0) return withNote(note, [say(ctx.locale, "applications.none"), navLine(ctx.locale)]);
      const items: Line[] = rows.map((row, i) => ({
        before: `${i + 1} `,
        flex: row.offerTitle,
        after: `: ${say(ctx.locale, `status.${applicationStatusKey(row.status, row.offerType)}`)}`,
      }));
      return withNote(note, [say(ctx.locale, "applications.title"), ...items, navLine(ctx.locale)]);
    },
    handle: async (_, input, ctx) => {
      const userId = userIdOf(ctx);
      const ids = await once(ctx, "applications", () =>
        userId === null ? [] : candidateApplicationRows(ctx.db, userId, LATEST).map((row) => row.id),
      );
      const n = choice(input);
      const applicationId = n ? ids[n - 1] : undefined;
      return applicationId ? { push: { kind: "application", applicationId } } : invalid(ctx);
    },
  },
  application: {
    render: ({ applicationId }, ctx, note) => {
      const row = ownApplication(ctx, applicationId);
      if (!row) return withNote(note, gone(ctx));
      return withNote(note, [
        { flex: row.title },
        say(ctx.locale, "applications.status", {
          status: say(ctx.locale, `status.${applicationStatusKey(row.status, row.offerType)}`),
        }),
        ...(canAnswerOffer(row)
          ? [say(ctx.locale, "applications.accept"), say(ctx.locale, "applications.decline")]
          : []),
        ...(canWithdraw(row.status) ? [say(ctx.locale, "applications.withdraw")] : []),
        navLine(ctx.locale),
      ]);
    },
    handle: async ({ applicationId }, input, ctx) => {
      const row = ownApplication(ctx, applicationId);
      const userId = userIdOf(ctx);
      if (!row || userId === null) return invalid(ctx);
      if (input === "3" && canWithdraw(row.status)) return { push: { kind: "confirmWithdraw", applicationId } };
      if (input === "2" && canAnswerOffer(row)) return { push: { kind: "declineReason", applicationId } };
      if (input === "1") {
        const answered = await once(ctx, "accept", () =>
          canAnswerOffer(row)
            ? (answerOffer(ctx.db, {
                actorId: userId,
                candidateId: userId,
                applicationId,
                onBehalf: false,
                answer: "accept",
              })?.ok ?? false)
            : null,
        );
        if (answered === null) return invalid(ctx);
        return { end: [say(ctx.locale, answered ? "applications.accepted" : "applications.notPossible")] };
      }
      return invalid(ctx);
    },
  },
  declineReason: {
    render: (_, ctx, note) =>
      withNote(note, [
        say(ctx.locale, "applications.declineReason"),
        ...numbered(OFFER_DECLINE_REASONS.map((reason) => say(ctx.locale, `decline.${reason}`))),
        navLine(ctx.locale),
      ]),
    handle: async ({ applicationId }, input, ctx) => {
      const n = choice(input);
      const reason = n ? OFFER_DECLINE_REASONS[n - 1] : undefined;
      const userId = userIdOf(ctx);
      if (!reason || userId === null) return invalid(ctx);
      const declined = await once(
        ctx,
        "decline",
        () =>
          answerOffer(ctx.db, {
            actorId: userId,
            candidateId: userId,
            applicationId,
            onBehalf: false,
            answer: "decline",
            reason,
            words: null,
          })?.ok ?? false,
      );
      return { end: [say(ctx.locale, declined ? "applications.declined" : "applications.notPossible")] };
    },
  },
  confirmWithdraw: {
    render: (_, ctx, note) => withNote(note, [say(ctx.locale, "applications.confirmWithdraw"), navLine(ctx.locale)]),
    handle: async ({ applicationId }, input, ctx) => {
      const userId = userIdOf(ctx);
      if (input === "2") return { pop: true };
      if (input !== "1" || userId === null) return invalid(ctx);
      const withdrawn = await once(
        ctx,
        "withdraw",
        () => withdrawApplication(ctx.db, userId, applicationId)?.ok ?? false,
      );
      return { end: [say(ctx.locale, withdrawn ? "applications.withdrawn" : "applications.notPossible")] };
    },
  },
};
