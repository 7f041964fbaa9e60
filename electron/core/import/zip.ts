/**
 * A bounded zip reader: the central directory is read first, every entry inflates with a hard output cap, the whole
 * archive with a total cap, so a zip bomb is refused after at most MAX_INFLATED_BYTES of work. Encrypted entries,
 * ZIP64 and methods other than stored / deflate are refused.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { fileError } from './file-error';
import { MAX_INFLATED_BYTES, MAX_ZIP_ENTRIES } from './limits';

export type ZipEntry = Readonly<{ name: string; bytes: Buffer }>;

/** True when the bytes start like a zip (local header or an empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) &&
    (bytes[3] === 4 || bytes[3] === 6)
  );
}

const mb = (n: number): string => `${Math.round(n / (1024 * 1024))} MB`;

/**
 * Files the desktop writes beside what the user put in a folder (thumbnail caches, folder settings, Finder's
 * metadata): skipped wherever they lie, as __MACOSX/ is, so zipping a folder on Windows or a Mac gives no file to refuse.
 */
const DESKTOP_JUNK: ReadonlySet<string> = new Set(['thumbs.db', 'ehthumbs.db', 'ehthumbs_vista.db', 'desktop.ini', '.ds_store']);

/** True for a directory, macOS metadata or desktop junk (see DESKTOP_JUNK): entries the import never reads. */
function skipped(name: string): boolean {
  if (name.endsWith('/') || name.startsWith('__MACOSX/')) return true;
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).toLowerCase();
  return DESKTOP_JUNK.has(base);
}

/**
 * Lists and inflates the entries (directories, macOS metadata and desktop junk skipped); two entries of one name are
 * refused, as readers differ on which one counts. `keep` decides which entries are inflated
 * into memory; the others are inflated and discarded (checked, not kept); `listOnly` reads the directory and headers
 * without inflating. Refusals name the entry.
 */
export function readZip(
  buf: Buffer,
  fileName: string,
  options: Readonly<{
    keep?: (name: string) => boolean;
    maxEntryBytes?: number;
    maxTotalBytes?: number;
    listOnly?: boolean;
    /**
     * Directories and desktop junk are checked and counted too (never skipped): for a zip another reader opens next,
     * which inflates every entry it finds.
     */
    everyEntry?: boolean;
  }> = {},
): ZipEntry[] {
  const maxEntry = options.maxEntryBytes ?? MAX_INFLATED_BYTES;
  const maxTotal = options.maxTotalBytes ?? MAX_INFLATED_BYTES;
  const corrupt = (why: string, whyTh: string): Error =>
    fileError(fileName, 'CORRUPT_FILE', `not a readable zip: ${why}`, `ไฟล์ zip เสียหาย: ${whyTh}`);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no central directory', 'ไม่พบสารบัญของไฟล์');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    throw fileError(fileName, 'CORRUPT_FILE', 'ZIP64 archives are not accepted', 'ไม่รับไฟล์ zip แบบ ZIP64');
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw fileError(
      fileName,
      'ZIP_BOMB',
      `the zip has ${count} entries; at most ${MAX_ZIP_ENTRIES}`,
      `ไฟล์ zip มี ${count} รายการ เกิน ${MAX_ZIP_ENTRIES}`,
    );
  }
  if (cdOffset + cdSize > eocd) throw corrupt('the directory lies outside the file', 'สารบัญอยู่นอกไฟล์');
  const out: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw corrupt('a damaged directory entry', 'รายการในสารบัญเสียหาย');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (!options.everyEntry && skipped(name)) continue;
    if (names.has(name)) {
      throw fileError(
        fileName,
        'CORRUPT_FILE',
        `the zip holds two entries named '${name}'; only one can be read`,
        `ไฟล์ zip มีสองรายการชื่อ '${name}' ซ้ำกัน จึงอ่านไม่ได้ว่าควรใช้รายการใด`,
      );
    }
    names.add(name);
    if (flags & 1) {
      throw fileError(
        fileName,
        'ENCRYPTED_FILE',
        `'${name}' is password-protected: extract the zip with its password and import its files, or a zip made again without one`,
        `'${name}' มีรหัสผ่าน: แตกไฟล์ zip ด้วยรหัสผ่านแล้วนำเข้าไฟล์ที่อยู่ภายใน หรือบีบอัดใหม่โดยไม่ใส่รหัสผ่าน`,
      );
    }
    if (size === 0xffffffff || compressed === 0xffffffff) {
      throw fileError(fileName, 'CORRUPT_FILE', 'ZIP64 archives are not accepted', 'ไม่รับไฟล์ zip แบบ ZIP64');
    }
    if (size > maxEntry || total + size > maxTotal) throw bomb(fileName, name, Math.min(maxEntry, maxTotal));
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50)
      throw corrupt(`'${name}' is damaged`, `'${name}' เสียหาย`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw corrupt(`'${name}' is cut short`, `'${name}' ไม่ครบ`);
    const data = buf.subarray(start, start + compressed);
    if (options.listOnly) {
      out.push({ name, bytes: Buffer.alloc(0) });
      continue;
    }
    let bytes: Buffer;
    if (method === 0) {
      bytes = data;
    } else if (method === 8) {
      try {
        // Never more than the entry declares: a lying header stops here instead of at the archive's cap.
        bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, size + 1) });
      } catch (e) {
        if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw fileError(
            fileName,
            'ZIP_BOMB',
            `'${name}' inflates beyond the ${size} bytes it declares: refused as a zip bomb`,
            `'${name}' ขยายเกินขนาดที่แจ้งไว้ (${size} ไบต์) จึงไม่รับ (zip bomb)`,
          );
        }
        throw corrupt(`'${name}' does not inflate`, `'${name}' คลายการบีบอัดไม่ได้`);
      }
    } else {
      throw fileError(
        fileName,
        'CORRUPT_FILE',
        `'${name}' uses compression method ${method}`,
        `'${name}' ใช้วิธีบีบอัดที่ไม่รองรับ (${method})`,
      );
    }
    if (bytes.length !== size || crc32(bytes) >>> 0 !== crc)
      throw corrupt(`'${name}' fails its checksum`, `'${name}' ข้อมูลไม่ตรงกับค่าตรวจสอบ`);
    total += bytes.length;
    if (!options.keep || options.keep(name)) out.push({ name, bytes });
  }
  return out;
}

function bomb(fileName: string, entry: string, cap: number): Error {
  return fileError(
    fileName,
    'ZIP_BOMB',
    `'${entry}' inflates beyond ${mb(cap)}: refused as a zip bomb`,
    `'${entry}' ขยายเกิน ${mb(cap)} จึงไม่รับ (zip bomb)`,
  );
}
