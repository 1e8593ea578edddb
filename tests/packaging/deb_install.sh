#!/usr/bin/env bash
# Installs One-Shot Station's .deb on this machine the way an officer's machine gets it,
# checks what it put where, starts the installed program under Xvfb on the embedded
# sandbox, saves a screenshot, and removes the package again, checking nothing is left.
#
#   sudo tests/packaging/deb_install.sh [PATH/TO/oneshot-station_VERSION_ARCH.deb]
#
# Without a path it builds the package first (cargo xtask bundle --bundles deb).
# Needs root (dpkg) on Debian or Ubuntu; installs the X tools it uses with apt when missing.
# Environment: SCREENSHOT (default docs/screenshots/installed.png), KEEP_LOG=1 to keep the
# app's log and data folder, TIMEOUT (seconds to wait for the window and the sandbox, 90).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
package=oneshot-station
binary=/usr/bin/oneshot-station
screenshot="${SCREENSHOT:-$repo/docs/screenshots/installed.png}"
timeout="${TIMEOUT:-90}"

step() { printf '\n==> %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}
ok() { printf '    ok  %s\n' "$*"; }

[[ $(id -u) -eq 0 ]] || fail "needs root for dpkg: sudo $0 $*"
command -v dpkg >/dev/null || fail "dpkg not found: this test is for Debian and Ubuntu"

if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q ' installed$'; then
  fail "$package is already installed here; remove it first (dpkg -P $package) so the test starts clean"
fi

scratch="$(mktemp -d /tmp/oneshot-deb-test.XXXXXX)"
app_pid=""
xvfb_pid=""
installed_by_us=0
cleanup() {
  local status=$?
  if [[ -n $app_pid ]]; then kill -KILL "$app_pid" 2>/dev/null || true; fi
  if [[ -n $xvfb_pid ]]; then kill -TERM "$xvfb_pid" 2>/dev/null || true; fi
  if [[ $installed_by_us -eq 1 ]] && dpkg-query -W "$package" >/dev/null 2>&1; then
    echo "cleanup: purging $package after a failure"
    dpkg -P "$package" >/dev/null 2>&1 || true
  fi
  if [[ $status -ne 0 && -f $scratch/app.log ]]; then
    echo "---- last lines of the app's log ----"
    tail -n 40 "$scratch/app.log"
  fi
  if [[ ${KEEP_LOG:-0} == 1 || $status -ne 0 ]]; then
    echo "log and data folder kept in $scratch"
  else
    rm -rf "$scratch"
  fi
  exit "$status"
}
trap cleanup EXIT

step "tools"
declare -A tool_package=(
  [Xvfb]=xvfb [xdotool]=xdotool [xwininfo]=x11-utils [xprop]=x11-utils
  [import]=imagemagick [identify]=imagemagick [desktop-file-validate]=desktop-file-utils
)
missing=()
for tool in "${!tool_package[@]}"; do
  command -v "$tool" >/dev/null || missing+=("${tool_package[$tool]}")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  echo "installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
ok "Xvfb, xdotool, xwininfo, xprop, ImageMagick, desktop-file-validate"

step "package"
deb="${1:-}"
if [[ -z $deb ]]; then
  (cd "$repo" && cargo xtask bundle --bundles deb)
  target_dir="$(cd "$repo" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
  deb="$(find "$target_dir/release/bundle/deb" -maxdepth 1 -name "${package}_*.deb" -printf '%T@ %p\n' |
    sort -rn | head -n 1 | cut -d' ' -f2-)"
fi
[[ -f $deb ]] || fail "no such package: $deb"
deb="$(realpath "$deb")"
echo "$deb ($(du -h "$deb" | cut -f1))"
[[ $(dpkg-deb -f "$deb" Package) == "$package" ]] || fail "the package is not called $package"
dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends Section
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$scratch/contents"
echo "$(grep -vc '/$' "$scratch/contents") files"

step "dpkg -i"
if ! dpkg -i "$deb"; then
  echo "dpkg left dependencies unmet: letting apt-get fetch them"
  DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q --no-install-recommends
fi
installed_by_us=1
dpkg-query -W -f='${Status}\n' "$package" | grep -q '^install ok installed$' ||
  fail "$package is not installed after dpkg -i"
ok "$package $(dpkg-query -W -f='${Version}' "$package") installed"

step "installed files"
expect_file() {
  [[ -f $1 ]] || fail "missing $1"
  ok "$1"
}
expect_file "$binary"
[[ -x $binary ]] || fail "$binary is not executable"
expect_file /usr/lib/oneshot-station/libpdfium.so
desktop=/usr/share/applications/oneshot-station.desktop
expect_file "$desktop"
for size in 32x32 64x64 128x128 512x512; do
  expect_file "/usr/share/icons/hicolor/$size/apps/oneshot-station.png"
