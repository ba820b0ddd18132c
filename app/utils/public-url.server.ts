/**
 * The portal's own address for absolute links (SMS, e-mails, canonical, og:url,
 * JSON-LD): PUBLIC_URL, never a request's Host or X-Forwarded-Host, which anyone
 * can set (and a cache could then keep for everybody).
 */
export function publicUrl(path: string): string {
  const base = (process.env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return `${base}${path}`;
}
