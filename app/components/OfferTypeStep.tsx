import { Form } from "react-router";
import { OFFER_TYPE_CHOICES } from "~/components/choices";
import { useTranslation } from "~/utils/translation";

/**
 * The new offer's first step: its type. A plain GET form (`?type=stage`), so the
 * form that follows holds only that type's fields, with or without JavaScript.
 */
export function OfferTypeStep() {
  const { t } = useTranslation("offerform");
  return (
    <Form method="get" className="card space-y-4">
      <fieldset className="space-y-2">
        <legend className="text-lg font-semibold">{t("typeStep.legend")}</legend>
        {OFFER_TYPE_CHOICES.map((type, index) => (
          <label
            key={type}
            className="flex min-h-11 items-start gap-3 rounded-md border border-stone-300 p-3
              has-[:checked]:border-stone-900"
          >
            <input type="radio" name="type" value={type} defaultChecked={index === 0} className="mt-1 h-5 w-5" />
            <span>
              <span className="block font-medium">{t(`common:offerType.${type}`)}</span>
              <span className="block text-sm text-stone-700">{t(`typeStep.about.${type}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn">
        {t("typeStep.next")}
      </button>
    </Form>
  );
}
