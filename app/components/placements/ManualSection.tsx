import { Form } from "react-router";
import { CardSection } from "~/components/CardSection";
import { SelectField, TextField, useErrorText } from "~/components/Field";
import { useBusy } from "~/utils/navigation";
import { displayPhone } from "~/utils/phone";
import { useTranslation } from "~/utils/translation";
import { CONTRACTS, OFFER_TYPES } from "../../../db/enums";
import { errorsFor, FormAlert, type Section } from "./forms";

export function ManualSection({ data, actionData }: Section) {
  const { t } = useTranslation("placements");
  const busy = useBusy();
  const errorText = useErrorText();
  const errors = errorsFor(actionData, "manual");
  const kept = errors ? actionData?.values : undefined;
  const { found, q } = data;
  return (
    <CardSection id="manual" title={t("manual.heading")} intro={t("manual.intro")}>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="vue" value="nouveau" />
        <TextField label={t("manual.search")} name="candidat" defaultValue={q.candidat ?? ""} maxLength={60} />
        <button type="submit" className="btn-secondary">
          {t("manual.searchButton")}
        </button>
      </Form>
      <Form method="post" className="space-y-3">
        <FormAlert errors={errors} />
        <input type="hidden" name="intent" value="manual" />
        {found && found.length > 0 ? (
          <fieldset aria-describedby={errors?.candidateId ? "manual-candidate-error" : undefined}>
            <legend className="font-medium">{t("manual.choose")}</legend>
            <ul className="space-y-1">
              {found.map((c) => (
                <li key={c.id}>
                  <label className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="candidateId"
                      value={c.id}
                      defaultChecked={kept?.candidateId === String(c.id) || found.length === 1}
                      className="h-5 w-5"
                    />
                    {c.name} · n° {c.id}
                    {c.phone ? ` · ${displayPhone(c.phone).text}` : ""}
                    {c.region ? ` · ${t(`common:region.${c.region}`)}` : ""}
                  </label>
                </li>
              ))}
            </ul>
            {errors?.candidateId ? (
              <p id="manual-candidate-error" className="mt-1 text-sm font-semibold text-red-700">
                {errorText(errors.candidateId)}
              </p>
            ) : null}
          </fieldset>
        ) : (
          <>
            {found ? <p className="text-stone-700">{t("manual.noResult", { q: q.candidat })}</p> : null}
            <TextField
              label={t("manual.candidateId")}
              hint={t("manual.candidateIdHint")}
              name="candidateId"
              inputMode="numeric"
              defaultValue={kept?.candidateId}
              error={errors?.candidateId}
            />
          </>
        )}
        <SelectField
          label={t("manual.orgId")}
          name="orgId"
          defaultValue={kept?.orgId ?? ""}
          placeholder={t("manual.orgNone")}
          error={errors?.orgId}
          options={data.employers.map((e) => ({ value: String(e.id), label: e.name }))}
        />
        <TextField
          label={t("manual.employerName")}
          name="employerName"
          maxLength={data.limits.employerName}
          defaultValue={kept?.employerName}
          error={errors?.employerName}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label={t("manual.type")}
            name="type"
            defaultValue={kept?.type ?? "emploi"}
            error={errors?.type}
            options={OFFER_TYPES.map((type) => ({ value: type, label: t(`common:offerType.${type}`) }))}
          />
          <SelectField
            label={t("manual.contract")}
            name="contract"
            defaultValue={kept?.contract ?? "cdd"}
            error={errors?.contract}
            options={CONTRACTS.map((c) => ({ value: c, label: t(`common:contract.${c}`) }))}
          />
          <TextField
            label={t("manual.startDate")}
            hint={t("manual.startDateHint")}
            name="startDate"
            type="date"
            defaultValue={kept?.startDate}
            error={errors?.startDate}
            required
          />
          <TextField
            label={t("manual.payAmount")}
            name="payAmount"
            inputMode="numeric"
            defaultValue={kept?.payAmount}
            error={errors?.payAmount}
          />
        </div>
        <button type="submit" className="btn" disabled={busy}>
          {t("manual.submit")}
        </button>
      </Form>
    </CardSection>
  );
}
