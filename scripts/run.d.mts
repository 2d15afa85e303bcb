/** Types of scripts/run.mjs for the tests (the script itself is plain JavaScript: it runs before anything is compiled). */
export declare const ENTRIES: Record<string, string>;
export declare function sourceKey(root?: string): string;
export declare function ensureBuild(root?: string, log?: (line: string) => void): Promise<string>;
