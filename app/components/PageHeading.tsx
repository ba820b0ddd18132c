/** A page's name (in the browser's tab and as its heading) and the sentence that says what it is for. */
export function PageHeading({ title, intro }: { title: string; intro: string }) {
  return (
    <>
      <title>{`${title} · Baara`}</title>
      <div>
        <h1 className="text-2xl font-bold">{title}</h1>
        <p className="mt-1 text-stone-700">{intro}</p>
      </div>
    </>
  );
}
