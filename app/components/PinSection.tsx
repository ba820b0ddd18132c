import { CurrentPasswordField } from "~/components/AccountFields";
import { CardSection } from "~/components/CardSection";
import { TextField } from "~/components/Field";
import { IntentForm } from "~/components/IntentForm";
import type { ChannelNumbers } from "~/utils/channel-numbers";
import type { FieldErrors } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";

/**
 * The PIN that lets a phone without internet act for the account (USSD menu, SMS): what it is for,
 * whether one is set, and a form to set or change it (a POST with intent=pin). Nothing typed is sent back.
 */
export function PinSection({
  hasPin,
  numbers,
  errors,
}: {
  hasPin: boolean;
  numbers: ChannelNumbers;
  errors: FieldErrors;
}) {
  const { t } = useTranslation("pin");
  const pinInput = { type: "password", inputMode: "numeric", pattern: "[0-9]*", maxLength: 4, required: true } as const;
  return (
    <CardSection id="pin-title" title={t("title")}>
      <p className="text-stone-700">{t("intro", { ussd: numbers.ussdCode, sms: numbers.smsNumber })}</p>
      <p className="font-semibold">{hasPin ? t("status.set") : t("status.none")}</p>
      <IntentForm intent="pin" submit={hasPin ? t("submit.change") : t("submit.set")} errors={errors}>
        <TextField
          label={t("fields.pin")}
          hint={t("fields.pinHint")}
          name="pin"
          autoComplete="off"
          error={errors.pin}
          {...pinInput}
        />
        <TextField
          label={t("fields.pinConfirm")}
          name="pinConfirm"
          autoComplete="off"
          error={errors.pinConfirm}
          {...pinInput}
        />
        <CurrentPasswordField
          label={t("fields.currentPassword")}
          name="currentPassword"
          error={errors.currentPassword}
        />
      </IntentForm>
    </CardSection>
  );
}
