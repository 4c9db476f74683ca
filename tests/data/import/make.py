#!/usr/bin/env python3
"""Regenerate every fixture for `htx import` in this folder, then check them.

Requirements
  * Python 3.11 or newer.
  * openpyxl and msoffcrypto-tool:  pip install openpyxl msoffcrypto-tool
  * LibreOffice Calc, `soffice` on PATH (Debian:
    apt-get install -y --no-install-recommends libreoffice-calc).
  * Optional: faketime (Debian: apt-get install -y faketime). With it, LibreOffice
    runs with its clock set to DOC_DATE, so the zip entries it writes carry that
    date and regenerating gives the same bytes. Without it the workbooks are
    still correct, but their zip timestamps are the day they were made.
  * Optional: iconv with TCVN5712-1 (glibc), used only as a second decoder of
    the TCVN3 file in the checks.

Usage
  python3 tests/data/import/make.py

Everything is written next to this script; a LibreOffice profile and
intermediate files go to a temporary folder that is removed afterwards. The
script stops with an error when a character does not encode or when any
produced file does not read back to the canonical table.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
import zlib
from importlib import metadata
from pathlib import Path

import msoffcrypto
import openpyxl
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent

# The date written into the documents' metadata (and LibreOffice's clock under faketime).
DOC_DATE = dt.datetime(2011, 12, 31, 12, 0, 0)
SEED = 20111231

# ---------------------------------------------------------------------------
# The canonical table. Every fixture below is made from it.
# Row 2 writes "Thuỷ" with the old tone placement on purpose.
# "1.067" and "1.234" use Vietnamese thousands grouping (1067 and 1234).
# ---------------------------------------------------------------------------
CANONICAL = """\
STT,Mã HTX,Tên HTX,Tỉnh,Huyện,Lĩnh vực,Năm thành lập,Số thành viên,Xếp loại,Năm xếp loại,Thành viên Liên minh từ
1,HTX-33-002,HTX Cây cảnh Xuân Quan,Hưng Yên,Văn Giang,Nông nghiệp,2005,1.067,Tốt,2011,2007
2,,HTX Thuỷ sản Cát Hải,Hải Phòng,Cát Hải,Thủy sản,1995,96,Khá,2011,2004
3,,HTX Nông nghiệp Dịch vụ Thành Công,Nam Định,Hải Hậu,Nông nghiệp,1997,1.234,Khá,2011,2009
4,,HTX Chế biến nông sản Mỹ Lộc,36,Mỹ Lộc,Công nghiệp,2003,58,Trung bình,2011,
5,,HTX Dịch vụ điện Quỳnh Phụ,Tỉnh Thái Bình,Quỳnh Phụ,Điện,2004,19,Yếu,2011,2010
6,,HTX Thương mại tổng hợp Hạ Long,Quảng Ninh,Hạ Long,Thương mại,2008,45,,,
7,,HTX Rau an toàn Văn Đức,Hà Nội,Gia Lâm,Nông nghiệp,2001,150,Khá,2011,2005
8,,HTX Nuôi trồng thủy sản Đồng Rui,Quảng Ninh,Tiên Yên,Thủy sản,1999,64,Trung bình,2011,2006
"""

PROGRESS = """\
Mục,Tỉnh,Trạng thái,Ghi chú,Người cập nhật,Ngày
KH-06,Nam Định,Đã xong,Đã tổ chức hội chợ hàng nông sản tháng 11.,hoa.tran,15/11/2011
KH-07,36,Đang thực hiện,Làm việc với Ngân hàng Chính sách.,hoa.tran,2011-11-20
KH-08,Hải Phòng,Chưa bắt đầu,,,
KH-10,Thái Bình,Không áp dụng,Không có HTX kinh doanh giỏi mới.,,
KH-09,Hà Nam,Đang thực hiện,"Phối hợp với Sở Nông nghiệp, Hội Nông dân.",minh.le,01/12/2011
"""

ROWS = list(csv.reader(io.StringIO(CANONICAL, newline="")))
HEADER, DATA = ROWS[0], ROWS[1:]
PROGRESS_ROWS = list(csv.reader(io.StringIO(PROGRESS, newline="")))

# Columns that are numbers in a spreadsheet; every other column is text.
NUMERIC = {"STT", "Năm thành lập", "Số thành viên", "Năm xếp loại", "Thành viên Liên minh từ"}
MEMBERS = HEADER.index("Số thành viên")
PROVINCE = HEADER.index("Tỉnh")


def typed(row: list[str]) -> list:
    """A canonical text row as spreadsheet cells: ints, strings, None for empty."""
    out = []
    for name, value in zip(HEADER, row):
        if value == "":
            out.append(None)
        elif name in NUMERIC:
            out.append(int(value.replace(".", "")))  # "1.067" is 1067
        else:
            out.append(value)
    return out


TYPED = [typed(r) for r in DATA]

# ---------------------------------------------------------------------------
# Legacy encodings
# ---------------------------------------------------------------------------
# Tone marks in the order the tables below list them:
# none, sắc (acute), huyền (grave), hỏi (hook above), ngã (tilde), nặng (dot below).
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]

# TCVN3 (VN3, ABC, the ".VnTime" fonts), TCVN 5712:1993, byte -> character.
# Bytes 0x00-0x7F are ASCII. These 75 assignments are the whole of VN3: the
# no-break space, the seven capitals without tone (Ă Â Ê Ô Ơ Ư Đ), and all 67
# lower-case letters. Capitals with a tone mark are not in VN3 (documents used a
# capitals-only font, ".VnTimeH", for them). Written from the published VSCII-3
# layout; see README.md for the sources.
TCVN3 = {
    0xA0: "\u00a0",
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}

# VNI-Windows (the "VNI-Times" fonts). A letter is its base letter, or a single
# byte for ơ ư đ ỵ and the i-with-tone letters, followed by one byte for the
# tone and the circumflex/breve. Bytes are written here as their Windows-1252
# characters, the way they look in a workbook cell: "aù" is the bytes 61 F9.
# One row per vowel, tones in the order of TONES; the Unicode letter of each
# entry is the row's letter with that tone mark (see VNI below).
VNI_ROWS = {
    "a": "a aù aø aû aõ aï",
    "ă": "aê aé aè aú aü aë",
    "â": "aâ aá aà aå aã aä",
    "e": "e eù eø eû eõ eï",
    "ê": "eâ eá eà eå eã eä",
    "i": "i í ì æ ó ò",
    "o": "o où oø oû oõ oï",
    "ô": "oâ oá oà oå oã oä",
    "ơ": "ô ôù ôø ôû ôõ ôï",
    "u": "u uù uø uû uõ uï",
    "ư": "ö öù öø öû öõ öï",
    "y": "y yù yø yû yõ î",
    "A": "A AÙ AØ AÛ AÕ AÏ",
    "Ă": "AÊ AÉ AÈ AÚ AÜ AË",
    "Â": "AÂ AÁ AÀ AÅ AÃ AÄ",
    "E": "E EÙ EØ EÛ EÕ EÏ",
    "Ê": "EÂ EÁ EÀ EÅ EÃ EÄ",
    "I": "I Í Ì Æ Ó Ò",
    "O": "O OÙ OØ OÛ OÕ OÏ",
    "Ô": "OÂ OÁ OÀ OÅ OÃ OÄ",
    "Ơ": "Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ",
    "U": "U UÙ UØ UÛ UÕ UÏ",
    "Ư": "Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ",
    "Y": "Y YÙ YØ YÛ YÕ Î",
}
VNI_OTHER = {"đ": "ñ", "Đ": "Ñ"}


def _vni_table() -> dict[str, bytes]:
    table = {}
    for base, forms in VNI_ROWS.items():
        forms = forms.split()
        if len(forms) != len(TONES):
            raise SystemExit(f"VNI row {base!r} has {len(forms)} entries, not {len(TONES)}")
        for tone, form in zip(TONES, forms):
            letter = unicodedata.normalize("NFC", base + tone)
            if len(letter) != 1:
                raise SystemExit(f"VNI row {base!r}: {base}+{tone!r} is not one character")
            table[letter] = form.encode("cp1252")
    for letter, form in VNI_OTHER.items():
        table[letter] = form.encode("cp1252")
    return table


VNI = _vni_table()
TCVN3_ENC = {ch: bytes([b]) for b, ch in TCVN3.items()}


def _check_tables() -> None:
    """Self-checks of the two tables' shape (not of their content, which only
    the published charts can vouch for)."""
    if len(TCVN3) != 75 or len(set(TCVN3.values())) != 75:
        raise SystemExit("TCVN3 table must assign 75 distinct characters")
    lower = set()
    for base in "aăâeêioôơuưy":
        for tone in TONES:
            lower.add(unicodedata.normalize("NFC", base + tone))
    lower -= set("aeiouy")  # ASCII
    lower.add("đ")
    if len(lower) != 67 or not lower <= set(TCVN3.values()):
        raise SystemExit(f"TCVN3 table lacks {sorted(lower - set(TCVN3.values()))}")
    # 12 vowels x 6 forms x 2 cases + đ Đ
    if len(VNI) != 146 or len(set(VNI.values())) != 146:
        raise SystemExit("VNI table must hold 146 distinct letters and byte strings")
    for letter, code in VNI.items():
        if any(b < 0x80 for b in code[1:]) or not (1 <= len(code) <= 2):
            raise SystemExit(f"VNI entry {letter!r} -> {code!r} is malformed")


def encode_tcvn3(text: str) -> bytes:
    out = bytearray()
    for i, ch in enumerate(text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in TCVN3_ENC:
            out += TCVN3_ENC[ch]
        else:
            raise SystemExit(
                f"TCVN3 cannot encode {ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, '?')}) "
                f"at {i} in {text!r}")
    return bytes(out)


def decode_tcvn3(data: bytes) -> str:
    out = []
    for i, b in enumerate(data):
        if b < 0x80:
            out.append(chr(b))
        elif b in TCVN3:
            out.append(TCVN3[b])
        else:
            raise SystemExit(f"byte 0x{b:02X} at {i} is not assigned in TCVN3")
    return "".join(out)


def encode_vni(text: str) -> bytes:
    out = bytearray()
    for i, ch in enumerate(unicodedata.normalize("NFC", text)):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in VNI:
            out += VNI[ch]
        else:
            raise SystemExit(
                f"VNI cannot encode {ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, '?')}) "
                f"at {i} in {text!r}")
    return bytes(out)


VNI_DEC = {code: letter for letter, code in VNI.items()}


def decode_vni(data: bytes) -> str:
    out, i = [], 0
    while i < len(data):
        two, one = data[i:i + 2], data[i:i + 1]
        if len(two) == 2 and two in VNI_DEC:
            out.append(VNI_DEC[two])
            i += 2
        elif one in VNI_DEC:
            out.append(VNI_DEC[one])
            i += 1
        elif one[0] < 0x80:
            out.append(chr(one[0]))
            i += 1
        else:
            raise SystemExit(f"byte 0x{one[0]:02X} at {i} is not a VNI letter here")
    return "".join(out)


# Windows-1258 holds ă â ê ô ơ ư đ (and capitals) as single bytes and the five
# tone marks as combining characters (0xCC U+0300, 0xEC U+0301, 0xDE U+0303,
# 0xD2 U+0309, 0xF2 U+0323). Vietnamese text in it is written decomposed: the
# letter without tone, then the tone mark. Python's cp1258 codec maps bytes to
# code points one to one, so the text is brought into that form first.
SHAPE_MARKS = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258_form(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        shape = "".join(m for m in marks if m in SHAPE_MARKS)
        tone = "".join(m for m in marks if m in TONE_MARKS)
        if len(shape) + len(tone) != len(marks) or len(tone) > 1:
            raise SystemExit(f"unexpected marks in {ch!r} of {text!r}")
        out.append(unicodedata.normalize("NFC", base + shape) + tone)
    return "".join(out)


def encode_cp1258(text: str) -> bytes:
    form = to_cp1258_form(text)
    try:
        return form.encode("cp1258")
    except UnicodeEncodeError as e:
        raise SystemExit(f"Windows-1258 cannot encode {form[e.start]!r} in {text!r}") from None


# ---------------------------------------------------------------------------
# Text files
# ---------------------------------------------------------------------------
def table_text(rows: list[list[str]], delimiter: str, newline: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline,
               quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buf.getvalue()


def write(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)


def make_text_files() -> None:
    crlf = table_text(ROWS, ",", "\r\n")
    if crlf != CANONICAL.replace("\n", "\r\n"):
        raise SystemExit("csv writer does not reproduce the canonical text")
    write("cooperatives-utf8.csv", crlf.encode("utf-8"))
    write("cooperatives-utf8-bom.csv", b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    tab = table_text(ROWS, "\t", "\r\n")
    write("cooperatives-utf16le.txt", b"\xff\xfe" + tab.encode("utf-16-le"))
    write("cooperatives-utf16be.txt", b"\xfe\xff" + tab.encode("utf-16-be"))
    write("cooperatives-cp1258.csv", encode_cp1258(crlf))
    write("cooperatives-tcvn3.csv", encode_tcvn3(crlf))
    write("cooperatives-vni.csv", encode_vni(table_text(ROWS, ";", "\r\n")))
    write("cooperatives.tsv", table_text(ROWS, "\t", "\n").encode("utf-8"))
    write("progress.csv", table_text(PROGRESS_ROWS, ",", "\n").encode("utf-8"))
    random_bytes = random.Random(SEED).randbytes(64 * 1024)
    write("garbage.csv", random_bytes)


# ---------------------------------------------------------------------------
# Workbooks: built with openpyxl in a temporary folder, then opened and saved
# by LibreOffice into this folder, so the files here are LibreOffice's.
# ---------------------------------------------------------------------------
WIDTHS = [6, 12, 36, 16, 12, 13, 8, 10, 11, 8, 10]
GROUPED = "#,##0"


def new_book() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.properties.creator = "openpyxl"
    wb.properties.created = DOC_DATE
    return wb


def set_widths(ws, widths) -> None:
    for i, w in enumerate(widths):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w


def save_book(wb: openpyxl.Workbook, path: Path) -> None:
    """Save, then put DOC_DATE back into docProps/core.xml: openpyxl stamps the
    save time as the modification date, and LibreOffice keeps it."""
    wb.save(path)
    stamp = DOC_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>" + stamp.encode(), data)
            info.date_time = DOC_DATE.timetuple()[:6]
            z.writestr(info, data)


def book_cooperatives(members_formula: str | None = None) -> openpyxl.Workbook:
    wb = new_book()
    ws = wb.active
    ws.title = "HTX"
    ws.append(HEADER)
    for i, row in enumerate(TYPED):
        ws.append(row)
        ws.cell(row=i + 2, column=MEMBERS + 1).number_format = GROUPED
    if members_formula:
        ws.cell(row=3, column=MEMBERS + 1).value = members_formula
    set_widths(ws, WIDTHS)
    ws.freeze_panes = "A2"
    return wb


# titled: the order of the rows in the sheet (indexes into DATA), so that both
# Quảng Ninh rows and both Nam Định rows (Nam Định and its code 36) are adjacent.
TITLED_ORDER = [0, 1, 2, 3, 4, 5, 7, 6]
TITLED_FIRST = 5           # first data row; the header is on row 4
TITLED_BLANK_AFTER = 4     # an empty sheet row after the 4th data row
TITLED_MERGES = {"A1:K1", "A2:K2", "D7:D8", "D11:D12"}
TITLE = "DANH SÁCH HỢP TÁC XÃ THÀNH VIÊN"
SUBTITLE = "Tính đến ngày 31/12/2011"
NOTE = ("Số liệu do các huyện báo cáo, Văn phòng Liên minh HTX tỉnh tổng hợp; "
        "trang này chỉ để ghi chú, không nhập.")


def titled_layout() -> list[tuple[int, list | None]]:
    """(sheet row, expected cached values) for rows 5.., None for the blank row.
    The values are what a reader sees: STT renumbered by the formulas, and the
    Tỉnh cell empty where it is covered by a vertical merge."""
    out, r = [], TITLED_FIRST
    for n, idx in enumerate(TITLED_ORDER):
        if n == TITLED_BLANK_AFTER:
            out.append((r, None))
            r += 1
        row = list(TYPED[idx])
        row[0] = n + 1
        out.append((r, row))
        r += 1
    for rng in TITLED_MERGES:
        a, b = rng.split(":")
        if a[0] == "D":
            for sheet_row, row in out:
                if row and int(a[1:]) < sheet_row <= int(b[1:]):
                    row[PROVINCE] = None
    return out


def book_titled() -> openpyxl.Workbook:
    wb = new_book()
    ws = wb.active
    ws.title = "Danh sách"
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = SUBTITLE
    ws["A2"].font = Font(italic=True)
    for c in ("A1", "A2"):
        ws[c].alignment = Alignment(horizontal="center")
    for c, name in enumerate(HEADER, start=1):
        cell = ws.cell(row=TITLED_FIRST - 1, column=c, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    previous = None
    for n, (r, _) in enumerate(x for x in titled_layout() if x[1] is not None):
        row = TYPED[TITLED_ORDER[n]]
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
        ws.cell(row=r, column=1, value=1 if previous is None else f"=A{previous}+1")
        ws.cell(row=r, column=MEMBERS + 1).number_format = GROUPED
        previous = r
    for rng in sorted(TITLED_MERGES):
        ws.merge_cells(rng)
        ws[rng.split(":")[0]].alignment = Alignment(horizontal="center", vertical="center")
    set_widths(ws, WIDTHS)
    notes = wb.create_sheet("Ghi chú")
    notes["A1"] = NOTE
    return wb


def book_legacy(encode, font: str) -> openpyxl.Workbook:
    """Text cells hold the legacy bytes read as Windows-1252 characters, the
    way a workbook stores text typed in a .VnTime or VNI-Times font."""
    wb = new_book()
    ws = wb.active
    ws.title = "HTX"
    for r, row in enumerate([HEADER] + TYPED, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = encode(value).decode("cp1252")
            cell = ws.cell(row=r, column=c, value=value)
            cell.font = Font(name=font, size=12, bold=(r == 1))
            if c == MEMBERS + 1 and r > 1:
                cell.number_format = GROUPED
    set_widths(ws, WIDTHS)
    return wb


def parse_day(text: str) -> dt.date | None:
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise SystemExit(f"not a date: {text!r}")


PROGRESS_TYPED = [[v or None for v in r[:-1]] + [parse_day(r[-1])] for r in PROGRESS_ROWS[1:]]


def book_progress() -> openpyxl.Workbook:
    wb = new_book()
    ws = wb.active
    ws.title = "Tiến độ"
    ws.append(PROGRESS_ROWS[0])
    for r, row in enumerate(PROGRESS_TYPED, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    set_widths(ws, [8, 12, 16, 48, 14, 12])
    return wb


class LibreOffice:
    FILTERS = {"xlsx": "Calc MS Excel 2007 XML", "ods": "calc8", "xls": "MS Excel 97"}

    def __init__(self, tmp: Path):
        exe = shutil.which("soffice") or shutil.which("libreoffice")
        if not exe:
            raise SystemExit("soffice not found: install LibreOffice Calc")
        self.exe = exe
        self.profile = (tmp / "lo-profile").as_uri()
        self.faketime = shutil.which("faketime")
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", TZ="UTC",
                        FAKETIME_DONT_FAKE_MONOTONIC="1")

    def version(self) -> str:
        out = subprocess.run([self.exe, "--version"], capture_output=True, text=True,
                             env=self.env, timeout=120)
        return out.stdout.strip()

    def convert(self, fmt: str, sources: list[Path], outdir: Path, fixed_clock=True) -> None:
        cmd = [self.exe, f"-env:UserInstallation={self.profile}", "--headless",
               "--norestore", "--convert-to", f"{fmt}:{self.FILTERS.get(fmt, fmt)}",
               "--outdir", str(outdir)] + [str(s) for s in sources]
        if fixed_clock and self.faketime:
            # -f: the time is passed to libfaketime as is, which freezes the clock there
            cmd = [self.faketime, "-f", DOC_DATE.strftime("%Y-%m-%d %H:%M:%S")] + cmd
        out = subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=600)
        for s in sources:
            target = outdir / (s.stem + "." + fmt.split(":")[0])
            if out.returncode != 0 or not target.exists():
                raise SystemExit(f"LibreOffice failed on {s.name} -> {fmt}:\n"
                                 f"{out.stdout}\n{out.stderr}")


def make_workbooks(lo: LibreOffice, tmp: Path) -> None:
    src = tmp / "src"
    src.mkdir()
    books = {
        "cooperatives": book_cooperatives(),
        "titled": book_titled(),
        "vntime": book_legacy(encode_tcvn3, ".VnTime"),
        "vni": book_legacy(encode_vni, "VNI-Times"),
        "progress": book_progress(),
        "formula-error": book_cooperatives(members_formula="=1/0"),
    }
    for name, wb in books.items():
        save_book(wb, src / f"{name}.xlsx")
    xlsx = [src / f"{n}.xlsx" for n in books]
    lo.convert("xlsx", xlsx, HERE)
    lo.convert("ods", [src / "cooperatives.xlsx", src / "titled.xlsx"], HERE)
    lo.convert("xls", [src / "cooperatives.xlsx"], HERE)


# ---------------------------------------------------------------------------
# Hostile files
# ---------------------------------------------------------------------------
def make_encrypted() -> None:
    """cooperatives.xlsx encrypted with the password "htx" (ECMA-376 agile
    encryption, as Excel 2010 and later write it). msoffcrypto-tool draws the
    salts and key from `secrets` and stamps the container with the current
    time; both are fixed here so that regenerating gives the same bytes."""
    from msoffcrypto.format.ooxml import OOXMLFile
    agile = msoffcrypto.method.ecma376_agile
    container = sys.modules.get("msoffcrypto.method.container.ecma376_encrypted")
    rng = random.Random(SEED)

    class FixedClock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return DOC_DATE

    saved = {}
    if hasattr(agile, "_random_buffer"):
        saved[(agile, "_random_buffer")] = agile._random_buffer
        agile._random_buffer = rng.randbytes
    if container is not None and getattr(container, "datetime", None) is dt.datetime:
        saved[(container, "datetime")] = container.datetime
        container.datetime = FixedClock
    if len(saved) < 2:
        print("note: msoffcrypto-tool internals differ; encrypted.xlsx will not be reproducible")
    try:
        out = io.BytesIO()
        with open(HERE / "cooperatives.xlsx", "rb") as f:
            OOXMLFile(f).encrypt("htx", out)
    finally:
        for (mod, attr), value in saved.items():
            setattr(mod, attr, value)
    write("encrypted.xlsx", out.getvalue())


def make_corrupt() -> None:
    data = (HERE / "cooperatives.xlsx").read_bytes()
    write("corrupt.xlsx", data[: len(data) // 2])


ZIPBOMB_SIZE = 2_000_000_000  # bytes of xl/worksheets/sheet1.xml once inflated (< 2 GiB, no zip64)
OOXML_PARTS = {
    "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '</Types>',
    "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
    "xl/workbook.xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="HTX" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>',
}


def _zipinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=DOC_DATE.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = 9
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def make_zipbomb() -> None:
    """A well-formed xlsx whose one sheet is ZIPBOMB_SIZE bytes of identical
    rows, each one cell of 32,000 "x". Long runs of one byte are what deflate
    compresses best (close to its 1032:1 limit)."""
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData>').encode()
    tail = b"</sheetData></worksheet>"
    row = b'<row><c t="inlineStr"><is><t>' + b"x" * 32000 + b"</t></is></c></row>"
    rows = (ZIPBOMB_SIZE - len(head) - len(tail)) // len(row)
    pad = ZIPBOMB_SIZE - len(head) - len(tail) - rows * len(row)  # spaces between elements
    block = 32
    with zipfile.ZipFile(HERE / "zipbomb.xlsx", "w") as z:
        for name, text in OOXML_PARTS.items():
            z.writestr(_zipinfo(name), text.encode())
        with z.open(_zipinfo("xl/worksheets/sheet1.xml"), "w") as f:
            f.write(head)
            for _ in range(rows // block):
                f.write(row * block)
            f.write(row * (rows % block))
            f.write(b" " * pad)
            f.write(tail)


def make_not_a_spreadsheet() -> None:
    """A 16x16 grey-scale PNG, named .xlsx."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes((x * 16) ^ (y * 16) for x in range(16)) for y in range(16))
    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9))
           + chunk(b"IEND", b""))
    write("not-a-spreadsheet.xlsx", png)


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------
RESULTS: list[tuple[str, str]] = []