done
expect_file /usr/share/icons/hicolor/scalable/apps/oneshot-station.svg
expect_file /usr/share/doc/oneshot-station/copyright
expect_file /usr/share/doc/oneshot-station/pdfium/BUILD_LICENSES/pdfium.txt
expect_file /usr/share/doc/oneshot-station/pdfium/SOURCE.txt
if ldd "$binary" /usr/lib/oneshot-station/libpdfium.so | grep 'not found'; then
  fail "shared libraries the package's Depends do not bring"
fi
ok "every shared library of the program and of pdfium resolves"

step "Depends covers every shared library"
# This machine has the build's -dev packages, so resolving here proves little: each library
# must also come from a package that the .deb's Depends pulls in on a bare desktop.
depends="$(dpkg-query -W -f='${Depends}' "$package")"
echo "    Depends: $depends"
mapfile -t wanted < <(tr ',' '\n' <<<"$depends" | sed 's/([^)]*)//g; s/|.*//; s/ //g' | grep -v '^$')
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances "${wanted[@]}" | grep -v '^ ' | tr -d '<>' | sed 's/:.*//' |
  sort -u >"$scratch/closure"
unmet=()
while read -r lib; do
  # With merged /usr, dpkg may have recorded the file under the other spelling.
  owner="$(dpkg -S "$lib" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null || true)"
  owner="$(head -n 1 <<<"$owner" | cut -d: -f1)"
  [[ -n $owner ]] || fail "no package owns $lib"
  grep -qx "$owner" "$scratch/closure" && continue
  [[ $(dpkg-query -W -f='${Essential}' "$owner") == yes ]] && continue
  unmet+=("$owner ($lib)")
