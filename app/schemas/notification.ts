import { parseIdParam } from "./params";

/**
 * The "mark as read" form of NotificationList: one notification (`notificationId`),
 * or all of them (`ids` undefined); null for any other form, which the page refuses with a 400.
 */
export function parseMarkRead(formData: FormData): { ids?: number[] } | null {
  if (formData.get("intent") !== "markRead") return null;
  const raw = formData.get("notificationId");
  if (raw === null) return {};
  const id = parseIdParam(raw);
  return id === null ? null : { ids: [id] };
}
