import { useTranslation } from "react-i18next";
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
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
import { DEFAULT_LOCALE } from "./utils/i18n";
import { getLocale } from "./utils/i18n.server";

export const handle = { i18n: ["common"] };

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export async function loader({ request }: Route.LoaderArgs) {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  // `?lng=` only changes this browser's pages (a cookie): a link must not change the language of
  // someone's SMS and e-mails, which they choose on their account page.
  return data({
    locale,
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

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const scripts = useScripts();
  const { t } = useTranslation();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  return (
    <html lang={locale} dir="ltr">
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
        <SiteHeader user={root?.user ?? null} locale={locale} />
        <main id="contenu" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6" tabIndex={-1}>
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
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // The stack trace stays in the server log; the person sees a page in their language.
  if (!isRouteErrorResponse(error) && import.meta.env.SSR) console.error(error);
  return <ErrorPage status={status} />;
}
