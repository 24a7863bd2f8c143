#!/usr/bin/env python3
"""Writes the golden files the QRCode tests compare against.

The reference is the independent pure-Python package qrcode 8.0
(`pip install qrcode==8.0`). The tests only read the JSON this script
writes; Python is needed only to regenerate it:

    python3 Tests/QRCodeTests/Resources/make_golden.py

Files written next to this script:

- matrices.json: symbols at a fixed version and mask. Each case has the
  text, the mode qrcode used, version, level (L/M/Q/H), mask, the rows as
  hex strings (one per row, leftmost module in the highest bit, padded with
  zero bits to whole hex digits) and qrcode's four penalty rule scores of
  the finished symbol.
- fits.json: texts with the version qrcode's `make(fit=True)` chooses, or
  null where the text fits no version, with the longest length that would.
  Long texts are written as `fill` repeated `count` times.
- blocks.json: qrcode's Reed-Solomon block table, as (data, total)
  codewords per block, for every version and level.
"""

import json
import os
import sys

import qrcode
from qrcode import util
from qrcode.base import rs_blocks

LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
MODE_NAMES = {
    util.MODE_NUMBER: "numeric",
    util.MODE_ALPHA_NUM: "alphanumeric",
    util.MODE_8BIT_BYTE: "byte",
}
HERE = os.path.dirname(os.path.abspath(__file__))

# Sign-off links carry 32 random bytes as 43 base64url characters.
SIGNOFF_URLS = [
    "https://erkend.example.nl/signoff/" + token
    for token in (
        "q7Vb2kX9_RmT0pLw-8ZcYd3NfHs6JaUe1gKoBiEyQtM",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_",
        "Zz09Yy18Xx27Ww36Vv45Uu54Tt63Ss72Rr81Qq90Pp0",
    )
]
TEXTS = [
    SIGNOFF_URLS[0],
    "Bekwaamverklaring — één",
    "Praktijkverklaring: taken uitgevoerd bij het leerbedrijf, onder indirect toezicht (niveau 3).",
    SIGNOFF_URLS[1],
    "EPA 4 · Medicatie toedienen — zelfstandig ✓ 🎓",
    SIGNOFF_URLS[2],
    "hello",
    SIGNOFF_URLS[3],
]


def byte_capacity(version, level):
    """Bytes that fit in byte mode at this version and level."""
    bits = util.BIT_LIMIT_TABLE[LEVELS[level]][version]
    count_bits = util.length_in_bits(util.MODE_8BIT_BYTE, version)
    return (bits - 4 - count_bits) // 8


def fit_text(text, limit):
    """The longest prefix of `text` (whole characters) of at most `limit` UTF-8 bytes."""
    out = ""
    for ch in text:
        if len((out + ch).encode()) > limit:
            break
        out += ch
    return out


def text_for(version, level, index):
    """A text that fills much of the symbol: small symbols get one of TEXTS
    (cut to fit), larger ones TEXTS joined until near capacity."""
    capacity = byte_capacity(version, level)
    base = TEXTS[index % len(TEXTS)]
    if version < 10:
        return fit_text(base, capacity)
    joined = " | ".join(TEXTS[(index + k) % len(TEXTS)] for k in range(200))
    # Leave a varying gap so that padding codewords appear too.
    return fit_text(joined, capacity - (index * 7) % 23)


def hex_rows(matrix):
    rows = []
    for row in matrix:
        bits = "".join("1" if m else "0" for m in row)
        bits += "0" * (-len(bits) % 4)
        rows.append("".join("%x" % int(bits[i : i + 4], 2) for i in range(0, len(bits), 4)))
    return rows


def make_symbol(text, version, level, mask, force_byte):
    qr = qrcode.QRCode(version=version, error_correction=LEVELS[level], mask_pattern=mask, border=0)
    if force_byte:
        data = util.QRData(text.encode("utf-8"), mode=util.MODE_8BIT_BYTE)
    else:
        data = util.QRData(text)
    qr.add_data(data, optimize=0)
    qr.make(fit=False)
    return qr, data


