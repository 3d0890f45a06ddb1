import { z } from 'zod';
import { int32ParamSchema, int32Query } from '../safe';

/**
 * Building blocks of the wire contract. Response schemas are strict (`z.strictObject`): a field the
 * server sends that the contract does not name fails the client's parse and the api's contract test.
 */
export const isoDateTime = z.iso.datetime().describe('ISO 8601 timestamp (UTC)');
export const positiveInt = z.number().int().positive();
export const count = z.number().int().nonnegative();


/** `:number` / `:version` path parameters: digits only, inside int4 ("99999999999", "1e3", "-1" are a 400, not a Postgres 500). */
export const versionNumberParam = int32ParamSchema;

/** `?from=1&to=2` of the diff routes (int4: the version columns are integers). */
export const versionPairQuerySchema = z.object({
  from: int32Query(1).describe('older version number'),
  to: int32Query(1).describe('newer version number'),
});
