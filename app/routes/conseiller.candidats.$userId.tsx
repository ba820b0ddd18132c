import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/conseiller.candidats.$userId";
import { SelectField, TextField, useErrorText } from "~/components/Field";
import { TextareaField } from "~/components/FormFields";
import { MatchReasons } from "~/components/MatchReasons";
import { applyToOffer, type ApplyResult } from "~/models/applications.server";
import { addNote, assignCounsellor, getCandidateFile, resendSetPasswordCode } from "~/models/candidates.server";
import { matchOffersForCandidate } from "~/models/matching.server";
import { candidateFileSchema, NOTE_MAX, type CandidateFileInput } from "~/schemas/candidate";
import { parseIdParam } from "~/schemas/params";
import { requireRole } from "~/utils/auth.server";
import { getDb, type Db } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { formValues, parseForm, type FieldError, type FieldErrors, type FormValues } from "~/utils/forms";
import { formatMaliPhone } from "~/utils/phone";
import { clientIp } from "~/utils/request.server";

export const handle = { i18n: ["common", "counsellor"] };

const DONE = ["note.add", "refer", "phone", "code.resend", "assign.self"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = await requireRole(request, "conseiller", "admin");
  const candidateId = parseIdParam(params.userId);
  if (candidateId === null) throw data(null, { status: 404 });
  const db = getDb();
  // Reading the file is what the audit log records (once per view).
  const file = getCandidateFile(db, user, candidateId, clientIp(context));
  if (!file) throw data(null, { status: 404 });
  const url = new URL(request.url);
  const created = url.searchParams.get("inscrit");
  const done = url.searchParams.get("fait");
  return {
    me: user.id,
    file,
    matches: matchOffersForCandidate(db, candidateId, 10),
    created: created === "sms" || created === "sans-telephone" ? created : null,
    done: (DONE as readonly (string | null)[]).includes(done) ? done : null,
    noteMax: NOTE_MAX,
  };
}

type ActionData = { fieldErrors: FieldErrors; values: FormValues };

const APPLY_ERRORS: Record<Exclude<ApplyResult, { ok: true }>["reason"], { key: string; status: number }> = {
  offer_not_open: { key: "counsellor:errors.offerNotOpen", status: 400 },
  already_applied: { key: "counsellor:errors.alreadyApplied", status: 400 },
  daily_limit: { key: "counsellor:errors.dailyLimit", status: 400 },
  invalid_cv: { key: "counsellor:errors.notFound", status: 400 },
  not_candidate: { key: "counsellor:errors.notFound", status: 404 },
};

