// The one table `npm run bench` prints and writes to tests/bench/results.md.

/** A benchmark line: latencies in milliseconds, or a figure in words (bytes, scores, requests per second). */
export type BenchRow = {
  what: string;
  p50?: number;
  p95?: number;
  max?: number;
  figure?: string;
  target?: string;
  result?: string;
};

/** The p-th percentile of samples sorted in ascending order (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const met = (pass: boolean) => (pass ? "✅ met" : "❌ missed");

export const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

export function markdownTable(rows: BenchRow[]): string {
  const cell = (value: number | undefined) => (value === undefined ? "" : ms(value));
  return [
    "| What | p50 (ms) | p95 (ms) | max (ms) | Figure | Target | Result |",
    "| --- | ---: | ---: | ---: | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.what} | ${cell(r.p50)} | ${cell(r.p95)} | ${cell(r.max)} | ${r.figure ?? ""} | ${r.target ?? ""} | ${r.result ?? ""} |`,
    ),
  ].join("\n");
}
