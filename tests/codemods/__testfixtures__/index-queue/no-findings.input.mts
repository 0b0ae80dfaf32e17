// Nothing to rewrite: a one-off shift, a capped buffer, a rotation.
export function main(argv: string[]): string | undefined {
  const command = argv.shift();
  argv.push('--verbose');
  return command;
}

const MAX_LINES = 200;
export class Console {
  lines: string[] = [];
  tick(line: string): void {
    this.lines.push(line);
    if (this.lines.length > MAX_LINES) this.lines.shift();
  }
}

export function nextTurn<T>(players: T[]): T {
  const order = [...players];
  const first = order.shift()!;
  order.push(first);
  return first;
}
