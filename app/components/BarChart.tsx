// A bar chart drawn as plain SVG on the server: readable without JavaScript, no
// chart library. Screen readers get its title and description; the page puts the
// same figures in a table beside it. A hidden figure has no bar, only its text.

export type BarSeries = { name: string; color: string };
/** One group of bars (a month); `value` null for a hidden figure, `text` what is written. */
export type BarPoint = { label: string; cells: { value: number | null; text: string }[] };

type Props = {
  id: string;
  title: string;
  description: string;
  series: BarSeries[];
  points: BarPoint[];
  /** The top of the scale (1 for shares); by default the largest value. */
  max?: number;
};

const WIDTH = 640;
const HEIGHT = 240;
const TOP = 28;
const BOTTOM = 36;
const SIDE = 8;

export function BarChart({ id, title, description, series, points, max }: Props) {
  const largest = max ?? Math.max(1, ...points.flatMap((p) => p.cells.map((c) => c.value ?? 0)));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const base = TOP + plotHeight;
  const group = (WIDTH - 2 * SIDE) / Math.max(1, points.length);
  const bar = (group * 0.8) / Math.max(1, series.length);
  const font = points.length > 12 ? 8 : 10;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="h-auto w-full max-w-2xl"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {series.length > 1
        ? series.map((s, i) => (
            <g key={s.name} transform={`translate(${SIDE + i * 200}, 6)`}>
              <rect width="12" height="12" fill={s.color} />
              <text x="18" y="11" fontSize="12" fill="#292524">
                {s.name}
              </text>
            </g>
          ))
        : null}
      <line x1={SIDE} x2={WIDTH - SIDE} y1={base} y2={base} stroke="#78716c" strokeWidth="1" />
      {points.map((point, i) => {
        const x0 = SIDE + i * group + group * 0.1;
        return (
          <g key={point.label}>
            {point.cells.map((cell, j) => {
              const x = x0 + j * bar;
              const h = cell.value === null ? 0 : (Math.min(cell.value, largest) / largest) * plotHeight;
              return (
                <g key={j}>
                  {h > 0 ? <rect x={x} y={base - h} width={bar - 1} height={h} fill={series[j]?.color} /> : null}
                  <text x={x + bar / 2} y={base - h - 3} fontSize={font} textAnchor="middle" fill="#44403c">
                    {cell.text}
                  </text>
                </g>
              );
            })}
            <text x={SIDE + i * group + group / 2} y={base + 14} fontSize={font} textAnchor="middle" fill="#44403c">
              {point.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
