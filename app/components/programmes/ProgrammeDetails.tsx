import type { ReactNode } from "react";
import { programmeText } from "~/models/programme-text";
import { useTranslation } from "~/utils/translation";
import type { ProgrammeStatus } from "../../../db/enums";
import type { ProgrammeSummary } from "./ProgrammeCard";
import { ProgrammeFigures } from "./ProgrammeFigures";

type Partner = { id: number; name: string; shortName: string | null };

function Block({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold">
        {heading}
      </h2>
      {children}
    </section>
  );
}

/**
 * A programme's page: who may join, what the company commits to, what the partners bring, the procedure
 * and the documents. Texts not written in the page's language are the French ones, marked `lang="fr"`.
 */
export function ProgrammeDetails({
  programme,
  partners,
}: {
  programme: ProgrammeSummary & { status: ProgrammeStatus };
  partners: Partner[];
}) {
  const { t, i18n } = useTranslation("programmes");
  const { text, lang } = programmeText(programme, i18n.language);
  const written = lang === i18n.language ? undefined : lang;
  return (
    <>
      <header className="space-y-2">
        <p className="text-sm font-semibold text-brand-700">{t(`kind.${programme.kind}`)}</p>
        <title>{`${text.title} · Baara`}</title>
        <h1 lang={written} className="text-2xl font-bold break-words sm:text-3xl">
          {text.title}
        </h1>
        <p lang={written} className="break-words text-stone-800">
          {text.summary}
        </p>
        {written ? <p className="text-sm text-stone-600">{t("page.frenchOnly")}</p> : null}
      </header>
      {programme.status === "archived" ? <p className="font-semibold text-amber-900">{t("page.archived")}</p> : null}
      <div className="card">
        <ProgrammeFigures figures={programme} />
      </div>
      <div lang={written} className="space-y-6">
        <Block id="programme-eligibility" heading={t("page.eligibility")}>
          <p className="whitespace-pre-line break-words">{text.eligibility}</p>
        </Block>
        <Block id="programme-commits" heading={t("page.companyCommits")}>
          <p className="whitespace-pre-line break-words">{text.companyCommits}</p>
        </Block>
        <Block id="programme-brings" heading={t("page.partnersBring")}>
          <p className="whitespace-pre-line break-words">{text.partnersBring}</p>
        </Block>
        <Block id="programme-steps" heading={t("page.steps")}>
          <ol className="list-decimal space-y-1 pl-6">
            {text.steps.map((step, index) => (
              <li key={index} className="break-words">
                {step}
              </li>
            ))}
          </ol>
        </Block>
        <Block id="programme-documents" heading={t("page.documents")}>
          <ul className="list-disc space-y-1 pl-6">
            {text.documents.map((document, index) => (
              <li key={index} className="break-words">
                {document}
              </li>
            ))}
          </ul>
        </Block>
      </div>
      {partners.length > 0 ? (
        <Block id="programme-partners" heading={t("page.partners")}>
          <ul className="flex flex-wrap gap-2">
            {partners.map((partner) => (
              <li key={partner.id} className="rounded-full border border-stone-300 px-3 py-1">
                {partner.shortName ? `${partner.name} (${partner.shortName})` : partner.name}
              </li>
            ))}
          </ul>
        </Block>
      ) : null}
    </>
  );
}
