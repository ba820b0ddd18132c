import { Link } from "react-router";
import { PLACEMENT_VIEWS, type PlacementView } from "~/schemas/placement-lists";
import { useTranslation } from "~/utils/translation";

/** The page's three parts as links: the follow-ups to do (with how many), the list, the form. */
export function ViewNav({ current, followupsToDo }: { current: PlacementView; followupsToDo: number }) {
  const { t } = useTranslation("placements");
  return (
    <nav aria-label={t("views.label")}>
      <ul className="flex flex-wrap gap-2">
        {PLACEMENT_VIEWS.map((view) => (
          <li key={view}>
            <Link
              to={`/conseiller/placements?vue=${view}`}
              aria-current={view === current ? "page" : undefined}
              className={view === current ? "btn" : "btn-secondary"}
            >
              {t(`views.${view}`, { n: followupsToDo })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
