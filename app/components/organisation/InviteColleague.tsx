import { Form } from "react-router";
import { TextField } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { useFormat } from "~/utils/format";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { formatMaliPhone } from "~/utils/phone";
import { useTranslation } from "~/utils/translation";
import type { Route } from "../../routes/+types/employeur.organisation";

type Invitations = Route.ComponentProps["loaderData"]["invitations"];
type InviteResult = { fieldErrors: FieldErrors; values: FormValues } | { invited: { contact: string; link: string } };

/** The owner's side of the members: the invitations still open, and the form that invites a colleague. */
export function InviteColleague({
  invitations,
  result: inviteForm,
  busy,
}: {
  invitations: Invitations;
  result: InviteResult | null;
  busy: boolean;
}) {
  const { t } = useTranslation("employer");
  const format = useFormat();
  return (
    <>
      {invitations.length > 0 ? (
        <>
          <h3 className="mt-4 font-semibold">{t("invite.pending")}</h3>
          <ul className="mt-1 list-disc pl-6 text-sm">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                {t("invite.pendingItem", {
                  contact: invitation.phone ? formatMaliPhone(invitation.phone) : invitation.email,
                  date: format.date(invitation.expiresAt, "medium"),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form
        method="post"
        className="card mt-4 space-y-3"
        noValidate
        key={inviteForm && "invited" in inviteForm ? inviteForm.invited.link : "invite"}
      >
        <h3 className="font-semibold">{t("invite.title")}</h3>
        <p className="text-sm text-stone-700">{t("invite.intro")}</p>
        {inviteForm && "invited" in inviteForm ? (
          <Notice tone="success">
            <p>{t("invite.sent", { contact: inviteForm.invited.contact })}</p>
            <p className="mt-1 text-sm">{t("invite.shareLink")}</p>
            <p className="mt-1 break-all font-mono text-sm">{inviteForm.invited.link}</p>
          </Notice>
        ) : null}
        <TextField
          label={t("invite.contact")}
          hint={t("invite.contactHint")}
          name="contact"
          maxLength={254}
          defaultValue={inviteForm && "values" in inviteForm ? inviteForm.values.contact : ""}
          error={inviteForm && "fieldErrors" in inviteForm ? inviteForm.fieldErrors.contact : undefined}
        />
        <button type="submit" name="intent" value="invite" className="btn-secondary" disabled={busy}>
          {t("invite.submit")}
        </button>
      </Form>
    </>
  );
}
