import { describe, expect, it } from 'vitest';
import { seedSampleFrom } from './launch-options';

describe('the desktop command line', () => {
  it('seeds the synthetic sample into a new database unless --no-seed is given', () => {
    expect(seedSampleFrom(['/usr/bin/electron', '/opt/chipao'])).toBe(true);
    expect(seedSampleFrom(['/usr/bin/electron', '/opt/chipao', '--no-seed'])).toBe(false);
    // The installed app: its executable, then the option.
    expect(seedSampleFrom(['C:\\Program Files\\ChiPao\\ChiPao.exe', '--no-seed'])).toBe(false);
  });
});
