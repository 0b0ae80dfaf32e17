// Findings without a rewrite we can prove safe: reported with a reason, the text left as it is.
import { bus } from './bus.mjs';

export function subscribe(user) {
  bus.on('tick', () => user.refresh());
}

export function poll(id) {
  setInterval(() => refresh(id), 1000);
}

// Nothing leaks here (the target is this call's own parameter). Its signal is a place a cleanup could
// go, so the codemod parses this file (it skips files with no effect, no class with a dispose-like
// method and no signal) and reports the two above.
export function watch(target, signal) {
  target.addEventListener('change', refresh, { signal });
}
