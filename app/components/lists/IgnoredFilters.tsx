import { Notice } from "~/components/Notice";
import { useTranslation } from "~/utils/translation";

/** Says that filters of the address were left out (a hand-edited or stale link), rather than failing. */
export function IgnoredFilters({ ignored }: { ignored: string[] }) {
  const { t } = useTranslation("lists");
  if (ignored.length === 0) return null;
  return (
    <Notice tone="warning" compact>
      {t("ignored")}
    </Notice>
  );
}
