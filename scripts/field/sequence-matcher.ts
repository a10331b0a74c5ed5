/**
 * Python's `difflib.SequenceMatcher` (CPython 3.11 Lib/difflib.py), ported line by line for
 * the one use score.py makes of it: `SequenceMatcher(None, a, b).ratio()` on two strings.
 *
 * The elements are code points (a Python str iterates code points, not UTF-16 units).
 * `isjunk` is None, so the junk set is empty; `autojunk` is on: when b has 200 elements or
 * more, an element occurring more than 1 % (+1) times in b is "popular" and left out of the
 * index b2j, as in `__chain_b`. The matching blocks are found as Python finds them (the
 * longest junk-free match, then recursively left and right of it, through a stack), so the
 * ratio — 2·M / T, M the matched elements, T the elements of both — is the same number.
 */

export interface Match {
  /** Start in a. */
  a: number;
  /** Start in b. */
  b: number;
  size: number;
}

export class SequenceMatcher {
  private readonly a: readonly string[];
  private readonly b: readonly string[];
  /** For each element of b, the indices where it occurs (popular elements left out). */
  private readonly b2j = new Map<string, number[]>();
  /** Empty: isjunk is None. Kept so the extension loops read as Python's. */
  private readonly bjunk = new Set<string>();
  /** Elements left out of b2j by autojunk. */
  readonly bpopular = new Set<string>();
  private matchingBlocks: Match[] | null = null;

  constructor(a: string, b: string, autojunk = true) {
    this.a = Array.from(a);
    this.b = Array.from(b);
    this.b.forEach((elt, i) => {
      const indices = this.b2j.get(elt);
      if (indices) indices.push(i);
      else this.b2j.set(elt, [i]);
    });
    const n = this.b.length;
    if (autojunk && n >= 200) {
      const ntest = Math.floor(n / 100) + 1;
      for (const [elt, idxs] of this.b2j) if (idxs.length > ntest) this.bpopular.add(elt);
      for (const elt of this.bpopular) this.b2j.delete(elt);
    }
  }

  /** The longest junk-free matching block in a[alo:ahi] and b[blo:bhi]; the earliest in a, then in b, of the longest. */
  findLongestMatch(alo = 0, ahi = this.a.length, blo = 0, bhi = this.b.length): Match {
    const { a, b, b2j } = this;
    const isbjunk = (x: string): boolean => this.bjunk.has(x);
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    // j2len.get(j): length of the longest junk-free match ending with a[i-1] and b[j].
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const newj2len = new Map<number, number>();
      for (const j of b2j.get(a[i] as string) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = newj2len;
    }
    // Extend by non-junk (popular) elements on each end, then by junk ones.
    while (besti > alo && bestj > blo && !isbjunk(b[bestj - 1] as string) && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && !isbjunk(b[bestj + bestsize] as string) && a[besti + bestsize] === b[bestj + bestsize]) {
      bestsize++;
    }
    while (besti > alo && bestj > blo && isbjunk(b[bestj - 1] as string) && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && isbjunk(b[bestj + bestsize] as string) && a[besti + bestsize] === b[bestj + bestsize]) {
      bestsize++;
    }
    return { a: besti, b: bestj, size: bestsize };
  }

  /** The matching blocks in order, adjacent ones joined, ending with the dummy (len a, len b, 0). */
  getMatchingBlocks(): Match[] {
    if (this.matchingBlocks) return this.matchingBlocks;
    const la = this.a.length;
    const lb = this.b.length;
    const queue: [number, number, number, number][] = [[0, la, 0, lb]];
    const blocks: Match[] = [];
    while (queue.length > 0) {
      const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
      const x = this.findLongestMatch(alo, ahi, blo, bhi);
      const { a: i, b: j, size: k } = x;
      if (k) {
        blocks.push(x);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    blocks.sort((p, q) => p.a - q.a || p.b - q.b || p.size - q.size);
    const nonAdjacent: Match[] = [];
    let i1 = 0;
    let j1 = 0;
    let k1 = 0;
    for (const { a: i2, b: j2, size: k2 } of blocks) {
      if (i1 + k1 === i2 && j1 + k1 === j2) {
        k1 += k2;
      } else {
        if (k1) nonAdjacent.push({ a: i1, b: j1, size: k1 });
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) nonAdjacent.push({ a: i1, b: j1, size: k1 });
    nonAdjacent.push({ a: la, b: lb, size: 0 });
    this.matchingBlocks = nonAdjacent;
    return nonAdjacent;
  }

  /** 2·M / T; 1 when both sequences are empty. */
  ratio(): number {
    const matches = this.getMatchingBlocks().reduce((sum, m) => sum + m.size, 0);
    const length = this.a.length + this.b.length;
    return length ? (2.0 * matches) / length : 1.0;
  }
}
