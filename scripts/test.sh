#!/usr/bin/env bash
# Runs the test suite (`npm test`). Arguments go to `vitest run`, e.g. `npm test -- test/unit`.
#
# The keychain tests need a real Secret Service (DESIGN §10), and a CI machine or an SSH session has none. So on
# Linux this script starts a private D-Bus session with its own gnome-keyring, whose keyring lives in a temporary
# directory: the tests never see, and never write to, the developer's own keyring. macOS and Windows have their
# keychain built in, so there vitest simply runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "$(uname -s)" == Linux && -z "${LEDGERBRIDGE_KEYRING_READY:-}" ]]; then
  missing=()
  command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus)
  command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=(gnome-keyring)
  can_run_keyring=$([[ ${#missing[@]} -eq 0 ]] && echo yes || echo no)
  # Not needed to start the session, but keytar cannot be built without the libsecret headers, and the
  # end-to-end tests drive Debian's Chromium.
  if ! compgen -G '/usr/lib/*/pkgconfig/libsecret-1.pc' >/dev/null &&
    ! compgen -G '/usr/lib/pkgconfig/libsecret-1.pc' >/dev/null &&
    ! compgen -G '/usr/share/pkgconfig/libsecret-1.pc' >/dev/null; then
    missing+=(libsecret-1-dev)
  fi
  [[ -x /usr/bin/chromium ]] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)

  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "scripts/test.sh: missing packages: ${missing[*]}" >&2
    echo "  Install them with: sudo apt-get install -y ${missing[*]}" >&2
    echo "  (dbus and gnome-keyring give the keychain tests a Secret Service; libsecret-1-dev builds keytar;" >&2
    echo "   chromium runs the end-to-end tests.)" >&2
  fi

  if [[ $can_run_keyring == yes ]]; then
    tmp_root="$(mktemp -d "${TMPDIR:-/tmp}/ledgerbridge-test.XXXXXX")"
    trap 'rm -rf "$tmp_root"' EXIT
    # So that Ctrl-C and a CI timeout still run the EXIT trap.
    trap 'exit 130' INT
    trap 'exit 143' TERM
    chmod 700 "$tmp_root"
    # gnome-keyring and D-Bus refuse a runtime directory that others can read; the keyring file goes in
    # XDG_DATA_HOME/keyrings, so that one must be private and throwaway too.
    mkdir -m 700 "$tmp_root/data" "$tmp_root/runtime"
    export XDG_DATA_HOME="$tmp_root/data"
    export XDG_RUNTIME_DIR="$tmp_root/runtime"
    export LEDGERBRIDGE_KEYRING_READY=1

    status=0
    # --unlock with a password on stdin creates the login keyring and unlocks it, so nothing ever prompts.
    # The daemon exits with the session bus. The script re-runs itself inside, with the flag set, to reach vitest.
    dbus-run-session -- bash -c '
      if ! echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
        echo "scripts/test.sh: gnome-keyring-daemon did not start; the keychain tests will not find a Secret Service." >&2
      fi
      exec bash "$0" "$@"
    ' "${BASH_SOURCE[0]}" "$@" || status=$?
    exit "$status"
  fi

  if [[ "${CI:-}" == true ]]; then
    echo "scripts/test.sh: CI=true and there is no way to start a Secret Service; failing rather than skipping." >&2
    exit 1
  fi
  echo "scripts/test.sh: running without a private keyring; the keychain tests will be skipped." >&2
fi

mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
# A closing line in the plain "N passed, N failed" form that any CI log reader understands.
if [[ -f test-results/vitest.json ]]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  '
fi
exit "$status"
