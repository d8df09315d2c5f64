/** Named in-process turns: a call runs after every earlier call of the same name in this process has settled. */
export async function inTurn<T>(turns: Map<string, Promise<unknown>>, name: string, fn: () => Promise<T>): Promise<T> {
  const prev = turns.get(name) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  turns.set(name, tail);
  try {
    return await run;
  } finally {
    if (turns.get(name) === tail) turns.delete(name);
  }
}
