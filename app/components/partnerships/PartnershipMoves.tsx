// The next steps a counsellor may record from the partnership's status, each a
// form folded under its name (<details>: no JavaScript needed). Signing is done
// on the convention's own page.
import { Link } from "react-router";
import { CardSection } from "~/components/CardSection";
import { bindFields, SelectField, TextareaField, TextField } from "~/components/Field";
import { IntentForm } from "~/components/IntentForm";
import type { PartnershipAction } from "~/models/lifecycles/partnership";
import { OPEN_PARTNERSHIP_STATUSES } from "~/models/lifecycles/partnership";
import type { RefusedPartnershipForm } from "~/models/partnership-page-actions.server";
import type { StaffPartnership } from "~/models/partnerships.server";
import { PARTNERSHIP_NOTE_MAX } from "~/schemas/partnerships";
import { useTranslation } from "~/utils/translation";
import { PARTNERSHIP_DECLINE_REASONS, type PartnershipStatus } from "../../../db/enums";
import { refusedFor } from "./PartnershipSections";

// Where each move leads: whether a next step is then awaited (its date asked).
const LEADS_TO: Partial<Record<PartnershipAction, PartnershipStatus>> = {
  contact: "contacted",
  hold_meeting: "meeting_held",
  receive_documents: "documents_received",
  activate: "active",
  close: "closed",
  decline: "declined",
};

export function PartnershipMoves({
  partnership: p,
  moves,
  today,
  refused,
}: {
  partnership: StaffPartnership;
  moves: PartnershipAction[];
  today: string;
  refused: RefusedPartnershipForm | undefined;
}) {
  const { t } = useTranslation("partnerships");
  return (
    <CardSection id="steps" title={t("detail.moves")}>
      {moves.length === 0 ? <p>{t("detail.noMoves")}</p> : null}
      {moves.map((action) =>
        action === "sign" ? (
          <p key={action}>
            <Link
              to={`/conseiller/partenariats/${p.partnership.id}/convention`}
              className="btn inline-flex min-h-11 items-center no-underline"
            >
              {t("detail.writeConvention")}
            </Link>
          </p>
        ) : (
          <MoveForm key={action} action={action} today={today} refused={refusedFor(refused, "move", action)} />
        ),
      )}
    </CardSection>
  );
}

function MoveForm({
  action,
  today,
  refused,
}: {
  action: PartnershipAction;
  today: string;
  refused: RefusedPartnershipForm | undefined;
}) {
  const { t } = useTranslation("partnerships");
  const field = bindFields(refused?.values, refused?.fieldErrors);
  const to = LEADS_TO[action];
  const asksNextStep = to !== undefined && OPEN_PARTNERSHIP_STATUSES.includes(to);
  const noteNeeded = action === "close" || action === "decline";
  return (
    <details open={refused !== undefined} className="rounded-md border border-stone-300 p-3">
      <summary className="min-h-11 cursor-pointer py-2.5 font-semibold text-brand-700">{t(`action.${action}`)}</summary>
      <div className="mt-3">
        <IntentForm
          intent="move"
          submit={t(`action.${action}`)}
          errors={refused?.fieldErrors ?? {}}
          danger={action === "decline"}
        >
          <input type="hidden" name="action" value={action} />
          <TextField
            label={t("detail.happenedOn")}
            type="date"
            max={today}
            {...field("happenedOn")}
            defaultValue={refused?.values.happenedOn ?? today}
          />
          {action === "decline" ? (
            <SelectField
              label={t("detail.reason")}
              placeholder={t("detail.chooseReason")}
              options={PARTNERSHIP_DECLINE_REASONS.map((r) => ({
                value: r,
                label: t(`declineReason.${r}`),
              }))}
              {...field("declineReason")}
            />
          ) : null}
          <TextareaField
            label={t("detail.note")}
            hint={noteNeeded ? t("detail.noteRequired") : t("detail.noteHint")}
            rows={3}
            maxLength={PARTNERSHIP_NOTE_MAX}
            {...field("note")}
          />
          {asksNextStep ? (
            <TextField
              label={t("detail.nextDue")}
              hint={t("detail.nextDueHint")}
              type="date"
              min={today}
              {...field("nextStepDue")}
            />
          ) : null}
        </IntentForm>
      </div>
    </details>
  );
}
