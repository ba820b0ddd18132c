import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/confidentialite";

export const handle = { i18n: ["common", "privacy"], scripts: false };

type Section = { title: string; paragraphs: string[] };

export default function Privacy(_: Route.ComponentProps) {
  const { t } = useTranslation("privacy");
  const sections = t("sections", { returnObjects: true }) as Section[];
  return (
    <article className="prose mx-auto max-w-2xl space-y-5" aria-labelledby="privacy-title">
      <title>{`${t("title")} · Baara`}</title>
      <h1 id="privacy-title" className="text-2xl font-bold">
        {t("title")}
      </h1>
      <p className="text-stone-700">{t("intro")}</p>
      {sections.map((section) => (
        <section key={section.title}>
          <h2 className="text-lg font-semibold">{section.title}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph} className="mt-2">
              {paragraph}
            </p>
          ))}
        </section>
      ))}
      <p className="text-sm text-stone-600">{t("updated")}</p>
    </article>
  );
}
