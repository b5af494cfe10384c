// fmin ships no types: the one function the audience model uses (see audience.model.ts for how it loads).
interface FminApi {
  nelderMead(f: (x: number[]) => number, x0: number[], parameters?: { maxIterations?: number; minErrorDelta?: number; minTolerance?: number; zeroDelta?: number; nonZeroDelta?: number; sigma?: number }): { x: number[]; fx: number };
}
declare module 'fmin/build/fmin.js' {}
