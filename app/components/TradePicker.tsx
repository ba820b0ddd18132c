import { useId } from "react";
import { useErrorText } from "~/components/Field";
import type { FieldError } from "~/utils/forms";
import { SECTOR_CODES, TRADES, type Trade } from "~/utils/reference";
import { useTranslation } from "~/utils/translation";

/**
 * The trades of the reference list as checkboxes, grouped by sector. Each
 * sector folds away (a plain <details>, no JavaScript) unless one of its trades
 * is ticked.
 */
export function TradePicker({
  id,
  legend,
  hint,
  name,
  selected,
  error,
}: {
  id: string;
  legend: string;
  hint: string;
  name: string;
  selected: readonly string[];
  error?: FieldError;
}) {
  const { t } = useTranslation("candidate");
  const errorText = useErrorText();
  const messageId = useId();
  const trades = Object.entries(TRADES) as [Trade, (typeof TRADES)[Trade]][];
  return (
    <fieldset
      id={id}
      aria-describedby={[`${messageId}-hint`, error ? `${messageId}-error` : null].filter(Boolean).join(" ")}
      aria-invalid={error ? true : undefined}
    >
      <legend className="font-medium">{legend}</legend>
      <p id={`${messageId}-hint`} className="mt-1 text-sm text-stone-600">
        {hint}
      </p>
      {error ? (
        <p id={`${messageId}-error`} className="mt-1 text-sm font-semibold text-red-700">
          {errorText(error)}
        </p>
      ) : null}
      <div className="mt-2 space-y-1">
        {SECTOR_CODES.map((sector) => {
          const inSector = trades.filter(([, s]) => s === sector).map(([trade]) => trade);
          const ticked = inSector.filter((trade) => selected.includes(trade)).length;
          return (
            <details key={sector} open={ticked > 0} className="rounded border border-stone-200 px-3 py-1">
              <summary className="cursor-pointer py-1">
                {t(`common:sector.${sector}`)}
                {ticked > 0 ? (
                  <span className="ml-2 text-sm text-stone-600">({t("profile.tradesTicked", { count: ticked })})</span>
                ) : null}
              </summary>
              <div className="flex flex-wrap gap-x-4 gap-y-1 pb-2">
                {inSector.map((trade) => (
                  <label key={trade} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      name={name}
                      value={trade}
                      defaultChecked={selected.includes(trade)}
                      className="h-5 w-5"
                    />
                    {t(`common:trade.${trade}`)}
                  </label>
                ))}
              </div>
            </details>
          );
        })}
      </div>
    </fieldset>
  );
}
