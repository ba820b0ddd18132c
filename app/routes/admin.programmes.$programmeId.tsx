import { data } from "react-router";
import { PageHeading } from "~/components/PageHeading";
import { ProgrammeForm, programmeFormValues } from "~/components/programmes/ProgrammeForm";
import { createProgramme, getProgramme, partnerChoices, updateProgramme } from "~/models/programmes.server";
import { parseIdParam } from "~/schemas/params";
import { programmeSchema } from "~/schemas/programme";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formLists, formValues, parseForm } from "~/utils/forms";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/admin.programmes.$programmeId";

export const handle = { i18n: ["common", "programmes-admin", "programmes"] };

/** `nouveau` opens an empty form; any other value must be a programme's id. */
const NEW = "nouveau";

function programmeOf(param: string | undefined) {
  if (param === NEW) return null;
  const id = parseIdParam(param);
  const programme = id === null ? null : getProgramme(getDb(), id, { admin: true });
  if (!programme) throw data(null, { status: 404 });
  return programme;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireRole(request, "admin");
  const programme = programmeOf(params.programmeId);
  return {
    programme: programme && { id: programme.id, title: programme.texts.fr.title, ...programmeFormValues(programme) },
    partners: partnerChoices(getDb()),
  };
}

type Refused = { fieldErrors: FieldErrors; values: FormValues; partnerIds: string[] };

export async function action({ request, params, context }: Route.ActionArgs) {
  const admin = await requireRole(request, "admin");
  const programme = programmeOf(params.programmeId);
  const formData = await request.formData();
  const typed = { values: formValues(formData), partnerIds: formLists(formData, ["partnerIds"]).partnerIds ?? [] };
  const form = parseForm(programmeSchema, formData);
  if (!form.ok) return data<Refused>({ fieldErrors: form.fieldErrors, ...typed }, { status: 400 });
  const db = getDb();
  const ip = clientIp(context);
  const result = programme
    ? updateProgramme(db, admin.id, programme.id, form.data, ip)
    : createProgramme(db, admin.id, form.data, ip);
  if (result === null) throw data(null, { status: 404 });
  if (!result.ok) return data<Refused>({ fieldErrors: result.fieldErrors, ...typed }, { status: 400 });
  return redirectWithFlash("/admin/programmes", {
    message: `programmes-admin:done.${programme ? "updated" : "created"}`,
  });
}

export default function AdminProgramme({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("programmes-admin");
  const { programme, partners } = loaderData;
  const shown = actionData ?? programme ?? { values: {}, partnerIds: [] };
  return (
    <div className="space-y-6">
      <PageHeading
        title={programme ? t("form.editTitle", { title: programme.title }) : t("form.newTitle")}
        intro={t("form.intro")}
      />
      <ProgrammeForm
        values={shown.values}
        partnerIds={shown.partnerIds}
        errors={actionData?.fieldErrors}
        partners={partners}
        isNew={!programme}
      />
    </div>
  );
}
