// Words people use for the same trade, as data: one line a trade, its usual
// French name first (the word the search page shows), then feminine forms,
// everyday names, common misspellings and English names. One word each: a
// search matches words, not phrases. Read only when a word finds no offer.
import { foldText } from "~/utils/text";

const TRADE_WORDS = `
mécanicien mécanicienne mécano garagiste mechanic
chauffeur chauffeuse conducteur conductrice driver taximan
maçon maçonne masson bricklayer mason
soudeur soudeuse welder
couturier couturière tailleur tailor seamstress
électricien électricienne electrician
plombier plombière plumber
menuisier menuisière ébéniste carpenter
coiffeur coiffeuse barbier barber hairdresser
vendeur vendeuse boutiquier boutiquière salesman saleswoman
gardien gardienne vigile gardiennage watchman guard
cuisinier cuisinière cuistot cook
apprenti apprentie apprentice
serveur serveuse waiter waitress
caissier caissière cashier
livreur livreuse coursier coursière
enseignant enseignante professeur instituteur institutrice teacher
comptable accountant
secrétaire secretary
peintre painter
carreleur carreleuse tiler
magasinier magasinière storekeeper
cordonnier cordonnière shoemaker
tisserand tisserande weaver
éleveur éleveuse berger bergère
agriculteur agricultrice cultivateur cultivatrice paysan farmer
développeur développeuse programmeur programmeuse developer
frigoriste refrigeration
réceptionniste standardiste receptionist
infirmier infirmière nurse
`;

const groups = TRADE_WORDS.trim()
  .split("\n")
  .map((line) => line.split(/\s+/));

const groupOfWord = new Map<string, string[]>();
const spelledWithAccents = new Map<string, string>();
for (const group of groups) {
  const folded = group.map(foldText);
  for (const [i, word] of folded.entries()) {
    groupOfWord.set(word, folded);
    spelledWithAccents.set(word, group[i]!);
  }
}

/** Every folded word of the list: candidates for a correction like the index's own words. */
export const TRADE_VOCABULARY: readonly string[] = [...groupOfWord.keys()];

/** The other words of a folded word's trade, its usual name first; empty when the word is not a trade's. */
export function tradeSynonyms(folded: string): string[] {
  return (groupOfWord.get(folded) ?? []).filter((word) => word !== folded);
}

/** How to show a folded word: with its accents when the list knows it ("mecanicien" → "mécanicien"). */
export function withAccents(folded: string): string {
  return spelledWithAccents.get(folded) ?? folded;
}
