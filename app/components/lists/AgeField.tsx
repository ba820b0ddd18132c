import { SelectField } from "~/components/Field";
import { AGE_CHOICES } from "~/schemas/list-query";
import { useTranslation } from "~/utils/translation";

/** How long an item has waited at least (the `age` filter of the staff queues). */
export function AgeField({ value }: { value: number | undefined }) {
  const { t } = useTranslation("lists");
  return (
    <SelectField
      label={t("age.label")}
      name="age"
      placeholder={t("age.any")}
      defaultValue={value ? String(value) : ""}
      options={AGE_CHOICES.map((days) => ({ value: days, label: t(`age.${days}`) }))}
    />
  );
}
