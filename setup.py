"""Ship `resources/` (font, seed, translations) and the offline guides inside the package.

The project keeps `resources/` and `docs/` at the top level (PyInstaller's build.spec and
the source checkout read them there). A wheel or a non-editable `pip install .` only
carries packages, so `build_py` copies them into `desktop_app/_resources` and
`desktop_app/_docs` of the build; `desktop_app/resources.py` and the Help menu look there
when installed. Everything else is configured in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: What the program reads at run time from docs/ (Help → User guide, the rules).
DOCS = ("user-guide.zh.md", "user-guide.en.md", "rules.md")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout itself
            return
        target = Path(self.build_lib) / "desktop_app"
        shutil.copytree(
            ROOT / "resources",
            target / "_resources",
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("*.ts", "__pycache__"),
        )
        docs = target / "_docs"
        docs.mkdir(parents=True, exist_ok=True)
        for name in DOCS:
            if (ROOT / "docs" / name).is_file():
                shutil.copy2(ROOT / "docs" / name, docs / name)
        if (ROOT / "docs" / "images").is_dir():
            shutil.copytree(ROOT / "docs" / "images", docs / "images", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
