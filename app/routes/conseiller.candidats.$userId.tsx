import { data, Form, Link } from "react-router";
import { CounsellorOfferAnswers } from "~/components/applications/CounsellorOfferAnswers";
import type { OfferAnswerRefusal } from "~/components/applications/OfferAnswerForms";
import { ApplicationsSection, PlacementsSection } from "~/components/candidate-file/HistorySections";
import { MatchesSection } from "~/components/candidate-file/MatchesSection";
import { NotesSection } from "~/components/candidate-file/NotesSection";
import { PasswordResetSection } from "~/components/candidate-file/PasswordResetSection";
import { AccountSection, ProfileSection, SensitiveSection } from "~/components/candidate-file/PersonSections";
import { useErrorText } from "~/components/Field";
import { FlashNotice, Notice } from "~/components/Notice";
import { ReferralConfirm, type ReferralReview } from "~/components/ReferralConfirm";
import { VerifiedSkills } from "~/components/VerifiedSkills";
import { type ApplyResult, applyToOffer } from "~/models/applications.server";
import { resendSetPasswordCode } from "~/models/assisted-registration.server";
import { addNote, assignCounsellor, getCandidateFile } from "~/models/candidates.server";
import { matchOffersForCandidate } from "~/models/matching.server";
import { answerOfferFromForm } from "~/models/offer-answers.server";
import { startPasswordReset } from "~/models/password-reset.server";
import { previewReferral } from "~/models/referrals.server";
import { trainingsOf, verifiedSkillsOf } from "~/models/training-outcomes.server";
import { type CandidateFileInput, candidateFileSchema, NOTE_MAX } from "~/schemas/candidate";
import { DECLINE_WORDS_MAX, OFFER_DECLINE_REASONS } from "~/schemas/offer-answer";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { type Db, getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldError, type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/conseiller.candidats.$userId";

export const handle = { i18n: ["common", "counsellor", "password", "referral", "answers", "training"] };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const candidateId = parseIdParam(params.userId);
  if (candidateId === null) throw data(null, { status: 404 });
  const db = getDb();
  // Reading the file is what the audit log records (once per view).
  const file = getCandidateFile(db, user, candidateId, clientIp(context));
  if (!file) throw data(null, { status: 404 });
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      me: user.id,
      file,
      matches: matchOffersForCandidate(db, candidateId, 10),
      verifiedSkills: verifiedSkillsOf(db, candidateId),
      trainings: Object.fromEntries(
        trainingsOf(
          db,
          file.placements.map((p) => p.id),
          "counsellor",
        ),
      ),
      flash,
      noteMax: NOTE_MAX,
      answerForm: { reasons: OFFER_DECLINE_REASONS, wordsMax: DECLINE_WORDS_MAX },
    },
    headers,
  );
}

type ActionData = {
  fieldErrors: FieldErrors;
  values: FormValues;
  review?: ReferralReview;
  answerRefused?: OfferAnswerRefusal;
};

const APPLY_ERRORS: Record<Exclude<ApplyResult, { ok: true }>["reason"], { key: string; status: number }> = {
  offer_not_open: { key: "counsellor:errors.offerNotOpen", status: 400 },
  already_applied: { key: "counsellor:errors.alreadyApplied", status: 400 },
  daily_limit: { key: "counsellor:errors.dailyLimit", status: 400 },
  invalid_cv: { key: "counsellor:errors.notFound", status: 400 },
  not_candidate: { key: "counsellor:errors.notFound", status: 404 },
};

const RESET_ERRORS = {
  not_found: { key: "counsellor:errors.notFound", status: 404 },
  disabled: { key: "password:staff.errors.disabled", status: 400 },
  no_contact: { key: "password:staff.errors.noContact", status: 400 },
};

