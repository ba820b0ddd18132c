import { VerifiedBadge } from "~/components/VerifiedBadge";
import type { VerifiedSkillView } from "~/models/training-outcomes.server";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";

/**
 * Skills vouched for by a training completed on Baara, each marked "Vérifiée" so
 * that a reader tells them from the skills a person wrote about themselves.
 */
export function VerifiedSkillList({ skills }: { skills: VerifiedSkillView[] }) {
  const { t } = useTranslation("training");
  const format = useFormat();
  return (
    <ul className="space-y-2">
      {skills.map((skill, i) => (
        <li key={i} className="break-words">
          <span className="font-medium">{t(`common:trade.${skill.skill}`, { defaultValue: skill.skill })}</span>{" "}
          <VerifiedBadge label={t("skills.badge")} />
          <span className="block text-sm text-stone-700">
            {[
              skill.certificate ? t("skills.certificate", { certificate: skill.certificate }) : null,
              skill.provider ? t("skills.by", { provider: skill.provider }) : null,
              t("skills.on", { date: format.date(skill.verifiedOn) }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The section of a profile page: its heading, a word on what it is, and the list (or that there is none yet). */
export function VerifiedSkills({ skills, intro = false }: { skills: VerifiedSkillView[]; intro?: boolean }) {
  const { t } = useTranslation("training");
  return (
    <section aria-labelledby="verified-skills" className="card space-y-2">
      <h2 id="verified-skills" className="text-lg font-semibold">
        {t("skills.heading")}
      </h2>
      {intro ? <p className="text-sm text-stone-700">{t("skills.intro")}</p> : null}
      {skills.length > 0 ? <VerifiedSkillList skills={skills} /> : <p>{t("skills.none")}</p>}
    </section>
  );
}
