// Types for the part of lib.mjs that the TypeScript tests call. lib.mjs stays plain JavaScript so that
// `npm run sweep` runs on a build (dist/ or a snapshot) without a build step of its own.
export interface TscError {
  file: string;
  code: number;
  message: string;
}
export function runTsc(
  scratch: string,
  project: { tsconfig: string; config?: string },
  timeoutMs: number,
  skipMissingDeps?: boolean,
): { errors?: TscError[]; missingDependencies?: number; skipped?: string };