def matrix_case(name, text, version, level, mask, force_byte=True):
    qr, data = make_symbol(text, version, level, mask, force_byte)
    matrix = qr.get_matrix()
    assert len(matrix) == 4 * version + 17
    size = len(matrix)
    return {
        "name": name,
        "text": text,
        "mode": MODE_NAMES[data.mode],
        "version": version,
        "level": level,
        "mask": mask,
        "rows": hex_rows(matrix),
        "penalty": [
            util._lost_point_level1(matrix, size),
            util._lost_point_level2(matrix, size),
            util._lost_point_level3(matrix, size),
            util._lost_point_level4(matrix, size),
        ],
    }


def matrix_cases():
    cases = []
    index = 0
    # Every level with every mask, for the smallest version and the first
    # with version information.
    for version in (1, 7):
        for level in "LMQH":
            for mask in range(8):
                text = text_for(version, level, index)
                cases.append(matrix_case(f"v{version}-{level}-mask{mask}", text, version, level, mask))
                index += 1
    # Two masks per level for the other versions named in the brief; across
    # the levels each of these versions sees all eight masks.
    for version in (2, 5, 10, 20, 40):
        for level_index, level in enumerate("LMQH"):
            for k in range(2):
                mask = (2 * level_index + k + version) % 8
                text = text_for(version, level, index)
                cases.append(matrix_case(f"v{version}-{level}-mask{mask}", text, version, level, mask))
                index += 1
    # Every version once, levels and masks rotating: alignment positions,
    # version information and block structure of all forty.
    for version in range(1, 41):
        level = "LMQH"[version % 4]
        mask = (version * 3) % 8
        text = text_for(version, level, index)
        cases.append(matrix_case(f"every-version-v{version}-{level}-mask{mask}", text, version, level, mask))
        index += 1
    # The texts named in the brief at their own smallest versions.
    cases.append(matrix_case("utf8-v2-L", "Bekwaamverklaring — één", 2, "L", 3))
    cases.append(matrix_case("utf8-v4-H", "Bekwaamverklaring — één", 4, "H", 6))
    for level_index, (level, version) in enumerate((("L", 4), ("M", 5), ("Q", 7), ("H", 8))):
        url = SIGNOFF_URLS[level_index]
        cases.append(matrix_case(f"signoff-v{version}-{level}", url, version, level, (level_index * 5) % 8))
        cases.append(matrix_case(f"empty-v1-{level}", "", 1, level, (level_index * 3 + 1) % 8))
    # Numeric and alphanumeric texts in qrcode's own single-mode choice,
    # with groups cut short at the end and count widths of all three sizes.
    digits = "".join(str((i * 7 + 3) % 10) for i in range(8000))
    alnum_chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    alnum = "".join(alnum_chars[(i * 11 + 5) % 45] for i in range(5000))
    for name, text, version, level, mask in (
        ("numeric-v1-M-len13", digits[:13], 1, "M", 2),
        ("numeric-v1-H-len17", digits[:17], 1, "H", 5),
        ("numeric-v10-Q-len300", digits[:300], 10, "Q", 1),
        ("numeric-v27-L", digits[:2000], 27, "L", 7),
        ("numeric-v40-L-full", digits[:7089], 40, "L", 4),
        ("alphanumeric-v1-L-hello", "HELLO WORLD", 1, "L", 0),
        ("alphanumeric-v2-H-odd", alnum[:15], 2, "H", 3),
        ("alphanumeric-v20-M", alnum[:600], 20, "M", 6),
        ("alphanumeric-v40-Q-full", alnum[:2420], 40, "Q", 1),
        ("alphanumeric-url-v7-Q", "HTTPS://ERKEND.EXAMPLE.NL/SIGNOFF/ABC-123", 7, "Q", 5),
    ):
        cases.append(matrix_case(name, text, version, level, mask, force_byte=False))
    return cases


