/**
 * Goal leverage as a tornado chart (SVG): one bar per lever from a zero line, right when raising
 * the lever serves the current goals, left when lowering it does; longest bar first. For screen
 * readers the SVG is an image with a summary label, and the same figures are in a hidden table.
 */
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Recommendation } from "../../core/alignment/types";
import { visuallyHidden } from "./Section";

export interface TornadoBar {
  lever: string;
  value: number;
  direction: Recommendation;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "4px" },
  svg: { width: "100%", height: "auto", display: "block" },
  hidden: visuallyHidden,
  legend: { color: tokens.colorNeutralForeground3 },
});

export function formatLeverage(v: number): string {
  const sign = v > 0 ? "+" : v < 0 ? "−" : "";
  const abs = Math.abs(v);
  return `${sign}${abs >= 0.1 || abs === 0 ? abs.toFixed(2) : abs.toFixed(3)}`;
}

const WIDTH = 300;
const ROW = 34;
const MID = WIDTH / 2;
const ROOM = MID - 44; // leaves space for the value label at the bar's end

export function TornadoChart({ bars, title }: { bars: TornadoBar[]; title: string }) {
  const styles = useStyles();
  const sorted = [...bars].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const max = Math.max(1e-12, ...sorted.map((b) => Math.abs(b.value)));
  const height = sorted.length * ROW + 8;
  const label = `${title}: ${sorted.map((b) => `${b.lever} ${formatLeverage(b.value)}`).join(", ")}.`;
  return (
    <figure className={styles.root} style={{ margin: 0 }}>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMinYMin meet"
      >
        <line
          x1={MID}
          x2={MID}
          y1={0}
          y2={height}
          style={{ stroke: tokens.colorNeutralStroke1 }}
          strokeWidth={1}
        />
        {sorted.map((bar, i) => {
          const y = i * ROW;
          const w = (Math.abs(bar.value) / max) * ROOM;
          const right = bar.value >= 0;
          const x = right ? MID : MID - w;
          return (
            <g key={bar.lever}>
              <text
                x={0}
                y={y + 11}
                style={{ fill: tokens.colorNeutralForeground1, fontFamily: tokens.fontFamilyBase }}
                fontSize={12}
              >
                {bar.lever}
              </text>
              <rect
                x={x}
                y={y + 15}
                width={Math.max(w, bar.value === 0 ? 0 : 1)}
                height={12}
                rx={2}
                style={{
                  fill: right ? tokens.colorBrandBackground : tokens.colorPaletteDarkOrangeBorderActive,
                }}
              />
              <text
                x={right ? MID + w + 4 : MID - w - 4}
                y={y + 25}
                textAnchor={right ? "start" : "end"}
                style={{ fill: tokens.colorNeutralForeground1, fontFamily: tokens.fontFamilyBase }}
                fontSize={11}
              >
                {formatLeverage(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <Caption1 className={styles.legend}>
          Bars to the right: raising the lever serves the current goals; to the left: lowering it does.
        </Caption1>
      </figcaption>
      <div className={styles.hidden}>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Lever</th>
              <th scope="col">Goal leverage</th>
              <th scope="col">Recommendation</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((bar) => (
              <tr key={bar.lever}>
                <th scope="row">{bar.lever}</th>
                <td>{formatLeverage(bar.value)}</td>
                <td>{bar.direction}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
