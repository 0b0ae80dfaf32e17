// Declared in another module: only the type checker can see that `m` and volatiles are maps.
export interface EffectState {
  id: string;
  duration?: number;
  [key: string]: unknown;
}

export interface Pokemon {
  name: string;
  terastallized?: string;
  m: { innate?: string; [key: string]: unknown };
  volatiles: Record<string, EffectState>;
  settings: { modchat?: string; title: string };
}
