// schema.org JobPosting (https://schema.org/JobPosting), read by search engines
// and job aggregators. Only open offers carry it.

const EMPLOYMENT_TYPE: Record<string, string> = {
  cdi: "FULL_TIME",
  cdd: "TEMPORARY",
  journalier: "PER_DIEM",
  saisonnier: "TEMPORARY",
  apprentissage: "INTERN",
  stage: "INTERN",
  formation: "OTHER",
};

const UNIT_TEXT: Record<string, string | undefined> = { month: "MONTH", day: "DAY" };

export type JobPostingInput = {
  title: string;
  description: string;
  contract: string;
  publishedAt: string | null;
  closingDate: string;
  commune: string | null;
  regionLabel: string;
  payAmount: number | null;
  payPeriod: string;
  orgName: string;
  orgUrl: string;
  url: string;
};

export function jobPosting(offer: JobPostingInput) {
  const unitText = UNIT_TEXT[offer.payPeriod];
  return {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    title: offer.title,
    description: offer.description,
    url: offer.url,
    datePosted: offer.publishedAt ?? undefined,
    // Applications are taken until the end of the closing day (Mali is on UTC).
    validThrough: `${offer.closingDate}T23:59:59Z`,
    employmentType: EMPLOYMENT_TYPE[offer.contract] ?? "OTHER",
    hiringOrganization: { "@type": "Organization", name: offer.orgName, sameAs: offer.orgUrl },
    jobLocation: {
      "@type": "Place",
      address: {
        "@type": "PostalAddress",
        addressLocality: offer.commune ?? undefined,
        addressRegion: offer.regionLabel,
        addressCountry: "ML",
      },
    },
    // A total amount (a training stipend) has no schema.org unit: left out.
    baseSalary:
      offer.payAmount && unitText
        ? {
            "@type": "MonetaryAmount",
            currency: "XOF",
            value: { "@type": "QuantitativeValue", value: offer.payAmount, unitText },
          }
        : undefined,
    directApply: false,
  };
}

/**
 * The JSON inside a <script>: `<` is written `\u003c` so that a title holding
 * `</script>` or `<!--` cannot end the script early (JSON.parse reads it back).
 */
export function scriptSafeJson(value: unknown) {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function JobPostingJsonLd({ offer }: { offer: JobPostingInput }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON, not HTML, with "<" escaped by scriptSafeJson.
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(jobPosting(offer)) }} />;
}
