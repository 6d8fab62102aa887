#!/usr/bin/env bash
# Build dist/dafu_<version>_<arch>.deb from the bundle in dist/dafu (built first when missing).
# Installs under /opt/dafu, puts dafu and dafu-desktop on the PATH, registers the .desktop entry,
# the icon and the *.dafu draft type. Works the same on amd64 and arm64 (build on the target arch).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x dist/dafu/dafu-desktop ] || bash packaging/build_linux.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
arch=$(dpkg --print-architecture)
root=build/deb/dafu_${version}_${arch}
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
         "$root/usr/share/mime/packages" "$root/usr/share/icons/hicolor/scalable/apps" \
         "$root/usr/share/doc/dafu"
cp -a dist/dafu "$root/opt/dafu"
ln -s /opt/dafu/dafu "$root/usr/bin/dafu"
ln -s /opt/dafu/dafu-desktop "$root/usr/bin/dafu-desktop"
cp packaging/linux/dafu.desktop "$root/usr/share/applications/dafu.desktop"
cp packaging/linux/dafu-mime.xml "$root/usr/share/mime/packages/dafu.xml"
cp resources/icons/dafu.svg "$root/usr/share/icons/hicolor/scalable/apps/dafu.svg"
cp packaging/linux/copyright "$root/usr/share/doc/dafu/copyright"
size=$(du -sk "$root" | cut -f1)
# The X11 libraries the bundled Qt's xcb plugin links against: the list scripts/bootstrap.sh installs.
XCB_DEPENDS=$(sed -n '/^XCB_LIBS=(/,/)/p' scripts/bootstrap.sh | tr -d '()\n' | sed 's/XCB_LIBS=//; s/^ *//; s/  */, /g; s/, *$//')
cat > "$root/DEBIAN/control" <<CONTROL
Package: dafu
Version: ${version}
Architecture: ${arch}
Maintainer: Dafu developers <dafu@localhost>
Installed-Size: ${size}
Depends: libc6, libgl1, libegl1, libfontconfig1, libxkbcommon0, libdbus-1-3, libglib2.0-0, ${XCB_DEPENDS}
Recommends: fonts-noto-cjk, fonts-arphic-ukai
Section: editors
Priority: optional
Homepage: https://localhost/dafu
Description: draft, check and export official replies (答复函)
 Dafu keeps a library of prior replies to people's-congress deputies'
 suggestions and CPPCC proposals, assembles new replies from reusable
 paragraphs through templates, checks them and exports an official .docx
 laid out to GB/T 9704-2012. Offline.
 .
 The official fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体) are not
 included: install them for the exact official look; without them the
 preview and LibreOffice fall back to free stand-ins (fonts-noto-cjk).
CONTROL
cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q /usr/share/icons/hicolor || true
if ! fc-list 2>/dev/null | grep -q "仿宋_GB2312\|FangSong_GB2312"; then
    echo "Dafu: the official fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体) are not installed;"
    echo "      documents still name them, the screen uses free stand-ins until they are."
fi
exit 0
POSTINST
cp "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
sed -i '/fc-list/,/^fi$/d' "$root/DEBIAN/postrm"
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
dpkg-deb --build --root-owner-group -Zxz "$root" "dist/dafu_${version}_${arch}.deb" >/dev/null
echo "deb: dist/dafu_${version}_${arch}.deb ($(du -h "dist/dafu_${version}_${arch}.deb" | cut -f1))"
