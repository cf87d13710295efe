#!/bin/sh
# Renders one sheet of a workbook to PNG with LibreOffice, to look at what a user would see
# (fills, colour scales, charts). Needs libreoffice-calc (7.4+) and poppler-utils (pdftoppm).
#
#   scripts/render-xlsx.sh WORKBOOK.xlsx [SHEET] [OUTDIR]
#
# SHEET is the sheet's 1-based position among the visible sheets, or "last" (the default: our
# output sheets are appended after the user's). Each sheet is exported as a single PDF page, so
# page N is sheet N. Prints the path of the PNG written (OUTDIR defaults to test-output/render).
set -eu

if [ $# -lt 1 ]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
in=$1
sheet=${2:-last}
out=${3:-test-output/render}
for tool in libreoffice pdftoppm pdfinfo; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "render-xlsx: $tool is not installed (apt-get install -y --no-install-recommends libreoffice-calc poppler-utils)" >&2
    exit 3
  }
done

mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM
base=$(basename "${in%.*}")
libreoffice --headless --norestore "-env:UserInstallation=file://$profile" \
  --convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
  --outdir "$out" "$in" >/dev/null 2>&1
pdf="$out/$base.pdf"
[ -s "$pdf" ] || { echo "render-xlsx: LibreOffice did not produce $pdf" >&2; exit 1; }
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
[ "$sheet" = last ] && sheet=$pages
if [ "$sheet" -lt 1 ] || [ "$sheet" -gt "$pages" ]; then
  echo "render-xlsx: sheet $sheet out of range (the PDF has $pages pages)" >&2
  exit 1
fi
png="$out/$base-sheet$sheet"
pdftoppm -png -r 96 -f "$sheet" -l "$sheet" -singlefile "$pdf" "$png"
echo "$png.png"
