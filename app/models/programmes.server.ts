// Programmes: what a company can do with the IOM and its partners. Admins write them
// (each change in the audit journal); the public reads the published ones in order.
import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { InterestInput, ProgrammeInput } from "~/schemas/programme";
import type { Db, Tx } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { organisations, type ProgrammeStatus, partnerships, programmes } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { OPEN_PARTNERSHIP_STATUSES } from "./lifecycles/partnership";
import { requestPartnership } from "./lifecycles/partnership.server";
import { getEmployerMembership } from "./organisations.server";

export { programmeText } from "./programme-text";

export type Programme = typeof programmes.$inferSelect;

const IN_ORDER = [asc(programmes.position), asc(programmes.id)] as const;

/** The published programmes, in the order the admins chose. */
export function listPublishedProgrammes(db: Db) {
  return db
    .select()
    .from(programmes)
    .where(eq(programmes.status, "published"))
    .orderBy(...IN_ORDER)
    .all();
}

/** Every programme, drafts and archived ones included, for the admins' list. */
export function listAllProgrammes(db: Db) {
  return db
    .select()
    .from(programmes)
    .orderBy(...IN_ORDER)
    .all();
}

/**
 * One programme as a reader may see it: a draft exists for admins only; an archived
 * programme stays readable (companies that joined it link to it) but takes no request.
 */
export function getProgramme(db: Db, id: number, { admin = false } = {}): Programme | null {
  const programme = db.select().from(programmes).where(eq(programmes.id, id)).get();
  if (!programme || (programme.status === "draft" && !admin)) return null;
  return programme;
}

/** The partner organisations among these ids, in the programme's order, by name and short name. */
export function partnerNames(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = db
    .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName })
    .from(organisations)
    .where(and(inArray(organisations.id, [...ids]), eq(organisations.kind, "partner")))
    .all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every partner organisation, for the programme form's checkboxes. */
export function partnerChoices(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName })
    .from(organisations)
    .where(eq(organisations.kind, "partner"))
    .orderBy(asc(organisations.name))
    .all();
}

type SaveResult = { ok: true; id: number } | { ok: false; fieldErrors: FieldErrors };

function unknownPartners(tx: Db | Tx, ids: readonly number[]): boolean {
  if (ids.length === 0) return false;
  const found = tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(inArray(organisations.id, [...ids]), eq(organisations.kind, "partner")))
    .all();
  return found.length !== ids.length;
}

const PARTNER_UNKNOWN: FieldErrors = { partnerIds: "programmes-admin:errors.partnerUnknown" };

/** A new programme, as a draft at the end of the list. */
export function createProgramme(db: Db, adminId: number, input: ProgrammeInput, ip?: string): SaveResult {
  return db.transaction((tx) => {
    if (unknownPartners(tx, input.partnerIds)) return { ok: false as const, fieldErrors: PARTNER_UNKNOWN };
    const last =
      tx
        .select({ position: max(programmes.position) })
        .from(programmes)
        .get()?.position ?? 0;
    const id = tx
      .insert(programmes)
      .values({ ...input, status: "draft", position: last + 1, updatedBy: adminId })
      .returning({ id: programmes.id })
      .get().id;
    recordAudit(tx, {
      actorId: adminId,
      action: "programme.created",
      subjectType: "programme",
      subjectId: id,
      detail: { title: input.texts.fr.title },
      ip,
    });
    return { ok: true as const, id };
  });
}

/** Saves a programme's texts and figures (its status and place in the list stay); null when it does not exist. */
export function updateProgramme(
  db: Db,
  adminId: number,
  id: number,
  input: ProgrammeInput,
  ip?: string,
): SaveResult | null {
  return db.transaction((tx) => {
    const before = tx.select().from(programmes).where(eq(programmes.id, id)).get();
    if (!before) return null;
    if (unknownPartners(tx, input.partnerIds)) return { ok: false as const, fieldErrors: PARTNER_UNKNOWN };
    const changed = (Object.keys(input) as (keyof ProgrammeInput)[]).filter(
      (key) => JSON.stringify(input[key]) !== JSON.stringify(before[key]),
    );
    tx.update(programmes)
      .set({ ...input, updatedBy: adminId, updatedAt: new Date() })
      .where(eq(programmes.id, id))
      .run();
    recordAudit(tx, {
      actorId: adminId,
      action: "programme.updated",
      subjectType: "programme",
      subjectId: id,
      detail: { changed },
      ip,
    });
    return { ok: true as const, id };
  });
}

