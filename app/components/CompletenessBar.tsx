import { Link } from "react-router";
import { useTranslation } from "~/utils/translation";

/**
 * How complete the candidate's profile is, and in words what is missing; each
 * missing item links to its field on the profile form (`#field-<name>`).
 */
export function CompletenessBar({
  percent,
  missing,
  profileHref = "",
}: {
  percent: number;
  missing: readonly string[];
  profileHref?: string;
}) {
  const { t } = useTranslation("candidate");
  const label = t("completeness.label", { percent });
  return (
    <section aria-labelledby="completeness-title" className="card space-y-2">
      <h2 id="completeness-title" className="text-lg font-semibold">
        {label}
      </h2>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-3 w-full overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
      {missing.length === 0 ? (
        <p>{t("completeness.complete")}</p>
      ) : (
        <>
          <p>{t("completeness.missing")}</p>
          <ul className="list-disc space-y-1 pl-6">
            {missing.map((field) => (
              <li key={field}>
                <Link to={`${profileHref}#field-${field}`}>{t(`completeness.field.${field}`)}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
