// Findings without a rewrite we can prove safe: reported with a reason, the text left as it is.
import { bus } from './bus.mjs';

export function subscribe(user) {
  bus.on('tick', () => user.refresh());
}

export function poll(id) {
  setInterval(() => refresh(id), 1000);
}
