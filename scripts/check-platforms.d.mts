export interface Target {
  os: string;
  cpu: string;
}
export const TARGETS: Target[];
export function platformBlockers(
  lock: {
    packages?: Record<
      string,
      { os?: string[]; cpu?: string[]; optional?: boolean; version?: string; name?: string }
    >;
  },
  targets?: Target[],
): { name: string; version?: string; excludes: string[] }[];