/** One action of the file, by the model function of its intent: null when done, else the error and its status. */
function act(db: Db, counsellorId: number, candidateId: number, input: CandidateFileInput, ip: string): { key: string; status: number } | null {
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
    case "code.resend": {
      const result = resendSetPasswordCode(db, counsellorId, candidateId);
      if (result.ok) return null;
      return result.reason === "not_found" ? { key: "counsellor:errors.notFound", status: 404 } : { key: "counsellor:errors.noPhone", status: 400 };
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
  const form = parseForm(candidateFileSchema, formData);
  if (!form.ok) return data<ActionData>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  const error = act(getDb(), user.id, candidateId, form.data, clientIp(context));
  if (error) {
    const field = form.data.intent === "note.add" ? "body" : form.data.intent === "phone" ? "otherOfferId" : "form";
    return data<ActionData>({ fieldErrors: { [field]: error.key }, values: formValues(formData) }, { status: error.status });
  }
  return redirect(`/conseiller/candidats/${candidateId}?fait=${form.data.intent}`);
}

type File = Route.ComponentProps["loaderData"]["file"];

export default function CandidateFilePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("counsellor");
  const errorText = useErrorText();
  const { file, created, done, me } = loaderData;
  const name = `${file.profile.firstName} ${file.profile.lastName}`;
  const intent = actionData?.values.intent;
  const formError: FieldError | undefined = actionData?.fieldErrors.form ?? actionData?.fieldErrors.intent ?? actionData?.fieldErrors.offerId;

  return (
    <div className="space-y-6">
      <title>{`${t("file.title", { name })} · Baara`}</title>
      <p>
        <Link to="/conseiller/candidats">← {t("file.back")}</Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">{t("file.title", { name })}</h1>
        <p className="text-stone-700">
          {file.counsellor ? t("file.followedBy", { name: file.counsellor.id === me ? t("list.you") : (file.counsellor.name ?? "—") }) : t("file.notFollowed")}
        </p>
        {file.counsellor?.id !== me ? (
          <Form method="post" className="mt-2">
            <button type="submit" name="intent" value="assign.self" className="btn-secondary">
              {t("file.assignSelf")}
            </button>
          </Form>
        ) : null}
      </div>

      {created && !actionData ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          {created === "sms" && file.contact.phone
            ? t("file.created.sms", { phone: formatMaliPhone(file.contact.phone) })
            : t("file.created.noPhone")}
        </p>
      ) : null}
      {done && !actionData ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          {t(`file.done.${done}`)}
        </p>
      ) : null}
      {formError ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-semibold text-red-800">
          {errorText(formError)}
        </p>
      ) : null}

      <ProfileSection file={file} />
      <SensitiveSection file={file} />
      <AccountSection file={file} />
      <ApplicationsSection file={file} />
      <PlacementsSection file={file} />
      <MatchesSection errors={intent === "phone" ? actionData?.fieldErrors : undefined} values={intent === "phone" ? actionData?.values : undefined} />
      <NotesSection file={file} errors={intent === "note.add" ? actionData?.fieldErrors : undefined} values={intent === "note.add" ? actionData?.values : undefined} />
    </div>
  );
}

