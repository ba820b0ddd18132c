// The posting form for the four offer types. The page renders only the chosen type's
// fieldset; without JavaScript a "show this type's fields" button posts the form back
// (intent "retype", everything typed kept). With JavaScript every fieldset is there and
// changing the type shows its own at once.
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Form } from "react-router";
import { EDUCATION_CHOICES, EMPLOI_CONTRACT_CHOICES, OFFER_TYPE_CHOICES } from "~/components/choices";
import { bindFields, ChoiceGroup, FormErrorSummary, SelectField, TextareaField, TextField } from "~/components/Field";
import { isOfferType } from "~/components/offer-form-data";
import { useCommitmentText } from "~/components/partnerships/ConventionSummary";
import { CommuneField, RegionField, SectorField } from "~/components/ReferenceFields";
import type { UsableCommitment } from "~/models/conventions-offers.server";
import { canMove } from "~/models/lifecycles/lifecycle";
import { offerLifecycle } from "~/models/lifecycles/offer";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { LANGUAGE_CODES, TRADE_CODES } from "~/utils/reference";
import { useTranslation } from "~/utils/translation";
import type { OfferStatus, OfferType } from "../../db/enums";

export type OfferFormProps = {
  values: FormValues;
  languages: string[];
  errors: FieldErrors;
  formError?: string;
  /** Which submit buttons: a new or draft offer can be saved or published; a published one is saved as it is. */
  status?: OfferStatus;
  canPublish: boolean;
  readOnly?: boolean;
  /** The convention commitments the offer may serve; no field when there is none. */
  commitments?: UsableCommitment[];
};

