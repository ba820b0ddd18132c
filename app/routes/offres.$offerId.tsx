import type { ReactNode } from "react";
import { data, Link } from "react-router";
import { JobPostingJsonLd } from "~/components/JobPostingJsonLd";
import { Notice } from "~/components/Notice";
import { OfferKeypadCode } from "~/components/OfferKeypadCode";
import { ApplyBar, mayApply, OfferApply } from "~/components/offer/OfferApply";
import { OfferMarkers } from "~/components/offer/OfferMarkers";
import { offerAnchor, SaveOfferButton } from "~/components/offer/SaveOfferButton";
import { ShareOffer } from "~/components/offer/ShareOffer";
import { SimilarOffers } from "~/components/offer/SimilarOffers";
import { VerifiedBadge } from "~/components/VerifiedBadge";
import { candidateApplicationFor } from "~/models/applications.server";
import { getOfferForViewer } from "~/models/offers.server";
import { saveStateFor } from "~/models/saved-offers.server";
import { similarOpenOffers } from "~/models/similar-offers.server";
import { parseIdParam } from "~/schemas/params";
import { getUser } from "~/utils/auth.server";
import { channelNumbers } from "~/utils/channel-numbers";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { placeName } from "~/utils/place";
import { publicUrl } from "~/utils/public-url.server";
import { useTranslation } from "~/utils/translation";
import type { Route } from "./+types/offres.$offerId";

export const handle = { i18n: ["common", "offers", "applications", "saved", "channels"], scripts: false };

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await getUser(request);
  const offerId = parseIdParam(params.offerId);
  const found = offerId === null ? null : getOfferForViewer(getDb(), offerId, viewer);
  if (!found) throw data(null, { status: 404 });
  const { offer, org, isOpen } = found;
  const db = getDb();
  const application = viewer?.role === "candidat" ? candidateApplicationFor(db, viewer.id, offer.id) : null;
  const similar = isOpen ? similarOpenOffers(db, offer) : [];
  // Why the public cannot see it (shown to its organisation and counsellors only).
  const hiddenBecause = isOpen
    ? null
    : offer.status !== "published"
      ? "status"
      : org.verificationStatus !== "verified"
        ? "organisation"
        : "closingDate";
  return {
    offer: {
      id: offer.id,
      type: offer.type,
      title: offer.title,
      description: offer.description,
      sector: offer.sector,
      region: offer.region,
      commune: offer.commune,
      contract: offer.contract,
      positions: offer.positions,
      payAmount: offer.payAmount,
      payPeriod: offer.payPeriod,
      durationMonths: offer.durationMonths,
      minEducation: offer.minEducation,
      languages: offer.languages,
      provider: offer.provider,
      endDate: offer.endDate,
      certificate: offer.certificate,
      startDate: offer.startDate,
      closingDate: offer.closingDate,
      status: offer.status,
      publishedAt: offer.publishedAt ? offer.publishedAt.toISOString() : null,
      rejectionReason: isOpen ? null : offer.rejectionReason,
    },
    org: { id: org.id, name: org.name, verified: org.verificationStatus === "verified" },
    isOpen,
    hiddenBecause,
    viewerRole: viewer?.role ?? null,
    application: application
      ? { id: application.id, status: application.status, createdAt: application.createdAt.toISOString() }
      : null,
    // Applying by SMS or USSD works only while the offer is open.
    keypad: isOpen && offer.shortCode ? { code: offer.shortCode, ...channelNumbers() } : null,
    url: publicUrl(`/offres/${offer.id}`),
    orgUrl: publicUrl(`/entreprises/${org.id}`),
    similar,
    // Only an open offer can be saved (a candidate's list keeps one that closed since).
    save: isOpen ? saveStateFor(db, viewer, [offer.id, ...similar.map((o) => o.id)]) : null,
  };
}

