"""The documentation hangs together (issue 9): docs/index.md links every guide in docs/, and every
relative link in README.md and docs/*.md points at a file that exists.

Environment: SQP_SOURCE_DIR.
"""
import os
import re
import unittest

SOURCE = os.environ.get("SQP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DOCS = os.path.join(SOURCE, "docs")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


class DocsIndex(unittest.TestCase):
    def test_index_links_every_guide(self):
        with open(os.path.join(DOCS, "index.md"), encoding="utf-8") as f:
            targets = {t.split("#")[0] for t in LINK.findall(f.read())}
        guides = sorted(n for n in os.listdir(DOCS) if n.endswith(".md") and n != "index.md")
        self.assertGreaterEqual(len(guides), 8)
        self.assertEqual([g for g in guides if g not in targets], [])

    def test_relative_links_resolve(self):
        pages = [os.path.join(SOURCE, "README.md")]
        pages += [os.path.join(DOCS, n) for n in os.listdir(DOCS) if n.endswith(".md")]
        broken = []
        for page in pages:
            with open(page, encoding="utf-8") as f:
                text = f.read()
            for target in LINK.findall(text):
                if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                    continue
                path = os.path.normpath(os.path.join(os.path.dirname(page), target.split("#")[0]))
                if not os.path.exists(path):
                    broken.append(f"{os.path.relpath(page, SOURCE)}: {target}")
        self.assertEqual(broken, [])


if __name__ == "__main__":
    unittest.main()
