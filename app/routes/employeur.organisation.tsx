import { data, Form } from "react-router";
import { MEMBERSHIP_CHOICES } from "~/components/choices";
import { bindFields, ChoiceGroup, FormErrorSummary, TextareaField, TextField } from "~/components/Field";
import { FlashNotice, Notice } from "~/components/Notice";
import { InviteColleague } from "~/components/organisation/InviteColleague";
import { PendingIdentityRequest } from "~/components/organisation/PendingIdentityRequest";
import { CommuneField, RegionField, SectorField } from "~/components/ReferenceFields";
import { TitledSection } from "~/components/TitledSection";
import { pendingIdentityRequest, withdrawIdentityRequest } from "~/models/identity-requests.server";
import { inviteColleague, listPendingInvitations } from "~/models/invitations.server";
import { identityChangeResubmits, showsDecisionReason } from "~/models/lifecycles/organisation";
import { getEmployerMembership, listMembers, updateOrganisation } from "~/models/organisations.server";
import { invitationSchema, organisationSchema } from "~/schemas/organisation";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readFlash, redirectWithFlash, withFlashCleared } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { formatMaliPhone } from "~/utils/phone";
import { publicUrl } from "~/utils/public-url.server";
import { clientIp } from "~/utils/request.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/employeur.organisation";

export const handle = { i18n: ["common", "employer"] };

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireRole(request, "employeur");
  const db = getDb();
  const membership = getEmployerMembership(db, user.id);
  if (!membership) throw data(null, { status: 403 });
  const { org, role } = membership;
  const { flash, headers } = await readFlash(request);
  return withFlashCleared(
    {
      org,
      isOwner: role === "owner",
      members: listMembers(db, org.id),
      identityRequest: pendingIdentityRequest(db, org.id),
      invitations: role === "owner" ? listPendingInvitations(db, org.id) : [],
      flash,
    },
    headers,
  );
}

