#!/usr/bin/env bash
# Makes nexusai-console_<version>_amd64.deb from the console's application image, laid out as Debian expects, so
# that lintian has nothing to say but what deb/lintian-overrides explains:
#   /usr/lib/nexusai-console/          the application image (launcher, runtime, server jar, AOT cache); binaries stripped
#   /usr/bin/nexusai-console           a link to its launcher, owned by the package
#   /usr/share/applications/, icons/   the menu entry and its icon, owned by the package (no maintainer script)
#   /usr/share/doc/nexusai-console/    copyright and changelog; /usr/share/man/man1/nexusai-console.1.gz
# Usage: build-deb.sh <app-image-dir> <version> <out-dir>   (from package.sh)
set -euo pipefail
image=${1:?app image} version=${2:?version} out=${3:?output dir}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
name=nexusai-console
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

install -d "$root/usr/lib" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/icons/hicolor/256x256/apps" \
  "$root/usr/share/doc/$name" "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides" "$root/DEBIAN"
cp -a "$image" "$root/usr/lib/$name"
# the runtime's native code carries its debugging symbols: a third of its size, of no use to a user
find "$root/usr/lib/$name" -type f \( -name '*.so' -o -perm -u+x \) -print0 | while IFS= read -r -d '' file; do
  if head -c4 "$file" | grep -q $'\x7fELF'; then
    strip --strip-unneeded --remove-section=.comment --remove-section=.note "$file"
  fi
done
chmod -R u=rwX,go=rX "$root/usr/lib/$name"
ln -s "../lib/$name/bin/$name" "$root/usr/bin/$name"
sed -e "s|^Exec=.*|Exec=$name|" -e "s|^Icon=.*|Icon=$name|" "$here/../linux/$name.desktop" > "$root/usr/share/applications/$name.desktop"
install -m 644 "$here/../icons/nexusai.png" "$root/usr/share/icons/hicolor/256x256/apps/$name.png"
install -m 644 "$here/copyright" "$root/usr/share/doc/$name/copyright"
gzip -9n < "$here/$name.1" > "$root/usr/share/man/man1/$name.1.gz"
{
  echo "$name ($version) stable; urgency=medium"
  echo
  echo "  * Release $version: see CHANGELOG.md in the sources for what it holds."
  echo
  echo " -- NexusAI Ops <ops@nexusai.fr>  $(date -R -d "@${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}")"
} | gzip -9n > "$root/usr/share/doc/$name/changelog.gz"
install -m 644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/$name"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$here/control" > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
rm -f "$out/${name}_"*.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/${name}_${version}_amd64.deb" >/dev/null
echo "$out/${name}_${version}_amd64.deb"
