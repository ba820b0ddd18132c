import type { ReactNode } from "react";
import { PhoneNumber } from "~/components/PhoneNumber";
import { VerifiedSkillList } from "~/components/VerifiedSkills";
import type { VerifiedSkillView } from "~/models/training-outcomes.server";
import { placeName } from "~/utils/place";
import { useTranslation } from "~/utils/translation";

/**
 * What an employer sees of an applicant: name, contact,
 * commune, education, trades and skills, languages, experience, age band.
 * The apply page shows the candidate the same list before they send.
 */
export type Applicant = {
  name: string;
  phone: string | null;
  email: string | null;
  region: string | null;
  commune: string | null;
  educationLevel: string | null;
  trades: string[];
  skills: string | null;
  languages: string[];
  experienceYears: number | null;
  ageBand: string | null;
  /** Skills a training on Baara vouched for (the pages that read them; the language namespace `training`). */
  verifiedSkills?: VerifiedSkillView[];
};

type ApplicantRow = Omit<Applicant, "name" | "languages"> & {
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  languages: string[] | null;
};

/** An applicant as the employer's pages show them; the list of applications leaves the contact out. */
export function applicantOf(row: ApplicantRow, { withContact }: { withContact: boolean }): Applicant {
  return {
    name: row.firstName ? `${row.firstName} ${row.lastName}` : row.displayName,
    phone: withContact ? row.phone : null,
    email: withContact ? row.email : null,
    region: row.region,
    commune: row.commune,
    educationLevel: row.educationLevel,
    trades: row.trades,
    skills: row.skills,
    languages: row.languages ?? [],
    experienceYears: row.experienceYears,
    ageBand: row.ageBand,
  };
}

export function ApplicantProfile({ applicant, showMissing = false }: { applicant: Applicant; showMissing?: boolean }) {
  const { t } = useTranslation("applications");
  const missing = t("profile.missing");
  const place = placeName(applicant.commune, applicant.region ? t(`common:region.${applicant.region}`) : null);
  const trades = [
    ...applicant.trades.map((code) => t(`common:trade.${code}`, { defaultValue: code })),
    applicant.skills,
  ]
    .filter(Boolean)
    .join(", ");
  const rows: [string, ReactNode][] = [
    [t("profile.name"), applicant.name],
    [t("profile.phone"), applicant.phone ? <PhoneNumber key="phone" phone={applicant.phone} /> : null],
    [t("profile.email"), applicant.email],
    [t("profile.place"), place || null],
    [t("profile.education"), applicant.educationLevel ? t(`common:education.${applicant.educationLevel}`) : null],
    [t("profile.trades"), trades || null],
    ...(applicant.verifiedSkills
      ? ([
          [
            t("training:skills.heading"),
            applicant.verifiedSkills.length ? (
              <VerifiedSkillList key="verified" skills={applicant.verifiedSkills} />
            ) : null,
          ],
        ] as [string, ReactNode][])
      : []),
    [
      t("profile.languages"),
      applicant.languages.map((code) => t(`common:language.${code}`, { defaultValue: code })).join(", ") || null,
    ],
    [
      t("profile.experience"),
      applicant.experienceYears === null ? null : t("profile.experienceYears", { count: applicant.experienceYears }),
    ],
    [t("profile.age"), applicant.ageBand ? t("profile.ageBand", { band: applicant.ageBand }) : null],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
      {rows
        .filter(([, value]) => showMissing || value)
        .map(([label, value]) => (
          <div key={label}>
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className={value ? "font-medium break-words" : "text-stone-500 italic"}>{value ?? missing}</dd>
          </div>
        ))}
    </dl>
  );
}
