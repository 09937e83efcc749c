"""Doxygen over sqp.h with warnings as errors (issue 9): every public C symbol is documented.

usage: doxygen_check.py DOXYGEN DOXYFILE HEADER WORK_DIR
Runs the project's Doxyfile narrowed to sqp.h with WARN_AS_ERROR = FAIL_ON_WARNINGS (every
warning listed, then a failing exit), then reads the XML output: Doxygen says nothing about the
members of a file that is itself undocumented, so each function, macro, enum, enumerator,
typedef, struct and struct field of sqp.h is checked to carry a description.
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
    doxygen, doxyfile, header, work = sys.argv[1:5]
    if not doxygen or not shutil.which(doxygen):
        print("doxygen is not installed (Debian: doxygen); skipping")
        return 77
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    config = os.path.join(work, "Doxyfile")
    log = os.path.join(work, "warnings.log")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"@INCLUDE = {doxyfile}\nINPUT = {header}\nOUTPUT_DIRECTORY = {work}\n"
                f"GENERATE_HTML = NO\nGENERATE_XML = YES\nEXTRACT_ALL = NO\n"
                f"WARN_IF_UNDOCUMENTED = YES\nWARN_AS_ERROR = FAIL_ON_WARNINGS\n"
                f"WARN_LOGFILE = {log}\n")
    done = subprocess.run([doxygen, config], capture_output=True, text=True)
    warnings = open(log, encoding="utf-8").read() if os.path.exists(log) else ""
    if done.returncode != 0 or warnings.strip():
        print(f"doxygen on {header}: exit {done.returncode}\n{warnings}{done.stderr}")
        return 1

    with open(header, encoding="utf-8") as f:
        source = f.read()
    public = set(re.findall(r"SQP_API[^;(]*?\b(sqp_\w+)\s*\(", source))
    public |= set(re.findall(r"typedef (?:enum|struct) (sqp_\w+)", source))
    public |= set(re.findall(r"#define (SQP_\w+)", source)) - {"SQP_H"}
    public |= set(re.findall(r"^\s*(SQP_[A-Z0-9_]+)\s*=", source, re.M))  # enumerators

    undocumented, seen = [], set()
    file_xml = os.path.join(work, "xml", os.path.basename(header).replace(".", "_8") + ".xml")
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
        print(f"found only {len(public)} public names in {header}")
        return 1
    if missing or undocumented:
        print("not in the API reference: " + ", ".join(missing) if missing else "", end="")
        print("\nundocumented: " + ", ".join(undocumented) if undocumented else "")
        return 1
    print(f"doxygen: {os.path.basename(header)} has no warnings; {len(public)} public names, "
          f"all documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