function Section({ id, title, badge, children }: { id: string; title: string; badge?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card space-y-3">
      <h2 id={id} className="flex flex-wrap items-center gap-2 text-xl font-semibold">
        {title}
        {badge ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">{badge}</span> : null}
      </h2>
      {children}
    </section>
  );
}

function Pair({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sm:flex sm:gap-2">
      <dt className="font-medium text-stone-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ProfileSection({ file }: { file: File }) {
  const { t } = useTranslation("counsellor");
  const p = file.profile;
  const none = t("labels.notGiven");
  return (
    <Section id="file-profile" title={t("file.profile")}>
      <dl className="grid gap-1">
        <Pair label={t("file.region")}>{p.region ? t(`common:region.${p.region}`) : none}</Pair>
        <Pair label={t("file.commune")}>{p.commune ?? none}</Pair>
        <Pair label={t("file.educationLevel")}>{p.educationLevel ? t(`common:education.${p.educationLevel}`) : none}</Pair>
        <Pair label={t("file.trades")}>{file.trades.length ? file.trades.map((trade) => t(`common:trade.${trade}`)).join(", ") : none}</Pair>
        <Pair label={t("file.skills")}>{p.skills ?? none}</Pair>
        <Pair label={t("file.languages")}>{p.languages.length ? p.languages.map((l) => t(`common:language.${l}`)).join(", ") : none}</Pair>
        <Pair label={t("file.experienceYears")}>{p.experienceYears !== null ? t("file.years", { count: p.experienceYears }) : none}</Pair>
        <Pair label={t("file.availability")}>{p.availability ? t(`labels.availability.${p.availability}`) : none}</Pair>
        <Pair label={t("file.drivingLicence")}>{t(p.drivingLicence ? "labels.yes" : "labels.no")}</Pair>
        <Pair label={t("file.cv")}>{p.cvFileId ? t("file.hasCv") : t("file.noCv")}</Pair>
      </dl>
    </Section>
  );
}

function SensitiveSection({ file }: { file: File }) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  const p = file.profile;
  const none = t("labels.notGiven");
  return (
    <Section id="file-sensitive" title={t("file.sensitive")} badge={t("file.sensitiveBadge")}>
      <p className="text-sm text-stone-700">{t("file.sensitiveNote")}</p>
      <dl className="grid gap-1">
        <Pair label={t("file.sex")}>{p.sex ? t(`labels.sex.${p.sex}`) : none}</Pair>
        <Pair label={t("file.birthDate")}>{p.birthDate ? format.date(p.birthDate) : none}</Pair>
        <Pair label={t("file.migrantStatus")}>{p.migrantStatus ? t(`labels.migrantStatus.${p.migrantStatus}`) : none}</Pair>
        <Pair label={t("file.disability")}>{p.disability ? t(`labels.disability.${p.disability}`) : none}</Pair>
      </dl>
    </Section>
  );
}

function AccountSection({ file }: { file: File }) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  const { contact, consent } = file;
  return (
    <Section id="file-account" title={t("file.account")}>
      {contact.disabled ? <p className="font-semibold text-red-800">{t("file.disabled")}</p> : null}
      <dl className="grid gap-1">
        <Pair label={t("file.phone")}>{contact.phone ? formatMaliPhone(contact.phone) : t("file.none")}</Pair>
        <Pair label={t("file.email")}>{contact.email ?? t("file.none")}</Pair>
        <Pair label={t("file.smsLanguage")}>{t(`labels.locale.${contact.locale}`)}</Pair>
        <Pair label={t("file.registeredAt")}>{format.date(contact.registeredAt)}</Pair>
        {file.registeredByName ? <Pair label={t("file.registeredBy")}>{file.registeredByName}</Pair> : null}
        <Pair label={t("file.lastLogin")}>{contact.lastLoginAt ? format.dateTime(contact.lastLoginAt) : t("file.never")}</Pair>
        <Pair label={t("file.password")}>{t(contact.hasPassword ? "file.passwordSet" : "file.passwordNotSet")}</Pair>
      </dl>
      {contact.phone && !contact.hasPassword ? (
        <Form method="post" className="space-y-2">
          <p className="text-sm text-stone-700">{t("file.resendHelp")}</p>
          <button type="submit" name="intent" value="code.resend" className="btn-secondary">
            {t("file.resendCode")}
          </button>
        </Form>
      ) : null}
      {!contact.phone && !contact.hasPassword ? <p className="text-sm text-stone-700">{t("file.noPhoneHelp")}</p> : null}
      <h3 className="text-lg font-semibold">{t("file.consent")}</h3>
      {consent.at ? (
        <p>
          {t("file.consentGiven", { date: format.date(consent.at), method: consent.method ? t(`labels.consentMethod.${consent.method}`) : "—" })}{" "}
          {consent.recordedByName ? t("file.consentRecordedBy", { name: consent.recordedByName }) : null}
        </p>
      ) : (
        <p>{t("file.consentMissing")}</p>
      )}
    </Section>
  );
}

