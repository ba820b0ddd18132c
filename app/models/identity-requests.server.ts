import { aliasedTable, and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import { organisations, outbox, organisationIdentityRequests as requests, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { IDENTITY_FIELDS, type Identity } from "./lifecycles/organisation";
import { acceptIdentity } from "./lifecycles/organisation.server";
import { notifyOrganisation } from "./notifications.server";
import { getEmployerMembership } from "./organisations.server";

export type IdentityDecision = "accept" | "refuse";

const identityOf = (row: Identity): Identity => ({ name: row.name, rccm: row.rccm, nif: row.nif });
const differing = (a: Identity, b: Identity) => IDENTITY_FIELDS.filter((key) => a[key] !== b[key]);

/** The request waiting for a counsellor, if any. */
export function pendingIdentityRequest(db: Db | Tx, orgId: number) {
  return (
    db
      .select()
      .from(requests)
      .where(and(eq(requests.orgId, orgId), eq(requests.status, "pending")))
      .get() ?? null
  );
}

/**
 * Files, replaces or withdraws the identity request of a verified organisation
 * as its page was saved: the same identity as the checked one withdraws it.
 * Called inside the transaction that saves the other fields.
 */
export function fileIdentityRequest(
  tx: Tx,
  {
    orgId,
    current,
    wanted,
    userId,
    ip,
  }: { orgId: number; current: Identity; wanted: Identity; userId: number; ip?: string },
): "requested" | "withdrawn" | null {
  const pending = pendingIdentityRequest(tx, orgId);
  const fields = differing(current, wanted);
  if (fields.length === 0) {
    if (!pending) return null;
    closeByEmployer(tx, pending.id, orgId, userId, ip);
    return "withdrawn";
  }
  if (pending && differing(identityOf(pending), wanted).length === 0) return null;
  const now = new Date();
  if (pending) {
    tx.update(requests)
      .set({ ...wanted, requestedBy: userId, requestedAt: now })
      .where(eq(requests.id, pending.id))
      .run();
  } else {
    tx.insert(requests)
      .values({ orgId, ...wanted, requestedBy: userId, requestedAt: now })
      .run();
  }
  recordAudit(tx, {
    actorId: userId,
    action: "organisation.identity.requested",
    subjectType: "organisation",
    subjectId: orgId,
    detail: { fields, requested: wanted, ...(pending ? { replaced: identityOf(pending) } : {}) },
    ip,
  });
  return "requested";
}

function closeByEmployer(tx: Tx, requestId: number, orgId: number, userId: number, ip?: string) {
  tx.update(requests)
    .set({ status: "withdrawn", decidedBy: userId, decidedAt: new Date() })
    .where(eq(requests.id, requestId))
    .run();
  recordAudit(tx, {
    actorId: userId,
    action: "organisation.identity.withdrawn",
    subjectType: "organisation",
    subjectId: orgId,
    ip,
  });
}

/** A member withdraws their organisation's pending request. False when there is none. */
export function withdrawIdentityRequest(db: Db, userId: number, ip?: string): boolean {
  const membership = getEmployerMembership(db, userId);
  if (!membership) return false;
  return db.transaction((tx) => {
    const pending = pendingIdentityRequest(tx, membership.org.id);
    if (!pending) return false;
    closeByEmployer(tx, pending.id, membership.org.id, userId, ip);
    return true;
  });
}

const requester = aliasedTable(users, "requester");

const waiting = (askedBefore?: Date) =>
  and(
    eq(requests.status, "pending"),
    eq(organisations.verificationStatus, "verified"),
    askedBefore ? lte(requests.requestedAt, askedBefore) : undefined,
  );

/** Requests of verified organisations waiting for a counsellor, oldest first; a page of them with `offset`. */
export function pendingIdentityRequests(
  db: Db,
  { limit = 50, offset = 0, askedBefore }: { limit?: number; offset?: number; askedBefore?: Date } = {},
) {
  return db
    .select({
      id: requests.id,
      orgId: organisations.id,
      current: { name: organisations.name, rccm: organisations.rccm, nif: organisations.nif },
      requested: { name: requests.name, rccm: requests.rccm, nif: requests.nif },
      requestedAt: requests.requestedAt,
      requestedByName: requester.displayName,
    })
    .from(requests)
    .innerJoin(organisations, eq(organisations.id, requests.orgId))
    .leftJoin(requester, eq(requester.id, requests.requestedBy))
    .where(waiting(askedBefore))
    .orderBy(asc(requests.requestedAt), asc(requests.id))
    .limit(limit)
    .offset(offset)
    .all();
}

export function pendingIdentityRequestCount(db: Db, askedBefore?: Date): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(requests)
      .innerJoin(organisations, eq(organisations.id, requests.orgId))
      .where(waiting(askedBefore))
      .get()?.n ?? 0
  );
}

