/**
 * Whether any of many byte strings occurs in a subject, in one pass (Aho-Corasick): O(total length of
 * the strings) to build, O(subject length) to search. OS_Regex and OSMatch search each `|` alternative
 * in turn, O(pattern x subject) per subject; for the unanchored literal alternatives the answer is the
 * same, found without that product (a 20 KB pattern against a 64 KB alert value).
 */
export class LiteralSet {
  /** Trie edges, keyed state * 256 + byte. */
  private readonly edges = new Map<number, number>();
  private readonly failure: Int32Array;
  /** A word ends at this state or at one of its failure ancestors. */
  private readonly accepts: Uint8Array;

  constructor(words: readonly Uint8Array[]) {
    const terminal: boolean[] = [false];
    let states = 1;
    for (const word of words) {
      let state = 0;
      for (const byte of word) {
        const key = state * 256 + byte;
        let next = this.edges.get(key);
        if (next === undefined) {
          next = states++;
          this.edges.set(key, next);
          terminal.push(false);
        }
        state = next;
      }
      terminal[state] = true;
    }
    this.failure = new Int32Array(states);
    this.accepts = Uint8Array.from(terminal, (t) => (t ? 1 : 0));
    // Breadth-first over the trie: a state's failure is the longest proper suffix that is also a prefix.
    const children: number[][] = Array.from({ length: states }, () => []);
    const byteOf = new Int32Array(states);
    for (const [key, next] of this.edges) {
      children[Math.floor(key / 256)]!.push(next);
      byteOf[next] = key % 256;
    }
    const queue: number[] = [...children[0]!];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const child of children[state]!) {
        let fallback = this.failure[state]!;
        const byte = byteOf[child]!;
        while (fallback !== 0 && !this.edges.has(fallback * 256 + byte)) fallback = this.failure[fallback]!;
        const target = this.edges.get(fallback * 256 + byte);
        this.failure[child] = target !== undefined && target !== child ? target : 0;
        if (this.accepts[this.failure[child]!]) this.accepts[child] = 1;
        queue.push(child);
      }
    }
  }

  /** Whether a word occurs in `subject`, each subject byte first mapped through `map` (a case fold). */
  occursIn(subject: Uint8Array, map: (byte: number) => number): boolean {
    if (this.accepts[0]) return true;
    let state = 0;
    for (let i = 0; i < subject.length; i++) {
      const byte = map(subject[i]!);
      let next = this.edges.get(state * 256 + byte);
      while (next === undefined && state !== 0) {
        state = this.failure[state]!;
        next = this.edges.get(state * 256 + byte);
      }
      state = next ?? 0;
      if (this.accepts[state]) return true;
    }
    return false;
  }
}
