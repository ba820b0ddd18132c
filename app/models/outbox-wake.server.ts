// Something just queued a message a person is waiting for (an SMS answer): the
// scheduler of this process, when it runs, sends the outbox now instead of at the
// next minute. Without a scheduler (tests, SCHEDULER=off) nothing listens.
const listeners = new Set<() => void>();

export function wakeOutbox() {
  for (const listener of listeners) listener();
}

/** Returns the function that stops listening. */
export function onOutboxWake(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
