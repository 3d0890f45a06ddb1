import { z } from 'zod';

/**
 * Building blocks of the wire contract. Response schemas are strict (`z.strictObject`): a field the
 * server sends that the contract does not name fails the client's parse and the api's contract test.
 */
export const isoDateTime = z.iso.datetime().describe('ISO 8601 timestamp (UTC)');
export const positiveInt = z.number().int().positive();
export const count = z.number().int().nonnegative();


/** `?from=1&to=2` of the diff routes. */
export const versionPairQuerySchema = z.object({
  from: z.coerce.number().int().positive().describe('older version number'),
  to: z.coerce.number().int().positive().describe('newer version number'),
});
