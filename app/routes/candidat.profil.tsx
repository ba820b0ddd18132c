import { data } from "react-router";
import { ReturnToApplication } from "~/components/applications/ReturnToApplication";
import { CompletenessBar } from "~/components/CompletenessBar";
import { CvSection } from "~/components/CvSection";
import { FlashNotice } from "~/components/Notice";
import { ProfileForm, type ProfileFormValues } from "~/components/ProfileForm";
import { VerifiedSkills } from "~/components/VerifiedSkills";
import { CV_MAX_BYTES, fileIdsOfOwner, removeCv, storeCv } from "~/models/files.server";
import { getOwnProfile, profileCompleteness, saveProfile } from "~/models/profiles.server";
import { verifiedSkillsOf } from "~/models/training-outcomes.server";
import { PROFILE_LISTS, profileSchema } from "~/schemas/profile";
import { returnToApply } from "~/utils/apply-draft.server";
import { requireRole } from "~/utils/auth.server";
import { isoToday } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldError, type FieldErrors, type FormValues, formLists, parseForm } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";
import { CV_FORM_MAX_BYTES, readFormWithin } from "~/utils/upload.server";
import type { Route } from "./+types/candidat.profil";

export const handle = { i18n: ["common", "candidate", "apply", "training"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "candidat");
  const db = getDb();
  const profile = getOwnProfile(db, user.id);
  const cv = profile?.cvFileId ? (fileIdsOfOwner(db, user.id).find((f) => f.id === profile.cvFileId) ?? null) : null;
  const { flash, headers } = await readFlash(request);
  const [firstName = "", ...rest] = user.displayName.split(" ");
  return withFlashCleared(
    {
      profile: profile
        ? {
            ...profile,
            cvFileId: undefined,
            consentRecordedBy: undefined,
            counsellorId: undefined,
            registeredBy: undefined,
          }
        : {
            firstName,
            lastName: rest.join(" "),
            trades: [] as string[],
            languages: [] as string[],
            consentAt: null,
            smsConsentAt: null,
          },
      completeness: profileCompleteness(profile),
      cv: cv ? { id: cv.id, name: cv.name, size: cv.size, createdAt: cv.createdAt } : null,
      hasPhone: Boolean(user.phone),
      verifiedSkills: verifiedSkillsOf(db, user.id),
      today: isoToday(),
      cvMaxBytes: CV_MAX_BYTES,
      flash,
      returnTo: returnToApply(new URL(request.url)),
    },
    headers,
  );
}

type ActionData =
  | { fieldErrors: FieldErrors; values: FormValues; lists: Record<string, string[]>; cvError?: undefined }
  | { cvError: FieldError; fieldErrors?: undefined; values?: undefined; lists?: undefined };

export async function action({ request }: Route.ActionArgs) {
  const user = await requireRole(request, "candidat");
  const read = await readFormWithin(request, CV_FORM_MAX_BYTES);
  if (!read.ok) {
    if (read.status === 400) throw data(null, { status: 400 });
    return data<ActionData>({ cvError: "candidate:errors.cv.tooLarge" }, { status: 413 });
  }
  const formData = read.formData;
  const db = getDb();
  const intent = formData.get("intent");
  // Opened from an apply form: saving goes back to it, the CV section stays on the way back.
  const returnTo = returnToApply(new URL(request.url));
  const cvSection = returnTo ? `/candidat/profil?retour=${returnTo}#cv` : "/candidat/profil#cv";

  if (intent === "cv.upload") {
    const file = formData.get("cv");
    if (!(file instanceof File) || file.size === 0)
      return data<ActionData>({ cvError: "candidate:errors.cv.empty" }, { status: 400 });
    if (!getOwnProfile(db, user.id))
      return data<ActionData>({ cvError: "candidate:errors.cv.profileFirst" }, { status: 400 });
    const stored = storeCv(db, user.id, { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
    if (!stored.ok) {
      return data<ActionData>(
        { cvError: `candidate:errors.${stored.error}` },
        { status: stored.error === "cv.tooLarge" ? 413 : 400 },
      );
    }
    return returnTo
      ? redirectWithFlash(returnTo, { message: "apply:notice.cvSaved" })
      : redirectWithFlash(cvSection, { message: "candidate:profile.notice.cv" });
  }
  if (intent === "cv.remove") {
    removeCv(db, user.id);
    return redirectWithFlash(cvSection, { message: "candidate:profile.notice.cv-retire" });
  }
  if (intent !== "profile.save") throw data(null, { status: 400 });

  const existing = getOwnProfile(db, user.id);
  const form = parseForm(profileSchema({ consentNeeded: !existing?.consentAt, today: isoToday() }), formData);
  if (!form.ok) {
    return data<ActionData>(
      { fieldErrors: form.fieldErrors, values: form.values, lists: formLists(formData, PROFILE_LISTS) },
      { status: 400 },
    );
  }
  const { intent: _intent, consent, ...input } = form.data;
  saveProfile(db, user.id, input, { consent });
  return returnTo
    ? redirectWithFlash(returnTo, { message: "apply:notice.profileSaved" })
    : redirectWithFlash("/candidat/profil", { message: "candidate:profile.notice.profil" });
}

// The profile's fields that the form shows as text (the two checkboxes are "on" or absent).
const TEXT_FIELDS = [
  "firstName",
  "lastName",
  "sex",
  "birthDate",
  "region",
  "commune",
  "educationLevel",
  "skills",
  "experienceYears",
  "availability",
  "disability",
  "migrantStatus",
] as const;

/** The saved profile as the form's strings (what a refused form would post back). */
function savedValues(profile: Route.ComponentProps["loaderData"]["profile"]): ProfileFormValues {
  const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
  const p = profile as Record<string, unknown>;
  return {
    values: {
      ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, text(p[name])])),
      ...(p.drivingLicence ? { drivingLicence: "on" } : {}),
      ...(p.smsConsentAt ? { smsConsent: "on" } : {}),
    },
    lists: { trades: profile.trades, languages: profile.languages },
  };
}

export default function CandidateProfile({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("candidate");
  const { profile, completeness, cv, flash } = loaderData;
  const posted = actionData?.fieldErrors ? { values: actionData.values, lists: actionData.lists } : null;
  return (
    <div className="space-y-6">
      <title>{`${t("profile.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("profile.title")}</h1>
      <p className="text-stone-700">{t("profile.intro")}</p>
      <FlashNotice flash={flash} />
      {loaderData.returnTo ? <ReturnToApplication href={loaderData.returnTo} /> : null}
      <CompletenessBar percent={completeness.percent} missing={completeness.missing} />
      <ProfileForm
        initial={posted ?? savedValues(profile)}
        errors={actionData?.fieldErrors ?? {}}
        consentAt={profile.consentAt}
        hasPhone={loaderData.hasPhone}
        today={loaderData.today}
      />
      <CvSection cv={cv} error={actionData?.cvError} maxBytes={loaderData.cvMaxBytes} />
      <VerifiedSkills skills={loaderData.verifiedSkills} intro />
    </div>
  );
}
