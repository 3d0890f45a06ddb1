import { CITIES } from '@zhishou/nlu';
import { digits, pick } from './rng';

type Rng = () => number;

const CHINESE_PRICES = ['三百', '两百五', '一千二', '八百', '五十', '一百', '一百五', '两千', '三千二', '九十', '六百', '四百八', '一万二', '两百', '七十', '三百五', '一千', '八十八', '九百九', '一千五'];
const ROUND_PRICES = [30, 45, 50, 60, 66, 80, 88, 99, 100, 120, 128, 150, 180, 199, 200, 220, 250, 260, 280, 299, 300, 320, 350, 380, 399, 450, 500, 580, 600, 650, 699, 750, 800, 880, 999, 1000, 1100, 1200, 1350, 1500, 1680, 1800, 2000, 2300, 2500, 2999, 3200, 3800, 4500, 5000];

/** A price as buyers write it; the span includes a ¥ sign or a 块/元 unit when present. */
export function price(rng: Rng): string {
  const roll = rng();
  if (roll < 0.4) return String(pick(rng, ROUND_PRICES));
  if (roll < 0.6) return pick(rng, CHINESE_PRICES);
  if (roll < 0.7) return `${pick(rng, ROUND_PRICES)}${pick(rng, ['块', '元', '块钱'])}`;
  if (roll < 0.8) return `${pick(rng, CHINESE_PRICES)}${pick(rng, ['块', '块钱'])}`;
  if (roll < 0.9) return `${pick(rng, ['¥', '￥'])}${pick(rng, ROUND_PRICES)}`;
  return pick(rng, ['1.2k', '1k', '1.5k', '2k', '2.5k', '1w', '3k', '0.8k', '2千', '1千5']);
}

/** The sandbox marketplace's XY + 14 digits, sometimes a bare 19-digit id or lower-case xy. */
export function orderId(rng: Rng): string {
  const roll = rng();
  const date = `2026${pick(rng, ['09', '10', '11'])}${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
  if (roll < 0.6) return `XY${date}${digits(rng, 6)}`;
  if (roll < 0.75) return `xy${date}${digits(rng, 6)}`;
  return `${1 + Math.floor(rng() * 9)}${digits(rng, 18)}`;
}

export function trackingNo(rng: Rng): string {
  const roll = rng();
  if (roll < 0.3) return `SF${digits(rng, 13)}`;
  if (roll < 0.45) return `YT${digits(rng, 13)}`;
  if (roll < 0.55) return `JDVA${digits(rng, 11)}`;
  if (roll < 0.62) return `JT${digits(rng, 13)}`;
  if (roll < 0.68) return `sf${digits(rng, 12)}`;
  return `${pick(rng, ['75', '73', '78', '43', '46', '77'])}${digits(rng, 12)}`;
}

export function phone(rng: Rng): string {
  const number = `1${pick(rng, ['3', '5', '7', '8', '9'])}${digits(rng, 9)}`;
  const roll = rng();
  if (roll < 0.65) return number;
  if (roll < 0.8) return `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`;
  if (roll < 0.9) return `${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}`;
  return `+86${number}`;
}

const CITY_FORMS = ['帝都', '魔都', '羊城', '鹏城', '杭城', '蓉城', '山城'];

export function city(rng: Rng): string {
  const roll = rng();
  if (roll < 0.8) return pick(rng, CITIES);
  if (roll < 0.92) return `${pick(rng, CITIES)}市`;
  return pick(rng, CITY_FORMS);
}

export function size(rng: Rng): string {
  return pick(rng, ['S', 'M', 'L', 'XL', 'XXL', 's码', 'm码', 'l码', 'xl', '2XL', '均码', '小码', '中号', '大号', '加大', '通码', '38码', '39码', '40码', '41码', '42码', '43码', '44码', '36码', '37码', '42号', '四十码', '三十八码', 'M码', 'L码']);
}

export function color(rng: Rng): string {
  return pick(rng, ['黑色', '白色', '灰色', '银色', '金色', '红色', '粉色', '蓝色', '深蓝', '绿色', '紫色', '黄色', '卡其色', '米色', '棕色', '黑的', '白的', '深空灰', '香槟金', '玫瑰金', '酒红', '樱花粉', '雾霾蓝', '藏青', '墨绿', '远峰紫', '米白', '咖啡色', '纯黑', '奶白', 'black', '军绿色']);
}

export function product(rng: Rng): string {
  return pick(rng, ['手机', 'iPhone', '苹果手机', '华为手机', '平板', 'iPad', '笔记本', '电脑', 'MacBook', '耳机', 'AirPods', '蓝牙耳机', '相机', '单反', '微单', '拍立得', '手表', 'Apple Watch', '手环', 'Switch', 'PS5', '游戏机', '卫衣', '外套', '羽绒服', '大衣', 'T恤', '衬衫', '毛衣', '连衣裙', '牛仔裤', '球鞋', '运动鞋', '帆布鞋', 'AJ', '包包', '背包', '双肩包', '钱包', '教材', '考研书', '小说', '自行车', '山地车', '电动车', '口红', '香水', '护肤品', '椅子', '书桌', '沙发', '冰箱', '吹风机', '电饭煲', '显示器', '机械键盘', '吉他', '乐高', '手办', '婴儿车']);
}

export const FILLERS = { price, order_id: orderId, tracking_no: trackingNo, phone, city, size, color, product } as const;
export type SlotLabel = keyof typeof FILLERS;
export const SLOT_LABELS = Object.keys(FILLERS) as SlotLabel[];
