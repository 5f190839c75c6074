#!/bin/sh
# Install the app's desktop entry, icons, file types and AppStream metainfo for this user
# (freedesktop standards, under ${XDG_DATA_HOME:-~/.local/share}), pointing at the bundled app.
#
#   share/install.sh [EXECUTABLE]     (in the unpacked tarball: EXECUTABLE defaults to ../supervision-app)
#   share/install.sh --uninstall
set -eu
ID=uk.org.supervisionapp.SupervisionApp
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
TYPES="application/x-supervision-pairing application/x-supervision-agenda application/x-supervision-record
application/x-supervision-signed application/x-supervision-handover application/x-supervision-backup"

refresh() {
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$DATA/mime"; fi
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$DATA/applications"; fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true  # only speeds up icon lookup
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$DATA/applications/$ID.desktop" "$DATA/mime/packages/$ID.xml" "$DATA/metainfo/$ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$ID.*" -type f -exec rm -f {} + 2>/dev/null || true
    refresh
    echo "Removed the Supervision desktop entry and file types (your data folder is untouched)."
    exit 0
fi

EXECUTABLE=${1:-$HERE/../supervision-app}
if [ ! -x "$EXECUTABLE" ]; then
    echo "install.sh: $EXECUTABLE is not the app's executable; give its path as the first argument." >&2
    exit 1
fi
EXECUTABLE=$(cd "$(dirname "$EXECUTABLE")" && pwd)/$(basename "$EXECUTABLE")
case "$EXECUTABLE" in
    *[[:space:]\"\'\\\$\`]*)
        echo "install.sh: move the app to a folder whose path has no spaces or quotes, then run this again." >&2
        exit 1 ;;
esac

mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/metainfo"
sed -e "s|^Exec=supervision-app |Exec=$EXECUTABLE |" -e "s|^TryExec=supervision-app$|TryExec=$EXECUTABLE|" \
    "$HERE/$ID.desktop" > "$DATA/applications/$ID.desktop"
cp "$HERE/$ID.mime.xml" "$DATA/mime/packages/$ID.xml"
cp "$HERE/$ID.metainfo.xml" "$DATA/metainfo/$ID.metainfo.xml"
(cd "$HERE/icons" && find hicolor -type f) | while read -r icon; do
    mkdir -p "$DATA/icons/$(dirname "$icon")"
    cp "$HERE/icons/$icon" "$DATA/icons/$icon"
done
refresh
if command -v xdg-mime >/dev/null 2>&1; then
    for type in $TYPES; do xdg-mime default "$ID.desktop" "$type"; done
fi
echo "Installed Supervision in your applications menu, opening $EXECUTABLE."
