import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { FormErrorSummary, SelectField, TextareaField, TextField, useErrorText } from "~/components/Field";
import { FlashNotice, Notice } from "~/components/Notice";
import { PhoneNumber } from "~/components/PhoneNumber";
import { createPartner, listPartners, type PartnerRow, updatePartner } from "~/models/partners.server";
import { partnerActionSchema } from "~/schemas/admin";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { useFormat } from "~/utils/format";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { formatMaliPhone } from "~/utils/phone";
import { REGION_CODES } from "~/utils/reference";
import { clientIp } from "~/utils/request.server";
import type { Route } from "./+types/admin.organisations";

export const handle = { i18n: ["common", "admin"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "admin");
  const params = new URL(request.url).searchParams;
  const partners = listPartners(getDb());
  const editId = parseIdParam(params.get("modifier"));
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      partners,
      // An unknown id in the link shows no edit form rather than an error page.
      editing: partners.find((p) => p.id === editId) ?? null,
      flash,
    },
    headers,
  );
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues };

export async function action({ request, context }: Route.ActionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const form = parseForm(partnerActionSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const db = getDb();
  const ip = clientIp(context);
  const input = form.data;
  const result =
    input.intent === "create"
      ? createPartner(db, admin.id, input, ip)
      : updatePartner(db, admin.id, input.orgId, input, ip);
  if (result === null) {
    return data<ActionData>(
      { fieldErrors: { form: "admin:errors.partnerNotFound" }, values: formValues(formData) },
      { status: 404 },
    );
  }
  if (!result.ok)
    return data<ActionData>({ fieldErrors: result.fieldErrors, values: formValues(formData) }, { status: 400 });
  return redirectWithFlash("/admin/organisations", {
    message: `admin:partners.done.${input.intent === "create" ? "created" : "updated"}`,
  });
}

export default function AdminPartners({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const { partners, editing, flash } = loaderData;
  const sent = actionData?.values?.intent;
  const notFound = actionData?.fieldErrors.form;
  return (
    <div className="space-y-8">
      <title>{`${t("partners.title")} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{t("partners.title")}</h1>
        <p className="mt-1 text-stone-700">{t("partners.intro")}</p>
      </div>
      {actionData ? null : <FlashNotice flash={flash} />}
      {notFound ? <Notice tone="error">{errorText(notFound)}</Notice> : null}

      <section aria-labelledby="partners-list" className="space-y-3">
        <h2 id="partners-list" className="text-xl font-semibold">
          {t("partners.listHeading", { n: partners.length })}
        </h2>
        {partners.length === 0 ? (
          <p className="text-stone-700">{t("partners.none")}</p>
        ) : (
          <PartnerTable partners={partners} />
        )}
      </section>

      {editing ? (
        <PartnerForm
          key={`edit-${editing.id}`}
          heading={t("partners.editHeading", { name: editing.name })}
          partner={editing}
          actionData={sent === "update" ? actionData : undefined}
        />
      ) : null}
      <PartnerForm
        key="create"
        heading={t("partners.createHeading")}
        actionData={sent === "create" ? actionData : undefined}
      />
    </div>
  );
}

function PartnerTable({ partners }: { partners: PartnerRow[] }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{t("partners.table.caption")}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="p-2">
              {t("partners.table.name")}
            </th>
            <th scope="col" className="p-2">
              {t("partners.table.place")}
            </th>
            <th scope="col" className="p-2">
              {t("partners.table.contact")}
            </th>
            <th scope="col" className="p-2 text-right">
              {t("partners.table.members")}
            </th>
            <th scope="col" className="p-2">
              {t("partners.table.status")}
            </th>
            <th scope="col" className="p-2">
              {t("partners.table.actions")}
            </th>
          </tr>
        </thead>
        <tbody>
          {partners.map((p) => (
            <tr key={p.id} className="border-b border-stone-200 align-top">
              <th scope="row" className="p-2 font-normal">
                {p.shortName ? <span className="block font-semibold">{p.shortName}</span> : null}
                <span className="block">{p.name}</span>
              </th>
              <td className="p-2">
                {[p.commune, p.region ? t(`common:region.${p.region}`) : null].filter(Boolean).join(", ")}
              </td>
              <td className="p-2">
                {p.contactName ? <span className="block">{p.contactName}</span> : null}
                {p.contactPhone ? (
                  <span className="block">
                    <PhoneNumber phone={p.contactPhone} />
                  </span>
                ) : null}
                {p.contactEmail ? <span className="block break-all">{p.contactEmail}</span> : null}
              </td>
              <td className="p-2 text-right">{format.number(p.members)}</td>
              <td className="p-2">{t(`common:verificationStatus.${p.verificationStatus}`)}</td>
              <td className="p-2">
                <Link to={`/admin/organisations?modifier=${p.id}#partner-form-${p.id}`}>
                  {t("partners.edit")} <span className="sr-only">{p.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PartnerForm({
  heading,
  partner,
  actionData,
}: {
  heading: string;
  partner?: PartnerRow;
  actionData?: ActionData;
}) {
  const { t } = useTranslation("admin");
  const busy = useBusy();
  const errors = actionData?.fieldErrors;
  const typed = actionData?.values;
  const value = (name: keyof FormValues & string, saved: string | null | undefined) =>
    typed ? typed[name] : (saved ?? "");
  const id = partner ? `partner-form-${partner.id}` : "partner-form-new";
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="card space-y-3">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        {heading}
      </h2>
      <FormErrorSummary errors={errors} />
      <Form method="post" className="grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value={partner ? "update" : "create"} />
        {partner ? <input type="hidden" name="orgId" value={partner.id} /> : null}
        <TextField
          label={t("partners.fields.name")}
          name="name"
          maxLength={120}
          defaultValue={value("name", partner?.name)}
          error={errors?.name}
        />
        <TextField
          label={t("partners.fields.shortName")}
          name="shortName"
          maxLength={20}
          hint={t("partners.fields.shortNameHint")}
          defaultValue={value("shortName", partner?.shortName)}
          error={errors?.shortName}
        />
        <SelectField
          label={t("partners.fields.region")}
          name="region"
          placeholder={t("partners.fields.chooseRegion")}
          defaultValue={value("region", partner?.region)}
          error={errors?.region}
          options={REGION_CODES.map((code) => ({ value: code, label: t(`common:region.${code}`) }))}
        />
        <TextField
          label={t("partners.fields.commune")}
          name="commune"
          maxLength={80}
          defaultValue={value("commune", partner?.commune)}
          error={errors?.commune}
        />
        <TextField
          label={t("partners.fields.contactName")}
          name="contactName"
          maxLength={120}
          defaultValue={value("contactName", partner?.contactName)}
          error={errors?.contactName}
        />
        <TextField
          label={t("partners.fields.contactPhone")}
          name="contactPhone"
          type="tel"
          defaultValue={value("contactPhone", partner?.contactPhone ? formatMaliPhone(partner.contactPhone) : null)}
          error={errors?.contactPhone}
        />
        <TextField
          label={t("partners.fields.contactEmail")}
          name="contactEmail"
          type="email"
          defaultValue={value("contactEmail", partner?.contactEmail)}
          error={errors?.contactEmail}
        />
        <div className="sm:col-span-2">
          <TextareaField
            label={t("partners.fields.description")}
            name="description"
            rows={3}
            maxLength={1000}
            defaultValue={value("description", partner?.description)}
            error={errors?.description}
          />
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button type="submit" className="btn" disabled={busy}>
            {partner ? t("partners.save") : t("partners.create")}
          </button>
          {partner ? <Link to="/admin/organisations">{t("partners.cancel")}</Link> : null}
        </div>
      </Form>
    </section>
  );
}
