// A bar chart drawn as plain SVG on the server: readable without JavaScript, no
// chart library. Screen readers get its title and description; the page puts the
// same figures in a table beside it. A hidden figure has no bar, only its text.
// Bars run sideways, one row per month: twelve months fit a phone's width with
// their labels, and the drawing is about as wide as a phone's screen, so that its
// text is drawn at 14 units and never shrinks below 12 CSS pixels (from a 320 px screen).

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

/** The drawing's width in units: on a 360 px phone it is drawn at about one CSS pixel per unit. */
export const CHART_WIDTH = 320;
/** The size of every text of the chart, in units. */
export const CHART_FONT = 14;
const LABELS = 72;
const VALUES = 56;
const BAR = 16;
const GAP = 10;
const LEGEND_LINE = 20;

export function BarChart({ id, title, description, series, points, max }: Props) {
  const largest = max ?? Math.max(1, ...points.flatMap((p) => p.cells.map((c) => c.value ?? 0)));
  const plotWidth = CHART_WIDTH - LABELS - VALUES;
  const legend = series.length > 1 ? series.length * LEGEND_LINE + 4 : 0;
  const group = series.length * BAR + GAP;
  const height = legend + points.length * group;
  return (
    <svg
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="h-auto w-full max-w-sm"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {legend
        ? series.map((s, i) => (
            <g key={s.name} transform={`translate(0, ${i * LEGEND_LINE})`}>
              <rect y="3" width={CHART_FONT} height={CHART_FONT} fill={s.color} />
              <text x={CHART_FONT + 6} y={CHART_FONT + 1} fontSize={CHART_FONT} fill="#292524">
                {s.name}
              </text>
            </g>
          ))
        : null}
      <line x1={LABELS} x2={LABELS} y1={legend} y2={height} stroke="#78716c" strokeWidth="1" />
      {points.map((point, i) => {
        const top = legend + i * group + GAP / 2;
        return (
          <g key={point.label}>
            <text
              x={LABELS - 6}
              y={top + (series.length * BAR) / 2}
              dominantBaseline="central"
              fontSize={CHART_FONT}
              textAnchor="end"
              fill="#44403c"
            >
              {point.label}
            </text>
            {point.cells.map((cell, j) => {
              const y = top + j * BAR;
              const w = cell.value === null ? 0 : (Math.min(cell.value, largest) / largest) * plotWidth;
              return (
                <g key={j}>
                  {w > 0 ? <rect x={LABELS} y={y + 1} width={w} height={BAR - 2} fill={series[j]?.color} /> : null}
                  <text
                    x={LABELS + w + 4}
                    y={y + BAR / 2}
                    dominantBaseline="central"
                    fontSize={CHART_FONT}
                    fill="#44403c"
                  >
                    {cell.text}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