/** The first sentences of the description, on one line, for previews (200 characters at most). */
function summary(text: string, max = 200) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export default function OfferPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("offers");
  const format = useFormat();
  const { offer, org, isOpen, hiddenBecause, viewerRole, application, url, orgUrl, similar, save, keypad } = loaderData;
  const description = summary(offer.description);
  const place = placeName(offer.commune, t(`common:region.${offer.region}`));
  const payLabel = offer.type === "emploi" ? t("offer.pay") : t("offer.stipend");
  const pay = offer.payAmount
    ? t(`common:payPeriod.${offer.payPeriod}`, { amount: format.money(offer.payAmount) })
    : null;
  // The key facts come first, beside the apply button; the others under them.
  const keyFacts: [string, ReactNode][] = [
    [t("offer.location"), place],
    [t("offer.contract"), t(`common:contract.${offer.contract}`)],
  ];
  if (pay) keyFacts.push([payLabel, pay]);
  keyFacts.push([t("offer.closingDate"), format.date(offer.closingDate)]);
  const details: [string, ReactNode][] = [
    [t("offer.positions"), t("offer.positionsCount", { count: offer.positions })],
  ];
  if (offer.durationMonths)
    details.push([t("offer.duration"), t("offer.durationMonths", { count: offer.durationMonths })]);
  if (offer.minEducation) details.push([t("offer.education"), t(`common:education.${offer.minEducation}`)]);
  if (offer.languages.length > 0) {
    details.push([t("offer.languages"), offer.languages.map((code) => t(`common:language.${code}`)).join(", ")]);
  }
  if (offer.startDate) details.push([t("offer.startDate"), format.date(offer.startDate)]);
  if (offer.type === "formation") {
    if (offer.provider) details.push([t("offer.provider"), offer.provider]);
    if (offer.endDate) details.push([t("offer.endDate"), format.date(offer.endDate)]);
    if (offer.certificate) details.push([t("offer.certificate"), offer.certificate]);
  }
  const applyBar = isOpen && mayApply(viewerRole, application);

  return (
    <article className="space-y-6" aria-labelledby="offer-title">
      <title>{t("offer.titleTag", { title: offer.title, org: org.name })}</title>
      <meta name="description" content={description} />
      <meta property="og:title" content={offer.title} />
      <meta property="og:description" content={description} />
      <meta property="og:type" content="website" />
      <meta property="og:url" content={url} />
      <link rel="canonical" href={url} />
      <meta property="og:locale" content={{ en: "en_GB", bm: "bm_ML" }[i18n.language] ?? "fr_FR"} />
      {isOpen ? (
        <JobPostingJsonLd
          offer={{
            ...offer,
            regionLabel: t(`common:region.${offer.region}`),
            orgName: org.name,
            orgUrl,
            url,
          }}
        />
      ) : null}

      {hiddenBecause ? (
        <Notice tone="warning">
          <p className="font-semibold">
            {t(`offer.notPublic.${hiddenBecause}`, {
              status: t(`common:offerStatus.${offer.status}`).toLocaleLowerCase(i18n.language),
            })}
          </p>
          {offer.rejectionReason ? (
            <p className="mt-1">{t("offer.rejectionReason", { reason: offer.rejectionReason })}</p>
          ) : null}
        </Notice>
      ) : null}

      {/* On a phone's first screen: what, who, where, pay, until when, and the apply button. */}
      <div id={offerAnchor(offer.id)} className="space-y-3">
        <header>
          <p className="flex flex-wrap items-center gap-2 text-sm font-semibold uppercase tracking-wide text-brand-700">
            <span>{t(`common:offerType.${offer.type}`)}</span>
            {isOpen ? <OfferMarkers offer={offer} t={t} /> : null}
          </p>
          <h1 id="offer-title" className="mt-1 text-2xl font-bold break-words sm:text-3xl">
            {offer.title}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2">
            {org.verified ? (
              <>
                <Link to={`/entreprises/${org.id}`} className="font-semibold">
                  {org.name}
                </Link>
                <VerifiedBadge label={t("offer.verified")} />
              </>
            ) : (
              <span className="font-semibold">{org.name}</span>
            )}
          </p>
        </header>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          {keyFacts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-stone-600">{label}</dt>
              <dd className="font-medium">{value}</dd>
            </div>
          ))}
        </dl>
        {isOpen ? (
          <div className="flex flex-wrap items-start gap-2">
            <div className="flex-1">
              <OfferApply offerId={offer.id} viewerRole={viewerRole} application={application} />
            </div>
            <SaveOfferButton offerId={offer.id} title={offer.title} buttons={save ?? undefined} />
          </div>
        ) : null}
      </div>

      <section aria-labelledby="offer-details" className="card">
        <h2 id="offer-details" className="sr-only">
          {t("offer.details")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
          {details.map(([label, value]) => (
            <div key={label}>
              <dt className="text-sm text-stone-600">{label}</dt>
              <dd className="font-medium">{value}</dd>
            </div>
          ))}
        </dl>
        {offer.publishedAt ? (
          <p className="mt-2 text-sm text-stone-600">
            {t("offer.publishedOn", { date: format.date(offer.publishedAt) })}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="offer-description">
        <h2 id="offer-description" className="text-xl font-semibold">
          {t("offer.description")}
        </h2>
        {/* Plain text: line breaks kept by CSS, any HTML shown as typed. */}
        <p className="mt-2 whitespace-pre-line break-words">{offer.description}</p>
      </section>

      {keypad ? <OfferKeypadCode keypad={keypad} /> : null}

      {isOpen ? (
        <section className="card space-y-4">
          <ShareOffer title={offer.title} url={url} />
          <p className="text-sm">
            <Link to={`/offres/${offer.id}/signaler`}>{t("offer.report")}</Link>
            <span className="block text-stone-600">{t("offer.reportHint")}</span>
          </p>
        </section>
      ) : null}

      <SimilarOffers offers={similar} save={save} />

      <p>
        <Link to="/offres" className="inline-flex min-h-11 items-center">
          ← {t("offer.back")}
        </Link>
      </p>
      {applyBar ? <ApplyBar offerId={offer.id} title={offer.title} /> : null}
    </article>
  );
}
