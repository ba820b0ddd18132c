import { Form } from "react-router";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

/**
 * Withdrawing a request, asked twice: the first button only unfolds the
 * confirmation (a plain <details>, no JavaScript needed), the second posts it.
 */
export function EmployerWithdraw() {
  const { t } = useTranslation("employer-partnerships");
  const busy = useBusy();
  return (
    <section aria-labelledby="withdraw-title" className="space-y-2">
      <h2 id="withdraw-title" className="text-xl font-semibold">
        {t("withdraw.title")}
      </h2>
      <p className="text-stone-700">{t("withdraw.hint")}</p>
      <details className="rounded-md border border-stone-300 bg-white p-3">
        <summary className="flex cursor-pointer items-center font-semibold text-red-800">{t("withdraw.ask")}</summary>
        <div className="mt-2 space-y-3">
          <p className="font-semibold">{t("withdraw.confirmTitle")}</p>
          <p>{t("withdraw.confirmText")}</p>
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="withdraw"
              className="btn bg-red-700 hover:bg-red-800"
              disabled={busy}
            >
              {t("withdraw.confirm")}
            </button>
          </Form>
        </div>
      </details>
    </section>
  );
}
