import { foldText } from '../text';
import { createListFinder } from './list';
import { toSlot, type SpanFinder } from './span';
import type { ExtractedSlot } from '@zhishou/flow-schema';

/** Major mainland cities plus Hong Kong, Macau and Taipei; the value drops the 市 suffix. */
export const CITIES: readonly string[] = (
  '北京 上海 天津 重庆 广州 深圳 杭州 南京 苏州 成都 武汉 西安 长沙 郑州 青岛 济南 合肥 福州 厦门 宁波 无锡 东莞 佛山 ' +
  '沈阳 大连 哈尔滨 长春 石家庄 太原 呼和浩特 南昌 南宁 昆明 贵阳 兰州 西宁 银川 乌鲁木齐 拉萨 海口 三亚 珠海 中山 ' +
  '惠州 温州 绍兴 嘉兴 金华 台州 常州 南通 徐州 扬州 烟台 潍坊 泉州 漳州 洛阳 保定 唐山 廊坊 秦皇岛 芜湖 宜昌 襄阳 ' +
  '株洲 湘潭 岳阳 桂林 柳州 大理 丽江 遵义 绵阳 宜宾 南充 泸州 汕头 江门 湛江 肇庆 镇江 盐城 淮安 连云港 宿迁 泰州 ' +
  '湖州 舟山 丽水 衢州 赣州 九江 上饶 包头 鄂尔多斯 大庆 吉林 鞍山 锦州 威海 日照 临沂 济宁 淄博 东营 邯郸 邢台 ' +
  '沧州 衡水 张家口 承德 香港 澳门 台北 昆山 义乌 常熟 张家港 江阴 晋江 慈溪'
).split(' ');

const findCityNames = createListFinder(CITIES.map((city) => ({ value: city, synonyms: [`${city}市`] })));

export const findCities: SpanFinder = findCityNames;

export function extractCities(text: string, type = 'city'): ExtractedSlot[] {
  return findCities(foldText(text)).map((span) => toSlot(span, type, text));
}