function TypeFieldset({
  type,
  present,
  shown,
  children,
}: {
  type: OfferType;
  present: boolean;
  shown: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation("employer");
  if (!present) return null;
  return (
    <fieldset className="space-y-4 rounded-md border border-stone-300 p-3" hidden={!shown} data-offer-type={type}>
      <legend className="px-1 text-lg font-semibold">{t(`offerForm.forType.${type}`)}</legend>
      {children}
    </fieldset>
  );
}

export function OfferForm({
  values,
  languages,
  errors,
  formError,
  status,
  canPublish,
  readOnly = false,
  commitments = [],
}: OfferFormProps) {
  const { t } = useTranslation("employer");
  const commitmentText = useCommitmentText();
  const busy = useBusy();
  // A published offer cannot go back to a draft: its changes are submitted as they are.
  const canSaveDraft = status === undefined || canMove(offerLifecycle, "saveDraft", status, "owner");
  const initialType = isOfferType(values.type) ? values.type : "emploi";
  const [type, setType] = useState<OfferType>(initialType);
  // Until the page is interactive only the posted type's fieldset is there (what the server sent).
  const [interactive, setInteractive] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // On a slow phone the type may be chosen before the scripts run: keep that choice.
    const chosen = formRef.current?.elements.namedItem("type");
    if (chosen instanceof HTMLSelectElement && isOfferType(chosen.value)) setType(chosen.value);
    setInteractive(true);
  }, []);
  const shown = (fieldsetType: OfferType) => type === fieldsetType;
  const present = (fieldsetType: OfferType) => interactive || initialType === fieldsetType;
  // A type-specific error is shown on the copy of the field the person filled in.
  const typedError = (fieldsetType: OfferType, field: string) =>
    initialType === fieldsetType ? errors[field] : undefined;
  // A type's own field, by its name in the form (`stage_payAmount` where several types have it).
  const typedField = (fieldsetType: OfferType, field: string, name = field) => ({
    name,
    defaultValue: values[name],
    error: typedError(fieldsetType, field),
  });
  const option = (prefix: string) => (code: string) => ({ value: code, label: t(`common:${prefix}.${code}`) });
  const choose = t("offerForm.choose");
  const field = bindFields(values, errors);

  return (
    <Form ref={formRef} method="post" className="card space-y-5" noValidate>
      <FormErrorSummary errors={errors} message={formError} />
      <fieldset disabled={readOnly} className="space-y-5">
        <SelectField
          label={t("offerForm.type")}
          name="type"
          required
          options={OFFER_TYPE_CHOICES.map(option("offerType"))}
          value={type}
          onChange={(e) => setType(e.currentTarget.value as OfferType)}
          error={errors.type}
        />
        {interactive ? null : (
          <button type="submit" name="intent" value="retype" formNoValidate className="btn-secondary">
            {t("offerform:showTypeFields")}
          </button>
        )}
        {commitments.length > 0 ? (
          <SelectField
            label={t("conventions:offer.label")}
            hint={t("conventions:offer.hint")}
            {...field("commitment")}
            placeholder={t("conventions:offer.none")}
            options={commitments.map((c) => ({ value: c.value, label: `${c.reference} · ${commitmentText(c)}` }))}
          />
        ) : null}
        <TextField
          label={t("offerForm.title")}
          hint={t("offerForm.titleHint")}
          {...field("title")}
          required
          maxLength={120}
        />
        <TextareaField
          label={t("offerForm.description")}
          hint={t("offerForm.descriptionHint")}
          {...field("description")}
          required
          maxLength={5000}
          rows={8}
        />
        <SectorField
          label={t("offerForm.sector")}
          required
          placeholder={choose}
          defaultValue={values.sector ?? ""}
          error={errors.sector}
        />
        <SelectField
          label={t(type === "apprentissage" ? "offerForm.masterTrade" : "offerForm.trade")}
          hint={t("offerForm.tradeHint")}
          {...field("trade")}
          placeholder={t("offerForm.noTrade")}
          options={TRADE_CODES.map(option("trade"))}
        />
        <RegionField
          label={t("offerForm.region")}
          required
          placeholder={choose}
          defaultValue={values.region ?? ""}
          error={errors.region}
        />
        <CommuneField
          label={t("offerForm.commune")}
          hint={t("offerForm.communeHint")}
          defaultValue={values.commune}
          error={errors.commune}
        />
        <TextField
          label={t(type === "formation" ? "offerForm.places" : "offerForm.positions")}
          hint={t("offerForm.positionsHint")}
          name="positions"
          required
          inputMode="numeric"
          defaultValue={values.positions ?? "1"}
          error={errors.positions}
        />
        <SelectField
          label={t("offerForm.minEducation")}
          {...field("minEducation")}
          placeholder={t("offerForm.noMinEducation")}
          options={EDUCATION_CHOICES.map(option("education"))}
        />
        <ChoiceGroup
          legend={t("offerForm.languages")}
          name="languages"
          multiple
          choices={LANGUAGE_CODES.map(option("language"))}
          selected={languages}
          error={errors.languages}
        />
        <TextField
          label={t("offerForm.startDate")}
          hint={t("offerForm.startDateHint")}
          {...field("startDate")}
          type="date"
        />
        <TextField
          label={t("offerForm.closingDate")}
          hint={t("offerForm.closingDateHint")}
          {...field("closingDate")}
          type="date"
          required
        />

        <TypeFieldset type="emploi" present={present("emploi")} shown={shown("emploi")}>
          <SelectField
            label={t("offerForm.contract")}
            {...typedField("emploi", "contract")}
            placeholder={choose}
            options={EMPLOI_CONTRACT_CHOICES.map(option("contract"))}
          />
          <TextField
            label={t("offerForm.pay")}
            hint={t("offerForm.payHint")}
            {...typedField("emploi", "payAmount", "emploi_payAmount")}
            inputMode="numeric"
          />
          <ChoiceGroup
            legend={t("offerForm.payPeriod")}
            name="payPeriod"
            choices={(["month", "day"] as const).map((p) => ({ value: p, label: t(`offerForm.per.${p}`) }))}
            selected={[values.payPeriod || "month"]}
            error={typedError("emploi", "payPeriod")}
          />
        </TypeFieldset>

        {(["apprentissage", "stage"] as const).map((kind) => (
          <TypeFieldset key={kind} type={kind} present={present(kind)} shown={shown(kind)}>
            <TextField
              label={t("offerForm.durationMonths")}
              {...typedField(kind, "durationMonths", `${kind}_durationMonths`)}
              inputMode="numeric"
            />
            <TextField
              label={t("offerForm.stipend")}
              hint={t(`offerForm.stipendHint.${kind}`)}
              {...typedField(kind, "payAmount", `${kind}_payAmount`)}
              inputMode="numeric"
            />
          </TypeFieldset>
        ))}

        <TypeFieldset type="formation" present={present("formation")} shown={shown("formation")}>
          <TextField label={t("offerForm.provider")} {...typedField("formation", "provider")} maxLength={120} />
          <TextField
            label={t("offerForm.endDate")}
            hint={t("offerForm.endDateHint")}
            {...typedField("formation", "endDate")}
            type="date"
          />
          <TextField
            label={t("offerForm.certificate")}
            hint={t("offerForm.certificateHint")}
            {...typedField("formation", "certificate")}
            maxLength={120}
          />
        </TypeFieldset>
      </fieldset>

      {readOnly ? null : (
        <div className="flex flex-wrap gap-3">
          {!canSaveDraft ? (
            <button type="submit" name="intent" value="submit" className="btn" disabled={busy}>
              {t("offerForm.saveChanges")}
            </button>
          ) : (
            <>
              <button type="submit" name="intent" value="draft" className="btn-secondary" disabled={busy}>
                {t("offerForm.saveDraft")}
              </button>
              {canPublish ? (
                <button type="submit" name="intent" value="submit" className="btn" disabled={busy}>
                  {t("offerForm.publish")}
                </button>
              ) : null}
            </>
          )}
        </div>
      )}
      {!readOnly && !canPublish && canSaveDraft ? (
        <p className="text-sm text-stone-700">{t("offerForm.cannotPublish")}</p>
      ) : null}
    </Form>
  );
}
