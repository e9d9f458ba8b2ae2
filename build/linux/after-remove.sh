#!/bin/bash
# Cashdesk deb post-remove: the /usr/bin link and the udev rules go. The shop's data
# (~/.config/cashdesk) stays: sales, journal and settlement history outlive the program.
# CASHDESK_INSTALL_ROOT: empty on a real system; a scratch folder in the packaging tests.
ROOT="$CASHDESK_INSTALL_ROOT"
EXE=cashdesk
case "$1" in
  remove|purge)
    if type update-alternatives >/dev/null 2>&1; then
      update-alternatives --remove "$EXE" "$ROOT/opt/Cashdesk/$EXE" || true
    fi
    rm -f "$ROOT/usr/bin/$EXE"
    rm -f "$ROOT/etc/udev/rules.d/99-cashdesk-serial.rules"
    if command -v udevadm >/dev/null 2>&1; then udevadm control --reload-rules || true; fi
    ;;
esac
exit 0
