import type { SlotType } from '@zhishou/flow-schema';
import { CITIES } from '@zhishou/nlu';

// Nicknames buyers use for cities; each maps to the canonical name.
const CITY_NICKNAMES: Record<string, string[]> = {
  北京: ['帝都', '北京城'],
  上海: ['魔都', '沪上'],
  广州: ['羊城'],
  深圳: ['鹏城'],
  杭州: ['杭城'],
  成都: ['蓉城'],
  重庆: ['山城'],
  武汉: ['江城'],
  南京: ['金陵'],
  西安: ['长安'],
  昆明: ['春城'],
  哈尔滨: ['冰城'],
  长沙: ['星城'],
  厦门: ['鹭岛'],
};

const SHOE_SIZES = Array.from({ length: 12 }, (_, i) => 35 + i);
const CHINESE_TENS = ['三十', '四十'];
const CHINESE_UNITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function shoeSizeSynonyms(size: number): string[] {
  const chinese = `${CHINESE_TENS[Math.floor(size / 10) - 3]}${CHINESE_UNITS[size % 10]}`;
  return [`${size}号`, `${size}码的`, `${chinese}码`];
}

export const SLOT_TYPES: SlotType[] = [
  { key: 'price', kind: 'money', description: '价格（元）：300、三百块、两百五、1.2k、¥280' },
  { key: 'order_id', kind: 'order_id', description: '订单号：XY + 8–19 位数字（沙盒为 XY + 14 位），或 16–19 位纯数字' },
  { key: 'tracking_no', kind: 'tracking_no', description: '快递单号：SF/YT/JD/JT 前缀或 12–15 位数字' },
  { key: 'phone', kind: 'phone', description: '手机号（11 位，可带 +86、空格或横线）' },
  {
    key: 'city',
    kind: 'list',
    description: '城市',
    values: CITIES.map((city) => ({ value: city, synonyms: [`${city}市`, ...(CITY_NICKNAMES[city] ?? [])] })),
  },
  {
    key: 'size',
    kind: 'list',
    description: '尺码：S/M/L/XL…、均码、鞋码',
    values: [
      { value: 'XS', synonyms: ['xs码', '加小码'] },
      { value: 'S', synonyms: ['s码', 's号', '小码', '小号'] },
      { value: 'M', synonyms: ['m码', 'm号', '中码', '中号'] },
      { value: 'L', synonyms: ['l码', 'l号', '大码', '大号'] },
      { value: 'XL', synonyms: ['xl码', 'xl号', '加大', '加大码'] },
      { value: 'XXL', synonyms: ['2xl', 'xxl码', '2xl码', '加加大'] },
      { value: 'XXXL', synonyms: ['3xl', '3xl码'] },
      { value: '均码', synonyms: ['通码', 'f码', '均码的', 'free size'] },
      ...SHOE_SIZES.map((size) => ({ value: `${size}码`, synonyms: shoeSizeSynonyms(size) })),
    ],
  },
  {
    key: 'color',
    kind: 'list',
    description: '颜色（单字颜色易误伤“拉黑”“红包”“明白”，故只收两字以上写法）',
    values: [
      { value: '黑色', synonyms: ['黑的', '纯黑', '曜石黑', '暗夜黑', '午夜黑', 'black', '黑色款'] },
      { value: '白色', synonyms: ['白的', '纯白', '象牙白', '珍珠白', 'white', '白色款'] },
      { value: '灰色', synonyms: ['灰的', '深空灰', '浅灰', '深灰', 'grey', 'gray'] },
      { value: '银色', synonyms: ['银的', '银白色', 'silver'] },
      { value: '金色', synonyms: ['金的', '香槟金', '玫瑰金', 'gold'] },
      { value: '红色', synonyms: ['红的', '大红', '酒红', '酒红色', 'red'] },
      { value: '粉色', synonyms: ['粉的', '粉红', '粉红色', '樱花粉', 'pink'] },
      { value: '蓝色', synonyms: ['蓝的', '天蓝', '天蓝色', '宝蓝', '雾霾蓝', 'blue'] },
      { value: '深蓝', synonyms: ['深蓝色', '藏青', '藏青色', '藏蓝', '海军蓝', 'navy'] },
      { value: '绿色', synonyms: ['绿的', '墨绿', '墨绿色', '军绿', '军绿色', '薄荷绿', 'green'] },
      { value: '紫色', synonyms: ['紫的', '远峰紫', '香芋紫', 'purple'] },
      { value: '黄色', synonyms: ['黄的', '鹅黄', '柠檬黄', 'yellow'] },
      { value: '卡其色', synonyms: ['卡其', '驼色', 'khaki'] },
      { value: '米色', synonyms: ['米白', '米白色', '奶白', '杏色'] },
      { value: '棕色', synonyms: ['棕的', '咖啡色', '咖色', 'brown'] },
      { value: '橙色', synonyms: ['橘色', '橙的', 'orange'] },
    ],
  },
  {
    key: 'product',
    kind: 'list',
    description: '商品品类（同义词含常见品牌/型号写法）',
    values: [
      { value: '手机', synonyms: ['iphone', '苹果手机', '华为手机', '小米手机', '安卓机', '二手机'] },
      { value: '平板', synonyms: ['ipad', '平板电脑', '华为平板'] },
      { value: '笔记本电脑', synonyms: ['笔记本', '电脑', 'macbook', '轻薄本', '游戏本', '台式机'] },
      { value: '耳机', synonyms: ['airpods', '蓝牙耳机', '头戴耳机', '降噪耳机'] },
      { value: '相机', synonyms: ['单反', '微单', '拍立得', '镜头', 'ccd'] },
      { value: '手表', synonyms: ['apple watch', '智能手表', '手环', '机械表'] },
      { value: '游戏机', synonyms: ['switch', 'ps5', 'ps4', '掌机', '游戏手柄'] },
      { value: '衣服', synonyms: ['卫衣', '外套', '羽绒服', '大衣', 't恤', '衬衫', '毛衣', '连衣裙', '裙子', '牛仔裤', '裤子', '冲锋衣'] },
      { value: '鞋子', synonyms: ['球鞋', '运动鞋', '板鞋', '帆布鞋', '靴子', '高跟鞋', 'aj'] },
      { value: '包包', synonyms: ['背包', '双肩包', '手提包', '单肩包', '斜挎包', '钱包'] },
      { value: '书', synonyms: ['书本', '教材', '课本', '小说', '考研书', '二手书', '漫画'] },
      { value: '自行车', synonyms: ['单车', '山地车', '公路车', '电动车', '滑板车'] },
      { value: '化妆品', synonyms: ['口红', '香水', '面霜', '护肤品', '粉底液', '眼影盘'] },
      { value: '家具', synonyms: ['椅子', '桌子', '沙发', '书桌', '衣柜', '床垫'] },
      { value: '家电', synonyms: ['冰箱', '洗衣机', '空调', '吹风机', '电饭煲', '微波炉', '扫地机器人'] },
      { value: '显示器', synonyms: ['4k屏', '电竞屏'] },
      { value: '键盘', synonyms: ['机械键盘', '客制化键盘'] },
      { value: '乐器', synonyms: ['吉他', '尤克里里', '电子琴', '电钢琴'] },
      { value: '玩具', synonyms: ['乐高', '手办', '盲盒', '积木'] },
      { value: '母婴用品', synonyms: ['婴儿车', '推车', '奶瓶', '安全座椅'] },
    ],
  },
];
