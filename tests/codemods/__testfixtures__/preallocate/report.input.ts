export interface Entity {
  id: number;
  x: number;
  y: number;
  hp: number;
}

/** Snapshot sent to clients every tick. */
export function positions(entities: Entity[]) {
  const out: { id: number; x: number; y: number }[] = [];
  for (const entity of entities) {
    out.push({ id: entity.id, x: Math.round(entity.x), y: Math.round(entity.y) });
  }
  return out;
}

/** Scoreboard lines. */
export function scoreboard(names: string[], scores: number[]): string {
  const lines = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!.padEnd(16);
    lines.push(`${name}${scores[i]}`);
  }
  return lines.join('\n');
}

/** Damage falloff samples, read back by index. */
export function falloff(samples: number, radius: number): number {
  // one sample per step
  const curve = [];
  for (let i = 0; i < samples; i++) curve.push(Math.exp(-(i * radius) / samples));
  let area = 0;
  for (let i = 0; i < curve.length; i++) area += curve[i]!;
  return area;
}

export function ids(entities: Entity[]): number[] {
  const result: number[] = [];
  entities.forEach((entity) => result.push(entity.id));
  return result;
}
