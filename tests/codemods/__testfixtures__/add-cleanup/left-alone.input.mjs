// Findings without a rewrite we can prove safe: reported with a reason, the text left as it is.
import { bus } from './bus.mjs';

export function subscribe(user) {
  bus.on('tick', () => user.refresh());
}

export function poll(id) {
  setInterval(() => refresh(id), 1000);
}

// Nothing leaks here. A dispose-like method is a place a cleanup can go, so the codemod parses this
// file (it skips files with none: no effect, no dispose-like method, no signal) and reports the two above.
export class Ticker {
  close() {}
}