/**
 * Accepts a request (the new identity becomes the public, checked one) or
 * refuses it with a reason (the checked identity stays). The members are told
 * in the portal, whoever asked also by SMS or e-mail; the audit log keeps both
 * identities. Null when the request is no longer pending or its organisation
 * no longer verified.
 */
export function decideIdentityRequest(
  db: Db,
  {
    counsellorId,
    requestId,
    decision,
    reason,
    ip,
  }: { counsellorId: number; requestId: number; decision: IdentityDecision; reason?: string; ip?: string },
) {
  const why = decision === "refuse" ? reason?.trim() : null;
  // The form's schema refuses it first; this guards other callers.
  if (why === "" || why === undefined) throw new Error("identity request: a refusal needs a reason");
  return db.transaction((tx) => {
    const row = tx
      .select({ request: requests, org: organisations })
      .from(requests)
      .innerJoin(organisations, eq(organisations.id, requests.orgId))
      .where(eq(requests.id, requestId))
      .get();
    if (!row || row.request.status !== "pending" || row.org.verificationStatus !== "verified") return null;
    const { request, org } = row;
    const before = identityOf(org);
    const after = identityOf(request);
    const status = decision === "accept" ? ("accepted" as const) : ("refused" as const);
    const now = new Date();
    tx.update(requests)
      .set({ status, reason: why, decidedBy: counsellorId, decidedAt: now })
      .where(eq(requests.id, requestId))
      .run();
    if (status === "accepted") acceptIdentity(tx, org.id, after, counsellorId, now);
    recordAudit(tx, {
      actorId: counsellorId,
      action: `organisation.identity.${status}`,
      subjectType: "organisation",
      subjectId: org.id,
      detail: { requestId, before, after, ...(why ? { reason: why } : {}) },
      ip,
    });
    const payload = { orgName: before.name, requestedName: after.name, reason: why };
    notifyOrganisation(tx, org.id, { kind: `moderation.identity.${status}`, payload, link: "/employeur/organisation" });
    if (request.requestedBy)
      tellRequester(
        tx,
        request.requestedBy,
        `organisationIdentity.${status}`,
        payload,
        `identity-request:${requestId}`,
      );
    return { status };
  });
}

/** The SMS (phone) or e-mail (address) to whoever asked, in their language. */
function tellRequester(tx: Tx, userId: number, template: string, payload: Record<string, unknown>, dedupeKey: string) {
  const person = tx.select().from(users).where(eq(users.id, userId)).get();
  if (!person || person.deletedAt) return;
  const channel = person.phone ? "sms" : person.email && !person.email.endsWith(".invalid") ? "email" : null;
  if (!channel) return;
  tx.insert(outbox)
    .values({
      channel,
      recipient: (channel === "sms" ? person.phone : person.email)!,
      userId,
      template,
      locale: person.locale,
      payload: { ...payload, link: "/employeur/organisation" },
      dedupeKey,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .run();
}
