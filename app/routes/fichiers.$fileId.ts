// Files as downloads (a resource route: no page). GET /fichiers/<id> serves a
// CV to those allowed to see it; POST /fichiers/mes-donnees gives a person all
// their data as one JSON file. Both are attachments, never shown inline.

import { getFileForViewer, safeFileName } from "~/models/files.server";
import { exportPersonalData } from "~/models/own-account.server";
import { parseIdParam } from "~/schemas/params";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { i18nServer } from "~/utils/i18n.server";
import { clientIp } from "~/utils/request.server";
import type { Route } from "./+types/fichiers.$fileId";

// The personal-data export's URL is /fichiers/mes-donnees (the form on /candidat/compte posts there).
const EXPORT_ID = "mes-donnees";
const EXPORT_FILE_NAME = "baara-mes-donnees.json";

/** `fileName` is already plain ASCII (safeFileName): it goes into the header as it is. */
function attachmentHeaders(fileName: string, contentType: string) {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
  };
}

/** The same answer for a file that does not exist and one this person may not see. */
async function notFound(request: Request) {
  const t = await i18nServer.getFixedT(request, "candidate");
  return new Response(t("files.notFound"), {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const fileId = parseIdParam(params.fileId);
  const file = fileId === null ? null : getFileForViewer(getDb(), user, fileId, clientIp(context));
  if (!file) throw await notFound(request);
  return new Response(new Uint8Array(file.data), {
    headers: {
      ...attachmentHeaders(safeFileName(file.name), "application/pdf"),
      "Content-Length": String(file.data.length),
    },
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requireUser(request);
  if (params.fileId !== EXPORT_ID) throw await notFound(request);
  const exported = exportPersonalData(getDb(), user.id, clientIp(context));
  if (!exported) throw await notFound(request);
  return new Response(JSON.stringify(exported, null, 2), {
    headers: attachmentHeaders(EXPORT_FILE_NAME, "application/json; charset=utf-8"),
  });
}
