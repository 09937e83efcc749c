"""Doxygen over sqp.h with warnings as errors (issue 9): every public C symbol is documented.

usage: doxygen_check.py DOXYGEN DOXYFILE WORK_DIR HEADER...
Runs the project's Doxyfile narrowed to the C headers (sqp.h and the sqp_version.h it includes,
which CMake generates into the build tree) with WARN_AS_ERROR = FAIL_ON_WARNINGS (every warning
listed, then a failing exit), then reads the XML output: Doxygen says nothing about the members
of a file that is itself undocumented, so each function, macro, enum, enumerator, typedef,
struct and struct field of each header is checked to carry a description.
Exit 77 (skipped) only when doxygen is not installed; .ci/install-deps.sh installs it.
"""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET


def described(element) -> bool:
    text = ""
    for tag in ("briefdescription", "detaileddescription"):
        node = element.find(tag)
        if node is not None:
            text += "".join(node.itertext())
    return bool(text.strip())


def main() -> int:
    doxygen, doxyfile, work = sys.argv[1:4]
    headers = sys.argv[4:]
    if not doxygen or not shutil.which(doxygen):
        print("doxygen is not installed (Debian: doxygen); skipping")
        return 77
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    config = os.path.join(work, "Doxyfile")
    log = os.path.join(work, "warnings.log")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"@INCLUDE = {doxyfile}\nINPUT = {' '.join(headers)}\nOUTPUT_DIRECTORY = {work}\n"
                f"GENERATE_HTML = NO\nGENERATE_XML = YES\nEXTRACT_ALL = NO\n"
                f"WARN_IF_UNDOCUMENTED = YES\nWARN_AS_ERROR = FAIL_ON_WARNINGS\n"
                f"WARN_LOGFILE = {log}\n")
    done = subprocess.run([doxygen, config], capture_output=True, text=True)
    warnings = open(log, encoding="utf-8").read() if os.path.exists(log) else ""
    if done.returncode != 0 or warnings.strip():
        print(f"doxygen on {' '.join(headers)}: exit {done.returncode}\n{warnings}{done.stderr}")
        return 1

    public, undocumented, seen = set(), [], set()
    for header in headers:
        with open(header, encoding="utf-8") as f:
            source = f.read()
        public |= set(re.findall(r"SQP_API[^;(]*?\b(sqp_\w+)\s*\(", source))
        public |= set(re.findall(r"typedef (?:enum|struct) (sqp_\w+)", source))
        guard = set(re.findall(r"^#ifndef (\w+)\s*\n#define \1\b", source, re.M))
        public |= set(re.findall(r"#define (SQP_\w+)", source)) - guard
        public |= set(re.findall(r"^\s*(SQP_[A-Z0-9_]+)\s*=", source, re.M))  # enumerators

        # Doxygen's file names escape "_" as "__" and "." as "_8".
        escaped = os.path.basename(header).replace("_", "__").replace(".", "_8")
        file_xml = os.path.join(work, "xml", escaped + ".xml")
        if not os.path.exists(file_xml):
            print(f"doxygen wrote no {file_xml}")
            return 1
        compound = ET.parse(file_xml).getroot().find("compounddef")
        if not described(compound):
            undocumented.append(f"the file {os.path.basename(header)} (a /** @file */ comment)")
        for member in compound.iter("memberdef"):
            name = member.findtext("name")
            seen.add(name)
            if not described(member):
                undocumented.append(f"{member.get('kind')} {name}")
            for value in member.iter("enumvalue"):
                seen.add(value.findtext("name"))
                if not described(value):
                    undocumented.append(f"enumerator {value.findtext('name')}")
    for path in os.listdir(os.path.join(work, "xml")):
        if not path.startswith("struct"):
            continue
        struct = ET.parse(os.path.join(work, "xml", path)).getroot().find("compounddef")
        name = struct.findtext("compoundname")
        seen.add(name)
        if not described(struct):
            undocumented.append(f"struct {name}")
        for field in struct.iter("memberdef"):
            if not described(field):
                undocumented.append(f"field {name}.{field.findtext('name')}")
    missing = sorted(public - seen)
    if len(public) < 20:
        print(f"found only {len(public)} public names in {' '.join(headers)}")
        return 1
    if missing or undocumented:
        print("not in the API reference: " + ", ".join(missing) if missing else "", end="")
        print("\nundocumented: " + ", ".join(undocumented) if undocumented else "")
        return 1
    names = " and ".join(os.path.basename(h) for h in headers)
    print(f"doxygen: {names} have no warnings; {len(public)} public names, all documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
