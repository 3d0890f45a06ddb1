// A small traditional → simplified table for characters that show up in marketplace chat.
// Pairs are aligned by position; every mapping is one UTF-16 unit to one, so offsets survive folding.
const TRADITIONAL =
  '貨價賣買錢寄郵運費發們這還沒嗎麼與國東車門間問題說話謝請網購單號碼電聯繫換實際確認機關閉開長壓線體質顏顯紅綠藍黃預約優惠員務該讓應給對會來時點過邊麗寶貝隻個樣萬億兩雙條張賬帳戶證據寫處歡迎議傳訊遞區態圖劃標準塊營業頁幫別難聽裡裏嗎麼啟動專業舊損壞瑕疵絕裝備鏡頭錶鞋襪衛褲裙櫃燈熱冷鬆緊輕寬窄達滿見視覺聲響歲數學讀書筆記腦電話費廣場務員騙垃圾氣憤謊誤錯誠確認讚贊謹慎隨便簡單複雜麻煩擔憂慮們倆哪裏這樣後總縣鎮鄉蘇廣湖貴陝遼黑龍吉寧濟漢瀋陽鄭廈門澳臺灣臺紹興鹽淮態訂閱貸償還憑擇選項類雜誌區級導師範視頻隱私責任處理滯慢趕緊催單號碼遲';
const SIMPLIFIED =
  '货价卖买钱寄邮运费发们这还没吗么与国东车门间问题说话谢请网购单号码电联系换实际确认机关闭开长压线体质颜显红绿蓝黄预约优惠员务该让应给对会来时点过边丽宝贝只个样万亿两双条张账帐户证据写处欢迎议传讯递区态图划标准块营业页帮别难听里里吗么启动专业旧损坏瑕疵绝装备镜头表鞋袜卫裤裙柜灯热冷松紧轻宽窄达满见视觉声响岁数学读书笔记脑电话费广场务员骗垃圾气愤谎误错诚确认赞赞谨慎随便简单复杂麻烦担忧虑们俩哪里这样后总县镇乡苏广湖贵陕辽黑龙吉宁济汉沈阳郑厦门澳台湾台绍兴盐淮态订阅贷偿还凭择选项类杂志区级导师范视频隐私责任处理滞慢赶紧催单号码迟';

const T2S: ReadonlyMap<string, string> = buildTable();

function buildTable(): Map<string, string> {
  const table = new Map<string, string>();
  const from = [...TRADITIONAL];
  const to = [...SIMPLIFIED];
  if (from.length !== to.length) throw new Error(`t2s table misaligned: ${from.length} vs ${to.length}`);
  from.forEach((char, i) => {
    const target = to[i] as string;
    if (char !== target) table.set(char, target);
  });
  return table;
}

/** Simplified form of one character (itself when the table does not know it). */
export function toSimplifiedChar(char: string): string {
  return T2S.get(char) ?? char;
}

export function toSimplified(text: string): string {
  let out = '';
  for (const char of text) out += toSimplifiedChar(char);
  return out;
}
