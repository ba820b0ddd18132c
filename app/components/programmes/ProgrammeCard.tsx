import { Link } from "react-router";
import { programmeText } from "~/models/programme-text";
import { useTranslation } from "~/utils/translation";
import type { ProgrammeKind, ProgrammeTexts } from "../../../db/enums";
import { type Figures, ProgrammeFigures } from "./ProgrammeFigures";

export type ProgrammeSummary = Figures & { id: number; kind: ProgrammeKind; texts: ProgrammeTexts };

/** One programme on the public list: its kind, title, summary, key figures and a link to the whole page. */
export function ProgrammeCard({ programme }: { programme: ProgrammeSummary }) {
  const { t, i18n } = useTranslation("programmes");
  const { text, lang } = programmeText(programme, i18n.language);
  const written = lang === i18n.language ? undefined : lang;
  return (
    <article className="card flex h-full flex-col gap-3">
      <p className="text-sm font-semibold text-brand-700">{t(`kind.${programme.kind}`)}</p>
      <div lang={written} className="space-y-2">
        <h2 className="text-lg font-semibold break-words">
          <Link to={`/partenariats/${programme.id}`}>{text.title}</Link>
        </h2>
        <p className="break-words text-stone-800">{text.summary}</p>
      </div>
      <ProgrammeFigures figures={programme} />
      <p className="mt-auto">
        <Link to={`/partenariats/${programme.id}`} className="btn-secondary">
          {t("list.more", { title: text.title })}
        </Link>
      </p>
    </article>
  );
}
