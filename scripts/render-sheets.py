#!/usr/bin/env python3
"""Print each output sheet of a workbook alone, as a user would, and count its pages.

    scripts/render-sheets.py WORKBOOK.xlsx [OUTDIR] [--png] [--sheets "Summary,Plan"]

For every sheet rpo-align wrote (the ones carrying the RpoAlign_Output defined name), a copy of
the workbook is made in which every other sheet is hidden; LibreOffice then exports that copy
to PDF with the sheet's own page setup (orientation, scale, print titles and area, header and
footer). Prints one line per sheet: name, pages, orientation of the first page. With --png,
writes OUTDIR/<sheet>-p<N>.png for every page (96 dpi), to look at.

Needs libreoffice-calc and poppler-utils (pdfinfo, pdftoppm). Python standard library only.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile


def workbook_sheets(xml):
    return re.findall(r'<sheet\b[^>]*?name="([^"]*)"[^>]*/>', xml)


def output_sheets(xml, names):
    ids = {int(m) for m in re.findall(r'<definedName name="RpoAlign_Output" localSheetId="(\d+)"', xml)}
    return [n for i, n in enumerate(names) if i in ids]


def unescape(s):
    return s.replace("&apos;", "'").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def only_sheet(src, dst, keep_index):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                xml = data.decode("utf-8")
                counter = [-1]

                def sheet(m):
                    counter[0] += 1
                    tag = re.sub(r'\sstate="[^"]*"', "", m.group(0))
                    if counter[0] != keep_index:
                        tag = tag.replace("<sheet ", '<sheet state="hidden" ', 1)
                    return tag

                xml = re.sub(r"<sheet\b[^>]*/>", sheet, xml)
                xml = re.sub(r'activeTab="\d+"', f'activeTab="{keep_index}"', xml)
                # LibreOffice prints a hidden sheet that has a print area: drop the other sheets' areas.
                xml = re.sub(
                    r'<definedName name="_xlnm\.Print_(?:Area|Titles)" localSheetId="(\d+)"[^>]*>[^<]*</definedName>',
                    lambda m: m.group(0) if int(m.group(1)) == keep_index else "", xml)
                xml = re.sub(r'firstSheet="\d+"', "", xml)
                data = xml.encode("utf-8")
            elif item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'\stabSelected="1"', b"", data)
            zout.writestr(item, data)


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def fit_scale(z, wb, names, name):
    """The scale a one-page-wide fit needs (Excel's column pixels: 7 per character + 5)."""
    idx = names.index(name)
    m = re.search(r'<definedName name="_xlnm\.Print_Area" localSheetId="%d"[^>]*>[^!]*!\$([A-Z]+)\$\d+:\$([A-Z]+)\$\d+<' % idx, wb)
    rid = re.findall(r'<sheet\b[^>]*r:id="([^"]+)"', wb)[idx]
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    xml = z.read("xl/" + target.group(1).lstrip("/").replace("xl/", "")).decode("utf-8")
    setup = re.search(r"<pageSetup\b[^>]*>", xml)
    if not m or not setup:
        return None
    last = col_index(m.group(2))
    widths = {}
    for c in re.finditer(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', xml):
        for k in range(int(c.group(1)) - 1, int(c.group(2))):
            widths[k] = float(c.group(3))
    px = sum(round(widths.get(k, 8.43) * 7 + 5) for k in range(last + 1))
    landscape = 'orientation="landscape"' in setup.group(0)
    printable = (11 - 0.8) * 96 if landscape else (8.27 - 0.8) * 96
    return min(1.0, printable / px)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    png = "--png" in argv
    wanted = None
    if "--sheets" in argv:
        wanted = argv[argv.index("--sheets") + 1].split(",")
        args.remove(argv[argv.index("--sheets") + 1])
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    src = args[0]
    out = args[1] if len(args) > 1 else "test-output/sheets"
    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(src) as z:
        wb = z.read("xl/workbook.xml").decode("utf-8")
    names = [unescape(n) for n in workbook_sheets(wb)]
    with zipfile.ZipFile(src) as z:
        scales = {n: fit_scale(z, wb, names, n) for n in names}
    targets = wanted or output_sheets(wb, names)
    work = tempfile.mkdtemp()
    try:
        files = []
        for name in targets:
            safe = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")
            path = os.path.join(work, safe + ".xlsx")
            only_sheet(src, path, names.index(name))
            files.append((name, safe, path))
        profile = os.path.join(work, "profile")
        subprocess.run(
            ["libreoffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
             "--convert-to", "pdf", "--outdir", work] + [f[2] for f in files],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total = 0
        for name, safe, _ in files:
            pdf = os.path.join(work, safe + ".pdf")
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
            pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
            size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
            orient = "landscape" if float(size.group(1)) > float(size.group(2)) else "portrait"
            total += pages
            scale = scales.get(name)
            print(f"{name}\t{pages}\t{orient}\t" + (f"width fit {scale:.0%}" if scale else "no page setup"))
            if png:
                for old in os.listdir(out):
                    if old.startswith(safe + "-p"):
                        os.remove(os.path.join(out, old))
                subprocess.run(["pdftoppm", "-png", "-r", "60", pdf, os.path.join(out, safe + "-p")], check=True)
            shutil.copy(pdf, os.path.join(out, safe + ".pdf"))
        print(f"total\t{total}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
