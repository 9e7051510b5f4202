export function ensureElectron(deps?: {
  env?: Record<string, string | undefined>;
  installer?: string;
  run?: (file: string) => number | null;
}): { status: 'skipped' | 'ready' | 'failed'; message: string };
