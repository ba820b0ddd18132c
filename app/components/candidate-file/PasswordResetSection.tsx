import { Form } from "react-router";
import { useBusy } from "~/utils/navigation";
import { formatMaliPhone } from "~/utils/phone";
import { useTranslation } from "~/utils/translation";
import { type CandidateFile, Section } from "./Section";

/**
 * A counsellor sends the person a code (SMS) or a link (e-mail) to choose a new password, after
 * confirming in a fold that works without JavaScript. Only for an active account that has a password
 * and somewhere to send it; the counsellor never sees the code.
 */
export function PasswordResetSection({ file }: { file: CandidateFile }) {
  const { t } = useTranslation("password");
  const busy = useBusy();
  const { contact } = file;
  const email = contact.email && !contact.email.endsWith(".invalid") ? contact.email : null;
  if (!contact.hasPassword || contact.disabled || (!contact.phone && !email)) return null;
  const confirm = contact.phone
    ? t("staff.confirmSms", { phone: formatMaliPhone(contact.phone) })
    : t("staff.confirmEmail", { email });
  return (
    <Section id="file-password-reset" title={t("staff.title")}>
      <p className="text-stone-700">{t("staff.help")}</p>
      <details>
        <summary className="btn-secondary">{t("staff.button")}</summary>
        <Form method="post" className="mt-3 space-y-3">
          <p>{confirm}</p>
          <button type="submit" name="intent" value="password.reset" className="btn" disabled={busy}>
            {t("staff.confirmButton")}
          </button>
        </Form>
      </details>
    </Section>
  );
}
