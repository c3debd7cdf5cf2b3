const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;
const TIB = GIB * 1024;

/** An amount of storage or memory. Use the factories, e.g. `Size.gibibytes(20)`. */
export class Size {
  static bytes(n: number): Size {
    return new Size(n);
  }
  static mebibytes(n: number): Size {
    return new Size(n * MIB);
  }
  static gibibytes(n: number): Size {
    return new Size(n * GIB);
  }
  static tebibytes(n: number): Size {
    return new Size(n * TIB);
  }

  private constructor(
    /** The size in bytes. */
    readonly bytes: number,
  ) {}

  /** Human-readable, in the largest binary unit that divides it (`20 GiB`). */
  toString(): string {
    for (const [unit, n] of [['TiB', TIB], ['GiB', GIB], ['MiB', MIB], ['KiB', KIB]] as const) {
      if (this.bytes >= n && this.bytes % n === 0) return `${this.bytes / n} ${unit}`;
    }
    return `${this.bytes} bytes`;
  }
}

export const ONE_GIB = GIB;
