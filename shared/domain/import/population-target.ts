/**
 * The population target: a table of the province's districts and tambons with their registered population, as the
 * Department of Provincial Administration (DOPA) publishes it (รหัสพื้นที่ 8 หลัก, ท้องที่, ชาย, หญิง, รวม, บ้าน) and as
 * district offices retype it (ตำบล by name under a heading per อำเภอ), in Thai and English.
 */
import type { TargetSchema } from './target';

export const POPULATION_TARGET: TargetSchema = {
  id: 'population',
  // A district's heading alone on its row ("อำเภอเมืองสระบุรี") heads the tambons under it; a district's row with its
  // own figure is no heading (it is the district's population).
  sections: [{ key: 'district', chain: 'area', prefixes: ['อำเภอ', 'อ.'] }],
  fields: [
    {
      key: 'code',
      th: 'รหัสพื้นที่',
      en: 'Area code',
      kind: 'id',
      required: false,
      synonyms: [
        'รหัสพื้นที่',
        'รหัส',
        'รหัสเขตการปกครอง',
        'รหัสท้องที่',
        'รหัสตำบล',
        'รหัสอำเภอ',
        'code',
        'areacode',
        'geocode',
        'tambon code',
        'district code',
      ],
    },
    {
      key: 'district',
      th: 'อำเภอ',
      en: 'District',
      kind: 'area',
      required: false,
      synonyms: ['อำเภอ', 'ชื่ออำเภอ', 'อ', 'district', 'amphoe'],
    },
    {
      key: 'tambon',
      th: 'ท้องที่',
      en: 'Area',
      kind: 'area',
      required: false,
      synonyms: [
        'ท้องที่',
        'ตำบล',
        'ชื่อตำบล',
        'ต',
        'ชื่อพื้นที่',
        'พื้นที่',
        'เขตการปกครอง',
        'ตำบล/อำเภอ',
        'อำเภอ/ตำบล',
        'area',
        'name',
        'tambon',
        'subdistrict',
      ],
    },
    {
      key: 'total',
      th: 'ประชากรรวม',
      en: 'Population',
      kind: 'count',
      required: false,
      perRow: true,
      synonyms: [
        'รวม',
        'รวมทั้งสิ้น',
        'ประชากรรวม',
        'จำนวนประชากร',
        'จำนวนประชากรรวม',
        'ประชากร',
        'ประชากรทั้งหมด',
        'รวมประชากร',
        'population',
        'total',
        'total population',
      ],
    },
    {
      key: 'male',
      th: 'ชาย',
      en: 'Men',
      kind: 'count',
      required: false,
      perRow: true,
      synonyms: ['ชาย', 'ประชากรชาย', 'จำนวนชาย', 'เพศชาย', 'male', 'males', 'men'],
    },
    {
      key: 'female',
      th: 'หญิง',
      en: 'Women',
      kind: 'count',
      required: false,
      perRow: true,
      synonyms: ['หญิง', 'ประชากรหญิง', 'จำนวนหญิง', 'เพศหญิง', 'female', 'females', 'women'],
    },
    {
      // Recognised so that it is never taken for the population: a count of registered house numbers.
      key: 'houses',
      th: 'บ้าน',
      en: 'Houses',
      kind: 'count',
      required: false,
      perRow: true,
      synonyms: ['บ้าน', 'จำนวนบ้าน', 'หลังคาเรือน', 'จำนวนหลังคาเรือน', 'ครัวเรือน', 'จำนวนครัวเรือน', 'houses', 'households'],
    },
  ],
};