/** One action of the file, by the model function of its intent: null when done, else the error and its status. */
function act(
  db: Db,
  counsellorId: number,
  candidateId: number,
  input: Exclude<CandidateFileInput, { intent: "refer.review" | "phone.review" }>,
  ip: string,
): { key: string; status: number } | null {
  switch (input.intent) {
    case "note.add": {
      const result = addNote(db, counsellorId, candidateId, input.body);
      return result.ok ? null : { key: "counsellor:errors.notFound", status: 404 };
    }
    case "refer":
    case "phone": {
      const channel = input.intent === "refer" ? "counsellor" : "phone";
      const result = applyToOffer(db, { candidateId, offerId: input.offerId, channel, referredBy: counsellorId });
      return result.ok ? null : APPLY_ERRORS[result.reason];
    }
    case "password.reset": {
      const result = startPasswordReset(db, counsellorId, candidateId, { ip });
      if (result.ok) return null;
      return RESET_ERRORS[result.reason];
    }
    case "code.resend": {
      const result = resendSetPasswordCode(db, counsellorId, candidateId);
      if (result.ok) return null;
      return result.reason === "not_found"
        ? { key: "counsellor:errors.notFound", status: 404 }
        : { key: "counsellor:errors.noPhone", status: 400 };
    }
    case "assign.self": {
      const result = assignCounsellor(db, counsellorId, candidateId, counsellorId, ip);
      return result.ok ? null : { key: "counsellor:errors.notFound", status: 404 };
    }
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const candidateId = parseIdParam(params.userId);
  if (candidateId === null) throw data(null, { status: 404 });
  const formData = await request.formData();
  if (formData.get("intent") === "offer.answer") {
    // For a candidate without a smartphone: the counsellor's answer, audited in their name.
    const answer = answerOfferFromForm(getDb(), formData, { actorId: user.id, candidateId, onBehalf: true });
    if (!answer) throw data(null, { status: 404 });
    if (!answer.ok) {
      const { status, ok: _, ...answerRefused } = answer;
      return data<ActionData>({ fieldErrors: {}, values: {}, answerRefused }, { status });
    }
    return redirectWithFlash(`/conseiller/candidats/${candidateId}`, {
      message: `answers:doneOnBehalf.${answer.answer}`,
    });
  }
  const form = parseForm(candidateFileSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const input = form.data;
  if (input.intent === "refer.review" || input.intent === "phone.review") return review(candidateId, input, formData);
  const error = act(getDb(), user.id, candidateId, input, clientIp(context));
  if (error) {
    const field = input.intent === "note.add" ? "body" : input.intent === "phone" ? "otherOfferId" : "form";
    return data<ActionData>(
      { fieldErrors: { [field]: error.key }, values: formValues(formData) },
      { status: error.status },
    );
  }
  return redirectWithFlash(`/conseiller/candidats/${candidateId}`, {
    message: `counsellor:file.done.${input.intent}`,
  });
}

/** A referral or phone application shown for confirmation: nothing is sent before "Confirmer l'envoi". */
function review(
  candidateId: number,
  input: { intent: "refer.review" | "phone.review"; offerId: number },
  formData: FormData,
) {
  const send = input.intent === "refer.review" ? "refer" : "phone";
  const preview = previewReferral(getDb(), candidateId, input.offerId);
  if (!preview.ok) {
    const { key, status } = APPLY_ERRORS[preview.reason];
    const values = { ...formValues(formData), intent: send };
    return data<ActionData>({ fieldErrors: { [send === "phone" ? "otherOfferId" : "form"]: key }, values }, { status });
  }
  const fields: FormValues =
    send === "phone" ? { otherOfferId: String(input.offerId) } : { offerId: String(input.offerId) };
  const { candidate, offer } = preview;
  return data<ActionData>({ fieldErrors: {}, values: fields, review: { candidate, offer, send, fields } });
}

export default function CandidateFilePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("counsellor");
  const errorText = useErrorText();
  const { file, flash, me } = loaderData;
  const name = `${file.profile.firstName} ${file.profile.lastName}`;
  // A phone application refused at its review step shows on the phone form, like one refused when sent.
  const intent = actionData?.values.intent?.replace(/\.review$/, "");
  const formError: FieldError | undefined =
    actionData?.fieldErrors.form ?? actionData?.fieldErrors.intent ?? actionData?.fieldErrors.offerId;

  return (
    <div className="space-y-6">
      <title>{`${t("file.title", { name })} · Baara`}</title>
      <p>
        <Link to="/conseiller/candidats">← {t("file.back")}</Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">{t("file.title", { name })}</h1>
        <p className="text-stone-700">
          {file.counsellor
            ? t("file.followedBy", { name: file.counsellor.id === me ? t("list.you") : (file.counsellor.name ?? "—") })
            : t("file.notFollowed")}
        </p>
        {file.counsellor?.id !== me ? (
          <Form method="post" className="mt-2">
            <button type="submit" name="intent" value="assign.self" className="btn-secondary">
              {t("file.assignSelf")}
            </button>
          </Form>
        ) : null}
      </div>

      {actionData ? null : <FlashNotice flash={flash} />}
      {formError ? <Notice tone="error">{errorText(formError)}</Notice> : null}
      {actionData?.review ? (
        <ReferralConfirm review={actionData.review} backTo={`/conseiller/candidats/${file.profile.userId}`} />
      ) : null}

      <ProfileSection file={file} />
      <VerifiedSkills skills={loaderData.verifiedSkills} />
      <SensitiveSection file={file} />
      <AccountSection file={file} />
      <PasswordResetSection file={file} />
      <CounsellorOfferAnswers
        applications={file.applications}
        reasons={loaderData.answerForm.reasons}
        wordsMax={loaderData.answerForm.wordsMax}
        refused={actionData?.answerRefused}
      />
      <ApplicationsSection file={file} />
      <PlacementsSection file={file} trainings={loaderData.trainings} />
      <MatchesSection
        matches={loaderData.matches}
        errors={intent === "phone" ? actionData?.fieldErrors : undefined}
        values={intent === "phone" ? actionData?.values : undefined}
      />
      <NotesSection
        file={file}
        noteMax={loaderData.noteMax}
        errors={intent === "note.add" ? actionData?.fieldErrors : undefined}
        values={intent === "note.add" ? actionData?.values : undefined}
      />
    </div>
  );
}
