// The deb's serial set-up (issue 16 §2): the udev rules cover every USB-serial bridge the
// PIN pad discovery knows, and the post-install / post-remove scripts really run — against
// a scratch root (CASHDESK_INSTALL_ROOT) with recorders in place of the system commands
// that would change this machine (udevadm, usermod, update-alternatives).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PINPAD_USB_IDS } from '../../native/serial/portDiscovery.js';

const linux = join(import.meta.dirname, '..', '..', 'build', 'linux');
const rulesText = readFileSync(join(linux, '99-cashdesk-serial.rules'), 'utf8');
const ruleLines = rulesText.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#'));

describe('udev rules for the counter\'s serial devices', () => {
  it('match every bridge the PIN pad discovery knows, and CDC-ACM devices', () => {
    for (const id of DEFAULT_PINPAD_USB_IDS) {
      expect(rulesText, id.label).toContain(`ATTRS{idVendor}=="${id.vendorId}", ATTRS{idProduct}=="${id.productId}"`);
    }
    expect(rulesText).toMatch(/KERNEL=="ttyACM\[0-9\]\*", DRIVERS=="cdc_acm"/);
  });

  it('give the ports to dialout and the seated user, with a stable name per chip and USB port', () => {
    expect(ruleLines).toContain('MODE="0660", GROUP="dialout", TAG+="uaccess"');
    expect(rulesText).toContain('SYMLINK+="cashdesk/$env{CASHDESK_CHIP}-$env{ID_PATH_TAG}"');
    // Unmatched ttys skip every assignment: the rules change nothing for other devices.
    expect(ruleLines[0]).toBe('SUBSYSTEM!="tty", GOTO="cashdesk_end"');
    expect(ruleLines).toContain('ENV{CASHDESK_CHIP}=="", GOTO="cashdesk_end"');
    expect(ruleLines.at(-1)).toBe('LABEL="cashdesk_end"');
  });

  it('every line is key-operator-"value" pairs udev accepts', () => {
    const pair = /^[A-Z_]+(\{[A-Za-z_]+\})?(==|!=|\+=|:=|=)"[^"]*"$/;
    for (const line of ruleLines) for (const part of line.split(/,\s*/)) expect(part, line).toMatch(pair);
  });
});

describe('the deb\'s post-install and post-remove scripts', () => {
  let root: string;
  let bin: string;
  let calls: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cashdesk-deb-'));
    bin = join(root, 'fakebin');
    calls = join(root, 'calls.log');
    mkdirSync(bin);
    for (const cmd of ['udevadm', 'usermod', 'update-alternatives', 'update-desktop-database']) {
      writeFileSync(join(bin, cmd), `#!/bin/sh\necho "${cmd} $*" >> "${calls}"\n`);
      chmodSync(join(bin, cmd), 0o755);
    }
    writeFileSync(join(bin, 'getent'), '#!/bin/sh\n[ "$1" = group ] && [ "$2" = dialout ] && echo "dialout:x:20:" && exit 0\n[ "$1" = passwd ] && echo "shop:x:$2:$2::/home/shop:/bin/bash" && exit 0\nexit 2\n');
    chmodSync(join(bin, 'getent'), 0o755);
    // The installed tree as the deb unpacks it.
    mkdirSync(join(root, 'opt', 'Cashdesk', 'resources', 'udev'), { recursive: true });
    mkdirSync(join(root, 'etc', 'udev'), { recursive: true });
    mkdirSync(join(root, 'usr', 'bin'), { recursive: true });
    writeFileSync(join(root, 'opt', 'Cashdesk', 'cashdesk'), '#!/bin/sh\n');
    chmodSync(join(root, 'opt', 'Cashdesk', 'cashdesk'), 0o755);
    writeFileSync(join(root, 'opt', 'Cashdesk', 'chrome-sandbox'), '');
    writeFileSync(join(root, 'opt', 'Cashdesk', 'resources', 'udev', '99-cashdesk-serial.rules'), rulesText);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const runScript = (name: string, args: string[], extraEnv: Record<string, string>): string =>
    execFileSync('bash', [join(linux, name), ...args], {
      env: { PATH: `${bin}:/usr/bin:/bin`, CASHDESK_INSTALL_ROOT: root, ...extraEnv },
      encoding: 'utf8',
    });

  it('install: rules in /etc/udev/rules.d, udev reloaded, the sudo user put in dialout, the command linked', () => {
    const out = runScript('after-install.sh', ['configure'], { SUDO_USER: 'shop' });
    expect(readFileSync(join(root, 'etc', 'udev', 'rules.d', '99-cashdesk-serial.rules'), 'utf8')).toBe(rulesText);
    const log = readFileSync(calls, 'utf8');
    expect(log).toContain('udevadm control --reload-rules');
    expect(log).toContain('udevadm trigger --subsystem-match=tty');
    expect(log).toContain('usermod -a -G dialout shop');
    expect(log).toContain(`update-alternatives --install ${root}/usr/bin/cashdesk cashdesk ${root}/opt/Cashdesk/cashdesk 100`);
    expect(out).toMatch(/added to group dialout.*dialout 组/s);
  });

  it('install through pkexec finds the user by uid; installed by root alone, nobody is added', () => {
    runScript('after-install.sh', ['configure'], { PKEXEC_UID: '1000' });
    expect(readFileSync(calls, 'utf8')).toContain('usermod -a -G dialout shop');
    rmSync(calls);
    runScript('after-install.sh', ['configure'], { SUDO_USER: 'root' });
    expect(readFileSync(calls, 'utf8')).not.toContain('usermod');
  });

  it('remove takes the rules and the link away; an upgrade leaves them', () => {
    runScript('after-install.sh', ['configure'], { SUDO_USER: 'shop' });
    runScript('after-remove.sh', ['upgrade'], {});
    expect(existsSync(join(root, 'etc', 'udev', 'rules.d', '99-cashdesk-serial.rules'))).toBe(true);
    runScript('after-remove.sh', ['remove'], {});
    expect(existsSync(join(root, 'etc', 'udev', 'rules.d', '99-cashdesk-serial.rules'))).toBe(false);
    expect(readFileSync(calls, 'utf8')).toContain('update-alternatives --remove cashdesk');
  });
});
