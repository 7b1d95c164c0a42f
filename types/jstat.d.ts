// Minimal typings for the parts of jstat 1.9.6 that neverout uses (the package ships none).
declare module 'jstat' {
  interface Distribution {
    inv(p: number, a: number, b: number): number;
    cdf(x: number, a: number, b: number): number;
  }
  const jStat: {
    beta: Distribution;
    normal: Distribution;
    ibetainv(p: number, a: number, b: number): number;
  };
  export default jStat;
}
