// A streak freeze, drawn in pixels: an ice cube with a flame held inside it.
const ICE = "#7fd8f5";
const LIGHT = "#e8f8ff";
const DEEP = "#3a8fb7";
const FLAME = "#fcbf49";
const EMBER = "#ff8a96";
const INK = "#0d0b1a";

// Rows of a 12x12 grid: . none, k ink, i ice, l light, d deep, f flame, e ember.
const PIXELS = [
  "..kkkkkkkk..",
  ".kllliiiiik.",
  "kliiiiiiiidk",
  "kliiiffiiidk",
  "kliiffffiidk",
  "kiiffeeffidk",
  "kiiffeeffidk",
  "kiiiffffiidk",
  "kiiiiiiiiidk",
  "kdiiiiiiiddk",
  ".kddddddddk.",
  "..kkkkkkkk..",
];
const COLOURS: Record<string, string> = { k: INK, i: ICE, l: LIGHT, d: DEEP, f: FLAME, e: EMBER };

export function FreezeIcon({ size = 24, empty = false }: { size?: number; empty?: boolean }) {
  return (
    <svg class={empty ? "freeze-icon empty" : "freeze-icon"} width={size} height={size} viewBox="0 0 12 12"
      shape-rendering="crispEdges" aria-hidden="true">
      {PIXELS.flatMap((row, y) => [...row].map((code, x) => {
        const fill = COLOURS[code];
        return fill ? <rect key={`${x}-${y}`} x={x} y={y} width={1} height={1} fill={fill} /> : null;
      }))}
    </svg>
  );
}
