import { Link } from "react-router";
import { ItemActionForm } from "~/components/ItemActionForm";
import { Pagination } from "~/components/Pagination";
import { PhoneNumber } from "~/components/PhoneNumber";
import { CALLBACK_TABS, type CallbackTab } from "~/schemas/callbacks";
import { listHref } from "~/schemas/list-query";
import { useFormat } from "~/utils/format";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import { waitedText } from "./waited";

export type CallbackRow = {
  id: number;
  phone: string;
  locale: "fr" | "en" | "bm";
  waitedMinutes: number;
  doneAt: Date | string | null;
  takenBy: number | null;
  takerName: string | null;
  personId: number | null;
  personName: string | null;
  personRole: string | null;
};

/** The tabs as links (they work without JavaScript), each open one with how many requests it holds. */
export function CallbackTabs({ current, counts }: { current: CallbackTab; counts: { open: number; mine: number } }) {
  const { t } = useTranslation("callbacks");
  const countOf = { ouvertes: counts.open, miennes: counts.mine, faites: 0 };
  return (
    <nav aria-label={t("tabs.label")}>
      <ul className="flex flex-wrap gap-2">
        {(Object.keys(CALLBACK_TABS) as CallbackTab[]).map((tab) => (
          <li key={tab}>
            <Link
              to={`/conseiller/rappels?vue=${tab}`}
              aria-current={tab === current ? "page" : undefined}
              className={tab === current ? "btn" : "btn-secondary"}
            >
              {t(`tabs.${tab}`, { count: countOf[tab] })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Person({ row }: { row: CallbackRow }) {
  const { t } = useTranslation("callbacks");
  if (!row.personId || !row.personName) return <span className="text-stone-700">{t("row.noAccount")}</span>;
  // Only candidates have a file a counsellor opens.
  if (row.personRole !== "candidat") return <span>{row.personName}</span>;
  return (
    <Link to={`/conseiller/candidats/${row.personId}`} className="inline-flex min-h-11 items-center">
      {row.personName}
    </Link>
  );
}

/** Who holds the request and the buttons its reader may press: take it, or (their own) mark it done or give it back. */
function Holder({ row, viewerId, viewerIsAdmin }: { row: CallbackRow; viewerId: number; viewerIsAdmin: boolean }) {
  const { t } = useTranslation("callbacks");
  const busy = useBusy();
  const fields = { callbackId: row.id };
  if (row.doneAt) return <p>{row.takerName ? t("row.takenBy", { name: row.takerName }) : t("row.takenByUnknown")}</p>;
  if (row.takenBy === null) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-stone-700">{t("row.notTaken")}</p>
        <ItemActionForm fields={fields} intent="take" className="btn" disabled={busy}>
          {t("actions.take")}
        </ItemActionForm>
      </div>
    );
  }
  const mine = row.takenBy === viewerId;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p className={mine ? "font-semibold" : undefined}>
        {mine
          ? t("row.takenByMe")
          : row.takerName
            ? t("row.takenBy", { name: row.takerName })
            : t("row.takenByUnknown")}
      </p>
      {mine || viewerIsAdmin ? (
        <>
          <ItemActionForm fields={fields} intent="complete" className="btn" disabled={busy}>
            {t("actions.complete")}
          </ItemActionForm>
          <ItemActionForm fields={fields} intent="release" className="btn-secondary" disabled={busy}>
            {t("actions.release")}
          </ItemActionForm>
        </>
      ) : null}
    </div>
  );
}

export function CallbackList({
  tab,
  list,
  viewerId,
  viewerIsAdmin,
}: {
  tab: CallbackTab;
  list: { total: number; page: number; pageCount: number; rows: CallbackRow[] };
  viewerId: number;
  viewerIsAdmin: boolean;
}) {
  const { t } = useTranslation("callbacks");
  const format = useFormat();
  if (list.total === 0) return <p className="card">{t(`empty.${tab}`)}</p>;
  return (
    <section aria-labelledby="callbacks-list" className="space-y-3">
      <h2 id="callbacks-list" className="text-xl font-semibold">
        {t("total", { count: list.total })}
      </h2>
      <ol className="space-y-3">
        {list.rows.map((row) => (
          <li key={row.id} id={`rappel-${row.id}`} className="card space-y-2">
            <h3 className="font-semibold">
              {row.doneAt
                ? t("row.doneAt", { date: format.dateTime(new Date(row.doneAt)) })
                : t("row.waiting", { time: waitedText(t, row.waitedMinutes) })}
            </h3>
            <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="text-sm text-stone-600">{t("row.phone")}</dt>
              <dd>
                <PhoneNumber phone={row.phone} />
              </dd>
              <dt className="text-sm text-stone-600">{t("row.person")}</dt>
              <dd>
                <Person row={row} />
              </dd>
              <dt className="text-sm text-stone-600">{t("row.language")}</dt>
              <dd>{t(`languages.${row.locale}`)}</dd>
            </dl>
            <Holder row={row} viewerId={viewerId} viewerIsAdmin={viewerIsAdmin} />
          </li>
        ))}
      </ol>
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        hrefFor={(page) => listHref("/conseiller/rappels", { vue: tab }, page)}
      />
    </section>
  );
}
