// A few "call me back" requests from the USSD menu, so that the counsellors' list and dashboard show some:
// no random draw, so the rest of the demo data is the same with or without them.
import { type Candidate, type Ctx, insert, type Staff } from "./context";
import { HOUR } from "./random";

export function createCallbackRequests(ctx: Ctx, staff: Staff, candidates: Candidate[]): number {
  const phoneOf = ctx.sql.prepare("SELECT phone FROM users WHERE id = ?");
  const withPhone = candidates
    .slice(0, 40)
    .map((c) => ({ id: c.id, phone: (phoneOf.get(c.id) as { phone: string | null } | undefined)?.phone ?? null }))
    .filter((c): c is { id: number; phone: string } => c.phone !== null)
    .slice(0, 4);
  const requests = [
    // Waiting: a number without an account, in Bambara, and two candidates.
    { phone: "+22379990001", userId: null, locale: "bm", hoursAgo: 26 },
    ...withPhone.slice(0, 2).map((c, i) => ({ phone: c.phone, userId: c.id, locale: "fr", hoursAgo: 5 - i * 3 })),
    // Taken by the demo counsellor, and one done yesterday.
    ...withPhone.slice(2, 3).map((c) => ({ phone: c.phone, userId: c.id, locale: "bm", hoursAgo: 8, taken: true })),
    ...withPhone.slice(3, 4).map((c) => ({ phone: c.phone, userId: c.id, locale: "fr", hoursAgo: 30, done: true })),
  ];
  for (const r of requests) {
    const createdAt = ctx.now - r.hoursAgo * HOUR;
    const taken = "taken" in r || "done" in r;
    insert(ctx, "callback_requests", {
      phone: r.phone,
      user_id: r.userId,
      locale: r.locale,
      taken_by: taken ? staff.demoCounsellorId : null,
      taken_at: taken ? createdAt + HOUR : null,
      done_at: "done" in r ? createdAt + 2 * HOUR : null,
      created_at: createdAt,
    });
  }
  return requests.length;
}
