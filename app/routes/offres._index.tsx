import { Form, Link } from "react-router";
import { ActiveFilterChips, type FilterChip } from "~/components/ActiveFilterChips";
import { TextField } from "~/components/Field";
import { FilterForm } from "~/components/FilterForm";
import { Pagination } from "~/components/Pagination";
import { SearchResults } from "~/components/SearchResults";
import { saveStateFor } from "~/models/saved-offers.server";
import { searchOffers } from "~/models/search.server";
import { parseSearchQuery, type SearchQuery } from "~/schemas/search";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useFormat } from "~/utils/format";
import { REGION_CODES, SECTOR_CODES } from "~/utils/reference";
import { MAX_QUERY_LENGTH, type SearchParam, searchHref } from "~/utils/search-url";
import { useTranslation } from "~/utils/translation";
import { CONTRACTS, OFFER_TYPES } from "../../db/enums";
import type { Route } from "./+types/offres._index";

export const handle = { i18n: ["common", "offers", "candidate", "saved"], scripts: false };

export async function loader({ request }: Route.LoaderArgs) {
  const query = parseSearchQuery(new URL(request.url).searchParams);
  const result = searchOffers(getDb(), {
    q: query.q || undefined,
    type: query.type,
    region: query.region,
    sector: query.secteur,
    contract: query.contrat,
    sort: query.tri === "date" ? "date" : "relevance",
    page: query.page,
  });
  const save = saveStateFor(
    getDb(),
    await getUser(request),
    result.items.map((item) => item.id),
  );
  return { query, ...result, save };
}

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The filters in use, each with the label a person reads (to offer removing it). */
function useActiveFilters(query: SearchQuery) {
  const { t } = useTranslation("offers");
  const filters: { param: SearchParam; label: string }[] = [];
  if (query.type) filters.push({ param: "type", label: t(`common:offerType.${query.type}`) });
  if (query.region) filters.push({ param: "region", label: t(`common:region.${query.region}`) });
  if (query.secteur) filters.push({ param: "secteur", label: t(`common:sector.${query.secteur}`) });
  if (query.contrat) filters.push({ param: "contrat", label: t(`common:contract.${query.contrat}`) });
  return filters;
}

/** The words searched and each filter in use, as links to the same search without them. */
function useFilterChips(query: SearchQuery, filters: { param: SearchParam; label: string }[]): FilterChip[] {
  const { t } = useTranslation("offers");
  const words: FilterChip[] = query.q
    ? [
        {
          label: t("search.queryChip", { q: shorten(query.q, 40) }),
          removeLabel: t("search.removeQuery", { q: shorten(query.q, 60) }),
          href: searchHref(query, { q: undefined, page: undefined, tri: undefined }),
        },
      ]
    : [];
  return [
    ...words,
    ...filters.map((filter) => ({
      label: filter.label,
      removeLabel: t("search.removeFilter", { label: filter.label }),
      href: searchHref(query, { [filter.param]: undefined, page: undefined }),
    })),
  ];
}

