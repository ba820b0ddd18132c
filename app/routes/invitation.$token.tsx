import { data, Form, Link, redirect } from "react-router";
import { NameFields, NewPasswordFields } from "~/components/AccountFields";
import { CheckboxField, FormErrorSummary, TextField } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { acceptInvitation, acceptInvitationAsNewUser, findInvitation, isInvitee } from "~/models/invitations.server";
import { isOrgMember } from "~/models/organisations.server";
import { ContactTakenError } from "~/models/registration.server";
import { invitedAccountSchema } from "~/schemas/organisation";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formValues, parseForm, type RefusedForm } from "~/utils/forms";
import { getLocale } from "~/utils/i18n.server";
import { useBusy } from "~/utils/navigation";
import { formatMaliPhone } from "~/utils/phone";
import { clientIp } from "~/utils/request.server";
import { createUserSession } from "~/utils/session.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/invitation.$token";

export const handle = { i18n: ["common", "employer"] };

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await getUser(request);
  const db = getDb();
  const invitation = findInvitation(db, params.token);
  if (!invitation) throw data(null, { status: 404 });
  const viewer = user
    ? {
        role: user.role,
        alreadyMember: isOrgMember(db, user.id, invitation.orgId),
        invitee: isInvitee(invitation, user),
      }
    : null;
  // Another role's account cannot join an organisation, nor another employer's account: the page says why.
  const refused = user && (user.role !== "employeur" || (!viewer!.alreadyMember && !viewer!.invitee));
  return data(
    {
      orgName: invitation.orgName,
      contact: invitation.phone ? formatMaliPhone(invitation.phone) : invitation.email!,
      contactKind: invitation.phone ? ("phone" as const) : ("email" as const),
      viewer,
    },
    { status: refused ? 403 : 200 },
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await getUser(request);
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (user) {
    if (user.role !== "employeur") throw data(null, { status: 403 });
    if (intent !== "join") throw data(null, { status: 400 });
    const joined = acceptInvitation(db, user.id, params.token, clientIp(context));
    if (!joined) throw data(null, { status: 404 });
    if (!joined.ok) {
      return data<RefusedForm>(
        { fieldErrors: {}, values: {}, formError: "employer:invitation.notInvitee" },
        { status: 403 },
      );
    }
    return redirect("/employeur");
  }

  if (intent !== "register") throw data(null, { status: 400 });
  const form = parseForm(invitedAccountSchema, formData);
  if (!form.ok) return data<RefusedForm>({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  try {
    const account = await acceptInvitationAsNewUser(
      db,
      params.token,
      form.data,
      await getLocale(request),
      clientIp(context),
    );
    if (!account) throw data(null, { status: 404 });
    return createUserSession(db, request, account.id, "/employeur");
  } catch (error) {
    if (!(error instanceof ContactTakenError)) throw error;
    return data<RefusedForm>(
      { fieldErrors: {}, values: formValues(formData), formError: "employer:invitation.contactTaken" },
      { status: 400 },
    );
  }
}

export default function Invitation({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("employer");
  const busy = useBusy();
  const { orgName, contact, contactKind, viewer } = loaderData;
  const values = actionData?.values ?? {};
  const errors = actionData?.fieldErrors ?? {};
  const loginHref = `/connexion?${new URLSearchParams({ redirectTo: `/invitation/${params.token}` })}`;

  return (
    <section className="mx-auto max-w-lg space-y-4" aria-labelledby="invitation-title">
      <title>{`${t("invitation.title", { orgName })} · Baara`}</title>
      <h1 id="invitation-title" className="text-2xl font-bold">
        {t("invitation.title", { orgName })}
      </h1>
      <p className="text-stone-700">{t("invitation.intro", { orgName })}</p>

      {viewer && viewer.role !== "employeur" ? (
        <Notice tone="error">{t("invitation.wrongRole", { role: t(`common:role.${viewer.role}`) })}</Notice>
      ) : null}

      {viewer?.role === "employeur" && viewer.alreadyMember ? (
        <p>
          {t("invitation.alreadyMember", { orgName })} <Link to="/employeur">{t("invitation.goToSpace")}</Link>
        </p>
      ) : null}

      {viewer?.role === "employeur" && !viewer.alreadyMember && !viewer.invitee ? (
        <Notice tone="error">{t("invitation.notInvitee", { context: contactKind, contact, orgName })}</Notice>
      ) : null}

      {viewer?.role === "employeur" && !viewer.alreadyMember && viewer.invitee ? (
        <Form method="post">
          <button type="submit" name="intent" value="join" className="btn" disabled={busy}>
            {t("invitation.join", { orgName })}
          </button>
        </Form>
      ) : null}

      {viewer ? null : (
        <>
          <p>
            {t("invitation.haveAccount")} <Link to={loginHref}>{t("invitation.loginFirst")}</Link>
          </p>
          <Form method="post" className="card space-y-4" noValidate>
            <h2 className="text-lg font-semibold">{t("invitation.createAccount")}</h2>
            <FormErrorSummary errors={errors} message={actionData?.formError} />
            <NameFields label={(key) => t(`invitation.${key}`)} values={values} errors={errors} />
            <TextField
              label={t(`invitation.contact.${contactKind}`)}
              hint={t("invitation.contactHint")}
              name="invitedContact"
              value={contact}
              readOnly
            />
            <NewPasswordFields label={(key) => t(`invitation.${key}`)} errors={errors} />
            <CheckboxField
              name="consent"
              label={t("invitation.consent")}
              hint={<Link to="/confidentialite">{t("invitation.privacyLink")}</Link>}
              defaultChecked={values.consent === "on"}
              error={errors.consent}
            />
            <button type="submit" name="intent" value="register" className="btn w-full" disabled={busy}>
              {t("invitation.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
