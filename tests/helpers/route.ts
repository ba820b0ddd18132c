// Route modules called as the server would call them for one session, and
// rendered in a routes stub inside the i18n provider. A route test declares its
// people and pages; the plumbing is here.
import { type ComponentType, createElement } from "react";
import { createRoutesStub } from "react-router";
import type { Locale } from "../../app/utils/i18n";
import { createTestI18n, WithI18n } from "./i18n";

/** A route's loader or action, whatever its generated argument types. */
export type Handler = (args: never) => unknown;
export type Fields = Record<string, string | string[]>;
/** What a loader or action throws: a Response, or `data(value, init)`. */
export type Thrown = { init?: ResponseInit | null; data?: unknown } & Partial<Response>;
type Args = { request: Request; params?: Record<string, string | undefined>; context?: unknown };

/** The same request, sent with this session's Cookie header (or none). */
export function withCookie(request: Request, cookie?: string): Request {
  if (!cookie) return request;
  const headers = new Headers(request.headers);
  headers.set("Cookie", cookie);
  return new Request(request, { headers });
}

/** The Set-Cookie lines of a Response, or of `data(value, { headers })`. */
function setCookiesOf(result: unknown): string[] {
  if (result instanceof Response) return result.headers.getSetCookie();
  const headers = (result as { init?: ResponseInit | null } | null | undefined)?.init?.headers;
  return headers ? new Headers(headers).getSetCookie() : [];
}

/** Keeps what the cookies set by `result` leave in `jar`, as a browser would (an empty or expired one goes). */
function storeCookies(jar: Map<string, string>, result: unknown) {
  for (const line of setCookiesOf(result)) {
    const [pair = "", ...attributes] = line.split(";");
    const name = pair.slice(0, pair.indexOf("=")).trim();
    const value = pair.slice(pair.indexOf("=") + 1);
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
    if (expired) jar.delete(name);
    else jar.set(name, value);
  }
}

const joinCookies = (cookie: string | undefined, jar: Map<string, string>) =>
  [cookie, ...[...jar].map(([name, value]) => `${name}=${value}`)].filter(Boolean).join("; ");

/**
 * The Cookie header of the next request after `response`: this session's `cookie`
 * and what the response set (a flash message for the page it redirects to).
 */
export function cookiesAfter(response: unknown, cookie?: string): string {
  const jar = new Map<string, string>();
  storeCookies(jar, response);
  return joinCookies(cookie, jar);
}

/** Cookies set by the stub's loaders and actions, sent back with its next requests. */
const stubCookies = new Map<string, string>();

/** FormData from fields, repeated fields (checkbox groups) appended once per value. */
export function toFormData(fields: Fields): FormData {
  const formData = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) formData.append(key, v);
  }
  return formData;
}

/**
 * The loader or action as the server runs it for the session of `cookie`, for a
 * routes stub; `context` replaces the stub's (the client's IP, for instance).
 */
export function as(cookie: string | undefined, handler: Handler, context?: unknown) {
  return (args: Args): unknown =>
    handler({
      ...args,
      request: withCookie(args.request, joinCookies(cookie, stubCookies)),
      ...(context ? { context } : {}),
    } as never);
}

/** A stub's loader or action that sends back and keeps cookies (a flash message) as a browser would. */
function withBrowserCookies(handler: Handler) {
  return async (args: Args): Promise<unknown> => {
    const request = withCookie(args.request, joinCookies(args.request.headers.get("Cookie") ?? undefined, stubCookies));
    try {
      const result = await handler({ ...args, request } as never);
      storeCookies(stubCookies, result);
      return result;
    } catch (thrown) {
      storeCookies(stubCookies, thrown);
      throw thrown;
    }
  };
}

const inBrowser = (routes: StubRoute[]): StubRoute[] =>
  routes.map((route) => ({
    ...route,
    ...(route.loader ? { loader: withBrowserCookies(route.loader as Handler) } : {}),
    ...(route.action ? { action: withBrowserCookies(route.action as Handler) } : {}),
    ...(route.children ? { children: inBrowser(route.children) } : {}),
  }));

type CallOptions = {
  cookie?: string;
  params?: Record<string, string>;
  /** Posted as the form; without it the request is a GET. */
  body?: Fields | FormData | URLSearchParams;
  context?: unknown;
  init?: RequestInit;
};

