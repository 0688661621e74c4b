/**
 * Argument checks shared by the client methods. Each failure names the
 * argument and the value given, so a webmaster can see which attribute is wrong.
 */
import { InvalidArgumentError } from '../errors.js';
import { isComuneCode, isProvinceCode } from '../format/keys.js';
import type { Filters } from './types.js';

export const fail = (argument: string, value: unknown, reason: string): never => {
  throw new InvalidArgumentError(argument, value, reason);
};

/** The query object itself: undefined means "no filter". */
export function queryObject<T extends object>(query: T | undefined, name = 'query'): Partial<T> {
  if (query === undefined || query === null) return {};
  if (typeof query !== 'object' || Array.isArray(query)) fail(name, query, 'expected an object');
  return query;
}

export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) fail(name, value, `expected one of ${allowed.join(', ')}`);
  return value as T;
}

export function integer(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(name, value, max === Infinity ? `expected an integer ≥ ${min}` : `expected an integer from ${min} to ${max}`);
  }
  return value as number;
}

const CODE_RULES = {
  comune: [isComuneCode, 'expected a 6-digit ISTAT municipality code, e.g. "048017"'],
  province: [isProvinceCode, 'expected a 3-digit ISTAT province code, e.g. "048"'],
  mission: [(v: string) => /^M\d+$/.test(v), 'expected a mission code, e.g. "M2"'],
  component: [(v: string) => /^M\d+C\d+$/.test(v), 'expected a component code, e.g. "M2C2"'],
  measure: [(v: string) => /^M\d+C\d+[A-Z0-9.]+$/.test(v), 'expected a measure code (Codice Univoco Misura), e.g. "M2C2I4.02"'],
  submeasure: [(v: string) => /^M\d+C\d+[A-Z0-9.]+$/.test(v), 'expected a sub-measure code, e.g. "M2C2I4.02.00"'],
  implementingBody: [(v: string) => v.trim() !== '', 'expected an implementing body key (tax code or "name:…")'],
} as const satisfies Record<keyof Filters, readonly [(v: string) => boolean, string]>;

/** The filters of a query, each checked for its format (not for existence in the package). */
export function filters(query: Partial<Filters>): Filters {
  const out: Filters = {};
  for (const [name, [valid, reason]] of Object.entries(CODE_RULES) as Array<[keyof Filters, readonly [(v: string) => boolean, string]]>) {
    const value: unknown = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !valid(value)) fail(name, value, reason);
    out[name] = value as string;
  }
  return out;
}

/**
 * A test on a sub-measure code for the mission/component/measure/sub-measure filters: each is a
 * prefix of the code that must end where a code part ends ("M1" must not match "M10…").
 */
export function measureMatcher(f: Filters): ((submeasure: string) => boolean) | undefined {
  const prefixes = [f.mission, f.component, f.measure, f.submeasure].filter((p): p is string => p !== undefined);
  if (prefixes.length === 0) return undefined;
  return (code) => prefixes.every((p) => code.startsWith(p) && !/\d/.test(code.charAt(p.length)));
}
