// The 48-bit linear congruential generator specified for java.util.Random (multiplier 0x5DEECE66D,
// increment 0xB, nextDouble from 26 + 27 bits). TradingView's seeded math.random reproduces its
// sequence. The 48-bit state is kept as two 24-bit halves so every product stays exact in a double.

const TWO24 = 16_777_216;
const MULT_HI = 1502; // 0x5DEECE66D = 1502·2^24 + 15525485
const MULT_LO = 15_525_485;

export class JavaRandom {
  private hi = 0;
  private lo = 0;

  constructor(seed: number) {
    this.setSeed(seed);
  }

  setSeed(seed: number): void {
    const scrambled = (BigInt.asIntN(64, BigInt(Math.trunc(seed))) ^ 0x5deece66dn) & 0xffffffffffffn;
    this.hi = Number(scrambled >> 24n);
    this.lo = Number(scrambled & 0xffffffn);
  }

  /** Raw state, for snapshotting. */
  get state(): [number, number] {
    return [this.hi, this.lo];
  }

  set state(s: [number, number]) {
    [this.hi, this.lo] = s;
  }

  private next(bits: number): number {
    const lo = this.lo * MULT_LO + 0xb;
    const carry = Math.floor(lo / TWO24);
    const newLo = lo - carry * TWO24;
    const hi = (this.hi * MULT_LO + this.lo * MULT_HI + carry) % TWO24;
    this.hi = hi;
    this.lo = newLo;
    // seed >>> (48 - bits), for bits ≤ 32
    return Math.floor((hi * TWO24 + newLo) / 2 ** (48 - bits));
  }

  nextDouble(): number {
    return (this.next(26) * 134_217_728 + this.next(27)) / 9_007_199_254_740_992;
  }
}
