import { describe, expect, it } from 'vitest';
import { App, Region, Tld } from '../../../constructs';

describe('EplConstruct', () => {
  it('records the line of user code that created it', () => {
    const app = new App({ projectName: 'p', adminEmail: 'a@b.cd' });
    const region = new Region(app, 'us-west'); const line = 7;
    expect(region.creationLocation).toEqual({ file: __filename, line, column: expect.any(Number) });
    expect(region.creationLocation!.column).toBe(20);
  });

  it('applies an acknowledged warning to the construct and its children', () => {
    const app = new App({ projectName: 'p', adminEmail: 'a@b.cd' });
    const tld = new Tld(app, 'example.com');
    app.acknowledgeWarning('x/some-warning', 'intended');
    expect(tld.isAcknowledged('x/some-warning')).toBe(true);
    expect(tld.isAcknowledged('x/other')).toBe(false);
    expect(app.isAcknowledged('x/some-warning')).toBe(true);
  });
});
