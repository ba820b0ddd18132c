import { PageHeading } from "~/components/PageHeading";
import { ProgrammeCard } from "~/components/programmes/ProgrammeCard";
import { listPublishedProgrammes } from "~/models/programmes.server";
import { getDb } from "~/utils/db.server";
import { publicUrl } from "~/utils/public-url.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/partenariats._index";

export const handle = { i18n: ["common", "programmes"], scripts: false };

export function loader() {
  const programmes = listPublishedProgrammes(getDb()).map((p) => ({
    id: p.id,
    kind: p.kind,
    texts: p.texts,
    stipendFcfa: p.stipendFcfa,
    trainingFcfa: p.trainingFcfa,
    insurance: p.insurance,
    durationMonths: p.durationMonths,
  }));
  return { programmes, url: publicUrl("/partenariats") };
}

export default function Programmes({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("programmes");
  const { programmes, url } = loaderData;
  return (
    <div className="space-y-6">
      <PageHeading title={t("list.heading")} intro={t("list.intro")} />
      <meta name="description" content={t("list.intro")} />
      <link rel="canonical" href={url} />
      {programmes.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {programmes.map((programme) => (
            <li key={programme.id}>
              <ProgrammeCard programme={programme} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
