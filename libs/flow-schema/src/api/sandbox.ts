import { z } from 'zod';
import { isoDateTime } from './common';

/** /v1/sandbox/… — the SANDBOX marketplace (demo and tests only): deterministic fake data, public. */
export const sandboxOrderSchema = z.strictObject({
  orderId: z.string().describe('order id (XY + date + number)'),
  status: z.enum(['paid', 'shipped', 'delivered']).describe('order status'),
  item: z.string().describe('item title'),
  price: z.number().describe('price in CNY'),
  carrier: z.string().nullable().describe('carrier once shipped'),
  trackingNo: z.string().nullable().describe('tracking number once shipped'),
  paidAt: isoDateTime,
  shippedAt: isoDateTime.nullable(),
  deliveredAt: isoDateTime.nullable(),
  sandbox: z.literal(true).describe('always true: not real data'),
});
export type SandboxOrder = z.infer<typeof sandboxOrderSchema>;

export const ITEM_STATUSES = ['on_sale', 'reserved', 'sold'] as const;
export const ITEM_CATEGORIES = ['phone', 'audio', 'gaming', 'furniture', 'appliance', 'clothing', 'books'] as const;

export const sandboxItemSchema = z.strictObject({
  itemId: z.string().describe('listing id'),
  title: z.string().describe('listing title'),
  price: z.number().describe('price in CNY'),
  category: z.enum(ITEM_CATEGORIES).describe('category'),
  status: z.enum(ITEM_STATUSES).describe('on sale, reserved or sold'),
  seller: z.strictObject({ sellerId: z.string().describe('seller id'), name: z.string().describe('seller name') }),
  photos: z.array(z.string()).describe('photo URLs, relative to the api'),
  sandbox: z.literal(true).describe('always true: not real data'),
});
export type SandboxItem = z.infer<typeof sandboxItemSchema>;
export const sandboxItemListSchema = z.strictObject({ items: z.array(sandboxItemSchema), total: z.number().describe('items matching the filter') });

export const sandboxRouteSchema = z.strictObject({
  method: z.literal('GET'),
  path: z.string().describe("as a flow's http node writes it (relative: the engine calls the sandbox in-process)"),
  fields: z.array(z.string()).describe('fields of the answer a flow can read from the saved variable'),
  example: z.string().describe('an example URL'),
  description: z.string().describe('what it answers'),
});
export type SandboxRoute = z.infer<typeof sandboxRouteSchema>;
export const sandboxRouteListSchema = z.strictObject({ routes: z.array(sandboxRouteSchema) });

/** GET /v1/sandbox/items/:itemId/photos/:photo — an SVG placeholder (image/svg+xml). */
export const svgImageSchema = z.string().startsWith('<svg').describe('an SVG document');
