import type { ServerResponse } from 'node:http';
export declare const SLOW_MS: number;
export interface FaultAnswer {
  status: number;
  type: string;
  body: string | Uint8Array;
  /** Extra response headers, e.g. retry-after. */
  headers?: Record<string, string>;
  /** Send half the body, the rest SLOW_MS later. */
  stall?: boolean;
}
export declare function send(res: ServerResponse, answer: FaultAnswer): Promise<void>;
export declare function createFaultRoutes(dataDir: string): {
  handle(pathname: string, headers?: Record<string, string | string[] | undefined>): Promise<FaultAnswer | null>;
};
