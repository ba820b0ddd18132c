import { Trans } from "react-i18next";
import { useTranslation } from "~/utils/translation";

export type OfferKeypad = { code: string; ussdCode: string; smsNumber: string };

const BOLD = { b: <strong className="whitespace-nowrap" /> };

/**
 * How to apply to an offer from a phone without internet: by SMS with the offer's keypad code, or by the
 * USSD menu. `poster` is the employer's view: the code large enough to copy onto a poster.
 */
export function OfferKeypadCode({ keypad, poster = false }: { keypad: OfferKeypad; poster?: boolean }) {
  const { t } = useTranslation("channels");
  const values = { code: keypad.code, number: keypad.smsNumber, ussd: keypad.ussdCode };
  if (!poster) {
    return (
      <section aria-labelledby="offer-keypad" className="rounded-md border border-stone-300 bg-stone-50 p-3">
        <h2 id="offer-keypad" className="font-semibold">
          {t("keypad.heading")}
        </h2>
        <p className="mt-1">
          <Trans t={t} i18nKey="keypad.apply" values={values} components={BOLD} />
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="offer-keypad" className="rounded-md border border-stone-300 bg-white p-3">
      <h2 id="offer-keypad" className="font-semibold">
        {t("keypad.posterHeading")}{" "}
        <span className="ml-1 font-mono text-3xl font-bold tracking-widest" data-testid="offer-keypad-code">
          {keypad.code}
        </span>
      </h2>
      <p className="mt-1">
        <Trans t={t} i18nKey="keypad.poster" values={values} components={BOLD} />
      </p>
    </section>
  );
}
