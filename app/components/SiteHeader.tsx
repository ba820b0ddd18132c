import { useTranslation } from "react-i18next";
import { Form, Link, NavLink } from "react-router";
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
    { to: "/candidat/compte", label: "nav.account" },
  ],
  employeur: [
    { to: "/employeur", label: "nav.employerHome", end: true },
    { to: "/employeur/offres", label: "nav.employerOffers" },
    { to: "/employeur/organisation", label: "nav.employerOrganisation" },
  ],
  conseiller: [
    { to: "/conseiller", label: "nav.counsellorHome", end: true },
    { to: "/conseiller/candidats", label: "nav.candidates" },
    { to: "/conseiller/placements", label: "nav.placements" },
    { to: "/conseiller/moderation", label: "nav.moderation" },
    { to: "/conseiller/rapports", label: "nav.reports" },
  ],
  admin: [
    { to: "/admin", label: "nav.adminHome", end: true },
    { to: "/admin/utilisateurs", label: "nav.users" },
    { to: "/admin/organisations", label: "nav.partners" },
    { to: "/admin/journal", label: "nav.journal" },
    { to: "/conseiller", label: "nav.counsellorHome" },
  ],
};

/** Where each role reads its notifications (the list is on their home page). */
const NOTIFICATIONS_PAGE: Partial<Record<Role, string>> = {
  candidat: "/candidat#notifications",
  employeur: "/employeur#notifications",
};

export function SiteHeader({
  user,
  locale,
}: {
  user: { role: Role; displayName: string; unread: number } | null;
  locale: string;
}) {
  const { t } = useTranslation();
  const items: NavItem[] = [{ to: "/offres", label: "nav.offers" }, ...(user ? NAV_BY_ROLE[user.role] : [])];
  return (
    <header className="border-b border-brand-100 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="text-xl font-bold text-brand-700 no-underline">
          Baara
        </Link>
        <nav aria-label={t("nav.label")} className="flex-1">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  className={({ isActive }) =>
                    isActive ? "font-semibold text-ink no-underline" : "text-brand-700 no-underline hover:underline"
                  }
                >
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          {user ? (
            <>
              <Link to={user.role === "candidat" ? "/candidat/compte" : "/compte"} className="text-sm text-stone-700">
                <span className="sr-only">{t("nav.account")} – </span>
                {user.displayName}
              </Link>
              {NOTIFICATIONS_PAGE[user.role] ? (
                <Link to={NOTIFICATIONS_PAGE[user.role]!} className="text-sm">
                  {t("nav.notifications", { count: user.unread })}
                </Link>
              ) : null}
              <Form method="post" action="/deconnexion">
                <button type="submit" className="text-sm font-semibold text-brand-700 underline">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/connexion">{t("nav.login")}</Link>
              <Link to="/inscription" className="btn py-1 text-sm">
                {t("nav.register")}
              </Link>
            </>
          )}
          <LanguageSwitch locale={locale} />
        </div>
      </div>
    </header>
  );
}
