import { describe, expect, it } from "vitest";
import { addDays, addMonths, isoToday } from "../../app/utils/dates";
import { formatDate, formatMoney, formatNumber } from "../../app/utils/format";
import { safeRedirect } from "../../app/utils/request.server";

describe("addMonths", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2025-08-31", 6, "2026-02-28"],
    ["2027-08-31", 6, "2028-02-29"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-01-15", 1, "2026-02-15"],
    ["2026-11-15", 3, "2027-02-15"],
    ["2026-12-31", 1, "2027-01-31"],
    ["2026-10-10", 6, "2027-04-10"],
    ["2026-05-20", 12, "2027-05-20"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-01-10", -1, "2025-12-10"],
  ])("%s + %i months = %s", (start, months, expected) => {
    expect(addMonths(start, months)).toBe(expected);
  });

  it("gives the 1, 3 and 6 month follow-up dates of a placement", () => {
    expect([1, 3, 6].map((m) => addMonths("2026-05-31", m))).toEqual(["2026-06-30", "2026-08-31", "2026-11-30"]);
  });
});

describe("addDays and isoToday", () => {
  it("crosses months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });

  it("gives Mali's date (UTC)", () => {
    expect(isoToday(new Date("2026-11-29T23:59:59Z"))).toBe("2026-11-29");
    expect(isoToday(new Date("2026-11-30T00:00:00Z"))).toBe("2026-11-30");
  });
});

describe("formatMoney and formatNumber", () => {
  it("writes 50 000 F CFA in French", () => {
    expect(formatMoney(50000, "fr")).toMatch(/^50\s000 F CFA$/);
  });

  it("writes 50,000 F CFA in English", () => {
    expect(formatMoney(50000, "en")).toBe("50,000 F CFA");
  });

  it("groups millions", () => {
    expect(formatNumber(1250000, "fr")).toMatch(/^1\s250\s000$/);
    expect(formatNumber(1250000, "en")).toBe("1,250,000");
  });
});

describe("formatDate", () => {
  it("writes a date in French and in English", () => {
    expect(formatDate("2026-11-29", "fr")).toBe("29 novembre 2026");
    expect(formatDate("2026-11-29", "en")).toBe("29 November 2026");
  });

  it("keeps the calendar day of an ISO date, and reads timestamps in Mali's time", () => {
    expect(formatDate("2026-01-01", "fr")).toBe("1 janvier 2026");
    expect(formatDate(Date.UTC(2026, 6, 14, 23, 30), "fr")).toBe("14 juillet 2026");
    expect(formatDate(new Date(Date.UTC(2026, 6, 14, 23, 30)), "en")).toBe("14 July 2026");
  });

  it("has a short style", () => {
    expect(formatDate("2026-11-29", "fr", "short")).toBe("29/11/2026");
    expect(formatDate("2026-11-29", "en", "short")).toBe("29/11/2026");
  });
});

describe("safeRedirect", () => {
  it.each([
    "//evil.example",
    "//evil.example/connexion",
    "https://evil.example",
    "http:/evil.example",
    "/\\evil",
    "javascript:alert(1)",
    "",
    "evil.example",
    " /x",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to, "/candidat")).toBe("/candidat");
  });

  it.each([null, undefined, 42, {}, ["/offres"], new File(["x"], "x.txt")])("refuses the non-string %#", (to) => {
    expect(safeRedirect(to as never, "/employeur")).toBe("/employeur");
  });

  it.each(["/offres?q=a", "/offres/12", "/", "/candidat/profil#cv"])("accepts %j", (to) => {
    expect(safeRedirect(to, "/candidat")).toBe(to);
  });

  it("falls back to / by default", () => {
    expect(safeRedirect("https://evil.example")).toBe("/");
  });

  // Fails: browsers (and the WHATWG URL parser) drop tabs from a URL before resolving
  // it, so "/<TAB>/evil.example" in a Location header takes the person to evil.example
  // (see report). A tab is legal in an HTTP header value, so Node sends it as is.
  it.each(["/\t/evil.example", "/\t\\evil.example", "/\t\t/evil.example/connexion"])(
    "never leads off the site, even with %j",
    (to) => {
      const target = new URL(safeRedirect(to, "/candidat"), "https://baara.ml/connexion");
      expect(target.origin).toBe("https://baara.ml");
    },
  );
});
