// The reversal vault key in the OS keychain (issue 16 §7). Electron's safeStorage cannot
// run here (no Electron binary), so FakeSafeStorage stands in for it, behaving as the real
// one does: ciphertext that is not the plain text, decryption refused for bytes it did not
// produce, "not available" while the keyring is locked, 'basic_text' when no keyring
// answers on Linux. Everything else is real: the files, PanVault, createApp on a SQLite file.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/app.js';
import { KEYCHAIN_SUFFIX, keychainVault, type SafeStorageLike } from '../../electron/shell/vaultKeychain.js';
import { PanVault } from '../../native/crypto/panVault.js';
import { CashdeskError } from '../../native/errors.js';
import { createLogger, silentLogger } from '../../native/log/logger.js';

class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  /** The keyring's own secret: gone, as after a reinstall of the OS account, when replaced. */
  secret = randomBytes(32);
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    if (!this.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.secret, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, c.getAuthTag(), body]);
  }
  decryptString(encrypted: Buffer): string {
    if (!this.available) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    const d = createDecipheriv('aes-256-gcm', this.secret, encrypted.subarray(3, 15));
    d.setAuthTag(encrypted.subarray(15, 31));
    return Buffer.concat([d.update(encrypted.subarray(31)), d.final()]).toString('utf8');
  }
}

let dir: string;
let keyFile: string;
let safe: FakeSafeStorage;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cashdesk-vault-'));
  keyFile = join(dir, 'reversal-vault.key');
  safe = new FakeSafeStorage();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('keychainVault', () => {
  it('a new counter keeps its key only in the keychain file, encrypted, and reopens it', () => {
    const vault = keychainVault(safe)(keyFile);
    const sealed = vault.seal('6222020000000000000=3012');
    expect(existsSync(keyFile)).toBe(false);
    const onDisk = readFileSync(keyFile + KEYCHAIN_SUFFIX);
    // The file is the keychain's ciphertext: the key itself (base64, as sealed) is not in it.
    const key = safe.decryptString(onDisk);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(onDisk.includes(Buffer.from(key))).toBe(false);
    expect(onDisk.includes(Buffer.from(key, 'base64'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(keyFile + KEYCHAIN_SUFFIX).mode & 0o777).toBe(0o600);
    expect(keychainVault(safe)(keyFile).open(sealed)).toBe('6222020000000000000=3012');
  });

  it('an older counter\'s plain key moves into the keychain unchanged, so its pending reversals still open', () => {
    const sealed = PanVault.open(keyFile).seal('pending F2');
    const logger = createLogger({ keep: 50 });
    const vault = keychainVault(safe, logger)(keyFile);
    expect(vault.open(sealed)).toBe('pending F2');
    expect(existsSync(keyFile)).toBe(false);
    expect(existsSync(keyFile + KEYCHAIN_SUFFIX)).toBe(true);
    expect(logger.records().map((r) => r.event)).toContain('vault.key-moved-to-keychain');
    expect(keychainVault(safe)(keyFile).open(sealed)).toBe('pending F2');
  });

  it('a locked keychain stops the start with a message in both languages, and never makes a new key', () => {
    keychainVault(safe)(keyFile);
    const before = readFileSync(keyFile + KEYCHAIN_SUFFIX);
    safe.available = false;
    let error: unknown;
    try {
      keychainVault(safe)(keyFile);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CashdeskError);
    expect(error).toMatchObject({ code: 'VAULT_KEY_LOCKED' });
    expect((error as CashdeskError).zh).toMatch(/钥匙串/);
    expect((error as CashdeskError).en).toMatch(/unlock the keychain/);
    expect(readFileSync(keyFile + KEYCHAIN_SUFFIX).equals(before)).toBe(true);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('a keychain that no longer knows the key (another account) is refused the same way', () => {
    keychainVault(safe)(keyFile);
    safe.secret = randomBytes(32);
    expect(() => keychainVault(safe)(keyFile)).toThrow(expect.objectContaining({ code: 'VAULT_KEY_LOCKED' }));
  });

  it('without a real keychain (Linux basic_text, or none) the owner-only key file stays in use, with a warning', () => {
    for (const setup of [() => (safe.backend = 'basic_text'), () => (safe.available = false)]) {
      rmSync(keyFile, { force: true });
      safe = new FakeSafeStorage();
      setup();
      const logger = createLogger({ keep: 50 });
      const sealed = keychainVault(safe, logger)(keyFile).seal('x');
      expect(existsSync(keyFile + KEYCHAIN_SUFFIX)).toBe(false);
      expect(PanVault.open(keyFile).open(sealed)).toBe('x');
      if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(logger.records().map((r) => r.event)).toContain('vault.keychain-unavailable');
    }
  });

  it('a keychain that accepts the key but gives back another keeps the plain key file and stops', () => {
    const sealed = PanVault.open(keyFile).seal('pending');
    const liar = new FakeSafeStorage();
    liar.decryptString = () => randomBytes(32).toString('base64');
    expect(() => keychainVault(liar)(keyFile)).toThrow(expect.objectContaining({ code: 'VAULT_KEY_LOCKED' }));
    expect(existsSync(keyFile + KEYCHAIN_SUFFIX)).toBe(false);
    expect(PanVault.open(keyFile).open(sealed)).toBe('pending');
  });

  it('a plain key the CLI wrote beside the keychain one is left for the CLI, and logged', () => {
    const vault = keychainVault(safe)(keyFile);
    const sealed = vault.seal('app record');
    writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    const logger = createLogger({ keep: 50 });
    expect(keychainVault(safe, logger)(keyFile).open(sealed)).toBe('app record');
    expect(existsSync(keyFile)).toBe(true);
    expect(logger.records().map((r) => r.event)).toContain('vault.plain-key-beside-keychain');
  });
});

describe('createApp with the keychain vault (AppConfig.openVault)', () => {
  it('the data folder holds the keychain-sealed key and no plain key file; without openVault it is the plain file', async () => {
    const core = await createApp({ dataDir: dir, training: false, devices: 'none', logger: silentLogger, openVault: keychainVault(safe) });
    await core.close();
    expect(existsSync(join(dir, 'reversal-vault.key' + KEYCHAIN_SUFFIX))).toBe(true);
    expect(existsSync(join(dir, 'reversal-vault.key'))).toBe(false);

    const other = mkdtempSync(join(tmpdir(), 'cashdesk-vault-cli-'));
    try {
      const cli = await createApp({ dataDir: other, training: false, devices: 'none', logger: silentLogger });
      await cli.close();
      expect(existsSync(join(other, 'reversal-vault.key'))).toBe(true);
      expect(existsSync(join(other, 'reversal-vault.key' + KEYCHAIN_SUFFIX))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
