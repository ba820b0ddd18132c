// Fields over the reference lists: codes are posted, labels come from locales/*/common.json.
import { type ComponentProps, useId } from "react";
import { SelectField, TextField } from "~/components/Field";
import { REGION_CODES, REGIONS, SECTOR_CODES } from "~/utils/reference";
import { useTranslation } from "~/utils/translation";

type CodeSelectProps = Omit<ComponentProps<typeof SelectField>, "name" | "options">;

// Every commune of the reference list once, for the commune field's suggestions.
const COMMUNES = [...new Set(Object.values(REGIONS).flat())].sort((a, b) => a.localeCompare(b, "fr"));

export function RegionField(props: CodeSelectProps) {
  const { t } = useTranslation();
  return (
    <SelectField
      name="region"
      options={REGION_CODES.map((code) => ({ value: code, label: t(`common:region.${code}`) }))}
      {...props}
    />
  );
}

export function SectorField(props: CodeSelectProps) {
  const { t } = useTranslation();
  return (
    <SelectField
      name="sector"
      options={SECTOR_CODES.map((code) => ({ value: code, label: t(`common:sector.${code}`) }))}
      {...props}
    />
  );
}

/** The commune is free text: the reference list only suggests names. */
export function CommuneField(props: Omit<ComponentProps<typeof TextField>, "name" | "list">) {
  const listId = useId();
  return (
    <>
      <TextField name="commune" maxLength={80} list={listId} {...props} />
      <datalist id={listId}>
        {COMMUNES.map((commune) => (
          <option key={commune} value={commune} />
        ))}
      </datalist>
    </>
  );
}
