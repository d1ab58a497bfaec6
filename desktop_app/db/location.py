"""Where SQLite is unsafe: network shares and cloud-synced folders.

SQLite's file locking and its WAL shared memory do not work reliably over SMB/NFS,
and sync clients (OneDrive, Dropbox, …) copy a database file half-written between
other machines. We do not refuse such a place (it may be all an office has), but the
window shows a warning that points to the PostgreSQL set-up.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

from desktop_app.i18n import register, t

register(
    {
        "{path} is on {kind}. SQLite's file locking and WAL are not reliable there, so "
        "two PCs or the sync client can damage the database. Keep it on a local disk, or "
        "ask IT for the shared PostgreSQL set-up (see the installation guide).":
            "{path} 位于{kind}。SQLite 的文件锁和 WAL 在那里并不可靠,两台电脑同时使用或同步"
            "客户端都可能损坏数据库。请把数据库放在本机磁盘上,或请信息科按安装指南配置共享的 "
            "PostgreSQL 数据库。",
        "a network share": "网络共享文件夹",
        "It is opened with a rollback journal (journal_mode=DELETE) instead of WAL: "
        "slower, but safe for one PC at a time.":
            "因此以回滚日志(journal_mode=DELETE)而非 WAL 方式打开:速度较慢,但同一时间只有一台"
            "电脑使用时是安全的。",
        "a folder synced by {name}": "由 {name} 同步的文件夹",
    }
)

#: Folder names used by sync clients (matched case-insensitively against path parts).
SYNC_FOLDERS: dict[str, str] = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud",
    "iclouddrive": "iCloud",
    "mobile documents": "iCloud",
    "nutstore": "坚果云 (Nutstore)",
    "我的坚果云": "坚果云 (Nutstore)",
    "baidunetdisk": "百度网盘",
    "百度网盘": "百度网盘",
    "wps云盘": "WPS 云盘",
}
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "9p", "afs", "fuse.sshfs", "davfs"}


def _is_unc(text: str) -> bool:
    if text.upper().startswith("\\\\?\\UNC\\"):  # the long-path form of \\server\share
        return True
    return text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\"))


def _sync_client(text: str) -> str | None:
    parts = PureWindowsPath(text).parts if "\\" in text else Path(text).parts
    for part in parts:
        low = part.lower()
        for needle, name in SYNC_FOLDERS.items():
            # "OneDrive - Siming Gov" is how business OneDrive names its folder.
            if low == needle or low.startswith(needle + " -") or low.startswith(needle + "-"):
                return name
    return None


def _mount_fs_type(path: Path) -> str | None:
    """The file system type of the mount holding `path` (Linux /proc/mounts only)."""
    try:
        lines = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = str(path.resolve())
    best, best_type = "", None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount = fields[1].replace("\\040", " ")
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) > len(best):
            best, best_type = mount, fields[2]
    return best_type


def _windows_remote_drive(text: str) -> bool:
    if sys.platform != "win32":
        return False
    import ctypes

    drive = PureWindowsPath(text).drive
    if not drive or _is_unc(drive):
        return False
    drive_remote = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote


def on_network_share(path: str | os.PathLike[str]) -> bool:
    """A UNC path, a mapped network drive (Windows) or an NFS/SMB mount (Linux)."""
    text = os.fspath(path)
    if _is_unc(text) or _windows_remote_drive(text):
        return True
    if sys.platform.startswith("linux"):
        return _mount_fs_type(Path(text).parent) in NETWORK_FS
    return False


def journal_mode(path: str | os.PathLike[str]) -> str:
    """WAL on a local disk; DELETE (a rollback journal) on a network share.

    WAL keeps its index in shared memory (`-shm`), which PCs reading one file over SMB do
    not share: they read stale pages or "malformed". A rollback journal only needs the
    file locks, which the share provides."""
    return "DELETE" if on_network_share(path) else "WAL"


def location_kind(path: str | os.PathLike[str]) -> str | None:
    """'a network share' / 'a folder synced by X' when the place is unsafe, else None."""
    text = os.fspath(path)
    if _is_unc(text) or _windows_remote_drive(text):
        return t("a network share")
    name = _sync_client(text)
    if name:
        return t("a folder synced by {name}", name=name)
    if on_network_share(text):
        return t("a network share")
    return None


def location_warnings(path: str | os.PathLike[str]) -> list[str]:
    kind = location_kind(path)
    if kind is None:
        return []
    text = t(
        "{path} is on {kind}. SQLite's file locking and WAL are not reliable there, so "
        "two PCs or the sync client can damage the database. Keep it on a local disk, or "
        "ask IT for the shared PostgreSQL set-up (see the installation guide).",
        path=os.fspath(path),
        kind=kind,
    )
    if journal_mode(path) == "DELETE":
        text += " " + t(
            "It is opened with a rollback journal (journal_mode=DELETE) instead of WAL: "
            "slower, but safe for one PC at a time."
        )
    return [text]
