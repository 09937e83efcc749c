#!/usr/bin/env python3
"""What abidiff cannot see in sqp.h (issue 16, item 9): the values of its constants and the
spelled types of its structs' fields.

Every enum of sqp.h crosses the ABI as an int32_t or int, so abidiff never sees an enum's
values; a #define is not in the library at all; and abidiff takes int32_t -> uint32_t for a
harmless change. This script lists, one line each:

  value NAME VALUE        every enumerator of every enum and every integer #define SQP_* of
                          sqp.h, as the C compiler evaluates it (the version macros are not there:
                          sqp.h includes them from sqp_version.h, generated from CMake's version,
                          and they change with every release)
  field STRUCT.MEMBER TYPE every member of every struct, with its type as the header spells it

  constants.py HEADER_DIR                 print the list for HEADER_DIR/sqp.h
  constants.py HEADER_DIR BASELINE        exit 0 when every line of BASELINE is in the list
                                          (additions are fine), 1 naming each line that changed
                                          or went missing
  constants.py HEADER_DIR --update BASELINE   rewrite BASELINE

Names are found by reading the header; values are the compiler's (CC, default cc), so an
enumerator without an initializer or a macro written as an expression is still exact.
"""
import os
import re
import subprocess
import sys
import tempfile

# The version macros change with every release by design (they are in sqp_version.h, not read
# here, but a header under test may still define them); the include guard and export macro have
# no value.
NOT_CONSTANTS = {"SQP_H", "SQP_API", "SQP_VERSION_MAJOR", "SQP_VERSION_MINOR",
                 "SQP_VERSION_PATCH", "SQP_VERSION_STRING", "SQP_VERSION_NUMBER"}


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def names_and_fields(header):
    text = strip_comments(header)
    names = []
    for body in re.findall(r"\benum\b[^{;]*\{([^}]*)\}", text):
        for item in body.split(","):
            name = item.split("=")[0].strip()
            if name:
                names.append(name)
    for name, value in re.findall(r"^\s*#\s*define\s+(SQP_\w+)[ \t]+([^\n]+)$", text, flags=re.M):
        # A string or an initializer ({sizeof(...), 0}: the *_INIT macros) is not a number.
        if name not in NOT_CONSTANTS and not value.strip().startswith(('"', '{')):
            names.append(name)
    fields = []
    for struct, body in re.findall(r"\bstruct\s+(\w+)\s*\{([^}]*)\}", text):
        for declaration in body.split(";"):
            declaration = " ".join(declaration.split())
            if not declaration:
                continue
            match = re.match(r"^(.*?)\s*\b(\w+)\s*(\[[^\]]*\])?$", declaration)
            if not match:
                raise SystemExit(f"constants.py: cannot read the member '{declaration}' of {struct}")
            spelled = match.group(1).replace(" *", "*") + (match.group(3) or "")
            fields.append(f"field {struct}.{match.group(2)} {spelled}")
    return names, fields


def values(header_dir, names):
    cc = os.environ.get("CC", "cc")
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "constants.c")
        with open(source, "w") as f:
            f.write('#include <stdio.h>\n#include "sqp.h"\nint main(void) {\n')
            for name in names:
                f.write(f'  printf("value {name} %lld\\n", (long long)({name}));\n')
            f.write("  return 0;\n}\n")
        # sqp.h includes sqp_version.h, which CMake generates into the build tree, so the source
        # tree's capi/include (and a copy of sqp.h under test) has none: an empty stand-in after
        # HEADER_DIR lets sqp.h compile, and a real sqp_version.h beside sqp.h (an installed
        # prefix) is still the one found first. No constant listed depends on the version.
        with open(os.path.join(tmp, "sqp_version.h"), "w") as f:
            f.write("/* constants.py: the version macros are not constants */\n")
        program = os.path.join(tmp, "constants")
        subprocess.run([cc, "-std=c99", "-I", header_dir, "-I", tmp, source, "-o", program],
                       check=True)
        return subprocess.run([program], check=True, capture_output=True, text=True).stdout.splitlines()


def listing(header_dir):
    with open(os.path.join(header_dir, "sqp.h"), encoding="utf-8") as f:
        names, fields = names_and_fields(f.read())
    return values(header_dir, names) + fields


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    lines = listing(argv[1])
    if len(argv) == 2:
        print("\n".join(lines))
        return 0
    if argv[2] == "--update":
        with open(argv[3], "w") as f:
            f.write("\n".join(lines) + "\n")
        print(f"abi constants: baseline rewritten: {argv[3]}")
        return 0
    with open(argv[2]) as f:
        baseline = [line for line in f.read().splitlines() if line.strip()]
    current = set(lines)
    by_key = {line.rsplit(" ", 1)[0] if line.startswith("value") else " ".join(line.split()[:2]): line
              for line in lines}
    broken = []
    for line in baseline:
        if line in current:
            continue
        key = line.rsplit(" ", 1)[0] if line.startswith("value") else " ".join(line.split()[:2])
        now = by_key.get(key)
        broken.append(f"  {line}  ->  {now if now else 'missing'}")
    if broken:
        print(f"abi constants: {len(broken)} of the baseline's values and field types changed "
              f"(a value that never changes, or a field's type):", file=sys.stderr)
        print("\n".join(broken), file=sys.stderr)
        return 1
    print(f"abi constants: the {len(baseline)} values and field types of the baseline are kept")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
