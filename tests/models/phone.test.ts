import { describe, expect, it } from "vitest";
import { displayPhone, formatMaliPhone, normalizeMaliPhone } from "../../app/utils/phone";

describe("normalizeMaliPhone", () => {
  it.each([
    "70 00 00 01",
    "70000001",
    "+223 70 00 00 01",
    "+22370000001",
    "0022370000001",
    "00223 70 00 00 01",
    "223 70000001",
    "22370000001",
    "70.00.00.01",
    "70-00-00-01",
    "  70 00 00 01  ",
    "(+223) 70-00-00-01",
  ])("reads %j as +22370000001", (input) => {
    expect(normalizeMaliPhone(input)).toBe("+22370000001");
  });

  it("accepts landlines (2…, 4…) and every mobile range (5… to 9…)", () => {
    expect(normalizeMaliPhone("20 22 33 44")).toBe("+22320223344");
    expect(normalizeMaliPhone("44 90 12 34")).toBe("+22344901234");
    expect(normalizeMaliPhone("66 12 34 56")).toBe("+22366123456");
    expect(normalizeMaliPhone("99 12 34 56")).toBe("+22399123456");
  });

  it("keeps an 8-digit national number that happens to begin with 223", () => {
    expect(normalizeMaliPhone("22 31 23 45")).toBe("+22322312345");
  });

  it.each([
    ["too short", "12345"],
    ["national number starting with 0", "0170000001"],
    ["national number starting with 1", "10000001"],
    ["a French number", "+33612345678"],
    ["7 digits", "7000000"],
    ["9 digits", "700000011"],
    ["country code and 9 digits", "+223700000011"],
    ["letters", "7O OO OO O1"],
    ["words", "my phone"],
    ["empty", ""],
    ["blank", "   "],
    ["10 000 characters", "7".repeat(10_000)],
    ["SQL", "'; DROP TABLE users;--"],
    ["two numbers", "70000001 70000002"],
  ])("refuses %s", (_label, input) => {
    expect(normalizeMaliPhone(input)).toBeNull();
  });
});

describe("formatMaliPhone", () => {
  it("writes an E.164 Malian number the way people in Mali read it", () => {
    expect(formatMaliPhone("+22370000001")).toBe("70 00 00 01");
    expect(formatMaliPhone("+22376123456")).toBe("76 12 34 56");
  });

  it("round-trips with normalizeMaliPhone", () => {
    for (const written of ["70 11 22 33", "+223 65 43 21 09", "0022390000000"]) {
      const e164 = normalizeMaliPhone(written)!;
      expect(normalizeMaliPhone(formatMaliPhone(e164))).toBe(e164);
    }
  });
});

describe("displayPhone", () => {
  it.each([
    ["a stored Malian number", "+22376303719", "+223 76 30 37 19", "22376303719"],
    ["a Malian number as people write it", "76 30 37 19", "+223 76 30 37 19", "22376303719"],
    ["a landline", "+22320223344", "+223 20 22 33 44", "22320223344"],
    ["a French number", "+33 6 12 34 56 78", "+33 6 12 34 56 78", "33612345678"],
    ["an Ivorian number with 00", "00225 07 07 12 34 56", "00225 07 07 12 34 56", "2250707123456"],
  ])("%s: grouped text, tel: and wa.me links", (_label, stored, text, international) => {
    expect(displayPhone(stored)).toEqual({
      text,
      links: { tel: `tel:+${international}`, whatsapp: `https://wa.me/${international}` },
    });
  });

  it.each([
    ["too short", "7630371", "7630371"],
    ["9 digits after +223", "+223763037199", "+223763037199"],
    ["a foreign number too short", "+33 6 12", "+33 6 12"],
    ["16 digits", "+1234567890123456", "+1234567890123456"],
    ["no country code", "0612345678", "0612345678"],
    ["letters", "  appeler le soir ", "appeler le soir"],
    ["a script", "<script>alert(1)</script>", "<script>alert(1)</script>"],
    ["SQL", "'; DROP TABLE users;--", "'; DROP TABLE users;--"],
    ["empty", "", ""],
  ])("%s: shown as typed, without links", (_label, stored, text) => {
    expect(displayPhone(stored)).toEqual({ text, links: null });
  });
});
