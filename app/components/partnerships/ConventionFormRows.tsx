// The convention form's rows: one fieldset per commitment or contribution. Rows
// already in the convention carry their key (hidden) and a "remove" box.
import { CheckboxField, SelectField, TextField } from "~/components/Field";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { REGION_CODES, TRADE_CODES } from "~/utils/reference";
import { useTranslation } from "~/utils/translation";
import { COMMITMENT_AUDIENCES, OFFER_TYPES } from "../../../db/enums";

type RowProps = { row: number; values: FormValues; errors: FieldErrors };

const bind =
  (prefix: string, { row, values, errors }: RowProps) =>
  (field: string) => ({
    name: `${prefix}${row}_${field}`,
    defaultValue: values[`${prefix}${row}_${field}`] ?? "",
    error: errors[`${prefix}${row}_${field}`],
  });

export function CommitmentRow(props: RowProps) {
  const { t } = useTranslation("conventions");
  const field = bind("c", props);
  const key = props.values[`c${props.row}_key`];
  const option = (prefix: string) => (code: string) => ({ value: code, label: t(`common:${prefix}.${code}`) });
  return (
    <fieldset className="space-y-3 rounded-md border border-stone-300 p-3">
      <legend className="px-1 font-semibold">{t("form.commitment", { n: props.row + 1 })}</legend>
      {key ? <input type="hidden" name={`c${props.row}_key`} value={key} /> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label={t("form.offerType")}
          {...field("offerType")}
          placeholder={t("form.choose")}
          options={OFFER_TYPES.map(option("offerType"))}
        />
        <TextField label={t("form.quantity")} {...field("quantity")} inputMode="numeric" maxLength={12} />
        <TextField label={t("form.durationMonths")} {...field("durationMonths")} inputMode="numeric" maxLength={4} />
        <SelectField
          label={t("form.trade")}
          {...field("trade")}
          placeholder={t("form.anyTrade")}
          options={TRADE_CODES.map(option("trade"))}
        />
        <SelectField
          label={t("form.region")}
          {...field("region")}
          placeholder={t("form.anyRegion")}
          options={REGION_CODES.map(option("region"))}
        />
        <SelectField
          label={t("form.audience")}
          {...field("audience")}
          defaultValue={props.values[`c${props.row}_audience`] || "all"}
          options={COMMITMENT_AUDIENCES.map((a) => ({ value: a, label: t(`audience.${a}`) }))}
        />
      </div>
      {key ? (
        <CheckboxField
          label={t("form.remove")}
          name={`c${props.row}_remove`}
          defaultChecked={props.values[`c${props.row}_remove`] === "on"}
        />
      ) : null}
    </fieldset>
  );
}

export function ContributionRow(props: RowProps & { partners: { id: number; name: string }[] }) {
  const { t } = useTranslation("conventions");
  const field = bind("k", props);
  return (
    <fieldset className="space-y-3 rounded-md border border-stone-300 p-3">
      <legend className="px-1 font-semibold">{t("form.contribution", { n: props.row + 1 })}</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label={t("form.partner")}
          {...field("partnerId")}
          placeholder={t("form.choose")}
          options={props.partners.map((p) => ({ value: String(p.id), label: p.name }))}
        />
        <TextField label={t("form.description")} {...field("description")} maxLength={300} />
        <TextField label={t("form.amountFcfa")} {...field("amountFcfa")} inputMode="numeric" maxLength={16} />
      </div>
    </fieldset>
  );
}
