// The part of better-sqlite3's API this example uses: the project does not depend on
// @types/better-sqlite3. With that package installed, delete this file and its reference in db.ts.
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }
    interface Statement {
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
    }
    interface Database {
      prepare(sql: string): Statement;
      exec(sql: string): this;
      pragma(source: string): unknown;
      transaction<F extends (...args: never[]) => unknown>(fn: F): F;
      close(): this;
    }
  }
  const Database: {
    new (filename: string, options?: { readonly?: boolean }): Database.Database;
    prototype: Database.Database;
  };
  export = Database;
}
