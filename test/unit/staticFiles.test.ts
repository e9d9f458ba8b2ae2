import { describe, expect, it } from 'vitest';
import { resolveContained } from '../../electron/bridge/staticFiles.js';

describe('path containment for app:// and the bridge', () => {
  const root = '/srv/renderer';
  it('maps pages under the root', () => {
    expect(resolveContained(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveContained(root, '/assets/a.js?v=1')).toBe('/srv/renderer/assets/a.js');
  });
  it.each(['/../secret', '/%2e%2e/secret', '/assets/../../etc/passwd', '/..%2fetc%2fpasswd', '/a%00.js', '/%E0%A4%A'])('refuses %s', (p) => {
    expect(resolveContained(root, p)).toBeNull();
  });
});
