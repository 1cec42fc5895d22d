/**
 * A fixed-size pool that creates members lazily, up to `size`, and hands them out first come,
 * first served. Engine-neutral: the adapter supplies how to create and destroy a member.
 */
export class Pool<T> {
  private readonly idle: T[] = [];
  private readonly all: T[] = [];
  private readonly waiting: { resolve: (member: T) => void; reject: (error: Error) => void }[] = [];
  private creating = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly createMember: () => Promise<T>,
    private readonly destroyMember: (member: T) => void,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`Pool size must be a positive integer, got ${size}`);
  }

  async acquire(): Promise<T> {
    if (this.closed) throw new Error('The connection pool is closed');
    const member = this.idle.pop();
    if (member !== undefined) return member;
    if (this.all.length + this.creating < this.size) return this.grow();
    return new Promise<T>((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  release(member: T): void {
    if (!this.all.includes(member)) throw new Error('Released a connection that this pool did not hand out');
    const next = this.waiting.shift();
    if (next) next.resolve(member);
    else this.idle.push(member);
  }

  /** Every member created so far, idle or handed out. */
  members(): readonly T[] {
    return this.all;
  }

  /** Destroys every member, including ones still checked out: callers must be done with them. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('The connection pool was closed'));
    for (const member of this.all.splice(0)) this.destroyMember(member);
    this.idle.length = 0;
  }

  private async grow(): Promise<T> {
    this.creating += 1;
    try {
      const member = await this.createMember();
      if (this.closed) {
        this.destroyMember(member);
        throw new Error('The connection pool was closed');
      }
      this.all.push(member);
      return member;
    } finally {
      this.creating -= 1;
    }
  }
}