function ApplicationsSection({ file }: { file: File }) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  return (
    <Section id="file-applications" title={t("file.applications")}>
      {file.applications.length === 0 ? <p className="text-stone-700">{t("file.noApplications")}</p> : null}
      <ul className="space-y-3">
        {file.applications.map((application) => (
          <li key={application.id} className="border-t border-stone-200 pt-2">
            <p className="font-semibold">
              <Link to={`/offres/${application.offerId}`}>{application.offerTitle}</Link> · {application.orgName}
            </p>
            <p className="text-sm">
              {t(`common:applicationStatus.${application.status}`)} · {t(`labels.channel.${application.channel}`)} ·{" "}
              {t("file.sentOn", { date: format.date(application.createdAt, "medium") })}
            </p>
            <details className="text-sm">
              <summary className="cursor-pointer">{t("file.timeline")}</summary>
              <ol className="ml-5 list-decimal">
                {application.timeline.map((event, i) => (
                  <li key={i}>
                    {format.dateTime(event.createdAt)} : {t(`common:applicationStatus.${event.toStatus}`)}
                  </li>
                ))}
              </ol>
            </details>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function PlacementsSection({ file }: { file: File }) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  return (
    <Section id="file-placements" title={t("file.placements")}>
      {file.placements.length === 0 ? <p className="text-stone-700">{t("file.noPlacements")}</p> : null}
      <ul className="space-y-3">
        {file.placements.map((placement) => (
          <li key={placement.id} className="border-t border-stone-200 pt-2">
            <p className="font-semibold">
              {placement.orgName ?? placement.employerName ?? t("file.outsidePortal")} · {t(`common:offerType.${placement.type}`)} ·{" "}
              {t(`common:contract.${placement.contract}`)}
            </p>
            <p className="text-sm">
              {t("file.startedOn", { date: format.date(placement.startDate) })}
              {placement.endedAt ? ` · ${t("file.endedOn", { date: format.date(placement.endedAt) })}` : ""}
            </p>
            <ul className="ml-5 list-disc text-sm">
              {placement.followups.map((f) => (
                <li key={f.id}>
                  {t("file.followup", { months: f.monthsAfter, date: format.date(f.dueDate, "medium") })} :{" "}
                  {f.doneAt ? t(f.stillEmployed ? "file.followupDone" : "file.followupLeft") : t("file.followupPending")}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function MatchesSection({ errors, values }: { errors?: FieldErrors; values?: FormValues }) {
  const { t } = useTranslation("counsellor");
  const { matches } = useLoaderData<typeof loader>();
  return (
    <Section id="file-matches" title={t("file.matches")}>
      <p className="text-sm text-stone-700">{t("file.matchesIntro")}</p>
      {matches.length === 0 ? <p>{t("file.noMatches")}</p> : null}
      <ul className="space-y-3">
        {matches.map((offer) => (
          <li key={offer.id} className="border-t border-stone-200 pt-2">
            <p className="font-semibold">
              <Link to={`/offres/${offer.id}`}>{offer.title}</Link> · {offer.orgName}
            </p>
            <p className="text-sm">
              {offer.commune ? `${offer.commune}, ` : ""}
              {t(`common:region.${offer.region}`)} · {t(`common:offerType.${offer.type}`)}
            </p>
            <MatchReasons reasons={offer.reasons} />
            <Form method="post" className="mt-1">
              <input type="hidden" name="offerId" value={offer.id} />
              <button type="submit" name="intent" value="refer" className="btn-secondary" aria-label={`${t("file.refer")} : ${offer.title}`}>
                {t("file.refer")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="space-y-3 border-t border-stone-200 pt-3">
        <h3 className="text-lg font-semibold">{t("file.byPhone")}</h3>
        <p className="text-sm text-stone-700">{t("file.byPhoneHelp")}</p>
        {matches.length > 0 ? (
          <SelectField label={t("file.offer")} name="offerId" placeholder="—"
            options={matches.map((o) => ({ value: String(o.id), label: `${o.title} · ${o.orgName}` }))}
            defaultValue={values?.offerId ?? ""} />
        ) : null}
        <TextField label={t("file.otherOffer")} name="otherOfferId" inputMode="numeric" maxLength={20}
          defaultValue={values?.otherOfferId} error={errors?.otherOfferId} />
        <button type="submit" name="intent" value="phone" className="btn-secondary">
          {t("file.byPhoneSubmit")}
        </button>
      </Form>
    </Section>
  );
}

function NotesSection({ file, errors, values }: { file: File; errors?: FieldErrors; values?: FormValues }) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  const { noteMax } = useLoaderData<typeof loader>();
  return (
    <Section id="file-notes" title={t("file.notes")} badge={t("file.sensitiveBadge")}>
      <p className="text-sm text-stone-700">{t("file.notesHelp")}</p>
      <Form method="post" className="space-y-2">
        <TextareaField label={t("file.noteBody")} name="body" rows={3} maxLength={noteMax} defaultValue={values?.body} error={errors?.body} />
        <button type="submit" name="intent" value="note.add" className="btn-secondary">
          {t("file.addNote")}
        </button>
      </Form>
      {file.notes.length === 0 ? <p>{t("file.noNotes")}</p> : null}
      <ul className="space-y-3">
        {file.notes.map((note) => (
          <li key={note.id} className="border-t border-stone-200 pt-2">
            <p className="whitespace-pre-line">{note.body}</p>
            <p className="text-xs text-stone-600">
              {t("file.noteBy", { name: note.authorName ?? t("file.formerColleague"), date: format.dateTime(note.createdAt) })}
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
