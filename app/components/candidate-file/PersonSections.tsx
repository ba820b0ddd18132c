import { Form } from "react-router";
import { PhoneNumber } from "~/components/PhoneNumber";
import { useFormat } from "~/utils/format";
import { useTranslation } from "~/utils/translation";
import { type CandidateFile, Pair, Section } from "./Section";

export function ProfileSection({ file }: { file: CandidateFile }) {
  const { t } = useTranslation("counsellor");
  const p = file.profile;
  const none = t("labels.notGiven");
  return (
    <Section id="file-profile" title={t("file.profile")}>
      <dl className="grid gap-1">
        <Pair label={t("file.region")}>{p.region ? t(`common:region.${p.region}`) : none}</Pair>
        <Pair label={t("file.commune")}>{p.commune ?? none}</Pair>
        <Pair label={t("file.educationLevel")}>
          {p.educationLevel ? t(`common:education.${p.educationLevel}`) : none}
        </Pair>
        <Pair label={t("file.trades")}>
          {file.trades.length ? file.trades.map((trade) => t(`common:trade.${trade}`)).join(", ") : none}
        </Pair>
        <Pair label={t("file.skills")}>{p.skills ?? none}</Pair>
        <Pair label={t("file.languages")}>
          {p.languages.length ? p.languages.map((l) => t(`common:language.${l}`)).join(", ") : none}
        </Pair>
        <Pair label={t("file.experienceYears")}>
          {p.experienceYears !== null ? t("file.years", { count: p.experienceYears }) : none}
        </Pair>
        <Pair label={t("file.availability")}>{p.availability ? t(`labels.availability.${p.availability}`) : none}</Pair>
        <Pair label={t("file.drivingLicence")}>{t(p.drivingLicence ? "labels.yes" : "labels.no")}</Pair>
        <Pair label={t("file.cv")}>{p.cvFileId ? t("file.hasCv") : t("file.noCv")}</Pair>
      </dl>
    </Section>
  );
}

export function SensitiveSection({ file }: { file: CandidateFile }) {
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
        <Pair label={t("file.migrantStatus")}>
          {p.migrantStatus ? t(`labels.migrantStatus.${p.migrantStatus}`) : none}
        </Pair>
        <Pair label={t("file.disability")}>{p.disability ? t(`labels.disability.${p.disability}`) : none}</Pair>
      </dl>
    </Section>
  );
}

export function AccountSection({ file }: { file: CandidateFile }) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  const { contact, consent } = file;
  return (
    <Section id="file-account" title={t("file.account")}>
      {contact.disabled ? <p className="font-semibold text-red-800">{t("file.disabled")}</p> : null}
      <dl className="grid gap-1">
        <Pair label={t("file.phone")}>{contact.phone ? <PhoneNumber phone={contact.phone} /> : t("file.none")}</Pair>
        <Pair label={t("file.email")}>{contact.email ?? t("file.none")}</Pair>
        <Pair label={t("file.smsLanguage")}>{t(`labels.locale.${contact.locale}`)}</Pair>
        <Pair label={t("file.registeredAt")}>{format.date(contact.registeredAt)}</Pair>
        {file.registeredByName ? <Pair label={t("file.registeredBy")}>{file.registeredByName}</Pair> : null}
        <Pair label={t("file.lastLogin")}>
          {contact.lastLoginAt ? format.dateTime(contact.lastLoginAt) : t("file.never")}
        </Pair>
        <Pair label={t("file.password")}>{t(contact.hasPassword ? "file.passwordSet" : "file.passwordNotSet")}</Pair>
        <Pair label={t("file.pin")}>{t(contact.hasPin ? "file.pinSet" : "file.pinNotSet")}</Pair>
      </dl>
      {contact.phone && !contact.hasPassword ? (
        <Form method="post" className="space-y-2">
          <p className="text-sm text-stone-700">{t("file.resendHelp")}</p>
          <button type="submit" name="intent" value="code.resend" className="btn-secondary">
            {t("file.resendCode")}
          </button>
        </Form>
      ) : null}
      {!contact.phone && !contact.hasPassword ? (
        <p className="text-sm text-stone-700">{t("file.noPhoneHelp")}</p>
      ) : null}
      <h3 className="text-lg font-semibold">{t("file.consent")}</h3>
      {consent.at ? (
        <p>
          {t("file.consentGiven", {
            date: format.date(consent.at),
            method: consent.method ? t(`labels.consentMethod.${consent.method}`) : "—",
          })}{" "}
          {consent.recordedByName ? t("file.consentRecordedBy", { name: consent.recordedByName }) : null}
        </p>
      ) : (
        <p>{t("file.consentMissing")}</p>
      )}
    </Section>
  );
}
