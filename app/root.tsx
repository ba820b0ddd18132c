import type { i18n as I18n } from "i18next";
import { useContext, useEffect, useRef } from "react";
import { I18nContext, I18nextProvider, useTranslation } from "react-i18next";
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import "./app.css";
import { ErrorPage } from "./components/ErrorPage";
import { SiteFooter } from "./components/SiteFooter";
import { SiteHeader } from "./components/SiteHeader";
import { unreadNotificationCount } from "./models/notifications.server";
import { getUser } from "./utils/auth.server";
import { getDb } from "./utils/db.server";
import { DEFAULT_LOCALE, type Locale } from "./utils/i18n";
import { getLocale, translation } from "./utils/i18n.server";
import { pageLocale, routeNamespaces } from "./utils/i18n-pages";

export const handle = { i18n: ["common"] };

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export async function loader({ request }: Route.LoaderArgs) {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  // `?lng=` only changes this browser's pages (a cookie): a link must not change the language of
  // someone's SMS and e-mails, which they choose on their account page.
  return data({
    locale,
    // Said in Bambara on a page shown in French to a person who chose Bambara.
    frenchOnly: locale === "bm" ? translation("bm", "common", "layout.frenchOnly") : null,
    user: user
      ? {
          id: user.id,
          role: user.role,
          displayName: user.displayName,
          unread: unreadNotificationCount(getDb(), user.id),
        }
      : null,
  });
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/**
 * A route whose handle says `scripts: false` is sent without JavaScript: it reads and submits with
 * plain links and GET forms, and a phone on a slow network gets it in a few kilobytes (a 100 KB
 * first-visit budget cannot hold React and React Router, about 128 KB compressed, on their own).
 */
function useScripts() {
  return !useMatches().some((match) => (match.handle as { scripts?: boolean } | undefined)?.scripts === false);
}

/** The language chosen (cookie or `?lng=`) and the one this page is shown in (French if not in Bambara). */
function usePageLocale(): { chosen: Locale; shown: Locale } {
  const chosen = useRootData()?.locale ?? DEFAULT_LOCALE;
  return { chosen, shown: pageLocale(chosen, useMatches()) };
}

/**
 * The namespaces the matched routes declare in `handle.i18n`. The browser holds only those of the
 * page it first loaded: asking for them here suspends a client navigation (React keeps the current
 * page on screen) until the new page's namespaces are fetched, so that it never renders its keys.
 */
function useRouteNamespaces() {
  return useTranslation(routeNamespaces(useMatches()));
}

const copies = new WeakMap<I18n, Map<Locale, I18n>>();

/**
 * i18next in the page's language: the instance the document was rendered with, or a copy sharing its
 * texts and loader. A client navigation between a Bambara page and a French one swaps instances
 * instead of changing the language of the one the page on screen still reads.
 */
function instanceFor(base: I18n, lng: Locale): I18n {
  if (base.language === lng) return base;
  const byLanguage = copies.get(base) ?? new Map<Locale, I18n>();
  copies.set(base, byLanguage);
  const copy = byLanguage.get(lng) ?? base.cloneInstance({ lng });
  byLanguage.set(lng, copy);
  return copy;
}

/**
 * After a client navigation to another page, focus moves to its main heading (or to <main>), so that
 * a screen reader announces the new page instead of staying on the link that was followed. The first
 * load and a change of the query or fragment alone (filters, pages of a list) leave focus where it is.
 */
function useFocusOnNavigation() {
  const { pathname, hash } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    const main = document.getElementById("contenu");
    // A link to a part of the page (`/candidat#notifications`) lands on that part.
    const target = (hash && document.getElementById(hash.slice(1))) || main?.querySelector("h1");
    if (target && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    (target ?? main)?.focus({ preventScroll: true });
  }, [pathname, hash]);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const base = useContext(I18nContext)?.i18n;
  const { shown } = usePageLocale();
  if (!base) return <Document>{children}</Document>;
  return (
    <I18nextProvider i18n={instanceFor(base, shown)}>
      <Document>{children}</Document>
    </I18nextProvider>
  );
}

function Document({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const scripts = useScripts();
  useFocusOnNavigation();
  const { t } = useTranslation();
  const { chosen, shown } = usePageLocale();
  return (
    <html lang={shown} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#92400e" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#contenu"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
        >
          {t("layout.skipToContent")}
        </a>
        <SiteHeader user={root?.user ?? null} locale={chosen} />
        <main id="contenu" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6" tabIndex={-1}>
          {shown !== chosen && root?.frenchOnly ? (
            <p lang={chosen} className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm">
              {root.frenchOnly}
            </p>
          ) : null}
          {children}
        </main>
        <SiteFooter />
        {scripts ? (
          <>
            <ScrollRestoration />
            <Scripts />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  useRouteNamespaces();
  return <Outlet />;
}

export function ErrorBoundary() {
  useRouteNamespaces();
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // The stack trace stays in the server log; the person sees a page in their language.
  if (!isRouteErrorResponse(error) && import.meta.env.SSR) console.error(error);
  return <ErrorPage status={status} />;
}
