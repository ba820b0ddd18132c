import { data, Link } from "react-router";
import { useErrorText } from "~/components/Field";
import { FlashNotice, Notice } from "~/components/Notice";
import { PageHeading } from "~/components/PageHeading";
import { ProgrammeTable } from "~/components/programmes/ProgrammeTable";
import { listAllProgrammes, moveProgramme, setProgrammeStatus } from "~/models/programmes.server";
import { programmeMoveSchema } from "~/schemas/programme";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/admin.programmes";

export const handle = { i18n: ["common", "programmes-admin", "programmes"] };

export async function loader({ request }: Route.LoaderArgs) {
  await requireRole(request, "admin");
  const { flash, headers } = await readFlash(request);
  const programmes = listAllProgrammes(getDb()).map((p) => ({
    id: p.id,
    title: p.texts.fr.title,
    kind: p.kind,
    status: p.status,
  }));
  return withFlashCleared({ programmes, flash }, headers);
}

export async function action({ request, context }: Route.ActionArgs) {
  const admin = await requireRole(request, "admin");
  const form = parseForm(programmeMoveSchema, await request.formData());
  if (!form.ok) {
    return data({ error: Object.values(form.fieldErrors)[0] ?? "validation.invalid" }, { status: 400 });
  }
  const { intent, programmeId } = form.data;
  const db = getDb();
  const ip = clientIp(context);
  const result =
    intent === "up" || intent === "down"
      ? moveProgramme(db, admin.id, programmeId, intent, ip)
      : setProgrammeStatus(db, admin.id, programmeId, intent, ip);
  if (!result.ok) {
    const status = result.reason === "notFound" ? 404 : 409;
    return data({ error: `programmes-admin:errors.${result.reason}` }, { status });
  }
  const done = intent === "publish" ? "published" : intent === "archive" ? "archived" : "moved";
  return redirectWithFlash("/admin/programmes", { message: `programmes-admin:done.${done}` });
}

export default function AdminProgrammes({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("programmes-admin");
  const errorText = useErrorText();
  const { programmes, flash } = loaderData;
  return (
    <div className="space-y-6">
      <PageHeading title={t("list.title")} intro={t("list.intro")} />
      {actionData ? <Notice tone="error">{errorText(actionData.error)}</Notice> : <FlashNotice flash={flash} />}
      <p className="flex flex-wrap gap-3">
        <Link to="/admin/programmes/nouveau" className="btn">
          {t("list.new")}
        </Link>
        <Link to="/partenariats" className="btn-secondary">
          {t("list.publicPage")}
        </Link>
      </p>
      {programmes.length === 0 ? <p>{t("list.none")}</p> : <ProgrammeTable programmes={programmes} />}
    </div>
  );
}
