// @vitest-environment jsdom
// What an offer card says at a glance: "Nouveau" (published 3 days ago at most) and "Clôture
// bientôt" (closing within 5 days) in words, the type once when the contract is named the same,
// a commune named as its region once; and the share links carry the title and the address encoded.
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { OfferCard } from "../../app/components/OfferCard";
import { offerMarkers } from "../../app/components/offer/OfferMarkers";
import { shareLinks } from "../../app/components/offer/ShareOffer";
import { addDays, DAY_MS, isoToday } from "../../app/utils/dates";
import { placeName } from "../../app/utils/place";
import { renderStub } from "../helpers/route";

const now = new Date("2026-03-10T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY_MS);

describe("markers", () => {
  it("marks an offer new for three days after it is published", () => {
    expect(offerMarkers({ publishedAt: daysAgo(3), closingDate: "2026-04-30" }, now).isNew).toBe(true);
    expect(offerMarkers({ publishedAt: daysAgo(3.01), closingDate: "2026-04-30" }, now).isNew).toBe(false);
    expect(offerMarkers({ publishedAt: daysAgo(1).toISOString(), closingDate: "2026-04-30" }, now).isNew).toBe(true);
    expect(offerMarkers({ publishedAt: null, closingDate: "2026-04-30" }, now).isNew).toBe(false);
  });

  it("marks an offer closing today up to five days from today, and no other", () => {
    const closing = (closingDate: string) => offerMarkers({ publishedAt: null, closingDate }, now).closingSoon;
    expect(["2026-03-10", "2026-03-15"].map(closing)).toEqual([true, true]);
    expect(["2026-03-09", "2026-03-16"].map(closing)).toEqual([false, false]);
  });
});

describe("places", () => {
  it("writes a commune named as its region once, whatever its accents or capitals", () => {
    expect(placeName("Kayes", "Kayes")).toBe("Kayes");
    expect(placeName("SEGOU ", "Ségou")).toBe("SEGOU");
    expect(placeName("Kati", "Koulikoro")).toBe("Kati, Koulikoro");
    expect(placeName(null, "Mopti")).toBe("Mopti");
    expect(placeName("", null)).toBe("");
  });
});

describe("an offer card", () => {
  const card = {
    id: 7,
    title: "Apprenti tailleur",
    type: "apprentissage",
    region: "kayes",
    commune: "Kayes",
    contract: "apprentissage",
    payAmount: null,
    payPeriod: "month",
    closingDate: addDays(isoToday(), 2),
    publishedAt: new Date(),
    orgName: "Atelier Kayes Couture",
  };

  it("shows the markers in words, the type once and the place once", async () => {
    await renderStub([{ path: "/", Component: () => <OfferCard offer={card} /> }], "/");
    const article = await screen.findByRole("article");
    expect(article.id).toBe("offer-7");
    expect(screen.getByText("Nouveau")).toBeTruthy();
    expect(screen.getByText("Clôture bientôt")).toBeTruthy();
    expect(screen.getAllByText("Apprentissage")).toHaveLength(1);
    expect(screen.getByText("Kayes")).toBeTruthy();
    expect(article.textContent).not.toMatch(/Kayes, Kayes|Apprentissage · Apprentissage/);
  });

  it("shows neither marker on an offer published a week ago that closes in a month", async () => {
    const old = { ...card, publishedAt: new Date(Date.now() - 7 * DAY_MS), closingDate: addDays(isoToday(), 30) };
    await renderStub([{ path: "/", Component: () => <OfferCard offer={old} /> }], "/");
    await screen.findByRole("article");
    expect(screen.queryByText("Nouveau")).toBeNull();
    expect(screen.queryByText("Clôture bientôt")).toBeNull();
  });
});

describe("share links", () => {
  it("encode the title and the address for WhatsApp and SMS", () => {
    const links = shareLinks("Maçon & aide : 2 postes ? https://baara.ml/offres/12");
    const encoded = "Ma%C3%A7on%20%26%20aide%20%3A%202%20postes%20%3F%20https%3A%2F%2Fbaara.ml%2Foffres%2F12";
    expect(links).toEqual({ whatsapp: `https://wa.me/?text=${encoded}`, sms: `sms:?&body=${encoded}` });
    render(<a href={links.sms}>sms</a>);
    expect(decodeURIComponent(screen.getByText("sms").getAttribute("href")!.split("body=")[1]!)).toContain(
      "https://baara.ml/offres/12",
    );
  });
});
