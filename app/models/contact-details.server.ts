// Phone numbers, e-mail addresses and links in an offer's text (contact goes
// through the portal), found in the text as plainText reads it, whatever the
// disguise: 70/12/34/56, full-width digits, bit.ly, x.xyz, "arobase … point com".
import { plainText } from "./rule-text.server";

export type ContactFound = { kind: "phone" | "email" | "link"; text: string };

const words = (list: string) => new Set(list.trim().split(/\s+/));

// Every country code top-level domain.
const COUNTRY_TLDS = words(`
  ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz
  ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm
  fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it
  je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn
  mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps
  pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj
  tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw`);
// Generic ones, old and new, that scam offers use.
const GENERIC_TLDS = words(`
  com net org info biz mobi name pro xyz top site online shop store club live link click app dev page blog
  tech website space fun icu vip work today life world email cloud digital agency company services solutions
  network group center news media africa art bio immo social chat buzz zone global plus win bid loan money
  cash jobs career careers family guru rocks lol ltd inc one gle`);
// Top-level domains that are also French or English words ("expérience.De plus",
// "exigée.Site de …"): a link only with a path or www, or written in lower case
// for the longer ones.
const WORD_TLDS = words(`
  ai am an as at au be by ca cv de do es et id il in is it la lu ma mu my ne no nu pa re sa se si so to us va vu
  site info pro online shop store club live page blog space fun work today life world email cloud digital
  agency company services solutions network group center news media art bio immo social chat zone global
  plus win bid loan money cash jobs career careers family one`);
// Short links and chat links, whatever their top-level domain.
const SHORTENERS = words(`
  bit.ly bitly.com tinyurl.com wa.link wa.me t.me goo.gl ow.ly is.gd v.gd cutt.ly rb.gy shorturl.at tiny.cc
  lnkd.in buff.ly t.co s.id linktr.ee forms.gle m.me youtu.be qrco.de chat.whatsapp.com rebrand.ly bl.ink`);
// Names of software, not sites.
const NOT_LINKS = words("asp.net vb.net ado.net microsoft.net");

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?`;
// A dot, also hidden as (.), [dot], " point ", " dot ".
const DOT = String.raw`(?:\s*[(\[{]\s*(?:\.|dot|point)\s*[)\]}]\s*|\s+(?:dot|point)\s+|\.)`;
const AT = String.raw`(?:\s*@\s*|\s*[(\[{]\s*(?:@|at|arobase)\s*[)\]}]\s*|\s+(?:at|arobase|a\s+commercial)\s+)`;
const WEBMAIL = "gmail|yahoo|hotmail|ymail|icloud|protonmail";

// The name before the @ starts where a word starts: tried once per word, not once per letter.
const LOCAL_PART = String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+`;
const EMAIL = new RegExp(
  String.raw`${LOCAL_PART}${AT}${LABEL}(?:${DOT}${LABEL})+|${LOCAL_PART}(?:${AT}|\s+)(?:${WEBMAIL})(?:${DOT}|\s+)[a-z]{2,3}(?![\p{L}\p{N}])`,
  "giu",
);
// A short link is one even written with spaces and a path: "bit . ly / abc", "t point me/abc".
const SHORT_LINK = new RegExp(
  String.raw`(?<![\p{L}\p{N}/.@_-])(?:${[...SHORTENERS].map((domain) => domain.split(".").join(String.raw`\s*${DOT}\s*`)).join("|")})(?![\p{L}\p{N}])(?:\s*\/\s*[^\s<>"]+)?`,
  "giu",
);
const LINK = new RegExp(
  String.raw`(?:https?:\/\/|www\.)[^\s<>"]+|(?<![\p{L}\p{N}@._%+-])${LABEL}(?:${DOT}${LABEL})+(?:\/[^\s<>"]*)?`,
  "giu",
);

/** Whether a dotted token is a link: a short link, or a name under a known top-level domain. */
function isLink(token: string): boolean {
  if (/^(?:https?:\/\/|www\.)/i.test(token)) return true;
  const [name = "", ...path] = token.replace(new RegExp(DOT, "giu"), ".").split("/");
  const domain = name.toLowerCase();
  if (SHORTENERS.has(domain)) return true;
  if (NOT_LINKS.has(domain)) return false;
  const labels = domain.split(".");
  const tld = labels.at(-1)!;
  // 25.5 kg, 1.200 m2: numbers, not names.
  if (!labels.slice(0, -1).some((label) => /\p{L}/u.test(label))) return false;
  if (!COUNTRY_TLDS.has(tld) && !GENERIC_TLDS.has(tld)) return false;
  if (path.length > 0) return true;
  // M.Sc, B.Sc: an abbreviation, unless a path follows.
  if (labels.length === 2 && labels[0]!.length === 1 && tld.length === 2) return false;
  if (!WORD_TLDS.has(tld)) return true;
  const written = name.split(/\W+/).at(-1)!;
  return tld.length > 2 && written === written.toLowerCase() && /\.[a-z]+$/.test(name);
}

