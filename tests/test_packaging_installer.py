"""The Windows installer script and workflow, checked on Linux (issue 27: the script named
a ChineseSimplified.isl Inno Setup 6 does not ship, ignored the self-test's exit status,
left old libraries in _internal, had no icon; the workflow set PYTHONUTF8, kept no
self-test output and uploaded no zipped folder). Neither can run here, so every part that
can be read is: the files the script names, its messages, and the workflow's YAML."""

from __future__ import annotations

import ast
import re
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ISS = PACKAGING / "key-projects.iss"
ISL = PACKAGING / "ChineseSimplified.isl"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
#: Messages every Default.isl defines in English ([CustomMessages] there).
DEFAULT_CUSTOM = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram"}


def read(path: Path) -> str:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{path.name}: Inno Setup reads UTF-8 only with a BOM"
    return data[3:].decode("utf-8")


def sections(text: str) -> dict[str, list[str]]:
    """[Section] -> its lines, without comments and preprocessor lines."""
    out: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            current = m.group(1)
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(line)
    return out


def defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', text, re.M))


def expand(value: str, names: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: names[m.group(1)], value)


def built_programs() -> set[str]:
    """The programs build.spec makes: `_exe(NAME...)` and `_exe(f"{NAME}-cli"...)`."""
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    name = re.search(r'^NAME = "([^"]+)"', spec, re.M)
    assert name
    out = set()
    for node in ast.walk(ast.parse(spec)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_exe":
            arg = ast.unparse(node.args[0])
            out.add(
                (name.group(1) if arg == "NAME" else arg[2:-1].replace("{NAME}", name.group(1)))
                + ".exe"
            )
    return out


def named_files(text: str) -> list[str]:
    """Every file the script reads when it compiles: Source:, *File= and MessagesFile:."""
    names = defines(text)
    out: list[str] = []
    for section, lines in sections(text).items():
        for line in lines:
            for m in re.finditer(r'(Source|MessagesFile):\s*"([^"]+)"', line):
                out += [p for p in m.group(2).split(",") if not p.startswith("compiler:")]
            m = re.match(r"(\w+File)=(.+)$", line)
            if section == "Setup" and m:
                out.append(m.group(2).strip())
    return [expand(p, names) for p in out]


def test_every_file_the_script_names_exists_or_is_built() -> None:
    text = read(ISS)
    files = named_files(text)
    assert "ChineseSimplified.isl" in files and r"..\resources\icons\app.ico" in files
    programs = built_programs()
    assert programs == {"key-projects.exe", "key-projects-cli.exe"}
    for name in files:
        parts = PureWindowsPath(name).parts
        if parts[:3] == ("..", "dist", "key-projects"):  # made by build.spec
            assert parts[3:] in (("*",), ("_internal",)) or parts[3] in programs, name
            continue
        assert (PACKAGING / Path(*parts)).resolve().is_file(), name
    # The programs it starts or shows are the ones the build makes.
    names = defines(text)
    started = {
        PureWindowsPath(expand(p, names)).name for p in re.findall(r"\{app\}\\([^\"'\s;]+)", text)
    }
    assert {n for n in started if n.endswith(".exe")} == programs


def test_per_user_upgrade_clean_data_kept_icon_and_version() -> None:
    text = read(ISS)
    parts = sections(text)
    setup = dict(line.split("=", 1) for line in parts["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["SetupIconFile"] == r"..\resources\icons\app.ico"
    assert setup["VersionInfoVersion"] == "{#AppVersion}"
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in parts["InstallDelete"]
    # Uninstalling keeps the data: nothing is deleted outside the install folder.
    for section in ("InstallDelete", "UninstallDelete"):
        for line in parts.get(section, []):
            assert re.search(r'Name: "\{app\}\\', line), line
    assert "compiler:Languages\\ChineseSimplified.isl" not in text


def test_the_self_test_failure_is_shown() -> None:
    code = "\n".join(sections(read(ISS))["Code"])
    assert "key-projects-cli.exe" in read(ISS) and "--selftest" in code
    assert "ewWaitUntilTerminated" in code and "ResultCode <> 0" in code
    assert code.count("MsgBox(") == 2  # could not start; failed with its exit status
    assert "{#CliExe}" in code and "--selftest" not in "\n".join(sections(read(ISS))["Run"])


def test_every_message_is_defined_in_both_languages() -> None:
    text, isl = read(ISS), read(ISL)
    used = set(re.findall(r"\{cm:(\w+)", text)) | set(re.findall(r"CustomMessage\('(\w+)'\)", text))
    assert {"SelfTestFailed", "SelfTestNotRun", "CreateDesktopIcon"} <= used
    iss_custom = sections(text)["CustomMessages"]
    english = {
        line.split("=")[0].split(".", 1)[1] for line in iss_custom if line.startswith("english.")
    }
    isl_parts = sections(isl)
    chinese = {line.split("=")[0] for line in isl_parts["CustomMessages"]}
    assert used - english - DEFAULT_CUSTOM == set()
    assert used - chinese == set()
    options = dict(line.split("=", 1) for line in isl_parts["LangOptions"])
    assert options["LanguageID"] == "$0804" and options["LanguageName"] == "简体中文"
    messages = dict(line.split("=", 1) for line in isl_parts["Messages"])
    assert messages["ButtonNext"] == "下一步(&N) >" and len(messages) > 30
    # A placeholder the English text has is kept in the Chinese one.
    assert "%1" in messages["SetupWindowTitle"] and "%1" in messages["ConfirmUninstall"]


def test_the_icon_is_a_windows_icon_with_large_and_small_images() -> None:
    data = (ROOT / "resources" / "icons" / "app.ico").read_bytes()
    assert data[:4] == b"\x00\x00\x01\x00"
    count = int.from_bytes(data[4:6], "little")
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_the_windows_workflow() -> None:
    yaml = pytest.importorskip("yaml")
    text = WORKFLOW.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    job = flow["jobs"]["build"]
    envs = [flow.get("env", {}), job.get("env", {})] + [s.get("env", {}) for s in job["steps"]]
    assert all("PYTHONUTF8" not in env and "PYTHONIOENCODING" not in env for env in envs)
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"
    assert job["runs-on"].startswith("windows")
    steps = job["steps"]
    assert steps and all("uses" in s or "run" in s for s in steps)
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "PYTHONUTF8" not in runs and "-X utf8" not in runs
    assert "pytest" in runs and "build.spec" in runs
    assert "key-projects-cli.exe --selftest" in runs and "Tee-Object" in runs
    assert "ISCC.exe" in runs and "packaging\\key-projects.iss" in runs
    assert "Compress-Archive" in runs
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    paths = "\n".join(s["with"]["path"] for s in uploads)
    assert "dist/installer/*.exe" in paths and "dist/installer/*.zip" in paths
    assert "dist/logs/" in paths
    assert any(s.get("if") == "always()" for s in uploads)  # the output, also on failure


def test_readme_names_the_console_program_for_windows() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "key-projects-cli.exe" in readme
