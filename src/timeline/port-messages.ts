/** The messages of a MessagePort as an async iterable, in order (the replaying thread's feeds to a timeline worker). */
import type { MessagePort } from 'node:worker_threads';

/** Each message that arrives on `port`, as it comes; ends only when the caller stops iterating (the caller closes the port). */
export async function* portMessages<T>(port: MessagePort): AsyncGenerator<T> {
  const inbox: T[] = [];
  let wake: (() => void) | undefined;
  port.on('message', (message: T) => {
    inbox.push(message);
    wake?.();
    wake = undefined;
  });
  for (;;) {
    while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    yield inbox.shift()!;
  }
}
