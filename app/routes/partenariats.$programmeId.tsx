import { data, Link, redirect } from "react-router";
import { Notice } from "~/components/Notice";
import { InterestForm, type InterestRefusal, type InterestViewer } from "~/components/programmes/InterestForm";
import { ProgrammeDetails } from "~/components/programmes/ProgrammeDetails";
import { getEmployerMembership } from "~/models/organisations.server";
import { expressInterest, getProgramme, openRequestFor, partnerNames } from "~/models/programmes.server";
import { parseIdParam } from "~/schemas/params";
import { CONTACT_MAX, interestSchema, NEED_MAX } from "~/schemas/programme";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { formatMaliPhone } from "~/utils/phone";
import { clientIp } from "~/utils/request.server";
import type { SessionUser } from "~/utils/session.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/partenariats.$programmeId";

// Its interest form is a plain POST form: without scripts the page can be kept by the public page cache.
export const handle = { i18n: ["common", "programmes"], scripts: false };

type Membership = ReturnType<typeof getEmployerMembership>;

function viewerOf(user: SessionUser | null, membership: Membership, programmeId: number): InterestViewer {
  if (!user) return { kind: "visitor" };
  if (user.role === "candidat") return { kind: "candidate" };
  if (user.role !== "employeur") return { kind: "staff" };
  if (!membership) return { kind: "noCompany" };
  return {
    kind: "employer",
    companyName: membership.org.name,
    openRequestId: openRequestFor(getDb(), membership.org.id, programmeId),
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const id = parseIdParam(params.programmeId);
  const user = await getUser(request);
  const db = getDb();
  const programme = id === null ? null : getProgramme(db, id, { admin: user?.role === "admin" });
  if (!programme) throw data(null, { status: 404 });
  const query = new URL(request.url).searchParams;
  // What a visitor typed before signing up comes back in the address; the company's phone is the default contact.
  const membership = user?.role === "employeur" ? getEmployerMembership(db, user.id) : null;
  const phone = membership?.org.contactPhone;
  return {
    programme: {
      id: programme.id,
      kind: programme.kind,
      status: programme.status,
      texts: programme.texts,
      stipendFcfa: programme.stipendFcfa,
      trainingFcfa: programme.trainingFcfa,
      insurance: programme.insurance,
      durationMonths: programme.durationMonths,
    },
    partners: partnerNames(db, programme.partnerIds),
    viewer: viewerOf(user, membership, programme.id),
    prefill: {
      need: (query.get("need") ?? "").slice(0, NEED_MAX),
      contact: (query.get("contact") ?? (phone ? formatMaliPhone(phone) : "")).slice(0, CONTACT_MAX),
    },
  };
}

const refuse = (refusal: InterestRefusal, status: number) => data<InterestRefusal>(refusal, { status });

export async function action({ request, params, context }: Route.ActionArgs) {
  const id = parseIdParam(params.programmeId);
  const db = getDb();
  const programme = id === null ? null : getProgramme(db, id);
  if (!programme) throw data(null, { status: 404 });
  const user = await getUser(request);
  // Only companies, and visitors about to become one, express an interest.
  if (user && user.role !== "employeur") throw data({ reason: "forbidden" }, { status: 403 });
  const formData = await request.formData();
  const form = parseForm(interestSchema, formData);
  if (!form.ok) return refuse({ fieldErrors: form.fieldErrors, values: form.values }, 400);
  const values = { need: form.data.need, contact: form.data.contact };
  if (programme.status !== "published") {
    return refuse({ fieldErrors: {}, values, formError: "programmes:interest.closed" }, 409);
  }
  if (!user) {
    const back = `/partenariats/${programme.id}?${new URLSearchParams(values)}#interet`;
    const to =
      formData.get("intent") === "login"
        ? `/connexion?${new URLSearchParams({ redirectTo: back })}`
        : `/inscription?${new URLSearchParams({ type: "employeur", redirectTo: back })}`;
    return redirect(to);
  }
  const result = expressInterest(db, user.id, programme.id, form.data, clientIp(context));
  if (result.ok) {
    return redirectWithFlash(`/employeur/partenariats/${result.partnershipId}`, {
      message: "notifications:partnership.requested",
    });
  }
  if (result.reason === "already_open") return refuse({ fieldErrors: {}, values, openId: result.partnershipId }, 409);
  if (result.reason === "programme_closed") {
    return refuse({ fieldErrors: {}, values, formError: "programmes:interest.closed" }, 409);
  }
  return refuse({ fieldErrors: {}, values, formError: "programmes:interest.noCompany" }, 403);
}

export default function ProgrammePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("programmes");
  const { programme, partners, viewer, prefill } = loaderData;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/partenariats" className="inline-flex min-h-11 items-center">
          {t("page.back")}
        </Link>
      </p>
      {programme.status === "draft" ? <Notice tone="warning">{t("page.draft")}</Notice> : null}
      <ProgrammeDetails programme={programme} partners={partners} />
      <section id="interet" aria-labelledby="interest-heading" className="card space-y-3">
        <h2 id="interest-heading" className="text-xl font-semibold">
          {t("interest.heading")}
        </h2>
        {programme.status === "published" ? (
          <InterestForm viewer={viewer} prefill={prefill} refused={actionData} />
        ) : (
          <Notice tone="info" role={null}>
            {t("interest.closed")}
          </Notice>
        )}
      </section>
    </div>
  );
}
