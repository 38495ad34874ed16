// The slice of the `ws` client the tests use (the package ships no types; @types/ws is not installed).
declare module 'ws' {
  export default class WebSocket {
    constructor(url: string);
    on(event: 'message', fn: (data: unknown) => void): this;
    on(event: 'close', fn: (code: number) => void): this;
    on(event: 'error', fn: (err: Error) => void): this;
    close(): void;
  }
}
