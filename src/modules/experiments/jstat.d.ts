// jstat ships no types: the distributions the experiment statistics use (see experiments.stats.ts).
declare module 'jstat' {
  interface Continuous {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  const jstat: {
    jStat: {
      normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number; pdf(x: number, mean: number, sd: number): number };
      studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
      chisquare: { cdf(x: number, dof: number): number };
      beta: Continuous & { pdf(x: number, a: number, b: number): number };
    };
  };
  export default jstat;
}
