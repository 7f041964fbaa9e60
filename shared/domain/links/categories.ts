/**
 * Proposals carry no need category: it is inferred from the words of their title and description, and failing
 * that from the strategy they are filed under, so that "same category" can count when ranking needs for them.
 */
import { normaliseThaiDigits } from './thai-words';

/** Words (Thai substrings) that mark a proposal as answering needs of a category (ids of NEED_CATEGORIES). */
export const CATEGORY_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  water: ['แหล่งน้ำ', 'ประปา', 'บาดาล', 'คลอง', 'ชลประทาน', 'ฝาย', 'สระน้ำ', 'ขุดลอก', 'ระบบน้ำ', 'น้ำดื่ม', 'water'],
  roads_transport: ['ถนน', 'สะพาน', 'คมนาคม', 'จราจร', 'ทางเท้า', 'ท่อระบายน้ำ', 'road', 'bridge'],
  housing: ['ที่อยู่อาศัย', 'บ้านมั่นคง', 'ผู้มีรายได้น้อย', 'ซ่อมแซมบ้าน', 'ผู้ยากไร้', 'housing'],
  utilities_digital: ['ไฟฟ้า', 'ส่องสว่าง', 'อินเทอร์เน็ต', 'wifi', 'ดิจิทัล', 'electric'],
  health: ['สุขภาพ', 'สาธารณสุข', 'ผู้ป่วย', 'โรงพยาบาล', 'อนามัย', 'รพ.สต', 'health'],
  education: ['การศึกษา', 'การเรียนรู้', 'โรงเรียน', 'เด็กเล็ก', 'ทุนการศึกษา', 'school', 'education'],
  income_jobs: ['อาชีพ', 'รายได้', 'ตลาด', 'ผลิตภัณฑ์', 'เศรษฐกิจ', 'วิสาหกิจ', 'otop', 'jobs'],
  agriculture: ['เกษตร', 'ปศุสัตว์', 'พันธุ์พืช', 'ปุ๋ย', 'โรงสี', 'นาข้าว', 'ประมง', 'farm'],
  welfare: ['ผู้สูงอายุ', 'ผู้พิการ', 'เปราะบาง', 'สวัสดิการ', 'คนพิการ', 'elderly', 'disab'],
  environment: ['ขยะ', 'ฝุ่น', 'มลพิษ', 'สิ่งแวดล้อม', 'ป่าชุมชน', 'ปลูกป่า', 'น้ำเสีย', 'waste'],
  safety_disaster: ['อุทกภัย', 'น้ำท่วม', 'ภัยแล้ง', 'สาธารณภัย', 'ภัยพิบัติ', 'พนังกั้นน้ำ', 'วงจรปิด', 'flood'],
  community_culture: ['วัฒนธรรม', 'ประเพณี', 'ท่องเที่ยว', 'ลานกีฬา', 'ศาสนา', 'culture', 'tourism'],
};

/** The strategies of the provincial plan (STRATEGIES in taxonomy.ts) and the need categories each answers. */
export const STRATEGY_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  S1: ['water', 'roads_transport', 'utilities_digital'],
  S2: ['housing', 'health', 'welfare'],
  S3: ['education', 'community_culture'],
  S4: ['income_jobs', 'agriculture'],
  S5: ['environment'],
  S6: ['safety_disaster'],
};

/**
 * The need categories a proposal most likely answers: those whose keywords occur most often in its text
 * (several on a tie), else those of its strategy, else none. Sorted by category id.
 * @example inferCategories('โครงการป้องกันและบรรเทาอุทกภัยและภัยแล้ง', 'S6') // ['safety_disaster']
 */
export function inferCategories(text: string, strategy = ''): string[] {
  const haystack = normaliseThaiDigits(text).toLowerCase();
  let best = 0;
  let found: string[] = [];
  for (const [category, words] of Object.entries(CATEGORY_KEYWORDS)) {
    const hits = words.reduce((n, w) => n + (haystack.includes(w) ? 1 : 0), 0);
    if (hits === 0 || hits < best) continue;
    if (hits > best) {
      best = hits;
      found = [];
    }
    found.push(category);
  }
  if (found.length === 0) found = [...(STRATEGY_CATEGORIES[strategy.trim()] ?? [])];
  return found.sort();
}
