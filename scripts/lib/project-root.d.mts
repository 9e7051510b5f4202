export function projectRoot(moduleUrl: string, options?: { windows?: boolean; levels?: number }): string;
