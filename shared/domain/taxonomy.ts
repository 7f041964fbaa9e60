/**
 * The app's own needs taxonomy: categories for tagging citizens' needs, each mapped to a TPMAP dimension,
 * and the strategies projects are filed under. Based on the province's planning frameworks (TPMAP's five
 * dimensions, จปฐ. indicators, the Saraburi PAO strategies); the list itself is ours.
 */

export type TpmapDimension = 'health' | 'living' | 'education' | 'income' | 'accessibility';

export type NeedCategory = Readonly<{ id: string; th: string; en: string; tpmap: TpmapDimension | null }>;

export const NEED_CATEGORIES: readonly NeedCategory[] = [
  { id: 'water', th: 'น้ำอุปโภคบริโภคและน้ำเพื่อการเกษตร', en: 'Water supply and irrigation', tpmap: 'living' },
  { id: 'roads_transport', th: 'ถนน สะพาน และการคมนาคม', en: 'Roads, bridges and transport', tpmap: 'accessibility' },
  { id: 'housing', th: 'ที่อยู่อาศัยและความมั่นคงในที่อยู่อาศัย', en: 'Housing and tenure security', tpmap: 'living' },
  {
    id: 'utilities_digital',
    th: 'ไฟฟ้า ไฟส่องสว่าง และอินเทอร์เน็ต',
    en: 'Electricity, street lighting and internet',
    tpmap: 'accessibility',
  },
  { id: 'health', th: 'สุขภาพและบริการสาธารณสุข', en: 'Health and health services', tpmap: 'health' },
  { id: 'education', th: 'การศึกษาและการเรียนรู้', en: 'Education and learning', tpmap: 'education' },
  { id: 'income_jobs', th: 'อาชีพ รายได้ และเศรษฐกิจชุมชน', en: 'Jobs, income and local economy', tpmap: 'income' },
  { id: 'agriculture', th: 'การเกษตรและปศุสัตว์', en: 'Agriculture and livestock', tpmap: 'income' },
  {
    id: 'welfare',
    th: 'สวัสดิการผู้สูงอายุ ผู้พิการ และกลุ่มเปราะบาง',
    en: 'Welfare for the elderly, disabled and vulnerable',
    tpmap: 'accessibility',
  },
  { id: 'environment', th: 'สิ่งแวดล้อม ขยะ และมลพิษ', en: 'Environment, waste and pollution', tpmap: 'living' },
  { id: 'safety_disaster', th: 'ความปลอดภัยและภัยพิบัติ (น้ำท่วม ภัยแล้ง)', en: 'Safety and disasters (flood, drought)', tpmap: 'living' },
  {
    id: 'community_culture',
    th: 'ชุมชน ศาสนา วัฒนธรรม และการท่องเที่ยว',
    en: 'Community, religion, culture and tourism',
    tpmap: null,
  },
];

export type Strategy = Readonly<{ id: string; th: string; en: string }>;

/** Provincial development issues projects are filed under. */
export const STRATEGIES: readonly Strategy[] = [
  { id: 'S1', th: 'ด้านโครงสร้างพื้นฐาน', en: 'Infrastructure' },
  { id: 'S2', th: 'ด้านส่งเสริมคุณภาพชีวิต', en: 'Quality of life' },
  { id: 'S3', th: 'ด้านการศึกษา ศาสนา วัฒนธรรม', en: 'Education, religion and culture' },
  { id: 'S4', th: 'ด้านเศรษฐกิจและการเกษตร', en: 'Economy and agriculture' },
  { id: 'S5', th: 'ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม', en: 'Natural resources and environment' },
  { id: 'S6', th: 'ด้านความมั่นคงและการป้องกันภัย', en: 'Security and disaster prevention' },
];

export const CHANNELS = ['ประชาคม', 'online', 'LINE', 'survey'] as const;
export type Channel = (typeof CHANNELS)[number];
