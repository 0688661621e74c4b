/** Layout version of the data package. Readers accept the same major version. */
export const SCHEMA_VERSION = '1.0.0';
export const SCHEMA_MAJOR = 1;

/** A package of this layout version can be read: same major version ("1.x.y"). */
export const isReadableVersion = (version: string): boolean => Number(/^(\d+)\./.exec(version)?.[1]) === SCHEMA_MAJOR;
