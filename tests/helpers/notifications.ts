// What the notification tests count, read from the app's database.
import { eq } from "drizzle-orm";
import { getDb } from "../../app/utils/db.server";
import { notifications } from "../../db/schema";

/** How many of a person's notifications are still unread. */
export const unreadNotifications = (userId: number) =>
  getDb()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .all()
    .filter((n) => n.readAt === null).length;
