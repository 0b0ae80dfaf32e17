// Findings without a rewrite we can prove safe: reported with a reason, the text left as it is.
import { bus } from './bus.mjs';

export function subscribe(user) {
  bus.on('tick', () => user.refresh());
}

export function poll(id) {
  setInterval(() => refresh(id), 1000);
}

// Nothing leaks here (the target is this call's own parameter). A DOM listener where the file has a
// signal could take `{ signal }`, so the codemod parses this file (it skips files where no timer or
// listener has a place its cleanup could go) and reports the two above.
export function watch(target, signal) {
  target.addEventListener('change', refresh);
  signal.throwIfAborted();
}
