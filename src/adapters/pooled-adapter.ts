import type { Adapter, Connection, Dialect } from './adapter';
import type { Pool } from './pool';

/** What every engine's adapter shares: its connections come from a Pool; the engine names itself and its dialect. */
export abstract class PooledAdapter implements Adapter {
  abstract readonly type: string;
  abstract readonly dialect: Dialect;
  private closed = false;

  constructor(
    readonly database: string,
    private readonly pool: Pool<Connection>,
  ) {}

  acquire(): Promise<Connection> {
    return this.pool.acquire();
  }

  release(connection: Connection): void {
    this.pool.release(connection);
  }

  interrupt(): void {
    for (const connection of this.pool.members()) connection.interrupt();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pool.close();
    this.afterClose();
  }

  /** What the engine releases once its connections are closed (nothing by default). */
  protected afterClose(): void {}
}
