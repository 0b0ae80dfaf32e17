// Findings the codemod reports but does not rewrite, and code with no findings: byte-identical.
export function checksums(ids: number[], prefix: string): number {
  let sum = 0;
  for (const id of ids) {
    // A scratch buffer: reusing it is a suggestion (aliasing), not part of this codemod.
    const packet = Buffer.alloc(256);
    packet.writeUInt32LE(id, 0);
    sum ^= packet.readUInt32LE(0);
    // Invariant but not constant: hoisting is a suggestion.
    if (new RegExp('^' + prefix).test(String(id))) sum++;
    // The g flag keeps state between uses.
    sum += String(id).replace(new RegExp('0', 'g'), '').length;
    // Regex literals are cached; literals and closures do not escape.
    if (/^9+$/.test(String(id))) sum += [id].map((x) => ({ x }).x)[0]!;
  }
  return sum;
}
