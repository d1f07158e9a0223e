/** The two runs' colours, used by every chart and map: plain in orange, regularized in blue. */
export const PLAIN = '#d9731a';
export const REGULARIZED = '#2367b0';
/** Class colours of the 2-D maps (class 0, class 1), as RGB. */
export const CLASS0: [number, number, number] = [232, 120, 40];
export const CLASS1: [number, number, number] = [40, 110, 200];
