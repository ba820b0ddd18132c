// OFFRES <métier> [région]: the three best open offers for these words, each with the
// keypad code that POSTULER takes, in one SMS.

import { ensureShortCode } from "~/models/offer-codes.server";
import { searchOffers } from "~/models/search.server";
import type { Db } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import { foldWord } from "./keywords.server";
import { fitLines, payText, regionName, regionNames, roomFor } from "./text.server";
import type { SmsReply } from "./types.server";

const SHOWN = 3;
const PLACE_CHARS = 14;
const WORDS_SHOWN = 30;

/** The region the words name (its whole name, accents and case ignored), and the other words. */
export function splitRegion(args: string[]) {
  const folded = args.map(foldWord);
  for (const { code, name } of regionNames()) {
    for (const written of [name, code]) {
      const parts = written.split(/[\s'-]+/).map(foldWord);
      const at = folded.findIndex((_, i) => parts.every((part, j) => folded[i + j] === part));
      if (at >= 0) return { region: code, words: args.filter((_, i) => i < at || i >= at + parts.length) };
    }
  }
  return { region: undefined, words: args };
}

export function offersReply(db: Db, locale: Locale, args: string[]): SmsReply {
  const { region, words } = splitRegion(args);
  const q = words.join(" ");
  const found = searchOffers(db, { q, region }).items.slice(0, SHOWN);
  if (found.length === 0) {
    const asked = args.join(" ").slice(0, WORDS_SHOWN);
    return { name: "noOffers", values: { words: asked } };
  }
  const lines = found.map((offer) => {
    const place = (offer.commune || regionName(offer.region)).slice(0, PLACE_CHARS);
    const pay = payText(locale, offer.payAmount, offer.payPeriod);
    return {
      head: `${ensureShortCode(db, offer.id)} `,
      flex: offer.title,
      tail: `, ${place}${pay ? `, ${pay}` : ""}`,
    };
  });
  return { name: "offers", values: { offers: fitLines(lines, roomFor(locale, "offers", "offers"), SHOWN) } };
}
