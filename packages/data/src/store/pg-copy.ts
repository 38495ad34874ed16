// COPY … FROM STDIN for node-postgres without an extra dependency: pg accepts any "submittable"
// object in client.query() and forwards the protocol messages to it. This one sends the statement,
// streams the given text chunks when the server asks for data, and settles once the server is ready
// again (rejecting with the server's error if the COPY failed).
import type pg from 'pg';

interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

class CopyFromStdin {
  readonly done: Promise<void>;
  private resolve!: () => void;
  private reject!: (err: Error) => void;
  private error: Error | null = null;

  constructor(
    private readonly sql: string,
    private readonly chunks: () => Iterable<string>,
  ) {
    this.done = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }

  submit(connection: Connection): void {
    connection.query(this.sql);
  }

  handleCopyInResponse(connection: Connection): void {
    try {
      for (const chunk of this.chunks()) connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
      connection.endCopyFrom();
    } catch (err) {
      connection.sendCopyFail(err instanceof Error ? err.message : String(err));
    }
  }

  handleError(err: Error): void {
    this.error = err;
  }

  handleReadyForQuery(): void {
    if (this.error) this.reject(this.error);
    else this.resolve();
  }

  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleCopyData(): void {}
}

/** Runs `sql` (a COPY … FROM STDIN statement) feeding it the text chunks. */
export async function copyFromStdin(client: pg.Client, sql: string, chunks: () => Iterable<string>): Promise<void> {
  const copy = new CopyFromStdin(sql, chunks);
  client.query(copy as unknown as pg.Submittable);
  await copy.done;
}
