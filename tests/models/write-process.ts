// One process of tests/models/write-concurrency.test.ts: its own connection to the shared
// file, then — every process released at once — reports on offers, each a transaction
// that reads (the offer, the sender's recent reports) before it writes. Tells the parent
// how many it recorded and the errors it met.
import { reportOffer } from "../../app/models/fraud-reports.server";
import { openDb } from "../../app/utils/db.server";

const [dbPath, offerIdsText, reportsText, tag] = process.argv.slice(2);
const offerIds = offerIdsText!.split(",").map(Number);
const db = openDb(dbPath, { migrate: false });

process.once("message", () => {
  let recorded = 0;
  const errors: string[] = [];
  for (let i = 0; i < Number(reportsText); i++) {
    try {
      // Another address each time: the per-address limit is not what this measures.
      const ip = `10.${tag}.${i >> 8}.${i & 255}`;
      const result = reportOffer(db, { offerId: offerIds[i % offerIds.length]!, reporterId: null, ip, reason: "fake" });
      if (result.ok) recorded++;
    } catch (error) {
      errors.push((error as { code?: string }).code ?? String(error));
    }
  }
  db.$client.close();
  process.send!({ recorded, errors }, () => process.exit(0));
});
process.send!({ ready: true });
