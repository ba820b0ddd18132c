import { Form, Link } from "react-router";
import { ItemActionForm } from "~/components/ItemActionForm";
import { isCalendarDate } from "~/utils/dates";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

export type NotificationItem = {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  link: string | null;
  readAt: Date | string | null;
  createdAt: Date | string;
};

/** The text of a notification in the reader's language: its kind is a key of notifications.json. */
function useNotificationText() {
  const { t } = useTranslation("notifications");
  const format = useFormat();
  return (item: NotificationItem) => {
    const values: Record<string, unknown> = { ...item.payload };
    if (typeof values.status === "string") values.status = t(`common:applicationStatus.${values.status}`);
    // The day a partnership step took place (`2026-03-10`), written out.
    if (typeof values.on === "string" && isCalendarDate(values.on)) values.on = format.date(values.on, "long");
    // An interview time as the employer's form sends it (`2026-03-10T09:30`, Mali time = UTC), written out.
    if (typeof values.interviewAt === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(values.interviewAt)) {
      values.interviewAt = format.dateTime(new Date(`${values.interviewAt}:00Z`));
    }
    return t(item.kind, { ...values, defaultValue: t("unknown") });
  };
}

/** A moderator's reason as written; a partnership's coded reason (`programme_full`) in words. */
function useReasonText() {
  const { t } = useTranslation("notifications");
  return (item: NotificationItem) => {
    const reason = item.payload.reason;
    // A withdrawal's text says it all.
    if (typeof reason !== "string" || !reason || item.kind === "partnership.withdrawn") return null;
    return item.kind.startsWith("partnership.") ? t(`partnership.reason.${reason}`, { defaultValue: null }) : reason;
  };
}

/**
 * The latest notifications, unread ones marked. "Mark as read" is a POST form
 * (`intent=markRead`, optional `notificationId`) handled by the page's action.
 */
export function NotificationList({ items }: { items: NotificationItem[] }) {
  const { t } = useTranslation("notifications");
  const format = useFormat();
  const text = useNotificationText();
  const reasonOf = useReasonText();
  const unread = items.filter((item) => !item.readAt).length;
  return (
    <section id="notifications" aria-labelledby="notifications-title" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="notifications-title" className="text-xl font-semibold">
          {t("title")}{" "}
          {unread > 0 ? <span className="text-base font-normal">({t("unreadCount", { count: unread })})</span> : null}
        </h2>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="markRead" className="btn-secondary px-3 py-1 text-sm">
              {t("markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {items.map((item) => {
            const reason = reasonOf(item);
            return (
              <li
                key={item.id}
                className={`space-y-1 p-3 ${item.readAt ? "" : "border-l-4 border-brand-600 bg-brand-50"}`}
              >
                <p>
                  {item.readAt ? null : <span className="mr-2 text-sm font-semibold text-brand-700">{t("new")}</span>}
                  {text(item)}
                </p>
                {reason ? <p className="text-sm text-stone-700">{t("reason", { reason })}</p> : null}
                <div className="flex flex-wrap items-center gap-3 text-sm text-stone-600">
                  <time dateTime={new Date(item.createdAt).toISOString()}>
                    {format.dateTime(new Date(item.createdAt))}
                  </time>
                  {item.link ? <Link to={item.link}>{t("open")}</Link> : null}
                  {item.readAt ? null : (
                    <ItemActionForm
                      fields={{ notificationId: item.id }}
                      intent="markRead"
                      formClassName="inline"
                      className="text-brand-700 underline"
                    >
                      {t("markRead")}
                    </ItemActionForm>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
