/** Number and link formatting shared by the screens. Pure: no DOM. */

/** A number with `digits` decimals and a true minus sign, e.g. "−3.0". */
export function fmt(value: number, digits = 1): string {
  return (Math.round(value * 10 ** digits) / 10 ** digits).toFixed(digits).replace('-', '−');
}

/** Like fmt, with an explicit plus for gains, e.g. "+2.5"; a change that rounds to zero is "0.0". */
export function signed(value: number, digits = 1): string {
  const text = fmt(value, digits);
  const zero = fmt(0, digits);
  if (text === `−${zero}`) return zero;
  return value > 0 && text !== zero ? `+${text}` : text;
}

/** A figure as a person writes it: at most `digits` decimals, no trailing zeros, a true minus sign ("1.4", "3", "−0.25"). */
export function compact(value: number, digits = 2): string {
  const text = fmt(value, digits);
  return (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text).replace(/^−0$/, '0');
}

/** Whether an address from a scenario file may become a link: http(s) only, nothing that could run. */
export function isWebLink(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/[^\s<>"'`\\]+$/i.test(url.trim());
}

/** About `count` round tick values covering [lo, hi], for a chart's axis. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const start = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = start; v < hi + step - 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}
