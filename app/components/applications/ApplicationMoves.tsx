import { type ReactNode, useId } from "react";
import { Form } from "react-router";
import { SelectField, TextField, useErrorText } from "~/components/Field";
import { TitledSection } from "~/components/TitledSection";
import type { FieldErrors } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import type { Route } from "../../routes/+types/employeur.offres.$offerId.candidatures.$applicationId";

type PageData = Route.ComponentProps["loaderData"];

/** The moves the employer may make from the application's status, one form each. */
export function ApplicationMoves({
  moves,
  today,
  refusalReasons,
  limits,
  actionData,
  offerType,
}: {
  moves: PageData["application"]["moves"];
  /** A hire on a training offer is an admission: its form says so. */
  offerType: string;
  today: string;
  refusalReasons: PageData["refusalReasons"];
  limits: PageData["limits"];
  actionData: Route.ComponentProps["actionData"];
}) {
  const { t } = useTranslation("applications");
  return (
    <TitledSection id="moves" title={t("detail.moves")} className="space-y-3" headingClassName="text-lg font-semibold">
      {moves.length === 0 ? <p>{t("detail.noMoves")}</p> : null}
      {moves.map((to) => {
        // Values and messages go back to the form that was sent, not to its neighbours.
        const sent = actionData?.values.to === to ? actionData : undefined;
        return (
          <MoveForm key={to} to={to} words={to === "hired" && offerType === "formation" ? "admitted" : to}>
            {to === "interview" ? (
              <>
                <TextField
                  label={t("move.interviewAt")}
                  name="interviewAt"
                  type="datetime-local"
                  required
                  min={`${today}T00:00`}
                  defaultValue={sent?.values.interviewAt}
                  error={sent?.fieldErrors.interviewAt}
                />
                <TextField
                  label={t("move.interviewPlace")}
                  name="interviewPlace"
                  required
                  maxLength={limits.place}
                  hint={t("move.interviewPlaceHint")}
                  defaultValue={sent?.values.interviewPlace}
                  error={sent?.fieldErrors.interviewPlace}
                />
              </>
            ) : to === "hired" ? (
              <TextField
                label={t("move.startDate")}
                name="startDate"
                type="date"
                hint={t("move.startDateHint")}
                defaultValue={sent?.values.startDate ?? today}
                error={sent?.fieldErrors.startDate}
              />
            ) : to === "rejected" ? (
              <>
                <SelectField
                  label={t("move.refusalReason")}
                  name="refusalReason"
                  required
                  placeholder={t("move.choose")}
                  options={refusalReasons.map((r) => ({ value: r, label: t(`refusalReason.${r}`) }))}
                  defaultValue={sent?.values.refusalReason ?? ""}
                  error={sent?.fieldErrors.refusalReason}
                />
                <NoteField error={sent?.fieldErrors.note} defaultValue={sent?.values.note} max={limits.note} />
              </>
            ) : null}
          </MoveForm>
        );
      })}
    </TitledSection>
  );
}

function MoveForm({ to, words, children }: { to: string; words: string; children: ReactNode }) {
  const { t } = useTranslation("applications");
  const busy = useBusy();
  return (
    <Form method="post" className="card space-y-3" aria-label={t(`move.${words}.label`)} noValidate>
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="to" value={to} />
      <p className="text-sm text-stone-700">{t(`move.${words}.hint`)}</p>
      {children}
      <button type="submit" className={to === "rejected" ? "btn-secondary" : "btn"} disabled={busy}>
        {t(`move.${words}.submit`)}
      </button>
    </Form>
  );
}

function NoteField({ error, defaultValue, max }: { error?: FieldErrors[string]; defaultValue?: string; max: number }) {
  const { t } = useTranslation("applications");
  const errorText = useErrorText();
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {t("move.note")}
      </label>
      <textarea
        id={id}
        name="note"
        rows={3}
        maxLength={max}
        className="field"
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
      />
      <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
        {t("move.noteHint", { max })}
      </p>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-red-700">
          {errorText(error)}
        </p>
      ) : null}
    </div>
  );
}
