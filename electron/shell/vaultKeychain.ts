// The reversal vault's key in the OS keychain (issue 16 §7). Under Electron the key that
// seals a pending reversal's card fields is encrypted with safeStorage (DPAPI on Windows,
// the Keychain on macOS, libsecret / kwallet on Linux), so a copy of the data folder alone
// cannot open them. The CLI and dev:browser keep the owner-only file (PanVault.open).
// Plain Node: main.ts hands Electron's safeStorage in, tests hand in a fake.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PanVault } from '../../native/crypto/panVault.js';
import { CashdeskError } from '../../native/errors.js';
import type { Logger } from '../../native/log/logger.js';

/** The part of Electron's safeStorage this needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring answered and the "encryption" is a fixed password. */
  getSelectedStorageBackend?(): string;
}

/** Beside the plain key file's name: reversal-vault.key → reversal-vault.key.keychain. */
export const KEYCHAIN_SUFFIX = '.keychain';

const KEY_BYTES = 32;

function keychainLocked(cause?: unknown): CashdeskError {
  return new CashdeskError(
    'VAULT_KEY_LOCKED',
    '无法从系统钥匙串读取冲正密钥。请用安装收银台的系统账户登录并解锁钥匙串后重新打开收银台；未完成的冲正需要这把密钥。',
    'The reversal key cannot be read from the system keychain. Sign in to the computer with the account Cashdesk was installed under, unlock the keychain, and open Cashdesk again; pending reversals need this key.',
    { cause },
  );
}

function writeOwnerOnly(file: string, body: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, body, { mode: 0o600 });
  try {
    chmodSync(tmp, 0o600);
  } catch {
    // Windows: ACLs, not modes.
  }
  renameSync(tmp, file);
}

function readPlainKey(keyFile: string): Buffer {
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`the vault key file ${keyFile} is damaged`);
  return key;
}

/**
 * An AppConfig.openVault for Electron. The key, in base64, is encrypted by safeStorage into
 * `<keyFile>.keychain`. An existing plain key file (a counter that ran an older version)
 * is moved into the keychain with the same key, so pending reversals sealed with it still
 * open; only then is the plain file deleted. Where no real keychain answers, the plain
 * owner-only file stays in use (and a warning is logged) rather than a fixed password.
 */
export function keychainVault(safe: SafeStorageLike, logger?: Logger): (keyFile: string) => PanVault {
  return (keyFile) => {
    const sealedFile = keyFile + KEYCHAIN_SUFFIX;
    if (existsSync(sealedFile)) {
      // Never fall back to a new key here: the pending reversals were sealed with this one.
      if (!safe.isEncryptionAvailable()) throw keychainLocked();
      let key: Buffer;
      try {
        key = Buffer.from(safe.decryptString(readFileSync(sealedFile)), 'base64');
      } catch (e) {
        throw keychainLocked(e);
      }
      if (key.length !== KEY_BYTES) throw keychainLocked(new Error(`${sealedFile} does not hold a ${KEY_BYTES}-byte key`));
      // A plain file next to a sealed one was written by the CLI on this database; its
      // key is a different one, so it stays for the CLI's own records.
      if (existsSync(keyFile)) logger?.log('warn', 'vault.plain-key-beside-keychain', { file: keyFile });
      return PanVault.fromKey(key);
    }

    const backend = safe.getSelectedStorageBackend?.();
    if (!safe.isEncryptionAvailable() || backend === 'basic_text') {
      logger?.log('warn', 'vault.keychain-unavailable', { backend: backend ?? null, file: keyFile });
      return PanVault.open(keyFile);
    }

    const hadPlain = existsSync(keyFile);
    const key = hadPlain ? readPlainKey(keyFile) : randomBytes(KEY_BYTES);
    writeOwnerOnly(sealedFile, safe.encryptString(key.toString('base64')));
    // Read it back through the keychain before the plain copy goes: a keychain that takes
    // the write but cannot give it back must not cost the shop its pending reversals.
    const back = Buffer.from(safe.decryptString(readFileSync(sealedFile)), 'base64');
    if (!back.equals(key)) {
      rmSync(sealedFile, { force: true });
      throw keychainLocked(new Error('the keychain did not return the key it was given'));
    }
    if (hadPlain) {
      rmSync(keyFile, { force: true });
      logger?.log('info', 'vault.key-moved-to-keychain', { file: sealedFile });
    }
    return PanVault.fromKey(key);
  };
}
