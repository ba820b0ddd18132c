import { Form, Link, NavLink, useLocation } from "react-router";
import { useTranslation } from "~/utils/translation";
import type { Role } from "../../db/enums";
import { LanguageSwitch } from "./LanguageSwitch";

type NavItem = { to: string; label: string; end?: boolean };

/** Links of each role's space (pages that exist; later features add theirs here). */
const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  candidat: [
    { to: "/candidat", label: "nav.candidateHome", end: true },
    { to: "/candidat/profil", label: "nav.profile" },
    { to: "/candidat/candidatures", label: "nav.applications" },
    { to: "/candidat/alertes", label: "nav.alerts" },
    { to: "/candidat/favoris", label: "nav.saved" },
    { to: "/candidat/compte", label: "nav.account" },
  ],
  employeur: [
    { to: "/employeur", label: "nav.employerHome", end: true },
    { to: "/employeur/offres", label: "nav.employerOffers" },
    { to: "/employeur/partenariats", label: "nav.employerPartnerships" },
    { to: "/employeur/organisation", label: "nav.employerOrganisation" },
  ],
  conseiller: [
    { to: "/conseiller", label: "nav.counsellorHome", end: true },
    { to: "/conseiller/candidats", label: "nav.candidates" },
    { to: "/conseiller/placements", label: "nav.placements" },
    { to: "/conseiller/rappels", label: "nav.callbacks" },
    { to: "/conseiller/partenariats", label: "nav.partnerships" },
    { to: "/conseiller/moderation", label: "nav.moderation" },
    { to: "/conseiller/rapports", label: "nav.reports" },
  ],
  admin: [
    { to: "/admin", label: "nav.adminHome", end: true },
    { to: "/admin/utilisateurs", label: "nav.users" },
    { to: "/admin/organisations", label: "nav.partners" },
    { to: "/admin/programmes", label: "nav.programmes" },
    { to: "/admin/journal", label: "nav.journal" },
    { to: "/conseiller", label: "nav.counsellorHome" },
    { to: "/conseiller/partenariats", label: "nav.partnerships" },
  ],
};

/** Where each role reads its notifications (the list is on their home page). */
const NOTIFICATIONS_PAGE: Partial<Record<Role, string>> = {
  candidat: "/candidat#notifications",
  employeur: "/employeur#notifications",
  conseiller: "/conseiller#notifications",
  admin: "/conseiller#notifications",
};

type HeaderUser = { role: Role; displayName: string; unread: number };

// A row of 44 px links on a wide screen, a list of full-width ones in the folded menu of a phone.
const MENU_LINK = "flex min-h-11 items-center no-underline md:inline-flex";
// Opened on a phone, the menu lies over the page under the header. On a wide screen it is the header's row;
// when the links and the person's own links do not fit on one line, the latter go right on a second one.
const MENU_PANEL = [
  "absolute inset-x-0 top-full z-20 space-y-2 border-b border-brand-100 bg-white px-4 pb-3 shadow-md",
  "md:static md:flex md:flex-wrap md:items-center md:gap-x-4 md:space-y-0 md:border-0 md:p-0 md:shadow-none",
].join(" ");

/**
 * The brand and one menu. On a phone the menu is a <details> (no JavaScript needed), so the header
 * stays one line; on a wide screen the same links show as a row (app.css, `.site-menu`).
 */
export function SiteHeader({ user, locale }: { user: HeaderUser | null; locale: string }) {
  const { t } = useTranslation();
  // A client-side navigation from the open menu shows the new page with the menu folded again.
  const { key } = useLocation();
  // Companies without an account learn here what they can do with the IOM (an employer finds the
  // programmes from "Mes partenariats", and everyone from the footer).
  const forCompanies: NavItem[] = user ? [] : [{ to: "/partenariats", label: "nav.partnerships" }];
  const items: NavItem[] = [
    { to: "/offres", label: "nav.offers" },
    ...forCompanies,
    ...(user ? NAV_BY_ROLE[user.role] : []),
  ];
  return (
    <header className="border-b border-brand-100 bg-white">
      <div className="relative mx-auto flex max-w-5xl items-center gap-x-4 px-4 py-2 md:items-start">
        <Link to="/" className="inline-flex min-h-11 items-center text-xl font-bold text-brand-700 no-underline">
          Baara
        </Link>
        <details key={key} className="site-menu ml-auto md:ml-0 md:flex-1">
          <summary className="btn-secondary cursor-pointer list-none px-3 [&::-webkit-details-marker]:hidden">
            <MenuIcon />
            {t("nav.menu")}
            {user && user.unread > 0 ? (
              <span className="rounded-full bg-brand-700 px-2 text-sm text-white">
                <span className="sr-only">{t("nav.notifications", { count: user.unread })}: </span>
                {user.unread}
              </span>
            ) : null}
          </summary>
          <div className={MENU_PANEL}>
            <nav aria-label={t("nav.label")} className="md:flex-auto">
              <ul className="divide-y divide-stone-100 md:flex md:flex-wrap md:gap-x-4 md:divide-y-0">
                {items.map((item) => (
                  <li key={item.to}>
                    <NavLink
                      to={item.to}
                      end={item.end}
                      className={({ isActive }) =>
                        isActive
                          ? `${MENU_LINK} border-l-4 border-brand-700 pl-2 font-semibold text-ink md:border-0 md:pl-0`
                          : `${MENU_LINK} text-brand-700 hover:underline`
                      }
                    >
                      {t(item.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2 md:ml-auto">
              {user ? <UserLinks user={user} /> : <VisitorLinks />}
              <LanguageSwitch locale={locale} role={user?.role} />
            </div>
          </div>
        </details>
      </div>
    </header>
  );
}

function UserLinks({ user }: { user: HeaderUser }) {
  const { t } = useTranslation();
  const notifications = NOTIFICATIONS_PAGE[user.role];
  return (
    <>
      <Link to={user.role === "candidat" ? "/candidat/compte" : "/compte"} className={`${MENU_LINK} text-stone-700`}>
        <span className="sr-only">{t("nav.account")} – </span>
        {user.displayName}
      </Link>
      {notifications ? (
        <Link to={notifications} className={MENU_LINK}>
          {t("nav.notifications", { count: user.unread })}
        </Link>
      ) : null}
      <Form method="post" action="/deconnexion">
        <button type="submit" className="font-semibold text-brand-700 underline">
          {t("nav.logout")}
        </button>
      </Form>
    </>
  );
}

function VisitorLinks() {
  const { t } = useTranslation();
  return (
    <>
      <Link to="/connexion" className={MENU_LINK}>
        {t("nav.login")}
      </Link>
      <Link to="/inscription" className="btn">
        {t("nav.register")}
      </Link>
    </>
  );
}

function MenuIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M3 5h14M3 10h14M3 15h14" strokeLinecap="round" />
    </svg>
  );
}
