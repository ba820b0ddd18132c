import { Form, Link } from "react-router";
import {
  CheckboxField,
  ChoiceGroup,
  FormErrorSummary,
  SelectField,
  TextareaField,
  TextField,
} from "~/components/Field";
import {
  fieldName,
  PROGRAMME_LANGUAGES,
  type ProgrammeLanguage,
  type TextField as ProgrammeTextField,
  TEXT_FIELDS,
  TEXT_LIMITS,
} from "~/schemas/programme";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import { PROGRAMME_KINDS, type ProgrammeText, type ProgrammeTexts } from "../../../db/enums";

export type SavedProgramme = {
  kind: string;
  texts: ProgrammeTexts;
  stipendFcfa: number | null;
  trainingFcfa: number | null;
  durationMonths: number | null;
  insurance: boolean;
  partnerIds: number[];
};

/** A saved programme as its form writes it: steps and documents one a line, amounts as typed digits. */
export function programmeFormValues(programme: SavedProgramme): { values: FormValues; partnerIds: string[] } {
  const values: FormValues = {
    kind: programme.kind,
    stipendFcfa: programme.stipendFcfa?.toString() ?? "",
    trainingFcfa: programme.trainingFcfa?.toString() ?? "",
    durationMonths: programme.durationMonths?.toString() ?? "",
    insurance: programme.insurance ? "on" : "",
  };
  for (const lang of PROGRAMME_LANGUAGES) {
    const text: ProgrammeText | undefined = programme.texts[lang];
    for (const field of TEXT_FIELDS) {
      const value = text?.[field];
      values[fieldName(lang, field)] = Array.isArray(value) ? value.join("\n") : (value ?? "");
    }
  }
  return { values, partnerIds: programme.partnerIds.map(String) };
}

const LONG_FIELDS: readonly ProgrammeTextField[] = ["eligibility", "companyCommits", "partnersBring"];

function LanguageFields({
  lang,
  values,
  errors,
}: {
  lang: ProgrammeLanguage;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("programmes-admin");
  return (
    <div className="space-y-4" lang={lang}>
      {TEXT_FIELDS.map((field) => {
        const name = fieldName(lang, field);
        const common = { label: t(`form.${field}`), name, defaultValue: values[name], error: errors?.[name] };
        if (field === "title") return <TextField key={name} {...common} maxLength={TEXT_LIMITS.title} />;
        if (field === "steps" || field === "documents")
          return <TextareaField key={name} {...common} rows={5} hint={t("form.oneLine")} />;
        return (
          <TextareaField
            key={name}
            {...common}
            rows={LONG_FIELDS.includes(field) ? 4 : 2}
            maxLength={TEXT_LIMITS[field]}
          />
        );
      })}
    </div>
  );
}

/** The admin's programme form: French first, English and Bambara folded, then the figures and the partners. */
export function ProgrammeForm({
  values,
  partnerIds,
  errors,
  partners,
  isNew,
}: {
  values: FormValues;
  partnerIds: string[];
  errors?: FieldErrors;
  partners: { id: number; name: string; shortName: string | null }[];
  isNew: boolean;
}) {
  const { t } = useTranslation("programmes-admin");
  const busy = useBusy();
  const startedIn = (lang: ProgrammeLanguage) =>
    TEXT_FIELDS.some((field) => values[fieldName(lang, field)] || errors?.[fieldName(lang, field)]);
  return (
    <Form method="post" className="space-y-6" noValidate>
      <FormErrorSummary errors={errors} />
      <SelectField
        label={t("form.kind")}
        name="kind"
        placeholder={t("form.choose")}
        defaultValue={values.kind ?? ""}
        error={errors?.kind}
        options={PROGRAMME_KINDS.map((kind) => ({ value: kind, label: t(`programmes:kind.${kind}`) }))}
      />
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t("form.lang.fr")}</legend>
        <LanguageFields lang="fr" values={values} errors={errors} />
      </fieldset>
      {(["en", "bm"] as const).map((lang) => (
        <details key={lang} className="card" open={startedIn(lang)}>
          <summary className="flex min-h-11 cursor-pointer items-center text-lg font-semibold">
            {t(`form.lang.${lang}`)}
          </summary>
          <div className="mt-3">
            <LanguageFields lang={lang} values={values} errors={errors} />
          </div>
        </details>
      ))}
      <fieldset className="card grid gap-4 sm:grid-cols-3">
        <legend className="px-1 text-lg font-semibold">{t("form.figures")}</legend>
        {(["stipendFcfa", "trainingFcfa", "durationMonths"] as const).map((name) => (
          <TextField
            key={name}
            label={t(`form.${name}`)}
            name={name}
            inputMode="numeric"
            maxLength={20}
            hint={name === "durationMonths" ? undefined : t("form.amountHint")}
            defaultValue={values[name]}
            error={errors?.[name]}
          />
        ))}
        <div className="sm:col-span-3">
          <CheckboxField
            label={t("form.insurance")}
            name="insurance"
            defaultChecked={values.insurance === "on"}
            error={errors?.insurance}
          />
        </div>
      </fieldset>
      {partners.length > 0 ? (
        <ChoiceGroup
          legend={t("form.partners")}
          name="partnerIds"
          multiple
          selected={partnerIds}
          error={errors?.partnerIds}
          choices={partners.map((p) => ({ value: String(p.id), label: p.shortName ?? p.name }))}
        />
      ) : (
        <p className="text-stone-700">{t("form.noPartners")}</p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn" disabled={busy}>
          {isNew ? t("form.create") : t("form.save")}
        </button>
        <Link to="/admin/programmes">{t("form.back")}</Link>
      </div>
    </Form>
  );
}
