#!/bin/bash
# Cashdesk deb post-install (issue 16). It replaces electron-builder's default script, so
# it first does what that one does (the /usr/bin link, the sandbox helper's mode), then
# installs the serial udev rules and puts the installing user in dialout, so the PIN
# pad, printer and scanner ports open without root. For the AppImage, run it by hand:
#   sudo bash <AppImage mount>/resources/udev/install-serial-rules.sh
# (No ${name} macros here: electron-builder would substitute them in the deb's copy only.)

# CASHDESK_INSTALL_ROOT: empty on a real install; a scratch folder in the packaging tests.
ROOT="$CASHDESK_INSTALL_ROOT"
APP_DIR="$ROOT/opt/Cashdesk"
EXE=cashdesk
RULES_NAME=99-cashdesk-serial.rules

if [ -x "$APP_DIR/$EXE" ]; then
  if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --install "$ROOT/usr/bin/$EXE" "$EXE" "$APP_DIR/$EXE" 100 || ln -sf "$APP_DIR/$EXE" "$ROOT/usr/bin/$EXE"
  else
    ln -sf "$APP_DIR/$EXE" "$ROOT/usr/bin/$EXE"
  fi
  # SUID chrome-sandbox only where user namespaces do not work.
  if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; } 2>/dev/null; then
    chmod 4755 "$APP_DIR/chrome-sandbox" || true
  else
    chmod 0755 "$APP_DIR/chrome-sandbox" || true
  fi
  if hash update-desktop-database 2>/dev/null; then
    update-desktop-database "$ROOT/usr/share/applications" || true
  fi
fi

SRC=""
for dir in "$APP_DIR/resources/udev" "$(dirname "$0")"; do
  if [ -f "$dir/$RULES_NAME" ]; then SRC="$dir/$RULES_NAME"; break; fi
done
if [ -n "$SRC" ] && [ -d "$ROOT/etc/udev" ]; then
  mkdir -p "$ROOT/etc/udev/rules.d"
  install -m 0644 "$SRC" "$ROOT/etc/udev/rules.d/$RULES_NAME"
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
    udevadm trigger --subsystem-match=tty || true
  fi
fi

# The person who ran the installer (sudo / pkexec), not root. The rules' uaccess tag
# already covers the user seated at the counter; dialout also covers other sessions.
TARGET_USER="$SUDO_USER"
if [ -z "$TARGET_USER" ] && [ -n "$PKEXEC_UID" ]; then
  TARGET_USER="$(getent passwd "$PKEXEC_UID" | cut -d: -f1)"
fi
if [ -n "$TARGET_USER" ] && [ "$TARGET_USER" != "root" ] && getent group dialout >/dev/null 2>&1; then
  usermod -a -G dialout "$TARGET_USER" || true
  echo "Cashdesk: $TARGET_USER added to group dialout; sign out and in again. 已将 $TARGET_USER 加入 dialout 组，请注销后重新登录。"
fi
exit 0
