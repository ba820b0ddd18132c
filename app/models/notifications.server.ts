import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import { memberships, notifications } from "../../db/schema";

export type NotificationInput = {
  /** A locale key under `notifications:` whose text is written in the reader's language. */
  kind: string;
  payload?: Record<string, unknown>;
  link?: string;
};

export function notifyUsers(db: Db | Tx, userIds: number[], notification: NotificationInput) {
  if (userIds.length === 0) return;
  db.insert(notifications)
    .values(
      userIds.map((userId) => ({
        userId,
        kind: notification.kind,
        payload: notification.payload ?? {},
        link: notification.link ?? null,
      })),
    )
    .run();
}

/** Tells every member of an organisation (the employer's side of moderation). */
export function notifyOrganisation(db: Db | Tx, orgId: number, notification: NotificationInput) {
  const members = db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.orgId, orgId)).all();
  notifyUsers(
    db,
    members.map((m) => m.userId),
    notification,
  );
}

export function listNotifications(db: Db, userId: number, limit = 20) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
}

export function unreadNotificationCount(db: Db, userId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

export function markNotificationsRead(db: Db, userId: number, ids?: number[]) {
  db.update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .run();
}
