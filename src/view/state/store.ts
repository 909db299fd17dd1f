/**
 * A small store: one state value, changed only by dispatching actions through an update
 * function, which returns the next state and the effects to run. Listeners see every change
 * with the state before it and the effects it asked for; they do the I/O.
 *
 * A listener may dispatch (an autosave that failed reports it): that action runs after every
 * listener has seen the current one, so each listener sees the changes in order.
 */
export interface Step<S, E> {
  state: S;
  effects: readonly E[];
}

export type Listener<S, A, E> = (next: S, prev: S, effects: readonly E[], action: A) => void;

export class Store<S, A, E> {
  private state: S;
  private readonly listeners: Listener<S, A, E>[] = [];
  private readonly queue: A[] = [];
  private running = false;

  constructor(
    initial: S,
    private readonly update: (state: S, action: A) => Step<S, E>,
  ) {
    this.state = initial;
  }

  getState(): S {
    return this.state;
  }

  subscribe(listener: Listener<S, A, E>): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  dispatch(action: A): void {
    this.queue.push(action);
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) this.run(next);
    } finally {
      this.running = false;
      this.queue.length = 0;
    }
  }

  private run(action: A): void {
    const prev = this.state;
    const step = this.update(prev, action);
    this.state = step.state;
    if (step.state === prev && step.effects.length === 0) return;
    for (const listener of [...this.listeners]) listener(step.state, prev, step.effects, action);
  }
}
