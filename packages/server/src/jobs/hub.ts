// In-process fan-out of job events to WebSocket/SSE subscribers. Queues publish; routes subscribe.
import { EventEmitter } from 'node:events';
import type { JobEvent } from './types.js';

export class JobHub {
  private readonly em = new EventEmitter();
  constructor() {
    this.em.setMaxListeners(0);
  }
  publish(e: JobEvent): void {
    this.em.emit(e.id, e);
    this.em.emit('*', e);
  }
  subscribe(id: string, fn: (e: JobEvent) => void): () => void {
    this.em.on(id, fn);
    return () => this.em.off(id, fn);
  }
}
