export function watchLayout(element, signal) {
  window.addEventListener('resize', () => element.layout());
  window.addEventListener('scroll', () => element.layout(), { passive: true });
  document.addEventListener('visibilitychange', () => element.pause(), true);
}
