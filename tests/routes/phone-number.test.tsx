// @vitest-environment jsdom
// PhoneNumber: a callable number is two links (call, WhatsApp); anything else is plain text.
// Bad input tried: a script, a number too short, a foreign number.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PhoneNumber } from "../../app/components/PhoneNumber";

afterEach(cleanup);

describe("PhoneNumber", () => {
  it("a Malian number: grouped by two, a call link and a WhatsApp link named with the number", () => {
    render(<PhoneNumber phone="+22376303719" />);
    const call = screen.getByRole("link", { name: "+223 76 30 37 19" });
    expect(call.getAttribute("href")).toBe("tel:+22376303719");
    const whatsapp = screen.getByRole("link", { name: "WhatsApp +223 76 30 37 19" });
    expect(whatsapp.getAttribute("href")).toBe("https://wa.me/22376303719");
    expect(whatsapp.textContent).toBe("WhatsApp");
    for (const link of [call, whatsapp]) expect(link.className).toContain("min-h-11");
  });

  it("a foreign number written in full: as typed, with both links", () => {
    render(<PhoneNumber phone="+33 6 12 34 56 78" />);
    expect(screen.getByRole("link", { name: "+33 6 12 34 56 78" }).getAttribute("href")).toBe("tel:+33612345678");
    expect(screen.getByRole("link", { name: "WhatsApp +33 6 12 34 56 78" }).getAttribute("href")).toBe(
      "https://wa.me/33612345678",
    );
  });

  it.each(["7630371", "<script>alert(1)</script>", "appeler le soir"])("%j: shown as typed, no link", (phone) => {
    const { container } = render(<PhoneNumber phone={phone} />);
    expect(container.textContent).toBe(phone);
    expect(screen.queryAllByRole("link")).toEqual([]);
    expect(container.querySelector("script")).toBeNull();
  });
});
