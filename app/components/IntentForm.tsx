import type { ReactNode } from "react";
import { Form } from "react-router";
import { FormErrorSummary } from "~/components/Field";
import type { FieldErrors } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";

/** One of a page's POST forms: its submit button's `intent` tells the action which one was sent. */
export function IntentForm({
  intent,
  submit,
  errors,
  danger = false,
  children,
}: {
  intent: string;
  submit: string;
  errors: FieldErrors;
  danger?: boolean;
  children: ReactNode;
}) {
  const busy = useBusy();
  return (
    <Form method="post" className="space-y-4" noValidate>
      <FormErrorSummary errors={errors} />
      {children}
      <button
        type="submit"
        name="intent"
        value={intent}
        className={danger ? "btn bg-red-700 hover:bg-red-800" : "btn"}
        disabled={busy}
      >
        {submit}
      </button>
    </Form>
  );
}
