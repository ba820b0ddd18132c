import { data, Form, Link } from "react-router";
import { OrganisationFilters } from "~/components/admin/OrganisationFilters";
import { OrganisationTable } from "~/components/admin/OrganisationTable";
import { FormErrorSummary, SelectField, TextareaField, TextField, useErrorText } from "~/components/Field";
import { IgnoredFilters } from "~/components/lists/IgnoredFilters";
import { FlashNotice, Notice } from "~/components/Notice";
import { Pagination } from "~/components/Pagination";
import { searchOrganisations } from "~/models/organisations-admin.server";
import { createPartner, listPartners, type PartnerRow, updatePartner } from "~/models/partners.server";
import { partnerActionSchema } from "~/schemas/admin";
import { parseOrganisationQuery } from "~/schemas/admin-organisations";
import { listHref } from "~/schemas/list-query";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { formatMaliPhone } from "~/utils/phone";
import { REGION_CODES } from "~/utils/reference";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/admin.organisations";

export const handle = { i18n: ["common", "admin", "lists", "offers"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "admin");
  const params = new URL(request.url).searchParams;
  const db = getDb();
  const { query, ignored } = parseOrganisationQuery(params);
  const editId = parseIdParam(params.get("modifier"));
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      query,
      ignored,
      list: searchOrganisations(db, {
        kind: query.type === "toutes" ? undefined : query.type,
        status: query.statut,
        region: query.region,
        q: query.q,
        page: query.page,
      }),
      // An unknown id in the link shows no edit form rather than an error page.
      editing: editId ? (listPartners(db).find((p) => p.id === editId) ?? null) : null,
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
  const { list, query, ignored, editing, flash } = loaderData;
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

      <IgnoredFilters ignored={ignored} />
      <OrganisationFilters query={query} />
      <section aria-labelledby="partners-list" className="space-y-3">
        <h2 id="partners-list" className="text-xl font-semibold">
          {t("partners.listHeading", { n: list.total })}
        </h2>
        {list.items.length === 0 ? (
          <p className="text-stone-700">{t("partners.none")}</p>
        ) : (
          <OrganisationTable rows={list.items} />
        )}
        <Pagination
          page={list.page}
          pageCount={list.pageCount}
          hrefFor={(page) => listHref("/admin/organisations", query, page)}
        />
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