def ok(name: str, what: str) -> None:
    RESULTS.append((name, what))


def fail(name: str, what: str) -> None:
    raise SystemExit(f"CHECK FAILED for {name}: {what}")


def expect_rows(name: str, got: list[list[str]], want: list[list[str]]) -> None:
    if got != want:
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                fail(name, f"row {i + 1}: {g!r} != {w!r}")
        fail(name, f"{len(got)} rows, expected {len(want)}")


def parse(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def check_text_files() -> None:
    def check(name, decode, delimiter, crlf, bom=b""):
        data = (HERE / name).read_bytes()
        if not data.startswith(bom) or (not bom and data[:3] == b"\xef\xbb\xbf"):
            fail(name, "byte order mark")
        raw = decode(data)
        ends, crlfs = raw.count("\n"), raw.count("\r\n")
        if ends != len(ROWS) or crlfs != (ends if crlf else 0):
            fail(name, f"{ends} line ends, {crlfs} of them CRLF")
        text = unicodedata.normalize("NFC", raw)
        expect_rows(name, parse(text, delimiter), ROWS)
        ok(name, f"decodes to the canonical table ({len(DATA)} rows)")

    check("cooperatives-utf8.csv", lambda b: b.decode("utf-8"), ",", True)
    check("cooperatives-utf8-bom.csv", lambda b: b.decode("utf-8-sig"), ",", True, b"\xef\xbb\xbf")
    check("cooperatives-utf16le.txt", lambda b: b.decode("utf-16"), "\t", True, b"\xff\xfe")
    check("cooperatives-utf16be.txt", lambda b: b.decode("utf-16"), "\t", True, b"\xfe\xff")
    check("cooperatives-cp1258.csv", lambda b: b.decode("cp1258"), ",", True)
    check("cooperatives-tcvn3.csv", decode_tcvn3, ",", True)
    check("cooperatives-vni.csv", decode_vni, ";", True)
    check("cooperatives.tsv", lambda b: b.decode("utf-8"), "\t", False)

    # The bytes of a few words, so that a reader of this script can compare
    # them with a chart by eye.
    samples = {"Hải Phòng": ("tcvn3", b"H\xb6i Ph\xdfng"),
               "Đồng Rui": ("tcvn3", b"\xa7\xe5ng Rui"),
               "Thương mại": ("vni", b"Th\xf6\xf4ng ma\xefi"),
               "Điện": ("vni", b"\xd1ie\xe4n"),
               "Thuỷ sản": ("cp1258", b"Thuy\xd2 sa\xd2n")}
    enc = {"tcvn3": encode_tcvn3, "vni": encode_vni, "cp1258": encode_cp1258}
    for word, (kind, want) in samples.items():
        if enc[kind](word) != want:
            fail(f"cooperatives-{kind}.csv", f"{word!r} encodes to {enc[kind](word)!r}, not {want!r}")
    cp = (HERE / "cooperatives-cp1258.csv").read_bytes().decode("cp1258")
    if any(ch in cp for ch in "áàãạảÁÀ") or "\u0301" not in cp:
        fail("cooperatives-cp1258.csv", "tone marks are not written as combining marks")

    iconv = shutil.which("iconv")
    if iconv:
        out = subprocess.run([iconv, "-f", "TCVN5712-1", "-t", "UTF-8",
                              str(HERE / "cooperatives-tcvn3.csv")], capture_output=True)
        if out.returncode == 0:
            text = unicodedata.normalize("NFC", out.stdout.decode("utf-8"))
            expect_rows("cooperatives-tcvn3.csv (iconv)", parse(text, ","), ROWS)
            ok("cooperatives-tcvn3.csv", "also decodes to the canonical table with iconv TCVN5712-1")

    data = (HERE / "progress.csv").read_bytes()
    expect_rows("progress.csv", parse(data.decode("utf-8"), ","), PROGRESS_ROWS)
    ok("progress.csv", f"{len(PROGRESS_ROWS) - 1} rows as given")

    data = (HERE / "garbage.csv").read_bytes()
    if len(data) != 65536:
        fail("garbage.csv", "size")
    try:
        data.decode("utf-8")
        fail("garbage.csv", "is valid UTF-8")
    except UnicodeDecodeError:
        pass
    ok("garbage.csv", "65536 random bytes, not UTF-8")


def sheet_values(ws, rows: int, cols: int, first: int = 1) -> list[list]:
    return [[ws.cell(row=r, column=c).value for c in range(1, cols + 1)]
            for r in range(first, first + rows)]


def check_cooperatives_book(name: str, path: Path) -> None:
    wb = openpyxl.load_workbook(path, data_only=True)
    if wb.sheetnames != ["HTX"]:
        fail(name, f"sheets {wb.sheetnames}")
    ws = wb["HTX"]
    if ws.max_row != len(ROWS) or ws.max_column != len(HEADER):
        fail(name, f"dimension {ws.max_row}x{ws.max_column}")
    got = sheet_values(ws, len(ROWS), len(HEADER))
    expect_rows(name, got, [HEADER] + TYPED)
    for row in got[1:]:
        for value, col in zip(row, HEADER):
            if value is not None and isinstance(value, int) != (col in NUMERIC):
                fail(name, f"{col} = {value!r} has the wrong type")
    ok(name, "sheet HTX holds the canonical table, numbers as numbers")


def check_titled(name: str, path: Path) -> None:
    wb = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False)
    if wb.sheetnames != ["Danh sách", "Ghi chú"]:
        fail(name, f"sheets {wb.sheetnames}")
    ws, wf = wb["Danh sách"], formulas["Danh sách"]
    if {str(m) for m in ws.merged_cells.ranges} != TITLED_MERGES:
        fail(name, f"merged {sorted(str(m) for m in ws.merged_cells.ranges)}")
    if ws["A1"].value != TITLE or ws["A2"].value != SUBTITLE:
        fail(name, "title rows")
    if any(v is not None for v in sheet_values(ws, 1, 11, 3)[0]):
        fail(name, "row 3 is not empty")
    if sheet_values(ws, 1, 11, TITLED_FIRST - 1)[0] != HEADER:
        fail(name, "header on row 4")
    layout = titled_layout()
    n_formulas = 0
    for r, want in layout:
        got = sheet_values(ws, 1, 11, r)[0]
        if want is None:
            if any(v is not None for v in got):
                fail(name, f"row {r} is not empty")
            continue
        if got != want:
            fail(name, f"row {r}: {got!r} != {want!r}")
        f = wf.cell(row=r, column=1).value
        if r != TITLED_FIRST:
            if not (isinstance(f, str) and f.startswith("=A")):
                fail(name, f"A{r} holds {f!r}, not a formula")
            n_formulas += 1
    last = layout[-1][0]
    if ws.max_row != last:
        fail(name, f"{ws.max_row} rows, expected {last}")
    if formulas["Ghi chú"]["A1"].value != NOTE:
        fail(name, "sheet Ghi chú")
    ok(name, f"title, merges {sorted(TITLED_MERGES)}, {n_formulas} STT formulas "
             f"with cached values, blank row {layout[TITLED_BLANK_AFTER][0]}, 2 sheets")


