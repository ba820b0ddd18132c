import { data, Link } from "react-router";
import { Notice } from "~/components/Notice";
import { PageHeading } from "~/components/PageHeading";
import { ConventionForm } from "~/components/partnerships/ConventionForm";
import { ConventionHistory } from "~/components/partnerships/ConventionHistory";
import { ConventionSummary } from "~/components/partnerships/ConventionSummary";
import { amendConvention, type ConventionRefusal, signConvention } from "~/models/conventions.server";
import { conventionPage, partnershipForConvention, rowsFor, SPARE_ROWS } from "~/models/conventions-form.server";
import {
  amendConventionSchema,
  MAX_COMMITMENTS,
  MAX_CONTRIBUTIONS,
  parseConventionForm,
  rowCounts,
  signConventionSchema,
} from "~/schemas/convention";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formLists, formValues } from "~/utils/forms";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.partenariats.$id.convention";

export const handle = { i18n: ["common", "conventions"] };

/** The partnership of the URL for a counsellor or an admin; anything else is a 404. */
async function staffAndPartnership(request: Request, idParam: string | undefined) {
  const user = await requireRole(request, "conseiller", "admin");
  const id = parseIdParam(idParam);
  const partnership = id === null ? undefined : partnershipForConvention(getDb(), id);
  if (!partnership) throw data(null, { status: 404 });
  const roles = [user.role === "admin" ? ("admin" as const) : ("counsellor" as const)];
  return { user, partnership, actor: { userId: user.id, roles } };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { partnership } = await staffAndPartnership(request, params.id);
  const page = conventionPage(getDb(), partnership, isoToday());
  return { partnership, ...page, rows: rowsFor(page.values) };
}

type ActionData = {
  fieldErrors: FieldErrors;
  formError?: string;
  values: FormValues;
  partnerIds: string[];
  rows: { commitments: number; contributions: number };
};

/** A refusal of the model as the form shows it: on its field when it has one, else above the form. */
function refusalErrors(refusal: ConventionRefusal): Pick<ActionData, "fieldErrors" | "formError"> {
  const key = `conventions:errors.${refusal.reason}`;
  if (refusal.reason === "commitment_in_use")
    return { fieldErrors: { commitments: { key, values: { key: refusal.key ?? "" } } } };
  if (refusal.field) return { fieldErrors: { [refusal.field]: key } };
  return { fieldErrors: {}, formError: key };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { partnership, actor } = await staffAndPartnership(request, params.id);
  const db = getDb();
  const formData = await request.formData();
  const posted = rowCounts(formData);
  const kept = {
    values: formValues(formData),
    partnerIds: formLists(formData, ["partnerIds"]).partnerIds ?? [],
    rows: {
      commitments: Math.max(posted.commitments, 1),
      contributions: Math.max(posted.contributions, 1),
    },
  };
  const intent = formData.get("intent");
  if (intent === "addRows") {
    const rows = {
      commitments: Math.min(kept.rows.commitments + SPARE_ROWS, MAX_COMMITMENTS + SPARE_ROWS),
      contributions: Math.min(kept.rows.contributions + SPARE_ROWS, MAX_CONTRIBUTIONS + SPARE_ROWS),
    };
    return data<ActionData>({ fieldErrors: {}, ...kept, rows });
  }
  if (intent !== "save") throw data(null, { status: 400 });
  const refuse = (errors: Pick<ActionData, "fieldErrors" | "formError">, status = 400) =>
    data<ActionData>({ ...kept, ...errors }, { status });
  const ip = clientIp(context);

  if (partnership.status === "documents_received") {
    const form = parseConventionForm(signConventionSchema, formData);
    if (!form.ok) return refuse({ fieldErrors: form.fieldErrors });
    const { signatories, ...terms } = form.data;
    const result = signConvention(db, {
      ...terms,
      signatories: signatories!,
      partnershipId: partnership.id,
      actor,
      ip,
    });
    if (!result.ok) return refuse(refusalErrors(result), result.reason === "notFound" ? 404 : 400);
    return redirectWithFlash(`/conseiller/partenariats/${partnership.id}`, { message: "conventions:done.signed" });
  }
  const page = conventionPage(db, partnership, isoToday());
  if (page.mode !== "amend") return refuse({ fieldErrors: {}, formError: "conventions:errors.notAllowed" });
  const form = parseConventionForm(amendConventionSchema, formData);
  if (!form.ok) return refuse({ fieldErrors: form.fieldErrors });
  const result = amendConvention(db, { ...form.data, conventionId: page.convention.id, actor, ip });
  if (!result.ok) return refuse(refusalErrors(result));
  return redirectWithFlash(`/conseiller/partenariats/${partnership.id}`, {
    message: "conventions:done.amended",
    values: { version: result.version },
  });
}

export default function ConventionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("conventions");
  const { partnership, mode, convention } = loaderData;
  const title =
    mode === "sign"
      ? t("signTitle")
      : mode === "amend"
        ? t("amendTitle", { reference: convention.reference })
        : (convention?.reference ?? t("title"));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to={`/conseiller/partenariats/${partnership.id}`}>{t("back")}</Link>
      </p>
      <PageHeading title={title} intro={mode ? `${partnership.orgName} · ${t(`${mode}Intro`)}` : partnership.orgName} />
      {mode === null && partnership.status in NOT_NOW ? (
        <Notice tone="info">{t(`notNow.${partnership.status}`)}</Notice>
      ) : null}
      {mode ? (
        <ConventionForm
          key={mode}
          mode={mode}
          values={actionData?.values ?? loaderData.values}
          partnerIds={actionData?.partnerIds ?? []}
          partners={loaderData.partners}
          rows={actionData?.rows ?? loaderData.rows}
          errors={actionData?.fieldErrors ?? {}}
          formError={actionData?.formError}
        />
      ) : null}
      {convention ? (
        <>
          <ConventionSummary convention={convention} />
          <ConventionHistory convention={convention} />
        </>
      ) : null}
    </div>
  );
}

const NOT_NOW = { requested: 1, contacted: 1, meeting_held: 1, closed: 1, declined: 1 };
