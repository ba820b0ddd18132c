import { Link } from "react-router";
import { CardSection } from "~/components/CardSection";
import { PhoneField } from "~/components/Field";
import { IntentForm } from "~/components/IntentForm";
import type { FieldErrors, FormValues } from "~/utils/forms";
import type { AccountPhoneView } from "~/utils/phone-code.server";
import { useTranslation } from "~/utils/translation";

/**
 * The account page's number: confirmed or not (with the way to confirm it), a new number waiting
 * for its code, and the form that sends a code to a new number (intent "phone").
 */
export function PhoneSection({
  view,
  page,
  errors,
  values,
}: {
  view: AccountPhoneView;
  /** This account page, where the confirmation page comes back. */
  page: string;
  errors: FieldErrors;
  values?: FormValues;
}) {
  const { t } = useTranslation("phone");
  const confirmHref = `/confirmer-telephone?${new URLSearchParams({ redirectTo: page })}`;
  const linkClass = "inline-flex min-h-11 items-center";
  return (
    <CardSection id="phone-title" title={t("account.title")}>
      {view.phone ? (
        <p>
          <span className="font-semibold tabular-nums">{view.phone}</span>{" "}
          {view.confirmed ? (
            <span className="text-green-800">✓ {t("account.confirmed")}</span>
          ) : (
            <>
              <span className="text-amber-800">{t("account.unconfirmed")}</span> —{" "}
              <Link to={confirmHref} className={linkClass}>
                {t("account.confirm")}
              </Link>
            </>
          )}
        </p>
      ) : (
        <p>{t("account.none")}</p>
      )}
      {view.pending ? (
        <p>
          {t("account.pending", { phone: view.pending })}{" "}
          <Link to={confirmHref} className={linkClass}>
            {t("account.typeCode")}
          </Link>
        </p>
      ) : null}
      <details open={Object.keys(errors).length > 0}>
        <summary className="cursor-pointer font-semibold text-brand-700">
          {t(view.phone ? "account.change" : "account.add")}
        </summary>
        <div className="mt-3">
          <IntentForm intent="phone" submit={t("account.submit")} errors={errors}>
            <PhoneField
              label={t("account.newPhone")}
              hint={t("account.newPhoneHint")}
              name="phone"
              required
              defaultValue={values?.phone}
              error={errors.phone}
            />
          </IntentForm>
        </div>
      </details>
    </CardSection>
  );
}
