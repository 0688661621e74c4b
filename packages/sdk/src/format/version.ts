/** Layout version of the data package. Readers accept the same major version. */
export const SCHEMA_VERSION = '1.0.0';
export const SCHEMA_MAJOR = 1;
