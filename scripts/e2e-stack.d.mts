// Types for scripts/e2e-stack.mjs (used by bench/designer.ts).
export declare const root: string;
export declare const designerDir: string;
export declare function log(message: string): void;
export declare function freePort(): Promise<number>;
export declare function run(name: string, cmd: string, args: string[], options?: Record<string, unknown>): number;
export declare function buildDesigner(): number;
export interface Stack {
  baseUrl: string;
  admin: { email: string; password: string };
  stop(): Promise<void>;
  printLogs(): void;
}
export declare function startStack(options: { name: string; logDir: string; designerDist?: string }): Promise<Stack>;
