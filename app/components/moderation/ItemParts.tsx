// The pieces every item of the moderation queues is made of.
import type { ReactNode } from "react";
import { Form, useLoaderData } from "react-router";
import { TextField, useErrorText } from "~/components/Field";
import { Notice } from "~/components/Notice";
import type { FieldError, FieldErrors, FormValues } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";
import type { Route } from "../../routes/+types/conseiller.moderation";

export type ItemProps = { errors: FieldErrors | undefined; values: FormValues | undefined };

/** The error of an item's form that is not about the reason (not found, already decided, not verified). */
export function ItemAlert({ errors }: { errors: FieldErrors | undefined }) {
  const errorText = useErrorText();
  const error: FieldError | undefined =
    errors && (errors.form ?? errors.intent ?? errors.orgId ?? errors.offerId ?? errors.requestId);
  if (!error) return null;
  return (
    <Notice tone="error" compact>
      {errorText(error)}
    </Notice>
  );
}

export function SubjectFields({ name, id, intent }: { name: "orgId" | "offerId"; id: number; intent?: string }) {
  return (
    <>
      <input type="hidden" name={name} value={id} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
    </>
  );
}

export function ReasonField({ errors, values }: ItemProps) {
  const { t } = useTranslation("moderation");
  const { reasonMax } = useLoaderData<Route.ComponentProps["loaderData"]>();
  return (
    <TextField
      label={t("reasonLabel")}
      hint={t("reasonHint")}
      name="reason"
      maxLength={reasonMax}
      defaultValue={errors ? values?.reason : undefined}
      error={errors?.reason}
    />
  );
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sm:flex sm:gap-2">
      <dt className="font-medium text-stone-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type Decision = { intent: string; label: string; className: "btn" | "btn-secondary" };

/** An offer's two decisions, under its error: the first needs no reason, the second asks for one. */
export function OfferDecisions({
  offerId,
  plain,
  withReason,
  errors,
  values,
}: ItemProps & { offerId: number; plain: Decision; withReason: Decision }) {
  const busy = useBusy();
  return (
    <>
      <ItemAlert errors={errors} />
      <Form method="post">
        <SubjectFields name="offerId" id={offerId} intent={plain.intent} />
        <button type="submit" className={plain.className} disabled={busy}>
          {plain.label}
        </button>
      </Form>
      <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
        <SubjectFields name="offerId" id={offerId} intent={withReason.intent} />
        <ReasonField errors={errors} values={values} />
        <button type="submit" className={withReason.className} disabled={busy}>
          {withReason.label}
        </button>
      </Form>
    </>
  );
}
