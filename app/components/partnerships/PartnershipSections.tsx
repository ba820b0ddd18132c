// The parts of a partnership's staff page around its moves: the request, the
// counsellor in charge, the next step's date, the timeline and the note form.
import { Form, Link } from "react-router";
import { CardSection } from "~/components/CardSection";
import { bindFields, SelectField, TextareaField, TextField } from "~/components/Field";
import { IntentForm } from "~/components/IntentForm";
import { OPEN_PARTNERSHIP_STATUSES } from "~/models/lifecycles/partnership";
import type { RefusedPartnershipForm } from "~/models/partnership-page-actions.server";
import type { StaffPartnership } from "~/models/partnerships.server";
import { PARTNERSHIP_NOTE_MAX } from "~/schemas/partnerships";
import { useFormat } from "~/utils/format";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import { programmeTitle } from "./programme-title";

type Refused = RefusedPartnershipForm | undefined;

/** The errors and values of a refused form, if it is this one. */
export const refusedFor = (refused: Refused, intent: string, action?: string) =>
  refused && refused.intent === intent && (action === undefined || refused.action === action) ? refused : undefined;

export function PartnershipRequest({ partnership: p }: { partnership: StaffPartnership }) {
  const { t, i18n } = useTranslation("partnerships");
  const format = useFormat();
  const isPublic = p.org.kind === "employer" && p.org.verificationStatus === "verified";
  const requested = format.date(p.partnership.createdAt, "long");
  return (
    <CardSection id="request" title={t("detail.request")}>
      <dl className="space-y-3">
        <div>
          <dt className="font-semibold">{t("detail.company")}</dt>
          <dd className="break-words">
            {p.org.name}
            {p.org.region ? ` · ${t(`common:region.${p.org.region}`)}` : ""}
            {isPublic ? (
              <>
                {" · "}
                <Link to={`/entreprises/${p.org.id}`}>{t("detail.companyPage")}</Link>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="font-semibold">{t("detail.programme")}</dt>
          <dd>{programmeTitle(p.programme.texts, i18n.language)}</dd>
        </div>
        <div>
          <dt className="font-semibold">{t("detail.status")}</dt>
          <dd>
            {t(`status.${p.partnership.status}`)}
            {p.partnership.declineReason ? (
              <> · {t("detail.declined", { reason: t(`declineReason.${p.partnership.declineReason}`) })}</>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="font-semibold">{t("detail.need")}</dt>
          <dd className="whitespace-pre-line break-words">{p.partnership.need}</dd>
        </div>
        <div>
          <dt className="font-semibold">{t("detail.contact")}</dt>
          <dd className="whitespace-pre-line break-words">{p.partnership.contact}</dd>
        </div>
      </dl>
      <p className="text-sm text-stone-700">
        {p.requesterName
          ? t("detail.requestedBy", { name: p.requesterName, date: requested })
          : t("detail.requestedByGone", { date: requested })}
      </p>
    </CardSection>
  );
}

export function PartnershipCounsellor({
  partnership: p,
  viewer,
  counsellors,
  refused,
}: {
  partnership: StaffPartnership;
  viewer: { id: number; role: string };
  counsellors: { id: number; name: string }[];
  refused: Refused;
}) {
  const { t } = useTranslation("partnerships");
  const busy = useBusy();
  const canTake = viewer.role === "conseiller" && p.partnership.counsellorId !== viewer.id;
  const others = counsellors.filter((c) => c.id !== p.partnership.counsellorId);
  const assign = refusedFor(refused, "assign");
  return (
    <CardSection id="counsellor" title={t("detail.counsellor")}>
      <p>{p.counsellorName ?? t("detail.noCounsellor")}</p>
      {canTake || p.partnership.counsellorId !== null ? (
        <Form method="post" className="flex flex-wrap gap-3">
          {canTake ? (
            <button type="submit" name="intent" value="take" className="btn" disabled={busy}>
              {t("detail.take")}
            </button>
          ) : null}
          {p.partnership.counsellorId !== null ? (
            <button type="submit" name="intent" value="release" className="btn-secondary" disabled={busy}>
              {t("detail.giveBack")}
            </button>
          ) : null}
        </Form>
      ) : null}
      {others.length > 0 ? (
        <IntentForm intent="assign" submit={t("detail.assign")} errors={assign?.fieldErrors ?? {}}>
          <SelectField
            label={t("detail.assignTo")}
            name="counsellorId"
            defaultValue={assign?.values.counsellorId ?? ""}
            error={assign?.fieldErrors.counsellorId}
            options={others.map((c) => ({ value: String(c.id), label: c.name }))}
          />
        </IntentForm>
      ) : null}
    </CardSection>
  );
}

export function PartnershipNextStep({
  partnership: p,
  today,
  refused,
}: {
  partnership: StaffPartnership;
  today: string;
  refused: Refused;
}) {
  const { t } = useTranslation("partnerships");
  const format = useFormat();
  const due = p.partnership.nextStepDue;
  const form = refusedFor(refused, "reschedule");
  if (!OPEN_PARTNERSHIP_STATUSES.includes(p.partnership.status)) return null;
  return (
    <CardSection id="next-step" title={t("detail.nextStep")}>
      {due ? (
        due < today ? (
          <p className="font-semibold text-red-800">{t("detail.overdue", { date: format.date(due, "long") })}</p>
        ) : (
          <p>{t("list.dueOn", { date: format.date(due, "long") })}</p>
        )
      ) : (
        <p>{t("detail.noNextStep")}</p>
      )}
      <IntentForm intent="reschedule" submit={t("detail.reschedule")} errors={form?.fieldErrors ?? {}}>
        <TextField
          label={t("detail.nextStepDue")}
          name="nextStepDue"
          type="date"
          min={today}
          defaultValue={form?.values.nextStepDue ?? due ?? ""}
          error={form?.fieldErrors.nextStepDue}
        />
      </IntentForm>
    </CardSection>
  );
}

export function PartnershipTimeline({ events }: { events: StaffPartnership["events"] }) {
  const { t } = useTranslation("partnerships");
  const format = useFormat();
  const what = (e: StaffPartnership["events"][number]) =>
    e.toStatus === null
      ? t("detail.eventNote")
      : e.fromStatus === null
        ? t("detail.eventFirst", { to: t(`status.${e.toStatus}`) })
        : t("detail.eventMove", { from: t(`status.${e.fromStatus}`), to: t(`status.${e.toStatus}`) });
  return (
    <CardSection id="timeline" title={t("detail.timeline")}>
      {events.length === 0 ? (
        <p>{t("detail.noEvents")}</p>
      ) : (
        <ol className="space-y-3 border-l-2 border-brand-600 pl-4">
          {events.map((e) => {
            const date = format.date(e.happenedOn, "long");
            return (
              <li key={e.id}>
                <p className="font-semibold">{what(e)}</p>
                <p className="text-sm text-stone-700">
                  {e.actorId === null && e.actorName === null
                    ? t("detail.eventBySystem", { date })
                    : t("detail.eventBy", { date, name: e.actorName ?? "—" })}
                </p>
                {e.note ? <p className="whitespace-pre-line break-words">{e.note}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </CardSection>
  );
}

export function PartnershipNote({ refused }: { refused: Refused }) {
  const { t } = useTranslation("partnerships");
  const form = refusedFor(refused, "note");
  const field = bindFields(form?.values, form?.fieldErrors);
  return (
    <CardSection id="note" title={t("detail.addNote")}>
      <IntentForm intent="note" submit={t("detail.saveNote")} errors={form?.fieldErrors ?? {}}>
        <TextareaField label={t("detail.noteText")} rows={3} maxLength={PARTNERSHIP_NOTE_MAX} {...field("note")} />
      </IntentForm>
    </CardSection>
  );
}