export default function Search({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("offers");
  const format = useFormat();
  const { query, items, total, capped, page, pageCount } = loaderData;
  const filters = useActiveFilters(query);
  const chips = useFilterChips(query, filters);
  const select = (name: SearchParam, label: string, all: string, options: readonly string[], labelKey: string) => (
    <div>
      <label htmlFor={`search-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`search-${name}`} name={name} className="field" defaultValue={query[name] ?? ""}>
        <option value="">{all}</option>
        {options.map((value) => (
          <option key={value} value={value}>
            {t(`common:${labelKey}.${value}`)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="space-y-4">
      <title>{query.q ? t("search.titleFor", { q: shorten(query.q, 60) }) : t("search.title")}</title>
      <meta name="description" content={t("search.description")} />
      <h1 className="text-2xl font-bold break-words">
        {query.q ? t("search.headingFor", { q: shorten(query.q, 80) }) : t("search.heading")}
      </h1>

      {/* A GET form: the URL of the results can be shared, and it works without JavaScript. The words
          and the button come first; the other filters are folded, so that results start on a phone's
          first screen (the chips above the results show those in use). */}
      <FilterForm
        texts={{ label: t("search.formLabel"), submit: t("search.submit") }}
        className="card grid grid-cols-[1fr_auto] items-end gap-x-2 gap-y-1"
        buttonsClassName="flex"
        folded={{
          summary: filters.length > 0 ? t("search.filtersCount", { count: filters.length }) : t("search.filters"),
          submit: t("search.applyFilters"),
          children: (
            <>
              {select("type", t("search.type"), t("search.allTypes"), OFFER_TYPES, "offerType")}
              {select("region", t("search.region"), t("search.allRegions"), REGION_CODES, "region")}
              {select("secteur", t("search.sector"), t("search.allSectors"), SECTOR_CODES, "sector")}
              {select("contrat", t("search.contract"), t("search.allContracts"), CONTRACTS, "contract")}
              <div>
                <label htmlFor="search-tri" className="block text-sm font-medium">
                  {t("search.sort")}
                </label>
                {/* Relevance is the default (the URL stays short); without words, the newest come first anyway. */}
                <select id="search-tri" name="tri" className="field" defaultValue={query.tri === "date" ? "date" : ""}>
                  <option value="">{t("search.sortRelevance")}</option>
                  <option value="date">{t("search.sortDate")}</option>
                </select>
              </div>
            </>
          ),
        }}
      >
        <TextField
          label={t("search.q")}
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={MAX_QUERY_LENGTH}
          placeholder={t("search.qPlaceholder")}
        />
      </FilterForm>

      <section aria-labelledby="search-results">
        <h2 id="search-results" className="text-lg font-semibold" aria-live="polite">
          {capped
            ? t("search.totalCapped", { total: format.number(total) })
            : t("search.total", { count: total, total: format.number(total) })}
          {pageCount > 1
            ? ` · ${t("search.pageOf", { page: format.number(page), pageCount: format.number(pageCount) })}`
            : null}
        </h2>
        <ActiveFilterChips
          label={t("search.activeFilters")}
          chips={chips}
          clearAll={{ label: t("search.removeAll"), href: "/offres" }}
        />
        {items.length === 0 ? (
          <EmptyResult query={query} filters={filters} />
        ) : (
          <SearchResults offers={items} query={query} widenedTo={loaderData.widenedTo} save={loaderData.save} />
        )}
        <Pagination page={page} pageCount={pageCount} hrefFor={(n) => searchHref(query, { page: n })} />
      </section>
      {query.q || filters.length > 0 ? <AlertForm query={query} /> : null}
    </div>
  );
}

/** Nothing found: the chips above remove the words or a filter; one link shows every open offer. */
function EmptyResult({ query, filters }: { query: SearchQuery; filters: { param: SearchParam; label: string }[] }) {
  const { t } = useTranslation("offers");
  if (!query.q && filters.length === 0) return <p className="mt-2">{t("search.noneOpen")}</p>;
  return (
    <div className="mt-2 space-y-2">
      <p>{t("search.empty")}</p>
      <p>{t("search.emptyHint")}</p>
      <p>
        <Link to="/offres" className="inline-flex min-h-11 items-center">
          {t("search.clearAll")}
        </Link>
      </p>
    </div>
  );
}

/**
 * "Alert me": a plain POST to /candidat/alertes with the search in hidden
 * fields. A visitor is asked to log in and comes back to confirm the alert.
 */
function AlertForm({ query }: { query: SearchQuery }) {
  const { t } = useTranslation("candidate");
  const fields = { q: query.q, type: query.type, region: query.region, secteur: query.secteur, contrat: query.contrat };
  return (
    <Form method="post" action="/candidat/alertes" className="card flex flex-wrap items-center justify-between gap-3">
      <p className="text-stone-700">{t("alerts.fromSearch")}</p>
      {Object.entries(fields).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <button type="submit" name="intent" value="save" className="btn-secondary">
        {t("alerts.saveSearch")}
      </button>
    </Form>
  );
}