def best_fit(text, level, force_byte):
    qr = qrcode.QRCode(error_correction=LEVELS[level], border=0)
    if force_byte:
        data = util.QRData(text.encode("utf-8"), mode=util.MODE_8BIT_BYTE)
    else:
        data = util.QRData(text)
    qr.add_data(data, optimize=0)
    # make(fit=True) starts with exactly this search; calling it alone skips
    # building the symbol and scoring its masks.
    # Past version 40 qrcode raises DataOverflowError, or ValueError when its
    # setter rejects version 41 first; either means the text does not fit.
    try:
        version = qr.best_fit()
    except (qrcode.exceptions.DataOverflowError, ValueError):
        return None, MODE_NAMES[data.mode]
    return version, MODE_NAMES[data.mode]


def max_count(mode, level, version=40):
    """The longest input in `mode` that fits qrcode's bit limit at `version`."""
    bits = util.BIT_LIMIT_TABLE[LEVELS[level]][version]
    available = bits - 4 - util.length_in_bits(mode, version)
    if mode == util.MODE_8BIT_BYTE:
        return available // 8
    if mode == util.MODE_ALPHA_NUM:
        return available // 11 * 2 + (1 if available % 11 >= 6 else 0)
    count = available // 10 * 3
    rest = available % 10
    return count + (2 if rest >= 7 else 1 if rest >= 4 else 0)


def fit_case(level, text=None, fill=None, count=None, force_byte=False):
    if text is None:
        text = fill * count
    version, mode = best_fit(text, level, force_byte)
    case = {"level": level, "byteMode": force_byte, "mode": mode, "version": version}
    if fill is None:
        case["text"] = text
    else:
        case["fill"] = fill
        case["count"] = count
    if version is None:
        modes = {"numeric": util.MODE_NUMBER, "alphanumeric": util.MODE_ALPHA_NUM, "byte": util.MODE_8BIT_BYTE}
        case["maximum"] = max_count(modes[mode], level)
    return case


def fit_cases():
    cases = []
    for level in "LMQH":
        for text in TEXTS + SIGNOFF_URLS + ["", "0", "12345678901234567890", "ERKEND-2025/04"]:
            cases.append(fit_case(level, text=text))
            cases.append(fit_case(level, text=text, force_byte=True))
        # Byte capacity of every version: the longest that fits and one more.
        for version in range(1, 41):
            capacity = byte_capacity(version, level)
            for count in (capacity, capacity + 1):
                cases.append(fit_case(level, fill="x", count=count))
        # Two-byte characters, numeric and alphanumeric around the versions
        # where the count field grows (9/10 and 26/27) and at the top.
        for fill, mode in (("é", util.MODE_8BIT_BYTE), ("7", util.MODE_NUMBER), ("K", util.MODE_ALPHA_NUM)):
            for version in (1, 9, 10, 26, 27, 39, 40):
                limit = max_count(mode, level, version) // len(fill.encode())
                for count in (limit, limit + 1):
                    cases.append(fit_case(level, fill=fill, count=count))
    return cases


def block_table():
    table = []
    for version in range(1, 41):
        for level in "LMQH":
            blocks = rs_blocks(version, LEVELS[level])
            table.append({
                "version": version,
                "level": level,
                "blocks": [[b.data_count, b.total_count] for b in blocks],
            })
    return table


def write(name, value, case_per_line=False):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as out:
        if case_per_line:
            lines = [json.dumps(case, ensure_ascii=False) for case in value["cases"]]
            out.write('{"reference": %s, "cases": [\n' % json.dumps(value["reference"]))
            out.write(",\n".join(lines))
            out.write("\n]}\n")
        else:
            json.dump(value, out, ensure_ascii=False, indent=1)
            out.write("\n")
    print(f"wrote {path}", file=sys.stderr)


def main():
    version = getattr(qrcode, "__version__", None)
    try:
        from importlib.metadata import version as dist_version
        version = dist_version("qrcode")
    except Exception:
        pass
    if version != "8.0":
        sys.exit(f"needs qrcode 8.0, found {version}")
    write("matrices.json", {"reference": "qrcode 8.0", "cases": matrix_cases()})
    write("fits.json", {"reference": "qrcode 8.0", "cases": fit_cases()}, case_per_line=True)
    write("blocks.json", {"reference": "qrcode 8.0", "cases": block_table()}, case_per_line=True)


if __name__ == "__main__":
    main()
