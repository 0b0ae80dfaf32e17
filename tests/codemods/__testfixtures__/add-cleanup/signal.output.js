export function watchLayout(element, signal) {
  window.addEventListener('resize', () => element.layout(), { signal });
  window.addEventListener('scroll', () => element.layout(), { passive: true, signal });
  document.addEventListener('visibilitychange', () => element.pause(), { capture: true, signal });
}
