export declare const SLOW_MS: number;
export interface FaultAnswer {
  status: number;
  type: string;
  body: string | Uint8Array;
}
export declare function createFaultRoutes(dataDir: string): { handle(pathname: string): Promise<FaultAnswer | null> };
