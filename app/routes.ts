import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("inscription", "routes/inscription.tsx"),
  route("connexion", "routes/connexion.tsx"),
  route("deconnexion", "routes/deconnexion.tsx"),
  route("candidat", "routes/candidat._index.tsx"),
  route("employeur", "routes/employeur._index.tsx"),
  route("conseiller", "routes/conseiller._index.tsx"),
  route("admin", "routes/admin._index.tsx"),
  route("confidentialite", "routes/confidentialite.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