/** Which status each button leads to, and from where: an archived programme may be published again. */
const STATUS_MOVES = {
  publish: { from: ["draft", "archived"], to: "published", audit: "programme.published" },
  archive: { from: ["draft", "published"], to: "archived", audit: "programme.archived" },
} as const satisfies Record<string, { from: readonly ProgrammeStatus[]; to: ProgrammeStatus; audit: string }>;

export type StatusResult = { ok: true } | { ok: false; reason: "notFound" | "notAllowed" };

export function setProgrammeStatus(
  db: Db,
  adminId: number,
  id: number,
  move: keyof typeof STATUS_MOVES,
  ip?: string,
): StatusResult {
  const { from, to, audit } = STATUS_MOVES[move];
  return db.transaction((tx) => {
    const programme = tx.select().from(programmes).where(eq(programmes.id, id)).get();
    if (!programme) return { ok: false as const, reason: "notFound" as const };
    if (!(from as readonly ProgrammeStatus[]).includes(programme.status)) {
      return { ok: false as const, reason: "notAllowed" as const };
    }
    tx.update(programmes)
      .set({ status: to, updatedBy: adminId, updatedAt: new Date() })
      .where(eq(programmes.id, id))
      .run();
    recordAudit(tx, { actorId: adminId, action: audit, subjectType: "programme", subjectId: id, ip });
    return { ok: true as const };
  });
}

/**
 * Moves a programme one place up or down the list. Positions are written again as 1..n
 * first, so that equal positions (hand-made data) still move by exactly one place.
 */
export function moveProgramme(db: Db, adminId: number, id: number, direction: "up" | "down", ip?: string) {
  return db.transaction((tx) => {
    const ids = tx
      .select({ id: programmes.id })
      .from(programmes)
      .orderBy(...IN_ORDER)
      .all()
      .map((row) => row.id);
    const from = ids.indexOf(id);
    if (from === -1) return { ok: false as const, reason: "notFound" as const };
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return { ok: true as const };
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    ids.forEach((programmeId, index) => {
      tx.update(programmes)
        .set({ position: index + 1 })
        .where(eq(programmes.id, programmeId))
        .run();
    });
    recordAudit(tx, {
      actorId: adminId,
      action: "programme.moved",
      subjectType: "programme",
      subjectId: id,
      detail: { direction, position: to + 1 },
      ip,
    });
    return { ok: true as const };
  });
}

/** The company's request for this programme still under way (or its running partnership), if any. */
export function openRequestFor(db: Db, orgId: number, programmeId: number): number | null {
  const open = db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(
      and(
        eq(partnerships.orgId, orgId),
        eq(partnerships.programmeId, programmeId),
        inArray(partnerships.status, [...OPEN_PARTNERSHIP_STATUSES, "active"]),
      ),
    )
    .get();
  return open?.id ?? null;
}

export type InterestResult =
  | { ok: true; partnershipId: number }
  | { ok: false; reason: "no_company" | "notAllowed" | "programme_closed" | "already_open"; partnershipId?: number };

/** An employer's interest in a programme, for the company they work for: the partnership's first step. */
export function expressInterest(
  db: Db,
  userId: number,
  programmeId: number,
  input: InterestInput,
  ip?: string,
): InterestResult {
  return db.transaction((tx) => {
    const membership = getEmployerMembership(tx, userId);
    if (!membership) return { ok: false as const, reason: "no_company" as const };
    const result = requestPartnership(tx, {
      orgId: membership.org.id,
      programmeId,
      need: input.need,
      contact: input.contact,
      actor: { userId, roles: ["employer"] },
      ip,
    });
    if (result.ok) return { ok: true as const, partnershipId: result.id };
    return { ok: false as const, reason: result.reason, partnershipId: result.id };
  });
}