type ActionData =
  | { form: "organisation"; fieldErrors: FieldErrors; values: FormValues }
  | { form: "invite"; fieldErrors: FieldErrors; values: FormValues }
  | { form: "invite"; invited: { contact: string; link: string } }
  | { form: "identity"; error: string };

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireRole(request, "employeur");
  const formData = await request.formData();
  const db = getDb();
  const intent = formData.get("intent");

  if (intent === "invite") {
    const form = parseForm(invitationSchema, formData);
    if (!form.ok)
      return data<ActionData>({ form: "invite", fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
    const result = inviteColleague(db, user.id, form.data.contact);
    if (!result || (!result.ok && result.error === "notOwner")) throw data(null, { status: 403 });
    if (!result.ok) {
      return data<ActionData>(
        {
          form: "invite",
          fieldErrors: { contact: `employer:invite.errors.${result.error}` },
          values: formValues(formData),
        },
        { status: 400 },
      );
    }
    const { phone, email } = form.data.contact;
    // The link is shown once, so that the owner may also pass it on themselves.
    const link = publicUrl(`/invitation/${result.token}`);
    return data<ActionData>({ form: "invite", invited: { contact: phone ? formatMaliPhone(phone) : email!, link } });
  }
  if (intent === "withdrawIdentity") {
    // Scoped by the user's own organisation: no request id comes from the form.
    if (!withdrawIdentityRequest(db, user.id, clientIp(context))) {
      return data<ActionData>(
        { form: "identity", error: "organisation.identityRequest.nothingPending" },
        { status: 404 },
      );
    }
    return redirectWithFlash("/employeur/organisation", { message: "employer:organisation.saved.retiree" });
  }
  if (intent !== "save") throw data(null, { status: 400 });

  const form = parseForm(organisationSchema, formData);
  if (!form.ok) {
    return data<ActionData>(
      { form: "organisation", fieldErrors: form.fieldErrors, values: form.values },
      { status: 400 },
    );
  }
  const result = updateOrganisation(db, user.id, form.data, clientIp(context));
  if (!result) throw data(null, { status: 403 });
  const saved = result.backToVerification
    ? "verification"
    : result.identityRequest === "requested"
      ? "demande"
      : result.identityRequest === "withdrawn"
        ? "retiree"
        : "ok";
  return redirectWithFlash("/employeur/organisation", { message: `employer:organisation.saved.${saved}` });
}

const STATUS_STYLE: Record<string, string> = {
  verified: "border-green-700 bg-green-50",
  pending: "border-amber-300 bg-amber-50",
  rejected: "border-red-700 bg-red-50",
  suspended: "border-red-700 bg-red-50",
};

export default function Organisation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("employer");
  const busy = useBusy();
  const { org, isOwner, members, invitations, identityRequest, flash } = loaderData;
  const orgForm = actionData?.form === "organisation" ? actionData : null;
  const inviteForm = actionData?.form === "invite" ? actionData : null;
  // A pending request shows what was asked, so that saving other fields keeps it.
  const identity = identityRequest ?? org;
  const values: FormValues = orgForm?.values ?? {
    name: identity.name,
    rccm: identity.rccm ?? "",
    nif: identity.nif ?? "",
    sector: org.sector ?? "",
    region: org.region ?? "",
    commune: org.commune ?? "",
    description: org.description ?? "",
    contactName: org.contactName ?? "",
    contactPhone: org.contactPhone ? formatMaliPhone(org.contactPhone) : "",
    contactEmail: org.contactEmail ?? "",
    membership: org.membership,
  };
  const errors = orgForm?.fieldErrors ?? {};
  const field = bindFields(values, errors);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <title>{`${t("organisation.title")} · Baara`}</title>
      <h1 className="text-2xl font-bold">{t("organisation.title")}</h1>

      <FlashNotice flash={flash} />

      <section
        aria-labelledby="verification-title"
        className={`rounded-md border p-3 ${STATUS_STYLE[org.verificationStatus]}`}
      >
        <h2 id="verification-title" className="font-semibold">
          {t("organisation.verification")} {t(`common:verificationStatus.${org.verificationStatus}`)}
        </h2>
        <p className="mt-1">{t(`organisation.verificationHelp.${org.verificationStatus}`)}</p>
        {showsDecisionReason(org.verificationStatus) && org.verificationReason ? (
          <p className="mt-1">{t("organisation.reason", { reason: org.verificationReason })}</p>
        ) : null}
      </section>

      {identityRequest ? (
        <PendingIdentityRequest
          current={org}
          request={identityRequest}
          busy={busy}
          error={actionData?.form === "identity" ? actionData.error : undefined}
        />
      ) : actionData?.form === "identity" ? (
        <Notice tone="error">{t(actionData.error)}</Notice>
      ) : null}

      <TitledSection id="details-title" title={t("organisation.details")}>
        {/* A new key when the request comes or goes: the fields show the identity afresh. */}
        <Form
          method="post"
          className="card mt-2 space-y-4"
          noValidate
          key={identityRequest ? `request-${identityRequest.requestedAt.getTime()}` : "checked"}
        >
          <FormErrorSummary errors={errors} />
          {org.verificationStatus === "verified" ? (
            <p className="text-sm text-stone-700">{t("organisation.identityNoteVerified")}</p>
          ) : null}
          {identityChangeResubmits(org.verificationStatus) ? (
            <p className="text-sm text-stone-700">{t("organisation.identityNoteRejected")}</p>
          ) : null}
          <TextField label={t("organisation.name")} {...field("name")} required maxLength={120} />
          <TextField
            label={t("organisation.rccm")}
            hint={t("organisation.rccmHint")}
            {...field("rccm")}
            maxLength={40}
          />
          <TextField label={t("organisation.nif")} hint={t("organisation.nifHint")} {...field("nif")} maxLength={15} />
          <SectorField
            label={t("organisation.sector")}
            required
            placeholder={t("organisation.choose")}
            defaultValue={values.sector}
            error={errors.sector}
          />
          <RegionField
            label={t("organisation.region")}
            required
            placeholder={t("organisation.choose")}
            defaultValue={values.region}
            error={errors.region}
          />
          <CommuneField
            label={t("organisation.commune")}
            hint={t("organisation.communeHint")}
            defaultValue={values.commune}
            error={errors.commune}
          />
          <TextareaField
            label={t("organisation.description")}
            hint={t("organisation.descriptionHint")}
            {...field("description")}
            maxLength={1000}
          />
          <fieldset className="space-y-4">
            <legend className="text-lg font-semibold">{t("organisation.contact")}</legend>
            <TextField
              label={t("organisation.contactName")}
              {...field("contactName")}
              maxLength={120}
              autoComplete="name"
            />
            <TextField
              label={t("organisation.contactPhone")}
              hint={t("organisation.contactPhoneHint")}
              {...field("contactPhone")}
              type="tel"
              inputMode="tel"
            />
            <TextField label={t("organisation.contactEmail")} {...field("contactEmail")} type="email" />
          </fieldset>
          <ChoiceGroup
            legend={t("organisation.membership")}
            name="membership"
            choices={MEMBERSHIP_CHOICES.map((m) => ({ value: m, label: t(`organisation.memberships.${m}`) }))}
            selected={[values.membership ?? "none"]}
            error={errors.membership}
          />
          <button type="submit" name="intent" value="save" className="btn" disabled={busy}>
            {t("organisation.save")}
          </button>
        </Form>
      </TitledSection>

      <TitledSection id="members-title" title={t("organisation.members")}>
        <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {members.map((member) => (
            <li key={member.userId} className="flex justify-between gap-2 p-3">
              <span>{member.displayName}</span>
              <span className="text-sm text-stone-700">{t(`organisation.role.${member.role}`)}</span>
            </li>
          ))}
        </ul>
        {isOwner ? (
          <InviteColleague invitations={invitations} result={inviteForm} busy={busy} />
        ) : (
          <p className="mt-2 text-sm text-stone-700">{t("invite.ownerOnly")}</p>
        )}
      </TitledSection>
    </div>
  );
}
