import { Form, Link } from "react-router";
import { bindFields, SelectField, TextField } from "~/components/Field";
import { ItemActionForm } from "~/components/ItemActionForm";
import { MatchReasons } from "~/components/MatchReasons";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { placeName } from "~/utils/place";
import { useTranslation } from "~/utils/translation";
import type { Route } from "../../routes/+types/conseiller.candidats.$userId";
import { Section } from "./Section";

type Matches = Route.ComponentProps["loaderData"]["matches"];

export function MatchesSection({
  matches,
  errors,
  values,
}: {
  matches: Matches;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { t } = useTranslation("counsellor");
  const field = bindFields(values, errors);
  return (
    <Section id="file-matches" title={t("file.matches")}>
      <p className="text-sm text-stone-700">{t("file.matchesIntro")}</p>
      {matches.length === 0 ? <p>{t("file.noMatches")}</p> : null}
      <ul className="space-y-3">
        {matches.map((offer) => (
          <li key={offer.id} className="border-t border-stone-200 pt-2">
            <p className="font-semibold">
              <Link to={`/offres/${offer.id}`}>{offer.title}</Link> · {offer.orgName}
            </p>
            <p className="text-sm">
              {placeName(offer.commune, t(`common:region.${offer.region}`))} · {t(`common:offerType.${offer.type}`)}
            </p>
            <MatchReasons reasons={offer.reasons} />
            <ItemActionForm
              fields={{ offerId: offer.id }}
              intent="refer.review"
              formClassName="mt-1"
              className="btn-secondary"
              aria-label={`${t("file.refer")} : ${offer.title}`}
            >
              {t("file.refer")}
            </ItemActionForm>
          </li>
        ))}
      </ul>
      <Form method="post" className="space-y-3 border-t border-stone-200 pt-3">
        <h3 className="text-lg font-semibold">{t("file.byPhone")}</h3>
        <p className="text-sm text-stone-700">{t("file.byPhoneHelp")}</p>
        {matches.length > 0 ? (
          <SelectField
            label={t("file.offer")}
            name="offerId"
            placeholder="—"
            options={matches.map((o) => ({ value: String(o.id), label: `${o.title} · ${o.orgName}` }))}
            defaultValue={values?.offerId ?? ""}
          />
        ) : null}
        <TextField label={t("file.otherOffer")} {...field("otherOfferId")} inputMode="numeric" maxLength={20} />
        <button type="submit" name="intent" value="phone.review" className="btn-secondary">
          {t("file.byPhoneSubmit")}
        </button>
      </Form>
    </Section>
  );
}
