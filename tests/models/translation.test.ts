import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { Trans } from "react-i18next";
import { describe, expect, it } from "vitest";
import { pageI18n } from "~/utils/i18n.server";
import { serverTranslator } from "~/utils/translation";

describe("the server's translations, kept per language for the process", () => {
  it("answers each language from its own instance, the same text on every call", () => {
    const french = serverTranslator(pageI18n("fr"), "common");
    const english = serverTranslator(pageI18n("en"), "common");
    expect(french("layout.skipToContent")).toBe("Aller au contenu");
    expect(english("layout.skipToContent")).toBe("Skip to content");
    // Remembered, and never the other language's.
    expect(french("layout.skipToContent")).toBe("Aller au contenu");
    expect(pageI18n("fr")).toBe(pageI18n("fr"));
  });

  it("works out again every text asked with values (counts, names), never a remembered one", () => {
    const t = serverTranslator(pageI18n("fr"), "offers");
    expect(t("search.total", { count: 1, total: "1" })).toBe("1 offre");
    expect(t("search.total", { count: 3, total: "3" })).toBe("3 offres");
  });

  it("answers Bambara from its own texts, and a key nobody wrote as the key itself", () => {
    const bambara = serverTranslator(pageI18n("bm"), "common");
    expect(bambara("layout.skipToContent")).toBe("Taa sɛbɛn yɔrɔ la");
    expect(bambara("a.key.nobody.wrote")).toBe("a.key.nobody.wrote");
  });

  it("gives <Trans> its namespace: a sentence with bold parts is written out, never its key", () => {
    const t = serverTranslator(pageI18n("fr"), "channels");
    const html = renderToString(
      createElement(Trans, {
        t,
        i18nKey: "keypad.apply",
        values: { code: "8790", number: "36 22", ussd: "*384*22#" },
        components: { b: createElement("strong") },
      }),
    );
    expect(html).toBe(
      "Envoyez <strong>POSTULER 8790</strong> au <strong>36 22</strong> ou composez <strong>*384*22#</strong>.",
    );
  });
});