/** An address with @ is an e-mail; one spelled out ("at … point …") only when it ends in a top-level domain. */
function isEmail(text: string): boolean {
  if (text.includes("@")) return true;
  const tld = text
    .split(/[\s.)\]}]+/)
    .at(-1)!
    .toLowerCase();
  return (COUNTRY_TLDS.has(tld) || GENERIC_TLDS.has(tld)) && !(tld.length === 2 && WORD_TLDS.has(tld));
}

// Digits however they are separated: 70 12 34 56, 70/12/34/56, 70_12_34_56, 7 0 1 2 3 4 5 6.
const SEP = String.raw`[\s./\\,;|()_-]`;
const DIGIT_RUN = new RegExp(String.raw`(?:\+|(?<!\d)00)?\d(?:${SEP}{0,3}\d)*`, "g");
const YEAR = /^(?:19|20)\d\d$/;

/** 15/01/2027, 2027-01-20, 2026-2027, 2026/0045: dates, years and references. */
function isDateOrYears(groups: string[]) {
  const sizes = groups.map((g) => g.length).join("-");
  return (
    (sizes === "4-2-2" && YEAR.test(groups[0]!)) ||
    (sizes === "2-2-4" && YEAR.test(groups[2]!)) ||
    (sizes === "4-4" && YEAR.test(groups[0]!))
  );
}

/** The phone numbers in a run of digits: the whole run, or groups of a mobile's shape within it. */
function phonesIn(run: string): string[] {
  const digits = run.replace(/\D/g, "");
  if (/^(?:\+|00)/.test(run)) {
    const number = digits.replace(/^00/, "");
    return number.length >= 9 && number.length <= 15 ? [run] : [];
  }
  const groups = [...run.matchAll(/\d+/g)];
  const sizes = groups.map((g) => g[0]);
  if ((digits.length === 8 && /^[2-9]/.test(digits)) || (digits.length === 11 && digits.startsWith("223"))) {
    return isDateOrYears(sizes) ? [] : [run];
  }
  // Within a longer run (two numbers, or a number beside a count), groups of 1, 2
  // or 4 digits that make 8: a price's groups of 3 (2 500 000) never do.
  const found: string[] = [];
  for (let start = 0; start < groups.length; start++) {
    let length = 0;
    for (let end = start; end < groups.length && [1, 2, 4].includes(groups[end]![0].length); end++) {
      length += groups[end]![0].length;
      if (length > 8) break;
      if (length === 8 && /^[2-9]/.test(groups[start]![0])) {
        found.push(run.slice(groups[start]!.index, groups[end]!.index + groups[end]![0].length));
        start = end;
        break;
      }
    }
  }
  return found;
}

/** Phone numbers, e-mail addresses and links in a text, in that order of kinds: e-mails, links, phones. */
export function findContactDetails(text: string): ContactFound[] {
  // O and l between digits are zeros and ones: 7O 12 34 56.
  let rest = plainText(text).replace(/(?<=\d[\s.-]?)[oOlI](?=[\s.-]?\d)/g, (c) => (/[oO]/.test(c) ? "0" : "1"));
  const found: ContactFound[] = [];
  for (const match of rest.matchAll(EMAIL)) {
    const email = match[0].trim();
    if (isEmail(email)) {
      found.push({ kind: "email", text: email });
      // An e-mail's domain is not reported again as a link, nor its digits as a phone.
      rest = rest.replace(email, " ");
    }
  }
  for (const match of rest.matchAll(SHORT_LINK)) {
    const link = match[0].trim();
    // Spaced out, it needs its path: "M. Me Diarra" is a name.
    if (!/\s/.test(link) || link.includes("/")) {
      found.push({ kind: "link", text: link });
      rest = rest.replace(link, " ");
    }
  }
  for (const match of rest.matchAll(LINK)) {
    const token = match[0].replace(/[.,;:!?)»]+$/, "");
    if (isLink(token)) {
      found.push({ kind: "link", text: token });
      rest = rest.replace(token, " ");
    }
  }
  for (const match of rest.matchAll(DIGIT_RUN)) {
    for (const phone of phonesIn(match[0].replace(new RegExp(`${SEP}+$`), "")))
      found.push({ kind: "phone", text: phone.trim() });
  }
  return found;
}
