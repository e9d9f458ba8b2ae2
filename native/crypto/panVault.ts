import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Seals the few card fields a pending reversal must resend (host-protocol §4.4: F2, F14,
 * F23, F55 of the original) so that the database never holds them in the clear. The
 * AES-256-GCM key lives in its own file beside the database (owner-only), never in it;
 * the sealed value is deleted together with its reversal record.
 */
export class PanVault {
  private constructor(private readonly key: Buffer) {}

  static open(keyFile: string): PanVault {
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    try {
      chmodSync(keyFile, 0o600);
    } catch {
      // Windows: ACLs, not modes.
    }
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`the vault key file ${keyFile} is damaged`);
    return new PanVault(key);
  }

  /** A key kept elsewhere (Electron: the OS keychain, electron/shell/vaultKeychain.ts). */
  static fromKey(key: Buffer): PanVault {
    if (key.length !== 32) throw new Error('the vault key must be 32 bytes');
    return new PanVault(Buffer.from(key));
  }

  /** For tests and the CLI on a throw-away database. */
  static ephemeral(): PanVault {
    return new PanVault(randomBytes(32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }
}
