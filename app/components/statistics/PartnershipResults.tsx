import { ScrollRegion } from "~/components/ScrollRegion";
import type { PartnershipIndicators, PartnershipRow } from "~/models/partnership-indicators.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import { useShow } from "./figures";

/** The reports' partnership view: one table by programme, one by convention, protected as every figure. */
export function PartnershipResults({ results }: { results: PartnershipIndicators }) {
  const { t, i18n } = useTranslation("reports");
  const show = useShow();
  const format = useFormat();
  const types = results.programmes[0]?.placedByType.map((c) => c.key) ?? [];
  const titleOf = (titles: Record<string, string | undefined>) =>
    titles[i18n.language] || titles.fr || Object.values(titles).find(Boolean) || "";
  const programmeTitle = new Map(results.programmes.map((p) => [p.id, titleOf(p.titles)]));
  const cells = (row: PartnershipRow) => (
    <>
      <td className="px-2 text-right tabular-nums">{show(row.placed)}</td>
      <td className="px-2 text-right tabular-nums">{show(row.retention3, "rate")}</td>
      <td className="px-2 text-right tabular-nums">{show(row.retention6, "rate")}</td>
      <td className="px-2 text-right tabular-nums">{show(row.completed)}</td>
      <td className="px-2 text-right tabular-nums">{format.number(row.offersPublished)}</td>
    </>
  );
  const headings = (
    <>
      {["placed", "retention3", "retention6", "completed", "offersPublished"].map((key) => (
        <th key={key} scope="col" className="px-2 text-right align-bottom">
          {t(`partnerships.columns.${key}`)}
        </th>
      ))}
    </>
  );
  return (
    <section aria-labelledby="partnerships" className="space-y-6">
      <h2 id="partnerships" className="text-xl font-semibold">
        {t("partnerships.heading")}
      </h2>
      <p className="text-sm text-stone-600">{t("partnerships.intro")}</p>
      {results.conventions.length === 0 ? (
        <p>{t("partnerships.none")}</p>
      ) : (
        <>
          <ScrollRegion label={t("partnerships.byProgramme")}>
            <table className="min-w-full text-sm">
              <caption className="text-left text-lg font-semibold">{t("partnerships.byProgramme")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="text-left align-bottom">
                    {t("partnerships.columns.programme")}
                  </th>
                  {headings}
                  {types.map((type) => (
                    <th key={type} scope="col" className="px-2 text-right align-bottom">
                      {t("partnerships.columns.placedOfType", { type: t(`common:offerType.${type}`) })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {results.programmes.map((p) => (
                  <tr key={p.id} className="border-t border-stone-200">
                    <th scope="row" className="text-left font-normal">
                      {programmeTitle.get(p.id)}
                    </th>
                    {cells(p)}
                    {p.placedByType.map((c) => (
                      <td key={c.key} className="px-2 text-right tabular-nums">
                        {show(c.value)}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr className="border-t-2 border-stone-400 font-semibold">
                  <th scope="row" className="text-left">
                    {t("partnerships.allConventions")}
                  </th>
                  {cells(results.total)}
                  {types.length > 0 ? <td colSpan={types.length} /> : null}
                </tr>
              </tbody>
            </table>
          </ScrollRegion>
          <ScrollRegion label={t("partnerships.byConvention")}>
            <table className="min-w-full text-sm">
              <caption className="text-left text-lg font-semibold">{t("partnerships.byConvention")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="text-left align-bottom">
                    {t("partnerships.columns.convention")}
                  </th>
                  {headings}
                </tr>
              </thead>
              <tbody>
                {results.conventions.map((c) => (
                  <tr key={c.id} className="border-t border-stone-200">
                    <th scope="row" className="text-left font-normal">
                      {c.reference}
                      <span className="block text-stone-600">{programmeTitle.get(c.programmeId)}</span>
                    </th>
                    {cells(c)}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
