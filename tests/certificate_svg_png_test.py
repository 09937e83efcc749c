"""The SVG timeline as people see it (issue 19, item 7): `sqp certificate FILE --format svg` for
bundled examples, rasterised by rsvg-convert (Debian: librsvg2-bin) with the fonts
.ci/install-deps.sh installs (fonts-noto-cjk), compared with the reference PNGs in tests/data.

The comparison is tolerant by design: a PNG is decoded here (zlib + the five PNG filters, no
imaging library), both images are cut into 4x4-pixel blocks, and a block differs when the mean of
a channel moves by more than BLOCK_TOLERANCE of 255. At most MAX_DIFFERING_BLOCKS of the blocks
may differ, which absorbs anti-aliasing and hinting changes between rasteriser versions but not a
moved, missing or recoloured label, marker or legend key: the test checks that the comparison
rejects the same timeline without its legend, and with one label moved down by one line.

    python3 tests/certificate_svg_png_test.py build/src/cli/sqp            # the test
    python3 tests/certificate_svg_png_test.py build/src/cli/sqp --update   # new references

On a mismatch the rendered PNG and a difference image (differing blocks in red) are written
next to the build's working directory (SQP_PNG_OUT, default: the current directory).
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

SRC = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
EXAMPLES = ("certificate-valid", "certificate-revoked")
BLOCK = 4
BLOCK_TOLERANCE = 40
MAX_DIFFERING_BLOCKS = 0.003  # of all blocks


def decode_png(data):
    """(width, height, rows): rows of RGBA bytes, from an 8-bit, non-interlaced RGB/RGBA PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]:
            raise ValueError(f"bad CRC in {kind!r}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    bpp = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        elif kind != 0:
            raise ValueError(f"bad filter {kind} on row {y}")
        rows.append(bytes(line) if bpp == 4 else
                    b"".join(bytes(line[i:i + 3]) + b"\xff" for i in range(0, stride, 3)))
        previous = line
    return width, height, rows


def encode_png(width, height, rows):
    """An RGBA PNG (filter 0) of `rows`, for the difference image."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + bytes(r) for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def block_means(width, height, rows):
    """Per 4x4 block, the mean of each channel (RGBA composited on white, so alpha drops out)."""
    means = {}
    for by in range(0, height, BLOCK):
        for bx in range(0, width, BLOCK):
            sums, n = [0, 0, 0], 0
            for y in range(by, min(by + BLOCK, height)):
                row = rows[y]
                for x in range(bx, min(bx + BLOCK, width)):
                    r, g, b, a = row[4 * x:4 * x + 4]
                    sums[0] += (r * a + 255 * (255 - a)) // 255
                    sums[1] += (g * a + 255 * (255 - a)) // 255
                    sums[2] += (b * a + 255 * (255 - a)) // 255
                    n += 1
            means[(bx, by)] = tuple(s / n for s in sums)
    return means


def compare(actual, reference):
    """(share of differing blocks, the differing blocks) of two decoded images."""
    if actual[:2] != reference[:2]:
        return 1.0, None
    a, b = block_means(*actual), block_means(*reference)
    differing = [k for k in a if max(abs(x - y) for x, y in zip(a[k], b[k])) > BLOCK_TOLERANCE]
    return len(differing) / len(a), differing


def rasterise(svg):
    proc = subprocess.run(["rsvg-convert", "--format", "png"], input=svg, capture_output=True,
                          check=True)
    return proc.stdout


def diff_image(actual, differing):
    width, height, rows = actual
    rows = [bytearray(r) for r in rows]
    for bx, by in differing:
        for y in range(by, min(by + BLOCK, height)):
            for x in range(bx, min(bx + BLOCK, width)):
                rows[y][4 * x:4 * x + 4] = b"\xff\x00\x00\xff"
    return encode_png(width, height, rows)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cli, update = argv[1], "--update" in argv[2:]
    if shutil.which("rsvg-convert") is None:
        print("rsvg-convert is not installed (Debian: librsvg2-bin)")
        return 1 if os.environ.get("CI") else 77
    out_dir = os.environ.get("SQP_PNG_OUT", ".")
    failures = 0
    for name in EXAMPLES:
        svg = subprocess.run([cli, "certificate", os.path.join(SRC, "docs", "examples", name + ".json"),
                              "--format", "svg"], capture_output=True, check=True).stdout
        png = rasterise(svg)
        reference_path = os.path.join(SRC, "tests", "data", name + ".svg.png")
        if update:
            with open(reference_path, "wb") as f:
                f.write(png)
            print(f"wrote {reference_path}")
            continue
        with open(reference_path, "rb") as f:
            reference = decode_png(f.read())
        actual = decode_png(png)
        share, differing = compare(actual, reference)
        ok = share <= MAX_DIFFERING_BLOCKS
        print(f"{name}: {actual[0]}x{actual[1]}, {share:.4%} of {BLOCK}x{BLOCK} blocks differ "
              f"(at most {MAX_DIFFERING_BLOCKS:.2%}): {'ok' if ok else 'DIFFERENT'}")
        if not ok:
            failures += 1
            with open(os.path.join(out_dir, name + ".actual.png"), "wb") as f:
                f.write(png)
            if differing is not None:
                with open(os.path.join(out_dir, name + ".diff.png"), "wb") as f:
                    f.write(diff_image(actual, differing))
            print(f"  wrote {name}.actual.png and {name}.diff.png in {os.path.abspath(out_dir)}")
            continue
        if name == "certificate-valid":
            # The comparison sees what a reader would miss: the legend gone, one label moved.
            text = svg.decode("utf-8")
            no_legend = re.sub(r'<g class="legend">.*?</svg>', "</svg>", text, flags=re.S)
            for what, mutated in (("without its legend", no_legend),
                                  ("with a supervision label one line lower", _lower_first_label(text))):
                assert mutated != text, what
                share, _ = compare(decode_png(rasterise(mutated.encode("utf-8"))), reference)
                print(f"  {what}: {share:.4%} of blocks differ")
                if share <= MAX_DIFFERING_BLOCKS:
                    print(f"  the comparison does not see the timeline {what}")
                    failures += 1
    return 1 if failures else 0


def _lower_first_label(svg):
    """The SVG with the first supervision label's three lines 13 px lower."""
    match = re.search(r'<text class="label" data-kind="supervision".*?</text>', svg, flags=re.S)
    lowered = re.sub(r'y="([0-9.]+)"', lambda m: f'y="{float(m.group(1)) + 13:g}"', match.group(0))
    return svg[:match.start()] + lowered + svg[match.end():]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