/**
 * Calls a loader (GET) or an action (POST when a body is given) on `path`.
 * Async, so that a handler throwing synchronously gives a rejected promise too.
 */
export async function callRoute<H extends Handler>(
  handler: H,
  path: string,
  options: CallOptions = {},
): Promise<Awaited<ReturnType<H>>> {
  const { cookie, params = {}, body, context = {}, init = {} } = options;
  const form =
    body === undefined || body instanceof FormData || body instanceof URLSearchParams ? body : toFormData(body);
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request(`http://localhost${path}`, {
    ...(form ? { method: "POST", body: form } : {}),
    ...init,
    headers,
  });
  return (await handler({ request, params, context } as never)) as Awaited<ReturnType<H>>;
}

/**
 * The data of the page an action's redirect leads to: `loader` called on its Location
 * with the session's `cookie` and what the redirect set (its flash message).
 */
export async function followRedirect(response: unknown, loader: Handler, options: Omit<CallOptions, "body"> = {}) {
  const location = (response as Response).headers.get("Location");
  if (!location) throw new Error("expected a redirect");
  const page = await callRoute(loader, location.split("#")[0]!, {
    ...options,
    cookie: cookiesAfter(response, options.cookie),
  });
  return (page as { data?: unknown } | null)?.data ?? page;
}

/** What the promise (or function) threw; fails the test when it did not throw. */
export async function thrownBy<T = Thrown>(promise: Promise<unknown> | (() => unknown)): Promise<T> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    return error as T;
  }
  throw new Error("expected a thrown response");
}

/** The HTTP status of what a loader or action returned or threw. */
export function statusOf(result: unknown): number | undefined {
  if (result instanceof Response) return result.status;
  return (result as { init?: ResponseInit | null } | undefined)?.init?.status;
}

/** The status of the response the promise threw. */
export async function thrownStatus(promise: Promise<unknown> | (() => unknown)) {
  return statusOf(await thrownBy(promise));
}

/** The status of what the promise gave (200 for plain data) or threw (500 for a crash). */
export async function outcomeStatus(promise: Promise<unknown>) {
  try {
    return statusOf(await promise) ?? 200;
  } catch (error) {
    return statusOf(error) ?? 500;
  }
}

/** What the promise gave, or what it threw. */
export async function settled(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    return await (typeof promise === "function" ? promise() : promise);
  } catch (thrown) {
    return thrown;
  }
}

export type StubRoute = {
  path: string;
  Component?: unknown;
  loader?: unknown;
  action?: unknown;
  ErrorBoundary?: unknown;
  children?: StubRoute[];
};

type RenderOptions = {
  lng?: Locale;
  /** The stub's context for loaders and actions not wrapped by `as`. */
  context?: unknown;
  /** Waits for the page's first-level heading before handing back (the default). */
  heading?: boolean;
};

/** Renders the routes at `url` inside the i18n provider; gives Testing Library's result (to unmount). */
export async function renderStub(routes: StubRoute[], url: string, { lng = "fr", context }: RenderOptions = {}) {
  const { render } = await import("@testing-library/react");
  stubCookies.clear();
  const i18n = await createTestI18n(lng);
  const Stub = createRoutesStub(inBrowser(routes) as never, context as never) as ComponentType<{
    initialEntries: string[];
  }>;
  return render(createElement(WithI18n, { i18n }, createElement(Stub, { initialEntries: [url] })));
}

/** Renders the routes at `url` as the browser would show them; gives a user to click and type. */
export async function renderRoutes(routes: StubRoute[], url: string, options: RenderOptions = {}) {
  const [{ screen }, { default: userEvent }] = await Promise.all([
    import("@testing-library/react"),
    import("@testing-library/user-event"),
  ]);
  await renderStub(routes, url, options);
  if (options.heading ?? true) await screen.findByRole("heading", { level: 1 });
  return userEvent.setup();
}

/** The visible error message tied to a field by aria-describedby. */
export function errorOf(field: HTMLElement) {
  const ids = (field.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id.endsWith("-error"));
  return ids.map((id) => document.getElementById(id)?.textContent).join(" ");
}