def check_legacy_book(name: str, path: Path, decode, font: str) -> None:
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb.active
    got = []
    for row in ws.iter_rows(min_row=1, max_row=len(ROWS), max_col=len(HEADER)):
        out = []
        for cell in row:
            v = cell.value
            if isinstance(v, str):
                if cell.font.name != font:
                    fail(name, f"{cell.coordinate} font {cell.font.name!r}")
                v = decode(v.encode("cp1252"))
            out.append(v)
        got.append(out)
    expect_rows(name, got, [HEADER] + TYPED)
    ok(name, f"text cells in {font} decode to the canonical table; numbers are numbers")


def check_progress_book(name: str, path: Path) -> None:
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb.active
    got = sheet_values(ws, len(PROGRESS_ROWS), 6)
    if got[0] != PROGRESS_ROWS[0]:
        fail(name, "header")
    for r, (g, w) in enumerate(zip(got[1:], PROGRESS_TYPED), start=2):
        day = g[5]
        if isinstance(day, dt.datetime):
            day = day.date()
        if g[:5] != w[:5] or day != w[5]:
            fail(name, f"row {r}: {g!r} != {w!r}")
        if w[5] is not None and not ws.cell(row=r, column=6).is_date:
            fail(name, f"F{r} is not a date cell")
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    serials = re.findall(r'<c r="F\d+"(?![^>]*t="s")[^>]*><v>(\d+)</v>', sheet)
    want = [str((d - dt.date(1899, 12, 30)).days) for d in (w[5] for w in PROGRESS_TYPED) if d]
    if serials != want:
        fail(name, f"date serials {serials} != {want}")
    ok(name, f"rows as in progress.csv; dates stored as serials {', '.join(serials)}")