done < <(ldd "$binary" /usr/lib/oneshot-station/libpdfium.so | awk '/=> \// {print $3}' | sort -u)
[[ ${#unmet[@]} -eq 0 ]] || fail "Depends does not bring: ${unmet[*]}"
ok "each library's package is in the Depends closure ($(wc -l <"$scratch/closure") packages)"

step "desktop entry and PDF association"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $desktop"
ok "desktop-file-validate"
cat "$desktop"
grep -qx 'Name=One-Shot Station' "$desktop" || fail "Name is not One-Shot Station"
grep -qx 'Categories=Office;' "$desktop" || fail "Categories is not Office;"
grep -qx 'MimeType=application/pdf;' "$desktop" || fail "no MimeType=application/pdf;"
grep -qx "Exec=oneshot-station %f" "$desktop" || fail "Exec does not pass the file (%f)"
grep -qx "Icon=oneshot-station" "$desktop" || fail "Icon is not oneshot-station"
# dpkg's trigger for desktop-file-utils indexes the entry: file managers offer "Open with".
grep -q '^application/pdf=.*oneshot-station.desktop' /usr/share/applications/mimeinfo.cache ||
  fail "application/pdf does not list oneshot-station.desktop in mimeinfo.cache"
ok "application/pdf → oneshot-station.desktop in mimeinfo.cache"

step "the shipped pdfium opens a PDF"
python3 - /usr/lib/oneshot-station/libpdfium.so "$scratch/sample.pdf" <<'PY'
import ctypes, sys

def one_page_pdf():
    """A valid one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)

library, sample = sys.argv[1], sys.argv[2]
data = one_page_pdf()
with open(sample, "wb") as f:
    f.write(data)
pdfium = ctypes.CDLL(library)
pdfium.FPDF_LoadMemDocument.restype = ctypes.c_void_p
pdfium.FPDF_LoadMemDocument.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
pdfium.FPDF_GetPageCount.argtypes = [ctypes.c_void_p]
pdfium.FPDF_CloseDocument.argtypes = [ctypes.c_void_p]
pdfium.FPDF_InitLibrary()
document = pdfium.FPDF_LoadMemDocument(data, len(data), None)
if not document:
    sys.exit("pdfium could not open the sample PDF (error %d)" % pdfium.FPDF_GetLastError())
pages = pdfium.FPDF_GetPageCount(document)
pdfium.FPDF_CloseDocument(document)
pdfium.FPDF_DestroyLibrary()
if pages != 1:
    sys.exit("pdfium counted %d pages in a one-page PDF" % pages)
print("    ok  pdfium opened the sample PDF: 1 page")
PY

step "start the installed station under Xvfb"
display=""
for n in $(seq 120 180); do
  [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
  Xvfb ":$n" -screen 0 1400x960x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do
    [[ -e /tmp/.X11-unix/X$n ]] && break
    sleep 0.1
  done
  if [[ -e /tmp/.X11-unix/X$n ]] && kill -0 "$xvfb_pid" 2>/dev/null; then
    display=":$n"
    break
  fi
  xvfb_pid=""
done
[[ -n $display ]] || fail "no free X display between :120 and :180"
ok "Xvfb on $display"

data_dir="$scratch/data"
mkdir -p "$data_dir" "$scratch/home"
# Exactly what the desktop entry runs (Exec=oneshot-station %f), from a clean environment:
# no PDFIUM_LIB, so the program must find the pdfium its package installed.
env -i \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME="$scratch/home" \
  DISPLAY="$display" \
  LANG=C.UTF-8 \
  RUST_LOG=info \
  NO_COLOR=1 \
  ONESHOT_STATION_DATA_DIR="$data_dir" \
  WEBKIT_DISABLE_COMPOSITING_MODE=1 \
  "$binary" "$scratch/sample.pdf" >"$scratch/app.log" 2>&1 &
app_pid=$!

window=""
for _ in $(seq $((timeout * 2))); do
  kill -0 "$app_pid" 2>/dev/null || fail "the station exited before its window opened"
  window="$(DISPLAY=$display xdotool search --onlyvisible --name '^One-Shot Station$' 2>/dev/null | head -n 1 || true)"
  [[ -n $window ]] && break
  sleep 0.5
done
[[ -n $window ]] || fail "no window titled One-Shot Station within ${timeout}s"
DISPLAY=$display xwininfo -id "$window" | grep -E 'Width|Height|Map State' | sed 's/^ */    /'
wm_class="$(DISPLAY=$display xprop -id "$window" WM_CLASS)"
echo "    $wm_class"
startup_class="$(sed -n 's/^StartupWMClass=//p' "$desktop")"
grep -q "\"$startup_class\"" <<<"$wm_class" ||
  fail "StartupWMClass=$startup_class does not match the window's $wm_class"
ok "window $window, WM_CLASS matches StartupWMClass=$startup_class"

for _ in $(seq $((timeout * 2))); do
  grep -q 'embedded sandbox started' "$scratch/app.log" && break
  kill -0 "$app_pid" 2>/dev/null || fail "the station exited before the embedded sandbox started"
  sleep 0.5
done
grep -q 'embedded sandbox started' "$scratch/app.log" ||
  fail "the log never says the embedded sandbox started"
ok "$(grep -o 'embedded sandbox started.*' "$scratch/app.log" | head -n 1)"

step "screenshot"
mkdir -p "$(dirname "$screenshot")"
# The UI paints after the sandbox answers; a picture of one flat colour means it has not yet.
painted=0
for _ in $(seq 30); do
  sleep 1
  DISPLAY=$display import -window "$window" "$scratch/window.png"
  spread="$(identify -format '%[fx:standard_deviation]' "$scratch/window.png")"
  if awk -v s="$spread" 'BEGIN { exit !(s > 0.05) }'; then
    painted=1
    break
  fi
done
[[ $painted -eq 1 ]] || fail "the window stayed blank (colour spread $spread)"
cp "$scratch/window.png" "$screenshot"
ok "$screenshot ($(identify -format '%wx%h' "$screenshot"))"

step "the app's log"
if grep -n 'panicked' "$scratch/app.log"; then fail "the station panicked"; fi
if grep -in 'pdfium' "$scratch/app.log" | grep -Ei 'error|warn|not found|unavailable'; then
  fail "the log reports a pdfium problem"
fi
ok "no panic, no pdfium error"
grep -E ' (ERROR|WARN) ' "$scratch/app.log" | sed 's/^/    note: /' || true
kill -0 "$app_pid" 2>/dev/null || fail "the station exited on its own"
kill -TERM "$app_pid"
for _ in $(seq 50); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
kill -KILL "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
kill -TERM "$xvfb_pid"
wait "$xvfb_pid" 2>/dev/null || true
xvfb_pid=""
ok "station and Xvfb stopped"
[[ -f $data_dir/station.sqlite3 ]] || fail "the station wrote no database into ONESHOT_STATION_DATA_DIR"
ok "data stayed in ONESHOT_STATION_DATA_DIR ($(du -sh "$data_dir" | cut -f1))"

step "dpkg -r, then dpkg -P"
dpkg -r "$package"
[[ ! -e $binary ]] || fail "$binary is still there after dpkg -r"
# With no configuration files to keep, dpkg -r already forgets the package entirely.
if dpkg-query -W "$package" >/dev/null 2>&1; then
  dpkg -P "$package"
else
  echo "    dpkg -r left nothing for dpkg -P to purge"
fi
installed_by_us=0
if dpkg-query -W "$package" >/dev/null 2>&1; then
  fail "dpkg still knows $package after dpkg -P"
fi
left=()
while read -r path; do
  [[ -z $path || $path == */ ]] && continue
  [[ -e $path || -L $path ]] && left+=("$path")
done <"$scratch/contents"
for dir in /usr/lib/oneshot-station /usr/share/doc/oneshot-station; do
  [[ -e $dir ]] && left+=("$dir")
done
[[ ${#left[@]} -eq 0 ]] || fail "left behind: ${left[*]}"
if grep -q 'oneshot-station.desktop' /usr/share/applications/mimeinfo.cache 2>/dev/null; then
  fail "mimeinfo.cache still lists oneshot-station.desktop"
fi
ok "no file of the package is left, and the PDF association is gone"

printf '\ndeb install test passed: %s\n' "$(basename "$deb")"
