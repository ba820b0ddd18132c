import { Link } from "react-router";
import { QUEUES, type Queue } from "~/schemas/moderation-queues";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

/** The four queues as links, each with how many items wait in it; the one shown is marked. */
export function QueueNav({ current, counts }: { current: Queue; counts: Record<Queue, number> }) {
  const { t } = useTranslation("moderation");
  const format = useFormat();
  return (
    <nav aria-label={t("queues.label")}>
      <ul className="flex flex-wrap gap-2">
        {QUEUES.map((queue) => (
          <li key={queue}>
            <Link
              to={`/conseiller/moderation?liste=${queue}`}
              aria-current={queue === current ? "page" : undefined}
              className={queue === current ? "btn" : "btn-secondary"}
            >
              {t(`queues.${queue}`)} <span className="tabular-nums">({format.number(counts[queue])})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