def check_formula_error(name: str, path: Path) -> None:
    values = openpyxl.load_workbook(path, data_only=True)["HTX"]
    formulas = openpyxl.load_workbook(path)["HTX"]
    cell = f"{openpyxl.utils.get_column_letter(MEMBERS + 1)}3"
    if formulas[cell].value != "=1/0" or values[cell].value != "#DIV/0!":
        fail(name, f"{cell}: {formulas[cell].value!r} / {values[cell].value!r}")
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    if not re.search(rf'<c r="{cell}"[^>]*t="e"[^>]*><f[^>]*>1/0</f><v>#DIV/0!</v>', sheet):
        fail(name, "the cell is not stored as an error with its cached value")
    want = [HEADER] + [list(r) for r in TYPED]
    want[2][MEMBERS] = "#DIV/0!"
    expect_rows(name, sheet_values(values, len(ROWS), len(HEADER)), want)
    ok(name, f"HTX!{cell} is =1/0 with cached #DIV/0!; the rest is canonical")


def check_ods_cached(name: str, path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        content = z.read("content.xml").decode()
    cells = re.findall(r"<table:table-cell [^>]*table:formula=[^>]*>", content)
    if not cells or any("office:value=" not in c for c in cells):
        fail(name, "formula cells without cached values")


def check_workbooks(lo: LibreOffice, tmp: Path) -> None:
    check_cooperatives_book("cooperatives.xlsx", HERE / "cooperatives.xlsx")
    check_titled("titled.xlsx", HERE / "titled.xlsx")
    check_legacy_book("vntime.xlsx", HERE / "vntime.xlsx", decode_tcvn3, ".VnTime")
    check_legacy_book("vni.xlsx", HERE / "vni.xlsx", decode_vni, "VNI-Times")
    check_progress_book("progress.xlsx", HERE / "progress.xlsx")
    check_formula_error("formula-error.xlsx", HERE / "formula-error.xlsx")
    # .ods and .xls: read back through LibreOffice into xlsx, then as above.
    check_ods_cached("titled.ods", HERE / "titled.ods")
    for name, check in (("cooperatives.ods", check_cooperatives_book),
                        ("cooperatives.xls", check_cooperatives_book),
                        ("titled.ods", check_titled)):
        back = tmp / ("back-" + name)
        back.mkdir()
        lo.convert("xlsx", [HERE / name], back, fixed_clock=False)
        check(name, back / (Path(name).stem + ".xlsx"))


def check_hostile() -> None:
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(HERE / "encrypted.xlsx", "rb") as f:
        office = OOXMLFile(f)
        if not office.is_encrypted():
            fail("encrypted.xlsx", "not encrypted")
        office.load_key(password="htx")
        out = io.BytesIO()
        office.decrypt(out)
    if out.getvalue() != (HERE / "cooperatives.xlsx").read_bytes():
        fail("encrypted.xlsx", "does not decrypt to cooperatives.xlsx")
    if zipfile.is_zipfile(HERE / "encrypted.xlsx"):
        fail("encrypted.xlsx", "is a zip")
    ok("encrypted.xlsx", 'OLE container; password "htx" decrypts it to cooperatives.xlsx')

    whole = (HERE / "cooperatives.xlsx").stat().st_size
    if (HERE / "corrupt.xlsx").stat().st_size != whole // 2:
        fail("corrupt.xlsx", "size")
    try:
        openpyxl.load_workbook(HERE / "corrupt.xlsx")
        fail("corrupt.xlsx", "openpyxl opened it")
    except zipfile.BadZipFile:
        pass
    ok("corrupt.xlsx", f"the first {whole // 2} of {whole} bytes of cooperatives.xlsx; no zip directory")

    size = (HERE / "zipbomb.xlsx").stat().st_size
    if size >= 3 * 1024 * 1024:
        fail("zipbomb.xlsx", f"{size} bytes")
    with zipfile.ZipFile(HERE / "zipbomb.xlsx") as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        inflated = 0
        with z.open(info) as f:  # the CRC is checked when the stream ends
            while block := f.read(1 << 24):
                inflated += len(block)
    if inflated != ZIPBOMB_SIZE or info.file_size != ZIPBOMB_SIZE:
        fail("zipbomb.xlsx", f"inflates to {inflated}")
    ok("zipbomb.xlsx", f"sheet1.xml inflates to {inflated:,} bytes "
                       f"({inflated / info.compress_size:.0f}:1)")

    data = (HERE / "not-a-spreadsheet.xlsx").read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        fail("not-a-spreadsheet.xlsx", "not a PNG")
    ok("not-a-spreadsheet.xlsx", "a 16x16 PNG")


FILES = [
    "cooperatives-utf8.csv", "cooperatives-utf8-bom.csv", "cooperatives-utf16le.txt",
    "cooperatives-utf16be.txt", "cooperatives-cp1258.csv", "cooperatives-tcvn3.csv",
    "cooperatives-vni.csv", "cooperatives.tsv", "cooperatives.xlsx", "cooperatives.ods",
    "cooperatives.xls", "titled.xlsx", "titled.ods", "vntime.xlsx", "vni.xlsx",
    "progress.csv", "progress.xlsx", "encrypted.xlsx", "corrupt.xlsx", "zipbomb.xlsx",
    "formula-error.xlsx", "garbage.csv", "not-a-spreadsheet.xlsx",
]


def main() -> None:
    _check_tables()
    with tempfile.TemporaryDirectory(prefix="htx-import-fixtures-") as t:
        tmp = Path(t)
        lo = LibreOffice(tmp)
        print(f"Python {sys.version.split()[0]}, openpyxl {openpyxl.__version__}, "
              f"msoffcrypto-tool {metadata.version('msoffcrypto-tool')}")
        print(lo.version())
        if not lo.faketime:
            print("note: faketime not found; LibreOffice's zip timestamps will be today's")
        make_text_files()
        make_workbooks(lo, tmp)
        make_encrypted()
        make_corrupt()
        make_zipbomb()
        make_not_a_spreadsheet()

        check_text_files()
        check_workbooks(lo, tmp)
        check_hostile()

    checked = {name for name, _ in RESULTS}
    missing = [f for f in FILES if f not in checked]
    if missing:
        raise SystemExit(f"not checked: {missing}")
    width = max(map(len, FILES))
    print()
    for name in FILES:
        data = (HERE / name).read_bytes()
        print(f"{name:<{width}} {len(data):>9,} B  sha256 {hashlib.sha256(data).hexdigest()[:16]}")
        for n, what in RESULTS:
            if n == name:
                print(f"{'':<{width}}   ok: {what}")
    print(f"\n{len(FILES)} files written and checked in {HERE}")


if __name__ == "__main__":
    main()
