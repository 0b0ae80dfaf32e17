import { describe, expect, it } from 'vitest';
import { codeText } from '../../src/analysis/code-text';

describe('codeText', () => {
  it('blanks comments and string contents, keeping the length and the line breaks', () => {
    const source = `// fetch the rows\nconst msg = "Failed to fetch"; /* fetch\n */ run('fetch');\n`;
    const code = codeText(source);
    expect(code).toHaveLength(source.length);
    expect(code.split('\n')).toHaveLength(source.split('\n').length);
    expect(code).not.toContain('fetch');
    expect(code).toContain('const msg = "');
    expect(code).toContain("run('");
  });

  it('keeps module specifiers: imports, re-exports, require and dynamic import', () => {
    const source = `import pg from 'pg';\nexport * from "./db";\nconst http = require('node:http');\nconst got = await import('got');\nimport 'reflect-metadata';\n`;
    expect(codeText(source)).toBe(source);
  });

  it('blanks template text but not the code in its substitutions', () => {
    const code = codeText('const url = `fetch ${fetch(base + `/x/${id}`)} done`;\n');
    expect(code).toContain('${fetch(base + `');
    expect(code).not.toMatch(/fetch \$|done/);
  });

  it('tells a regular expression from a division, so quotes inside it open no string', () => {
    const code = codeText(`const a = x / 2; const re = /"fetch'/g; const s = "fetch";\nfoo(re);\n`);
    expect(code).toContain('/"fetch\'/g');
    expect(code).toContain('const s = "     "');
  });

  it('gives the text back unchanged where it could misread it', () => {
    for (const source of [
      `const el = <div>Don't fetch</div>;\n`, // JSX text
      `const s = 'never closed\nfetch();\n`, // a string that reaches the end of its line
      'const t = `never closed ${x}\n', // a template that never ends
      '/* a comment that never ends\nfetch();\n',
    ]) {
      expect(codeText(source)).toBe(source);
    }
  });
});
