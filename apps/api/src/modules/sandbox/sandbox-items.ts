/**
 * SANDBOX marketplace catalogue: a fixed set of second-hand listings for demos, tests and the later
 * image and recommendation work. Not a real marketplace; photo URLs point at sandbox placeholder
 * pictures served by the same module.
 */
import { ITEM_CATEGORIES, ITEM_STATUSES, type SandboxItem } from '@zhishou/flow-schema';

export { ITEM_CATEGORIES, ITEM_STATUSES };

export type { SandboxItem };

type Listing = Omit<SandboxItem, 'itemId' | 'photos' | 'sandbox'> & { photoCount: number };

const SELLERS = {
  s_hz: { sellerId: 's_hz', name: '杭州闲置小铺' },
  s_sh: { sellerId: 's_sh', name: '上海数码回收' },
  s_bj: { sellerId: 's_bj', name: '北京搬家清仓' },
} as const;

/** Item ids look like the demo NLU could extract them: `it` + 4 digits. */
const LISTINGS: Record<string, Listing> = {
  it1001: { title: '九成新 iPhone 13 128G 午夜色', price: 2699, category: 'phone', status: 'on_sale', seller: SELLERS.s_hz, photoCount: 3 },
  it1002: { title: '索尼 WH-1000XM4 降噪耳机', price: 899, category: 'audio', status: 'on_sale', seller: SELLERS.s_sh, photoCount: 2 },
  it1003: { title: 'Switch 游戏机 + 两个手柄', price: 1450, category: 'gaming', status: 'reserved', seller: SELLERS.s_hz, photoCount: 3 },
  it1004: { title: '宜家书桌 120×60', price: 300, category: 'furniture', status: 'on_sale', seller: SELLERS.s_bj, photoCount: 2 },
  it1005: { title: '小米空气净化器 4', price: 420, category: 'appliance', status: 'sold', seller: SELLERS.s_bj, photoCount: 1 },
  it1006: { title: '华为 MatePad 11 平板', price: 1599, category: 'phone', status: 'on_sale', seller: SELLERS.s_sh, photoCount: 2 },
  it1007: { title: '北面冲锋衣 L 码', price: 560, category: 'clothing', status: 'on_sale', seller: SELLERS.s_hz, photoCount: 2 },
  it1008: { title: '《三体》全集 三册', price: 45, category: 'books', status: 'on_sale', seller: SELLERS.s_bj, photoCount: 1 },
  it1009: { title: 'AirPods Pro 第二代', price: 980, category: 'audio', status: 'on_sale', seller: SELLERS.s_sh, photoCount: 2 },
  it1010: { title: 'PS5 光驱版 + 三张游戏', price: 2800, category: 'gaming', status: 'on_sale', seller: SELLERS.s_hz, photoCount: 3 },
  it1011: { title: '实木餐椅 两把', price: 260, category: 'furniture', status: 'reserved', seller: SELLERS.s_bj, photoCount: 1 },
  it1012: { title: '戴森吹风机 HD08', price: 1650, category: 'appliance', status: 'on_sale', seller: SELLERS.s_sh, photoCount: 2 },
};

function toItem(itemId: string, listing: Listing): SandboxItem {
  const { photoCount, ...rest } = listing;
  return { itemId, ...rest, photos: Array.from({ length: photoCount }, (_, i) => `/v1/sandbox/items/${itemId}/photos/${i + 1}.svg`), sandbox: true };
}

export function sandboxItem(itemId: string): SandboxItem | null {
  const listing = LISTINGS[itemId];
  return listing ? toItem(itemId, listing) : null;
}

export interface ItemQuery {
  category?: string;
  status?: string;
  /** Substring of the title. */
  q?: string;
}

export function sandboxItems(query: ItemQuery = {}): SandboxItem[] {
  return Object.entries(LISTINGS)
    .map(([id, listing]) => toItem(id, listing))
    .filter((item) => (!query.category || item.category === query.category) && (!query.status || item.status === query.status) && (!query.q || item.title.includes(query.q)));
}

const PALETTE: Record<SandboxItem['category'], string> = {
  phone: '#1677ff',
  audio: '#722ed1',
  gaming: '#eb2f96',
  furniture: '#a0522d',
  appliance: '#13c2c2',
  clothing: '#52c41a',
  books: '#fa8c16',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A placeholder listing photo (SVG): the item's title on its category colour, numbered. */
export function sandboxItemPhoto(itemId: string, index: number): string | null {
  const item = sandboxItem(itemId);
  if (!item || !Number.isInteger(index) || index < 1 || index > item.photos.length) return null;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360"><rect width="480" height="360" fill="${PALETTE[item.category]}"/><text x="240" y="170" font-size="24" text-anchor="middle" fill="#fff" font-family="sans-serif">${escapeXml(item.title)}</text><text x="240" y="215" font-size="18" text-anchor="middle" fill="#fff" font-family="sans-serif">SANDBOX · ${index}/${item.photos.length}</text></svg>`;
}
