import { CardSection } from "~/components/CardSection";
import { useTranslation } from "~/utils/translation";

/** The two CSV files of the filters shown, right under the filters: the page below is long. */
export function Downloads({ search }: { search: string }) {
  const { t } = useTranslation("reports");
  return (
    <CardSection id="exports" title={t("exports.heading")} intro={t("exports.note")} className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <a href={`/conseiller/rapports/placements.csv?${search}`} download className="btn-secondary min-h-11">
          {t("exports.placements")}
        </a>
        <a href={`/conseiller/rapports/indicateurs.csv?${search}`} download className="btn-secondary min-h-11">
          {t("exports.indicators")}
        </a>
      </div>
    </CardSection>
  );
}
