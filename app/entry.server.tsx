import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { type EntryContext, type HandleDataRequestFunction, ServerRouter } from "react-router";
import { getLocale, localeCookie, pageI18n, requestedLocale } from "./utils/i18n.server";
import { pageLocale } from "./utils/i18n-pages";
import { contentSecurityPolicy } from "./utils/security.server";

export const streamTimeout = 5_000;

/** `?lng=en` on any request is remembered in the `lng` cookie. */
async function rememberLocale(request: Request, headers: Headers) {
  const lng = requestedLocale(request);
  if (lng) headers.append("Set-Cookie", await localeCookie.serialize(lng));
}

export const handleDataRequest: HandleDataRequestFunction = async (response, { request }) => {
  await rememberLocale(request, response.headers);
  return response;
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
) {
  await rememberLocale(request, responseHeaders);
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }

  // The page's own language: French for a page not in Bambara, whatever the person chose.
  const matches = routerContext.staticHandlerContext.matches.map(({ route }) => ({
    id: route.id,
    handle: routerContext.routeModules[route.id]?.handle,
  }));
  const i18n = pageI18n(pageLocale(await getLocale(request), matches));

  // A new nonce for every page: only React Router's own scripts carry it.
  const nonce = randomBytes(16).toString("base64");
  if (process.env.NODE_ENV === "production")
    responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    // Crawlers get the whole page at once (for the JobPosting data).
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </I18nextProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          pipe(body);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}
