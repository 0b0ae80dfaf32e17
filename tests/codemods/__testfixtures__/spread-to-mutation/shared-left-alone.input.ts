// Accumulators that may be shared are reported but never mutated by the codemod.
export function withDefaults(base: Record<string, string>, keys: string[]): Record<string, string> {
  let merged = base;
  for (const key of keys) merged = { ...merged, [key]: '' };
  return merged;
}

export class Feed {
  lines: string[] = [];
  append(more: string[]): void {
    for (const line of more) this.lines = [...this.lines, line];
  }
}

export const merged = (parts: object[]) => parts.reduce((a, b) => ({ ...a, ...b }));

// Small literal inputs and copies of something else are not findings at all.
export const flags = ['a', 'b'].reduce((acc, k) => ({ ...acc, [k]: true }), {});
export const rows = (xs: { id: string }[], base: object) => xs.map((x) => ({ ...base, id: x.id }));
