import { Form } from "react-router";
import { NameFields } from "~/components/AccountFields";
import { CardSection } from "~/components/CardSection";
import { FormErrorSummary, SelectField, TextField } from "~/components/Field";
import { Notice } from "~/components/Notice";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import { useUsersPageData } from "./users-page";

export function CreatedBanner({ created }: { created: { name: string; login: string; temporaryPassword: string } }) {
  const { t } = useTranslation("admin");
  return (
    <Notice tone="success" className="space-y-2">
      <p className="font-semibold">{t("users.created.title", { name: created.name })}</p>
      <p>{t("users.created.login", { login: created.login })}</p>
      <p>{t("users.created.passwordIntro")}</p>
      <p className="font-mono text-xl font-bold tracking-wider">{created.temporaryPassword}</p>
      <p>{t("users.created.passwordAdvice")}</p>
    </Notice>
  );
}

export function CreateCounsellorForm({
  actionData,
}: {
  actionData: { fieldErrors?: FieldErrors; values?: FormValues } | undefined;
}) {
  const { t } = useTranslation("admin");
  const { partners } = useUsersPageData();
  const busy = useBusy();
  const errors = actionData?.fieldErrors;
  const values = actionData?.values;
  const contacts = [
    { name: "email", type: "email" },
    { name: "phone", type: "tel", hint: t("users.create.phoneHint") },
  ];
  return (
    <CardSection
      id="create-counsellor"
      title={t("users.create.heading")}
      intro={t("users.create.intro")}
      className="space-y-3"
    >
      <FormErrorSummary errors={errors} />
      <Form method="post" className="grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="createCounsellor" />
        <NameFields
          label={(key) => t(`users.create.${key}`)}
          values={values}
          errors={errors}
          ofSomeoneElse
          required={false}
        />
        {contacts.map(({ name, ...field }) => (
          <TextField
            key={name}
            label={t(`users.create.${name}`)}
            name={name}
            autoComplete="off"
            defaultValue={values?.[name]}
            error={errors?.[name]}
            {...field}
          />
        ))}
        <div className="sm:col-span-2">
          <SelectField
            label={t("users.create.partner")}
            name="partnerOrgId"
            placeholder={t("users.create.choosePartner")}
            defaultValue={values?.partnerOrgId ?? ""}
            error={errors?.partnerOrgId}
            options={partners.map((p) => ({
              value: String(p.id),
              label: p.shortName ? `${p.shortName} · ${p.name}` : p.name,
            }))}
          />
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className="btn" disabled={busy}>
            {t("users.create.submit")}
          </button>
        </div>
      </Form>
    </CardSection>
  );
}
